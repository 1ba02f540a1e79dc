import { InputError } from '../errors.js';
import type { IssueCode, Priority } from '../model/types.js';
import { parseTimestamp } from '../time/parse-timestamp.js';
import type { MapContext } from './preset.js';
import { cellText, normalizeHeader, parseBoolean, parseCount, parseNumber, parsePriority } from './values.js';

/**
 * Typed cell readers for one file, shared by every preset. Each reader takes the record and its
 * line; a bad value is reported as a row issue (file, line, column, value) and read as null.
 */
export class Columns {
  private readonly index = new Map<string, number>();
  readonly mapping: Record<string, string> = {};

  constructor(readonly header: string[], private readonly ctx: MapContext) {
    header.forEach((name, i) => {
      const key = normalizeHeader(name);
      // The first of duplicate header names wins; presets that need later ones use indexes.
      if (!this.index.has(key)) this.index.set(key, i);
    });
  }

  /** Index of the first header matching one of the names (normalised), or -1. */
  find(...names: string[]): number {
    for (const name of names) {
      const i = this.index.get(normalizeHeader(name));
      if (i !== undefined) return i;
    }
    return -1;
  }

  /** Like `find`, and records the mapping `field → header` for `inspect`. */
  bind(field: string, ...names: string[]): number {
    const i = this.find(...names);
    if (i >= 0) this.mapping[field] = this.header[i];
    return i;
  }

  /** Throw the "missing required column" error for a file of this kind. */
  missing(kind: string, column: string, alternatives = ''): never {
    throw new InputError(
      `${this.ctx.file}: missing required column "${column}"${alternatives} for ${kind}; headers found: ${this.header.map((h) => JSON.stringify(h)).join(', ')}`,
      { location: this.ctx.file, hint: `rename the column to "${column}", or force the kind with --tickets/--surveys if this file is not ${kind}` },
    );
  }

  issue(code: IssueCode, line: number, col: number, value: string | null, message: string): void {
    this.ctx.report({ code, file: this.ctx.file, line, column: col >= 0 ? this.header[col] : null, value, message });
  }

  text(record: string[], col: number): string | null {
    return col < 0 ? null : cellText(record[col]);
  }

  timestamp(record: string[], line: number, col: number): number | null | undefined {
    const text = this.text(record, col);
    if (text === null) return null;
    const ms = parseTimestamp(text, this.ctx.inputZone);
    if (Number.isNaN(ms)) {
      this.issue('INVALID_DATE', line, col, text, `invalid date "${text}"; expected ISO-8601 like 2026-11-16T09:30:00Z`);
      return undefined;
    }
    return ms;
  }

  count(record: string[], line: number, col: number): number | null {
    const text = this.text(record, col);
    if (text === null) return null;
    const n = parseCount(text);
    if (Number.isNaN(n)) {
      this.issue('INVALID_NUMBER', line, col, text, `invalid count "${text}"; expected a whole number ≥ 0`);
      return null;
    }
    return n;
  }

  number(record: string[], line: number, col: number): number | null {
    const text = this.text(record, col);
    if (text === null) return null;
    const n = parseNumber(text);
    if (Number.isNaN(n)) {
      this.issue('INVALID_NUMBER', line, col, text, `invalid number "${text}"`);
      return null;
    }
    return n;
  }

  /** A number that must lie in [min, max] (and be whole when `integer`); reported OUT_OF_RANGE otherwise. */
  score(record: string[], line: number, col: number, min: number, max: number, integer: boolean, what: string): number | null {
    const text = this.text(record, col);
    if (text === null) return null;
    const n = parseNumber(text);
    if (Number.isNaN(n)) {
      this.issue('INVALID_NUMBER', line, col, text, `invalid ${what} "${text}"; expected a number from ${min} to ${max}`);
      return null;
    }
    if (n < min || n > max || (integer && !Number.isInteger(n))) {
      this.issue('OUT_OF_RANGE', line, col, text, `${what} "${text}" is outside ${min}–${max}${integer ? ' (whole numbers)' : ''}`);
      return null;
    }
    return n;
  }

  boolean(record: string[], line: number, col: number): boolean | null {
    const text = this.text(record, col);
    if (text === null) return null;
    const b = parseBoolean(text);
    if (b === undefined) {
      this.issue('INVALID_BOOLEAN', line, col, text, `invalid yes/no value "${text}"; expected true/false, yes/no, y/n or 1/0`);
      return null;
    }
    return b;
  }

  priority(record: string[], line: number, col: number): Priority | null {
    const text = this.text(record, col);
    if (text === null) return null;
    const p = parsePriority(text);
    if (p === undefined) {
      this.issue('UNKNOWN_VALUE', line, col, text, `unknown priority "${text}"; expected low, normal, high or urgent`);
      return null;
    }
    return p;
  }
}
