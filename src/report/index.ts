import type { Report } from '../model/report.js';
import type { FormatOptions } from './format-value.js';

/** A format's text: one string, or pieces to write in turn (the JSON report's rows, format-json.ts). */
export type Formatter = (report: Report, options: FormatOptions) => string | Iterable<string>;
export type ReportFormat = 'table' | 'json' | 'csv' | 'markdown' | 'html';

/**
 * Every report format, loaded when asked for (a JSON report does not load the HTML renderer or
 * the terminal table); a new format is one file and one line here.
 */
export const REPORT_FORMATS = {
  table: async () => (await import('./format-table.js')).formatTable,
  json: async () => (await import('./format-json.js')).formatJsonPieces,
  csv: async () => (await import('./format-csv.js')).formatCsv,
  markdown: async () => (await import('./format-markdown.js')).formatMarkdown,
  html: async () => (await import('./format-html.js')).formatHtml,
} satisfies Record<ReportFormat, () => Promise<Formatter>>;

export type { FormatOptions };
