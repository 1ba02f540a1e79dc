#!/usr/bin/env node
// Run a reference SQL file with DuckDB over the benchmark files and print its rows as JSON.
//   node bench/duckdb-report.mjs bench/kpis-generic.sql TICKETS [SURVEYS] [--threads N] [--row-numbers off] [--trim off] [--blank-words W,…]
// Without SURVEYS the SQL's survey table is empty (a ticket export read alone).
// Run as its own process by the harness so wall time and peak RSS are DuckDB's alone.
//
// The SQL names its inputs as `{{tickets | name TYPE, …}}` and `{{surveys | …}}`: the columns it
// reads, by teamkpi's names for them (only those: the row numbers are a window over the scan, and
// every column through it costs DuckDB time). Each becomes a table read from the file by its header, as
// teamkpi reads it: header names match case-insensitively with spaces, underscores and hyphens
// alike, in any order, extra columns are ignored, and a column the file does not have is NULL
// (an export without `csat_offered`, say). `rn` is each row's place in its file (DuckDB keeps a
// CSV's row order by default), for the ties teamkpi gives to the later row; `--row-numbers off`
// makes it NULL, for data without such ties (bench/ties-*.sql): numbering the rows is a window
// over the whole scan, 0.5 s of a 1.4 s Zendesk-shape run at 1M.
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { parse } from 'csv-parse/sync';
import { normalizeHeader } from '../dist/ingest/values.js';
import { TICKET_HEADERS } from '../dist/ingest/presets/generic.js';

const argv = process.argv.slice(2);
const option = (name) => {
  const at = argv.indexOf(name);
  return at < 0 ? undefined : argv.splice(at, 2)[1];
};
const threads = option('--threads');
const rowNumbers = option('--row-numbers') !== 'off';
// `--trim off`: text cells as the file has them (the harness passes it when no text cell the SQL
// reads has whitespace around it, bench/ties-*.sql; the SQL can then see the raw cells too).
const trimText = option('--trim') !== 'off';
// `--blank-words W1,W2,…`: cells the preset reads as empty (the generic format's `NA`, `N/A`, `NULL` …).
const blankWords = (option('--blank-words') ?? '').split(',').filter((w) => w.length > 0);
const [sqlFile, tickets, surveys = null] = argv;
const quote = (text) => `'${text.replace(/'/g, "''")}'`;
const ident = (name) => `"${name.replace(/"/g, '""')}"`;
// Header names match as teamkpi matches them: its own rule (the harness builds teamkpi first).
const normalize = normalizeHeader;

/** What JavaScript's `trim()` removes (teamkpi trims every cell with it): its whitespace and line terminators. */
const WHITESPACE = '\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
/**
 * `teamkpi_trim(x)`: a text cell as teamkpi reads it, trimmed of WHITESPACE and NULL when nothing
 * is left (a cell of spaces, or the no-break space spreadsheets write for "blank"). DuckDB's trim
 * with a set of characters is slow (~0.3 s a column at 1M), so a cell that neither starts nor ends
 * with one of them (a regular expression, ~30 ms a column) is taken as it is.
 */
const TRIM_MACRO = `CREATE MACRO teamkpi_trim(x) AS CASE WHEN regexp_full_match(x, ${quote(`[^${WHITESPACE}](?s:.*[^${WHITESPACE}])?`)}) THEN x ELSE nullif(trim(x, ${quote(WHITESPACE)}), '') END`;
/** `teamkpi_text(x)`: teamkpi_trim(x), and NULL for a blank word (`--blank-words`) with space around it too. */
const textMacro = (blanks) => `CREATE MACRO teamkpi_text(x) AS ${blanks.length === 0 ? 'teamkpi_trim(x)'
  : `CASE WHEN teamkpi_trim(x) IN (${blanks.map(quote).join(', ')}) THEN NULL ELSE teamkpi_trim(x) END`}`;

