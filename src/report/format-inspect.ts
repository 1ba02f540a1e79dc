import type { InputKind, IssueCode, RowIssue } from '../model/types.js';

/** What `teamkpi inspect` found out about one file. */
export interface FileInspection {
  file: string;
  kind: InputKind;
  source: string;
  sourceTitle: string | null;
  /** 0–1; 1 when forced with --source. */
  confidence: number;
  encoding: string;
  delimiter: string;
  headerRows: number;
  rows: { read: number; used: number; skipped: number; duplicate: number };
  tickets: number;
  surveys: number;
  dateFormats: Record<string, string>;
  /** Every header in file order with the canonical fields it feeds ([] = ignored). */
  columns: { header: string; fields: string[] }[];
  issues: { total: number; byCode: Partial<Record<IssueCode, number>>; first: RowIssue[] };
}

export interface InspectResult {
  schemaVersion: 1;
  files: FileInspection[];
}

const DELIMITER_NAMES: Record<string, string> = { ',': 'comma (,)', ';': 'semicolon (;)', '\t': 'tab', '|': 'pipe (|)' };

/** Canonical field → header(s) it is read from, turned round: header index → fields. */
export function columnsFed(header: string[], mapping: Record<string, string>): { header: string; fields: string[] }[] {
  const fed = header.map((h) => ({ header: h, fields: [] as string[] }));
  for (const [field, from] of Object.entries(mapping)) {
    // `Date + Time` (split date-times) and `Labels (×3)` (repeated headers) name several columns.
    const names = from.replace(/ \(×\d+\)$/, '').split(' + ');
    const repeated = / \(×\d+\)$/.test(from);
    for (const name of names) {
      const matches = header.map((h, i) => (h === name ? i : -1)).filter((i) => i >= 0);
      for (const i of repeated ? matches : matches.slice(0, 1)) fed[i].fields.push(field);
    }
  }
  return fed;
}

/** The inspection as indented text: one block per file, every header with what it feeds. */
export function formatInspectText(result: InspectResult): string {
  const out: string[] = [];
  for (const f of result.files) {
    out.push(`${f.file}`);
    out.push(`  kind       ${f.kind}`);
    out.push(`  source     ${f.source}${f.sourceTitle ? ` — ${f.sourceTitle}` : ''} (confidence ${f.confidence.toFixed(2)})`);
    out.push(`  encoding   ${f.encoding}`);
    out.push(`  delimiter  ${DELIMITER_NAMES[f.delimiter] ?? JSON.stringify(f.delimiter)}${f.headerRows > 1 ? ` · ${f.headerRows} header rows` : ''}`);
    out.push(`  rows       ${f.rows.read} read · ${f.rows.used} used · ${f.rows.skipped} skipped · ${f.rows.duplicate} duplicates → ${f.tickets} tickets, ${f.surveys} survey responses`);
    const dates = Object.entries(f.dateFormats);
    if (dates.length > 0) {
      out.push('  dates');
      const width = Math.max(...dates.map(([h]) => h.length));
      for (const [h, format] of dates) out.push(`    ${h.padEnd(width)}  ${format}`);
    }
    out.push('  columns');
    const width = Math.min(48, Math.max(...f.columns.map((c) => c.header.length), 6));
    for (const c of f.columns) {
      const name = c.header === '' ? '(blank header)' : c.header;
      out.push(`    ${name.padEnd(width)}  ${c.fields.length === 0 ? '(ignored)' : '→ ' + c.fields.join(', ')}`);
    }
    if (f.issues.total === 0) out.push('  issues     none');
    else {
      const counts = Object.entries(f.issues.byCode).map(([code, n]) => `${code} ${n}`).join(', ');
      out.push(`  issues     ${f.issues.total} (${counts})`);
      for (const issue of f.issues.first) {
        out.push(`    ${issue.code} line ${issue.line}${issue.column === null ? '' : ` column "${issue.column}"`}: ${issue.message}`);
      }
      if (f.issues.total > f.issues.first.length) out.push(`    …and ${f.issues.total - f.issues.first.length} more`);
    }
    out.push('');
  }
  return out.join('\n');
}

export function formatInspectJson(result: InspectResult): string {
  return JSON.stringify(result, null, 2) + '\n';
}
