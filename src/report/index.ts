import type { Report } from '../model/report.js';
import { formatCsv } from './format-csv.js';
import { formatHtml } from './format-html.js';
import { formatJson } from './format-json.js';
import { formatMarkdown } from './format-markdown.js';
import { formatTable } from './format-table.js';
import type { FormatOptions } from './format-value.js';

export type Formatter = (report: Report, options: FormatOptions) => string;
export type ReportFormat = 'table' | 'json' | 'csv' | 'markdown' | 'html';

/** Every report format; a new format is one file and one line here. */
export const REPORT_FORMATS = {
  table: formatTable,
  json: formatJson,
  csv: formatCsv,
  markdown: formatMarkdown,
  html: formatHtml,
} satisfies Record<ReportFormat, Formatter>;

export type { FormatOptions };