/** The header of a CSV file: its first record's cells, by csv-parse (teamkpi's careful reader). */
function headerOf(path) {
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(1 << 16);
  const n = readSync(fd, buf, 0, buf.length, 0);
  closeSync(fd);
  return parse(buf.subarray(0, n), { bom: true, to_line: 1, relax_column_count: true })[0] ?? [];
}

/** `name TYPE, …` (a name may be quoted) → [{ name, type }]. */
function specOf(text) {
  return text.split(',').map((entry) => entry.trim()).filter((entry) => entry.length > 0).map((entry) => {
    const m = /^("(?:[^"]|"")*"|\S+)\s+(\S+)$/.exec(entry);
    if (m === null) throw new Error(`bad column spec "${entry}" in ${sqlFile}`);
    return { name: m[1].startsWith('"') ? m[1].slice(1, -1).replace(/""/g, '"') : m[1], type: m[2].toUpperCase() };
  });
}

/**
 * The headers the generic preset reads a ticket file's column from, by the column's own name (the
 * name the SQL uses, first in each list): the build's own lists (src/ingest/presets/generic.ts).
 */
const TICKET_ALIASES = Object.fromEntries(Object.values(TICKET_HEADERS).map((names) => [names[0], names.slice(1)]));

/** The table a `{{input | spec}}` stands for: the spec's columns read from `path` by header name. */
function inputTable(input, path, spec) {
  if (path === null) return `(SELECT NULL::BIGINT AS rn, ${spec.map((c) => `NULL::${c.type} AS ${ident(c.name)}`).join(', ')} WHERE false)`;
  const header = headerOf(path);
  const aliases = input === 'tickets' ? TICKET_ALIASES : {};
  // The file's header each column of the spec is read from (the first of its names the file has).
  const from = new Map(spec.map((c) => [c, [c.name, ...(aliases[normalize(c.name)] ?? [])]
    .map((name) => header.find((h) => normalize(h) === normalize(name))).find((h) => h !== undefined)]));
  const typeOf = new Map([...from].filter(([, h]) => h !== undefined).map(([c, h]) => [h, c.type]));
  // Every column of the file is read: those the SQL wants with their types, the rest as text.
  // (DuckDB's booleans are teamkpi's words: true/t/yes/y/1 and false/f/no/n/0, any case. Read as
  // text and mapped in SQL instead, they cost DuckDB ~0.15 s of 1.8 at 1M.)
  const columns = header.map((h) => `${quote(h)}: ${quote(typeOf.get(h) ?? 'VARCHAR')}`);
  const select = spec.map((c) => {
    const h = from.get(c);
    if (h === undefined) return `NULL::${c.type} AS ${ident(c.name)}`;
    return c.type === 'VARCHAR' && trimText ? `teamkpi_text(${ident(h)}) AS ${ident(c.name)}` : `${ident(h)} AS ${ident(c.name)}`;
  });
  // The words the preset reads as an empty cell (`--blank-words`), in any column.
  const nulls = blankWords.length === 0 ? '' : `, nullstr = [${['', ...blankWords].map(quote).join(', ')}]`;
  const read = `read_csv(${quote(path)}, header = true, quote = '"', escape = '"'${nulls}, columns = {${columns.join(', ')}})`;
  const rn = rowNumbers ? 'row_number() OVER () AS rn' : 'NULL::BIGINT AS rn';
  return `(SELECT ${rn}, ${select.join(', ')} FROM ${read})`;
}

const sql = readFileSync(sqlFile, 'utf8').replace(/\{\{(tickets|surveys)\s*\|([^}]*)\}\}/g, (_, input, spec) =>
  inputTable(input, input === 'tickets' ? tickets : surveys, specOf(spec)));
const instance = await DuckDBInstance.create(':memory:', threads === undefined ? {} : { threads });
const connection = await instance.connect();
await connection.run(TRIM_MACRO);
await connection.run(textMacro(blankWords));
const reader = await connection.runAndReadAll(sql);
const rows = reader.getRowObjectsJS().map((row) =>
  Object.fromEntries(Object.entries(row).map(([key, value]) => [key, typeof value === 'bigint' ? Number(value) : value])));
process.stdout.write(JSON.stringify({ rows }) + '\n');
