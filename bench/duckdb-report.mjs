#!/usr/bin/env node
// Run a reference SQL file with DuckDB over the benchmark files and print its rows as JSON.
//   node bench/duckdb-report.mjs bench/kpis-generic.sql TICKETS [SURVEYS] [--threads N]
// Run as its own process by the harness so wall time and peak RSS are DuckDB's alone.
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const argv = process.argv.slice(2);
const at = argv.indexOf('--threads');
const threads = at < 0 ? undefined : argv.splice(at, 2)[1];
const [sqlFile, tickets, surveys = tickets] = argv;
const quote = (path) => `'${path.replace(/'/g, "''")}'`;
const sql = readFileSync(sqlFile, 'utf8').replaceAll('{{tickets}}', quote(tickets)).replaceAll('{{surveys}}', quote(surveys));
const instance = await DuckDBInstance.create(':memory:', threads === undefined ? {} : { threads });
const connection = await instance.connect();
const reader = await connection.runAndReadAll(sql);
const rows = reader.getRowObjectsJS().map((row) =>
  Object.fromEntries(Object.entries(row).map(([key, value]) => [key, typeof value === 'bigint' ? Number(value) : value])));
process.stdout.write(JSON.stringify({ rows }) + '\n');
