#!/usr/bin/env node
// Run a reference SQL file with DuckDB over the benchmark files and print its rows as JSON.
//   node bench/duckdb-report.mjs bench/kpis-generic.sql TICKETS [SURVEYS] [--threads N]
// Run as its own process by the harness so wall time and peak RSS are DuckDB's alone.
//
// The SQL names its inputs as `{{tickets | name TYPE, …}}` and `{{surveys | …}}`: the columns it
// reads, by teamkpi's names for them. Each becomes a table read from the file by its header, as
// teamkpi reads it: header names match case-insensitively with spaces, underscores and hyphens
// alike, in any order, extra columns are ignored, and a column the file does not have is NULL
// (an export without `csat_offered`, say). Booleans read as teamkpi reads them (true/yes/y/1/t,
// false/no/n/0/f, any case). `rn` is each row's place in its file (DuckDB keeps a CSV's row order
// by default), for the ties teamkpi gives to the later row.
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const argv = process.argv.slice(2);
const at = argv.indexOf('--threads');
const threads = at < 0 ? undefined : argv.splice(at, 2)[1];
const [sqlFile, tickets, surveys = tickets] = argv;
const quote = (text) => `'${text.replace(/'/g, "''")}'`;
const ident = (name) => `"${name.replace(/"/g, '""')}"`;
const normalize = (name) => name.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[\s_\-]+/g, '_');

/** The header of a CSV file: its first record's cells (a quoted cell may hold commas and doubled quotes). */
function headerOf(path) {
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(1 << 16);
  const n = readSync(fd, buf, 0, buf.length, 0);
  closeSync(fd);
  const text = buf.toString('utf8', 0, n).replace(/^\uFEFF/, '');
  const cells = [];
  let cell = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') (cells.push(cell), (cell = ''));
    else if (c === '\n' || c === '\r') break;
    else cell += c;
  }
  cells.push(cell);
  return cells;
}

/** `name TYPE, …` (a name may be quoted) → [{ name, type }]. */
function specOf(text) {
  return text.split(',').map((entry) => entry.trim()).filter((entry) => entry.length > 0).map((entry) => {
    const m = /^("(?:[^"]|"")*"|\S+)\s+(\S+)$/.exec(entry);
    if (m === null) throw new Error(`bad column spec "${entry}" in ${sqlFile}`);
    return { name: m[1].startsWith('"') ? m[1].slice(1, -1).replace(/""/g, '"') : m[1], type: m[2].toUpperCase() };
  });
}

/** The table a `{{input | spec}}` stands for: the spec's columns read from `path` by header name. */
function inputTable(path, spec) {
  const header = headerOf(path);
  const wanted = new Map(spec.map((c) => [normalize(c.name), c]));
  // Every column of the file is read: those the SQL wants with their types (booleans as text, read
  // below as teamkpi reads them), the rest as text.
  const columns = header.map((h) => {
    const c = wanted.get(normalize(h));
    return `${quote(h)}: ${quote(c === undefined || c.type === 'BOOLEAN' ? 'VARCHAR' : c.type)}`;
  });
  const select = spec.map((c) => {
    const h = header.find((name) => normalize(name) === normalize(c.name));
    if (h === undefined) return `NULL::${c.type} AS ${ident(c.name)}`;
    if (c.type !== 'BOOLEAN') return `${ident(h)} AS ${ident(c.name)}`;
    const v = `lower(trim(${ident(h)}))`;
    const when = (words, value) => `WHEN ${v} IN (${words.map(quote).join(', ')}) THEN ${value}`;
    return `CASE ${when(['true', 'yes', 'y', '1', 't'], 'true')} ${when(['false', 'no', 'n', '0', 'f'], 'false')} END AS ${ident(c.name)}`;
  });
  const read = `read_csv(${quote(path)}, header = true, quote = '"', escape = '"', columns = {${columns.join(', ')}})`;
  return `(SELECT row_number() OVER () AS rn, ${select.join(', ')} FROM ${read})`;
}

const sql = readFileSync(sqlFile, 'utf8').replace(/\{\{(tickets|surveys)\s*\|([^}]*)\}\}/g, (_, input, spec) =>
  inputTable(input === 'tickets' ? tickets : surveys, specOf(spec)));
const instance = await DuckDBInstance.create(':memory:', threads === undefined ? {} : { threads });
const connection = await instance.connect();
const reader = await connection.runAndReadAll(sql);
const rows = reader.getRowObjectsJS().map((row) =>
  Object.fromEntries(Object.entries(row).map(([key, value]) => [key, typeof value === 'bigint' ? Number(value) : value])));
process.stdout.write(JSON.stringify({ rows }) + '\n');
