/**
 * Error kinds. Library code throws these; only `cli/main.ts` catches them, prints them and picks
 * the exit code. Every kind means "no trustworthy result" (exit 2).
 */
export interface ErrorDetails {
  /** Most specific location first, e.g. `tickets.csv:14` or `thresholds[2].kpi`. */
  location?: string;
  hint?: string;
  cause?: unknown;
  /** Items listed under the message, one per line (the problems of a config file). */
  items?: string[];
}

export class TeamkpiError extends Error {
  readonly location?: string;
  readonly hint?: string;
  readonly items: string[];
  /** The message, then each item on a line of its own. */
  constructor(message: string, details: ErrorDetails = {}) {
    const items = details.items ?? [];
    super(items.length === 0 ? message : `${message}\n  ${items.join('\n  ')}`, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.location = details.location;
    this.hint = details.hint;
    this.items = items;
  }

  /** The message without its items. */
  get headline(): string {
    return this.items.length === 0 ? this.message : this.message.slice(0, this.message.indexOf('\n'));
  }
}

/** Bad command line: unknown flag, KPI id, group field, bad flag value. */
export class UsageError extends TeamkpiError {}
/** Bad or missing config file. */
export class ConfigError extends TeamkpiError {}
/** An input file that cannot be read or mapped (missing file or required column, `--strict` issue). */
export class InputError extends TeamkpiError {}
/** An output that cannot be written. */
export class OutputError extends TeamkpiError {}
