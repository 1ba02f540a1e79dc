import { isUtf8 } from 'node:buffer';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/run-cli.js';
import { csvFiles } from '../helpers/realdata.js';
import type { RecordSink } from '../../src/ingest/read-inputs.js';

// One reading behaviour for users: the parallel reader (worker threads over byte blocks) must give
// what the single-threaded reader gives — rows, kept duplicates, issues in order, row accounting,
// errors — on every file we know of and on generated files built to cut records at block edges.
// The workers run the built script (dist/), so these tests import the build, as `npm test` makes it.

const dist = (path: string): string => join(ROOT, 'dist', path);
const { readInputs, inputStats } = (await import(dist('ingest/read-inputs.js'))) as typeof import('../../src/ingest/read-inputs.js');
const parallelRead = (await import(dist('ingest/parallel-read.js'))) as typeof import('../../src/ingest/parallel-read.js');
const { cacheStats } = (await import(dist('ingest/lane-cells.js'))) as typeof import('../../src/ingest/lane-cells.js');
const { parallelStats, laneStats } = parallelRead;
const blockReader = (await import(dist('ingest/block-reader.js'))) as typeof import('../../src/ingest/block-reader.js');
const { IssueLog } = (await import(dist('model/issue-log.js'))) as typeof import('../../src/model/issue-log.js');
const { getZone } = (await import(dist('time/zone.js'))) as typeof import('../../src/time/zone.js');
const threads = (await import(dist('ingest/reader-threads.js'))) as typeof import('../../src/ingest/reader-threads.js');

const ENV = ['TEAMKPI_WORKERS', 'TEAMKPI_PARALLEL_MIN_BYTES', 'TEAMKPI_PARALLEL_BLOCK_BYTES', 'TEAMKPI_TYPED_LANE'] as const;
const saved = Object.fromEntries(ENV.map((k) => [k, process.env[k]]));
afterAll(() => {
  for (const k of ENV) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

async function read(files: string | string[], mode: { workers: number; block?: number; lane?: boolean; zone?: string; tags?: boolean; oneAtATime?: boolean }): Promise<unknown> {
  process.env.TEAMKPI_WORKERS = String(mode.workers);
  process.env.TEAMKPI_TYPED_LANE = mode.lane === false ? '0' : '1';
  process.env.TEAMKPI_PARALLEL_MIN_BYTES = '0';
  process.env.TEAMKPI_PARALLEL_BLOCK_BYTES = String(mode.block ?? 4096);
  const log = new IssueLog();
  const tickets: unknown[] = [];
  const surveys: unknown[] = [];
  const inputs = (typeof files === 'string' ? [files] : files).map((file) => ({ file }));
  const options = { inputZone: getZone(mode.zone ?? 'UTC'), log, now: Date.parse('2026-11-22T00:00:00Z'), tags: mode.tags };
  // `ticketRow` is how the report reads; the row is copied out at once, as the contract asks.
  const sink: RecordSink = { ticketRow: (batch, k) => tickets.push(batch.toTicket(k)), survey: (s) => surveys.push(s) };
  try {
    // One at a time: each file opened only once the one before it is read (no file opened ahead).
    if (mode.oneAtATime === true) for (const input of inputs) await readInputs([input], options, sink);
    else await readInputs(inputs, options, sink);
  } catch (error) {
    // What was read before the error is part of the outcome too.
    return { error: (error as Error).message, before: { tickets: tickets.length, surveys: surveys.length, issues: log.issues.length } };
  }
  return { tickets, surveys, issues: log.issues, truncated: log.truncated, byCode: [...log.byCode], inputs: log.inputs };
}

const realdataDir = join(ROOT, '..', 'shared', 'realdata');
const known = [...csvFiles(join(ROOT, 'fixtures')), ...csvFiles(realdataDir)];
if (!existsSync(realdataDir)) console.log(`skipping real exports: ${realdataDir} is not there (it sits beside the checkout in CI)`);

describe.each(known.map((file) => [file.slice(ROOT.length - 1), file]))('parallel, typed-lane and single-threaded reads agree on %s', (_rel, file) => {
  it('with blocks of 1,009 bytes and of 64 KB, with and without the typed lane', async () => {
    // The reference: one thread, every record through the tokenizer and the mapper.
    const single = await read(file, { workers: 0, lane: false });
    expect(await read(file, { workers: 0 })).toEqual(single);
    expect(await read(file, { workers: 2, block: 1009 })).toEqual(single);
    expect(await read(file, { workers: 2, block: 65536, lane: false })).toEqual(single);
  });

  it('without tags (a report that never looks at them): the same rows with no tags, the same issues', async () => {
    const single = (await read(file, { workers: 0, lane: false })) as { tickets?: { tags: string[] }[] };
    const untagged = { ...single, tickets: single.tickets?.map((t) => ({ ...t, tags: [] })) };
    if (single.tickets === undefined) delete untagged.tickets;
    expect(await read(file, { workers: 0, lane: false, tags: false })).toEqual(untagged);
    expect(await read(file, { workers: 2, block: 1009, tags: false })).toEqual(untagged);
  });
});

// Generated ticket files, larger than the first chunk the main thread reads itself (256 KB), so
// most of each goes through the workers.
let seed = 42;
const rand = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
const AGENTS = ['Ana Lima', 'Zoë Müller', '"Quoted" Name', 'Smith, Jo', '李雷', 'Ørjan'];

/** A CSV of `rows` generated rows after `header`; `extra` may put a row of its own in place of row i. */
function generatedCsv(header: string, rows: number, eol: string, extra: (i: number) => string | null, row: (i: number) => string): string {
  const lines = [header];
  for (let i = 0; i < rows; i++) lines.push(extra(i) ?? row(i));
  return lines.join(eol) + eol;
}

/** A cell as CSV writes it: quoted (quotes doubled) when it holds a quote, a comma or a line break. */
const csvCell = (text: string): string => (/[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

function ticketsCsv(rows: number, eol: string, extra: (i: number) => string | null = () => null): string {
  const header = '\uFEFFticket_id,created_at,first_response_at,solved_at,agent,team,channel,priority,status,agent_replies,customer_messages,reopens,escalated,tags';
  return generatedCsv(header, rows, eol, extra, (i) => {
    const id = 1000 + (rand() < 0.05 ? Math.floor(rand() * i) : i);
    const day = 1 + Math.floor(rand() * 28);
    const created = `2025-03-${String(day).padStart(2, '0')}T${String(Math.floor(rand() * 24)).padStart(2, '0')}:15:00Z`;
    const response = rand() < 0.1 ? '' : rand() < 0.02 ? 'not a date' : `2025-03-${String(day).padStart(2, '0')}T23:59:00Z`;
    const solved = rand() < 0.3 ? '' : `2025-04-${String(day).padStart(2, '0')}T10:00:00${rand() < 0.1 ? '+02:00' : 'Z'}`;
    const quotedAgent = csvCell(pick(AGENTS));
    // Quoted line breaks (LF and CRLF) in the tags: a block edge guessed at one of them is wrong.
    const tags = rand() < 0.25 ? `"billing${rand() < 0.5 ? '\n' : '\r\n'}vip\n\nrefund"` : pick(['', 'login', 'billing vip']);
    const blank = rand() < 0.01 ? eol : '';
    return `${blank}${id},${created},${response},${solved},${quotedAgent},Team ${Math.floor(rand() * 3)},email,${pick(['low', 'high', 'urgent', 'weird'])},${pick(['solved', 'open', 'closed'])},${Math.floor(rand() * 4)},${Math.floor(rand() * 3)},${rand() < 0.02 ? 'x' : '0'},${pick(['true', 'false', ''])},${tags}`;
  });
}

describe('the parallel reader on generated files', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'teamkpi-parallel-'));
  });

  const cases: [string, () => string, (before: typeof parallelStats, after: typeof parallelStats) => void][] = [
    ['LF, quoted line breaks, duplicates across blocks, > 200 issues', () => ticketsCsv(6000, '\n'), (b, a) => {
      expect(a.files).toBeGreaterThan(b.files);
      expect(a.reread).toBeGreaterThan(b.reread);
    }],
    ['CRLF', () => ticketsCsv(6000, '\r\n'), (b, a) => expect(a.blocks).toBeGreaterThan(b.blocks)],
    ['a lone CR past the first chunk (the rest goes to csv-parse)', () => ticketsCsv(6000, '\n', (i) => (i === 4500 ? '77,2025-03-01T00:00:00Z,,,A\rB,T,email,low,open,1,1,0,false,' : null)), (b, a) => {
      expect(a.bailed).toBeGreaterThan(b.bailed);
    }],
    ['text after a closing quote past the first chunk', () => ticketsCsv(6000, '\n', (i) => (i === 5000 ? '78,2025-03-01T00:00:00Z,,,"A"x,T,email,low,open,1,1,0,false,' : null)), (b, a) => {
      expect(a.bailed).toBeGreaterThan(b.bailed);
    }],
    ['a NUL byte and ragged rows past the first chunk', () => ticketsCsv(6000, '\n', (i) => (i === 3000 ? '79,2025-03-01T00:00:00Z,,,A\0B,T,email,low,open,1,1,0,false,' : i % 997 === 0 ? '80,2025-03-01T00:00:00Z,short' : null)), (b, a) => {
      expect(a.files).toBeGreaterThan(b.files);
    }],
  ];

  cases.push(
    // The lane leaves both to the tokenizer; the 2 MB one goes on to csv-parse when it does not fit the bytes at hand.
    ['a 200 KB quoted cell and a 2 MB one past the first chunk', () => ticketsCsv(6000, '\n', (i) => (i === 3500 ? `82,2025-03-01T00:00:00Z,,,"${'x'.repeat(200_000)}",T,email,low,open,1,1,0,false,` : i === 5500 ? `83,2025-03-01T00:00:00Z,,,"${'y'.repeat(2_000_000)}",T,email,low,open,1,1,0,false,` : null)), (b, a) => {
      expect(a.files).toBeGreaterThan(b.files);
    }],
    // Text ids in some blocks only (a batch ships its ids only then), repeated within and across blocks.
    ['text ids among whole-number ids, in some blocks only', () => ticketsCsv(6000, '\n', (i) => {
      const id = i >= 2000 && i < 2600 ? `T-${i % 300}` : i % 1000 === 999 ? '0042' : null;
      return id === null ? null : `${id},2025-03-0${1 + (i % 9)}T00:00:00Z,,,Ana,T,email,low,open,1,1,0,false,`;
    }), (b, a) => {
      expect(a.files).toBeGreaterThan(b.files);
    }],
    ['day-first dates without an offset (the lane asks the reader for each timestamp)', () => ticketsCsv(6000, '\n').replace(/(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2}):00(Z|[+-]\d{2}:\d{2})/g, '$3/$2/$1 $4'), (b, a) => {
      expect(a.files).toBeGreaterThan(b.files);
    }],
    // Read from their bytes by the lane (parseIsoBytes, parseNumericDateBytes); some shapes still go to the reader.
    ['timestamps with fractions of a second (1–9 digits, 10 is no ISO), and without seconds', () => {
      let k = 0;
      return ticketsCsv(6000, '\n').replace(/T(\d{2}:\d{2}):(\d{2})(Z|[+-]\d{2}:\d{2})/g, (_m, hm: string, sec: string, zone: string) => {
        k++;
        const digits = '9876543210'.slice(0, 1 + (k % 10));
        return k % 13 === 0 ? `T${hm}${zone}` : k % 7 === 0 ? `T${hm}:${sec}.${digits}${zone}` : k % 3 === 0 ? ` ${hm}:${sec}.${digits.slice(0, 3)}` : `T${hm}:${sec}${zone}`;
      });
    }, (b, a) => {
      expect(a.files).toBeGreaterThan(b.files);
    }],
    ['month-first dates: one-digit parts, two-digit years, seconds, a 12-hour clock now and then', () => {
      let k = 0;
      return ticketsCsv(6000, '\n').replace(/(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(Z|[+-]\d{2}:\d{2})/g, (_m, y: string, mo: string, d: string, h: string, mi: string, sec: string) => {
        k++;
        if (k % 17 === 0) return `${mo}/${d}/${y} ${Number(h) % 12 || 12}:${mi} ${Number(h) < 12 ? 'AM' : 'PM'}`;
        return k % 2 === 0 ? `${Number(mo)}/${Number(d)}/${y.slice(2)} ${Number(h)}:${mi}:${sec}` : `${mo}/${d}/${y} ${h}:${mi}`;
      });
    }, (b, a) => {
      expect(a.files).toBeGreaterThan(b.files);
    }],
  );

  it('a stray quote past the first chunk that swallows rows: one STRAY_QUOTE row, as on one thread', async () => {
    const plain = (id: number, agent: string): string => `${id},2025-03-01T00:00:00Z,,,${agent},T,email,low,open,1,1,0,false,`;
    const file = join(dir, 'stray-quote.csv');
    writeFileSync(file, ticketsCsv(6000, '\n', (i) => (i === 4000 ? plain(84, '"Stray') : i === 4001 || i === 4002 ? plain(85 + i, 'Plain') : i === 4003 ? plain(86, '"Di" Lee') : null)));
    const lineOf = readFileSync(file, 'utf8').split(/\r\n|\n/).findIndex((l) => l.startsWith('84,')) + 1;
    const single = (await read(file, { workers: 0, lane: false })) as { byCode: [string, number][] };
    // The issue list keeps the first 200 (the generated rows hold more); the count holds them all.
    expect(new Map(single.byCode).get('STRAY_QUOTE')).toBe(1);
    const log = new IssueLog();
    const stray: { line: number; message: string }[] = [];
    const keep = log.report;
    Object.assign(log, { report: (issue: { code: string; line: number; message: string }) => (issue.code === 'STRAY_QUOTE' && stray.push(issue), keep(issue as never)) });
    await readInputs([{ file }], { inputZone: getZone('UTC'), log, now: Date.parse('2026-11-22T00:00:00Z') }, { ticket: () => {}, survey: () => {} });
    expect(stray.map((issue) => issue.line)).toEqual([lineOf]);
    expect(stray[0].message).toContain(`lines ${lineOf}–${lineOf + 3} were read as one row`);
    const before = parallelStats.bailed;
    expect(await read(file, { workers: 2, block: 30_011 })).toEqual(single);
    expect(parallelStats.bailed).toBeGreaterThan(before);
  });

  it('a repeated header row and a line of spaces past the first chunk: skipped with their reasons, as on one thread', async () => {
    const file = join(dir, 'joined.csv');
    const text = ticketsCsv(6000, '\n');
    const header = text.slice(1, text.indexOf('\n'));
    // The second export's header (with its BOM) at row 3000, spaces at row 4500.
    writeFileSync(file, ticketsCsv(6000, '\n', (i) => (i === 3000 ? `\uFEFF${header}` : i === 4500 ? '   ' : null)));
    const single = (await read(file, { workers: 0, lane: false })) as { byCode: [string, number][] };
    expect(new Map(single.byCode).get('REPEATED_HEADER')).toBe(1);
    expect(await read(file, { workers: 0 })).toEqual(single);
    expect(await read(file, { workers: 2, block: 30_011 })).toEqual(single);
  });

  it('thousands of agents (their column remembers more cells as it fills) and a team new on every row (its column stops at 4,096)', async () => {
    const header = 'ticket_id,created_at,first_response_at,solved_at,agent,team,channel,priority,status,agent_replies,customer_messages,reopens,escalated,tags';
    const rows: string[] = [header];
    for (let i = 0; i < 20_000; i++) {
      const day = String(1 + (i % 28)).padStart(2, '0');
      // 9,000 agents, some quoted (a comma, doubled quotes), now and then one the reader refuses to keep (an empty quoted name is none).
      const n = Math.floor(rand() * 9000);
      const agent = n % 10 === 0 ? csvCell(`Smith, "J${n}"`) : n % 977 === 0 ? '""' : `Agent ${n}`;
      rows.push([String(50_000 + (rand() < 0.01 ? Math.floor(rand() * i) : i)), `2025-06-${day}T08:00:00Z`, '', rand() < 0.3 ? '' : `2025-06-${day}T12:00:00Z`,
        agent, `Team ${i}`, 'email', pick(['low', 'high', 'weird']), pick(['solved', 'open']), String(i % 4), '1', '0', 'false', ''].join(','));
    }
    const file = join(dir, 'many-agents.csv');
    writeFileSync(file, rows.join('\n') + '\n');
    const single = (await read(file, { workers: 0, lane: false })) as { tickets: { agent: string | null }[] };
    const before = { ...cacheStats };
    expect(await read(file, { workers: 0 })).toEqual(single);
    // On this thread the agent column grew past 4,096 remembered cells, and the team column stopped at 4,096.
    expect(cacheStats.grown).toBeGreaterThan(before.grown);
    expect(cacheStats.settled).toBeGreaterThan(before.settled);
    expect(await read(file, { workers: 2, block: 30_011 })).toEqual(single);
    expect(new Set(single.tickets.map((t) => t.agent)).size).toBeGreaterThan(7000);
  });

  it('reads quoted cells with doubled quotes in the lane, as the ordinary path does (the same bytes unquoted read differently)', async () => {
    const header = 'ticket_id,created_at,first_response_at,solved_at,agent,team,channel,priority,status,agent_replies,customer_messages,reopens,escalated,tags';
    const rows: string[] = [header];
    for (let i = 0; i < 6000; i++) {
      const day = String(1 + (i % 28)).padStart(2, '0');
      // The agent cell: a name with quotes (doubled in its quoted cell), the bytes a""b quoted
      // and unquoted (a"b and a""b), a lone quote, and names without quotes.
      const agent = [csvCell('Zoë "Zed" Müller'), '"a""b"', 'a""b', '""""', '"""x"""', 'Ana', csvCell('Smith, "Jo"')][i % 7];
      // Now and then a doubled quote where digits, a timestamp or a tag belong, and in the id.
      const id = i % 501 === 0 ? `"T-""${i}"""` : String(9000 + i);
      const created = i % 307 === 0 ? `"2025-06-${day}T08:00:00Z"""` : i % 11 === 0 ? `"2025-06-${day}T08:00:00Z"` : `2025-06-${day}T08:00:00Z`;
      const replies = i % 211 === 0 ? '"1""2"' : String(i % 4);
      const tags = i % 5 === 0 ? '"vip ""gold"" refund"' : 'vip';
      rows.push([id, created, '', `2025-06-${day}T12:00:00Z`, agent, i % 3 === 0 ? '"Team ""B"""' : 'Team A', 'email', 'low', 'solved', replies, '1', '0', 'false', tags].join(','));
    }
    const file = join(dir, 'doubled-quotes.csv');
    writeFileSync(file, rows.join('\n') + '\n');
    const single = (await read(file, { workers: 0, lane: false, tags: true })) as { tickets: { agent: string | null }[]; issues: { code: string }[] };
    const lanes = { ...laneStats };
    expect(await read(file, { workers: 0, tags: true })).toEqual(single);
    // Past the first chunk, the lane read most rows itself (rows with a doubled quote in a cell took the ordinary path before).
    expect(laneStats.rows - lanes.rows).toBeGreaterThan(single.tickets.length / 2);
    expect(await read(file, { workers: 2, block: 997, tags: true })).toEqual(single);
    // What the ordinary path makes of the cells (so the comparison is about something).
    const agents = new Set(single.tickets.map((t) => t.agent));
    for (const name of ['Zoë "Zed" Müller', 'a"b', 'a""b', '"', '"x"', 'Smith, "Jo"']) expect(agents.has(name), name).toBe(true);
    expect(new Set(single.issues.map((i) => i.code))).toEqual(new Set(['INVALID_DATE', 'INVALID_NUMBER']));
  });

  it.each([['LF', '\n'], ['CRLF', '\r\n']])('reads quoted cells with line breaks in the lane (%s file): the rows after them keep their lines', async (name, eol) => {
    const header = 'ticket_id,created_at,first_response_at,solved_at,agent,team,channel,priority,status,agent_replies,customer_messages,reopens,escalated,tags';
    // Line breaks inside quotes, and how many lines each moves the next record on (the tokenizer's
    // and LineCounter's rule: \r\n, \n and a lone \r are one each).
    const breaks: [string, number][] = [['\n', 1], ['\r\n', 1], ['\r', 1], ['\n\n', 2], ['\r\n\r\n\n', 3], ['\n\r', 2]];
    const rows: string[] = [header];
    // Where each record starts, counted here from the breaks put in (the header is line 1).
    const startLine: number[] = [];
    let line = 2;
    const badLines: number[] = [];
    for (let i = 0; i < 6000; i++) {
      const day = String(1 + (i % 28)).padStart(2, '0');
      const [text, count] = breaks[i % breaks.length];
      const broken = i % 3 === 0;
      // The break in the agent's name (twice: at its start and inside; or at its end), or in the tags.
      const twice = broken && i % 4 === 0;
      const agent = broken && i % 2 === 0 ? (twice ? `"${text}Ana${text}Lima"` : `"Ana Lima${text}"`) : 'Ana Lima';
      const tags = broken && i % 2 === 1 ? `"vip${text}refund"` : 'vip';
      // Every 97th row has an unreadable first response: its issue names the row's line.
      const response = i % 97 === 0 ? 'not a date' : `2025-07-${day}T09:00:00Z`;
      startLine.push(line);
      if (i % 97 === 0) badLines.push(line);
      rows.push([7000 + i, `2025-07-${day}T08:00:00Z`, response, `2025-07-${day}T12:00:00Z`, agent, 'Team A', 'email', 'low', 'solved', '1', '1', '0', 'false', tags].join(','));
      line += 1 + (twice ? 2 * count : broken ? count : 0);
    }
    const file = join(dir, `quoted-breaks-${name}.csv`);
    writeFileSync(file, rows.join(eol) + eol);
    const single = (await read(file, { workers: 0, lane: false, tags: true })) as { tickets: { agent: string | null; tags: string[]; source: { line: number } }[]; issues: { code: string; line: number }[] };
    // The ordinary path's lines are the ones counted above (so the comparison below is about something).
    expect(single.tickets.map((t) => t.source.line)).toEqual(startLine);
    const invalid = single.issues.filter((issue) => issue.code === 'INVALID_DATE');
    expect(invalid.map((issue) => issue.line)).toEqual(badLines);
    // A break inside a name keeps it apart from the name without one (one row in 12); tags split at a break (one row in 6).
    expect(single.tickets.filter((t) => t.agent !== 'Ana Lima').length).toBe(500);
    expect(single.tickets.filter((t) => t.tags.join(' ') === 'vip refund').length).toBe(1000);
    const lanes = { ...laneStats };
    expect(await read(file, { workers: 0, tags: true })).toEqual(single);
    // Past the first chunk the lane read nearly every row itself, those with line breaks too.
    expect(laneStats.rows - lanes.rows).toBeGreaterThan(single.tickets.length * 0.9);
    expect(await read(file, { workers: 2, block: 997, tags: true })).toEqual(single);
  });

  it('fields with values only in later blocks, only in earlier ones, or only now and then (a batch ships the columns it has values in)', async () => {
    const header = 'ticket_id,created_at,first_response_at,solved_at,agent,team,channel,priority,status,agent_replies,customer_messages,reopens,escalated,tags,category,type';
    const rows: string[] = [header];
    for (let i = 0; i < 8000; i++) {
      const late = i >= 4000;
      const day = String(1 + (i % 28)).padStart(2, '0');
      rows.push([
        5000 + i, `2025-05-${day}T08:00:00Z`, i % 3 === 0 ? '' : `2025-05-${day}T09:30:00Z`, late ? `2025-06-${day}T10:00:00Z` : '',
        `Agent ${i % 7}`, late ? '' : `Team ${i % 3}`, late ? pick(['email', 'chat']) : '', i % 1500 === 0 ? 'urgent' : '', late ? 'solved' : 'open',
        late ? i % 4 : '', i < 3000 || i > 5000 ? '' : i % 3, late ? i % 2 : '', i >= 3000 && i < 5000 ? pick(['true', 'false']) : '', '',
        late ? '' : `Cat ${i % 5}`, i % 1500 === 7 ? 'incident' : '',
      ].join(','));
    }
    const file = join(dir, 'sparse-fields.csv');
    writeFileSync(file, rows.join('\n') + '\n');
    const single = (await read(file, { workers: 0, lane: false })) as { tickets: Record<string, unknown>[] };
    expect(await read(file, { workers: 2, block: 4096 })).toEqual(single);
    expect(await read(file, { workers: 3, block: 1500 })).toEqual(single);
    expect(await read(file, { workers: 2, block: 65536, lane: false })).toEqual(single);
    // Each field has values in some blocks and none in others.
    for (const field of ['channel', 'team', 'category', 'reopens', 'customerMessages', 'escalated', 'priority', 'type', 'solvedAt', 'agentReplies']) {
      expect(single.tickets.some((t) => t[field] !== null), field).toBe(true);
      expect(single.tickets.some((t) => t[field] === null), field).toBe(true);
    }
  });

  it('a Zendesk-shape export (a rating cell per ticket row) from the benchmark generator', async () => {
    const out = join(dir, 'zendesk');
    execFileSync(process.execPath, [join(ROOT, 'bench', 'generate.mjs'), '--tickets', '8000', '--seed', '5', '--out', out], { stdio: 'ignore' });
    const file = join(out, 'zendesk-tickets.csv');
    const single = await read(file, { workers: 0, lane: false });
    const lanes = laneStats.files;
    expect(await read(file, { workers: 0 })).toEqual(single);
    expect(laneStats.files).toBe(lanes + 1);
    expect(await read(file, { workers: 2, block: 7001 })).toEqual(single);
    expect((single as { surveys: unknown[] }).surveys.length).toBeGreaterThan(1000);
  });

  it('an Intercom-shape export (a rating for the teammate its own column names) read by workers', async () => {
    const header = readFileSync(join(ROOT, 'fixtures', 'presets', 'intercom', 'data.csv'), 'utf8').split('\n')[0];
    const rows = Array.from({ length: 6000 }, (_, i) => {
      const day = String(1 + (i % 28)).padStart(2, '0');
      const rated = pick(['', 'Ana', 'Bo', 'Chen Li', 'Zoë']);
      const rating = rated === '' ? pick(['', '', '4']) : pick(['1', '3', '5', '']);
      return [215_000_000 + i, `2026-10-${day} 09:00:00`, `2026-10-${day} 09:10:00`, `2026-10-${day} 11:00:00`, `2026-10-${day} 11:00:00`, pick(['Ana', 'Bo', 'Dee']), 'Support', 'Chat', 'closed', 'Not Priority', '', rating, '', rated, '0', 'true', '600', '7200'].join(',');
    });
    const file = join(dir, 'intercom.csv');
    writeFileSync(file, [header, ...rows, ''].join('\n'));
    const single = await read(file, { workers: 0, lane: false });
    expect(await read(file, { workers: 2, block: 7001 })).toEqual(single);
    const surveys = (single as { surveys: { agent: string | null }[] }).surveys;
    expect(surveys.filter((s) => s.agent === 'Zoë').length).toBeGreaterThan(300);
  });

  it('a Zendesk-shape export with its durations in hours, and duration cells of every shape (the lane reads plain digits itself)', async () => {
    const out = join(dir, 'zendesk-hours');
    execFileSync(process.execPath, [join(ROOT, 'bench', 'generate.mjs'), '--tickets', '8000', '--seed', '6', '--out', out], { stdio: 'ignore' });
    const lines = readFileSync(join(out, 'zendesk-tickets.csv'), 'utf8').split('\n');
    // "Resolution time" is read in hours (60 minutes each); the other two columns stay in minutes.
    lines[0] = lines[0].replace('Full resolution time in minutes', 'Resolution time');
    const shapes = ['007', '0', '12.5', '', 'NA', '-3', '1e3', ' 42', '123456789012345', '1234567890123456', '+5', '5.'];
    for (let i = 1; i < lines.length; i++) {
      if (i % 7 !== 0 || lines[i] === '') continue;
      const cells = lines[i].split(',');
      cells[cells.length - 1] = shapes[i % shapes.length];
      cells[cells.length - 3] = shapes[(i + 5) % shapes.length];
      lines[i] = cells.join(',');
    }
    const file = join(out, 'zendesk-hours.csv');
    writeFileSync(file, lines.join('\n'));
    const single = (await read(file, { workers: 0, lane: false })) as { tickets: { resolutionMinutes: number | null }[]; issues: { code: string }[] };
    const lanes = { ...laneStats };
    expect(await read(file, { workers: 0 })).toEqual(single);
    expect(laneStats.rows - lanes.rows).toBeGreaterThan(single.tickets.length / 2);
    expect(await read(file, { workers: 2, block: 7001 })).toEqual(single);
    // The hours column was read as hours, and the odd cells raised their issues.
    expect(single.tickets.some((t) => t.resolutionMinutes !== null && t.resolutionMinutes % 60 === 0 && t.resolutionMinutes > 0)).toBe(true);
    expect(single.issues.some((i) => i.code === 'INVALID_NUMBER')).toBe(true);
  });

  it('an empty timestamp is asked of its reader once per column, and an empty required one still goes the ordinary way on every row', async () => {
    // Open tickets (no solved time), unreplied ones (no first response), and past the first 32 KB
    // three rows with no created time, which the reader reports (the ticket is skipped).
    const noCreated = new Set([1500, 2200, 2900]);
    const lines = ['ticket_id,created_at,first_response_at,solved_at,agent,team,status'];
    for (let i = 1; i <= 3000; i++) {
      const created = noCreated.has(i) ? '' : `2025-03-${String(1 + (i % 28)).padStart(2, '0')}T08:${String(i % 60).padStart(2, '0')}:00Z`;
      const response = i % 5 === 0 ? '' : `2025-04-01T09:${String(i % 60).padStart(2, '0')}:00Z`;
      const solved = i % 3 === 0 ? '' : `2025-04-02T10:${String(i % 60).padStart(2, '0')}:00Z`;
      lines.push(`${i},${created},${response},${solved},Agent ${i % 7},Team ${i % 2},${solved === '' ? 'open' : 'solved'}`);
    }
    const file = join(dir, 'empty-times.csv');
    writeFileSync(file, lines.join('\n') + '\n');
    const before = { ...cacheStats };
    const lane = (await read(file, { workers: 0 })) as { tickets: { id: string; createdAt: number; solvedAt: number | null }[]; issues: { line: number; code: string }[] };
    // Asked once each, not once per empty cell (1,800 of them on the lane's rows): the three columns.
    expect(cacheStats.emptyAsked - before.emptyAsked).toBe(3);
    expect(lane.tickets).toHaveLength(2997);
    // Every third ticket is open, less row 1500, which has no created time either.
    expect(lane.tickets.filter((t) => t.solvedAt === null)).toHaveLength(1000 - 1);
    // Each row without a created time has its own issue, at its own line, as on the ordinary path.
    expect(lane.issues.map((i) => i.line).sort((a, b) => a - b)).toEqual([1501, 2201, 2901]);
    expect(lane).toEqual(await read(file, { workers: 0, lane: false }));
    expect(await read(file, { workers: 2 })).toEqual(lane);
  });

  it('the ticket table fed by the replay: every issue (reader and table) in the same order as one thread', async () => {
    const file = join(dir, 'table-runs.csv');
    writeFileSync(file, ticketsCsv(8000, '\n'));
    const { TicketTable } = (await import(dist('kpi/ticket-table.js'))) as typeof import('../../src/kpi/ticket-table.js');
    const run = async (workers: number) => {
      process.env.TEAMKPI_WORKERS = String(workers);
      process.env.TEAMKPI_TYPED_LANE = '1';
      process.env.TEAMKPI_PARALLEL_MIN_BYTES = '0';
      process.env.TEAMKPI_PARALLEL_BLOCK_BYTES = '20000';
      const log = new IssueLog();
      // Every issue, not only the first 200 the log keeps.
      const all: unknown[] = [];
      (log as { report: unknown }).report = (issue: unknown) => void all.push(issue);
      const table = new TicketTable(log);
      await readInputs([{ file }], { inputZone: getZone('UTC'), log, now: Date.parse('2026-11-22T00:00:00Z') }, {
        ticketRow: (b, k) => table.addRow(b, k), survey: () => undefined,
      });
      table.trim();
      return { all, inputs: log.inputs, size: table.size, created: [...table.createdAt], frt: [...table.frtMinutes], lines: [...table.lines], agents: [...table.dims.agent] };
    };
    const reference = await run(0);
    expect(await run(2)).toEqual(reference);
    const codes = new Set((reference.all as { code: string }[]).map((i) => i.code));
    for (const code of ['DUPLICATE_TICKET', 'INVALID_DATE', 'INVALID_NUMBER']) expect(codes.has(code), code).toBe(true);
  });

  it('whole reports read with workers equal the single-threaded ones, issues included', () => {
    const out = join(dir, 'bench-report');
    execFileSync(process.execPath, [join(ROOT, 'bench', 'generate.mjs'), '--tickets', '20000', '--seed', '11', '--out', out], { stdio: 'ignore' });
    // With workers, the durations are sorted on a helper thread too (TEAMKPI_PARALLEL_SORT_MIN=0).
    const env = (workers: number) => ({ TEAMKPI_WORKERS: String(workers), TEAMKPI_PARALLEL_MIN_BYTES: '0', TEAMKPI_PARALLEL_BLOCK_BYTES: '65536', TEAMKPI_PARALLEL_SORT_MIN: '0' });
    for (const [files, flags, issue] of [
      [['tickets.csv', 'surveys.csv'], ['--by', 'agent'], 'DUPLICATE_TICKET'],
      [['tickets.csv', 'surveys.csv'], ['--by', 'tag', '--period', 'week', '--compare', 'previous', '--last', '28d', '--as-of', '2025-06-30'], 'NEGATIVE_DURATION'],
      [['zendesk-tickets.csv'], ['--by', 'team'], '"surveys"'],
    ] as const) {
      const args = ['report', ...files.map((f) => join(out, f)), ...flags, '--format', 'json', '--now', '2026-01-01T00:00:00Z'];
      const single = runCli(args, { env: env(0) });
      const parallel = runCli(args, { env: env(2) });
      expect(single.code, single.stderr).toBe(0);
      expect(parallel.stdout).toBe(single.stdout);
      // The generated files hold duplicates and negative durations: the table reported them.
      expect(single.stdout).toContain(issue);
    }
  });

  it('timestamps without an offset in a zone with daylight saving', async () => {
    const file = join(dir, 'local-times.csv');
    writeFileSync(file, ticketsCsv(6000, '\n').replace(/(T\d{2}:\d{2}:\d{2})(Z|[+-]\d{2}:\d{2})/g, '$1'));
    const single = await read(file, { workers: 0, lane: false, zone: 'Europe/Athens' });
    expect(await read(file, { workers: 0, zone: 'Europe/Athens' })).toEqual(single);
    expect(await read(file, { workers: 2, block: 5003, zone: 'Europe/Athens' })).toEqual(single);
    expect(JSON.stringify(single)).not.toEqual(JSON.stringify(await read(file, { workers: 0, zone: 'UTC' })));
  });

  it.each(cases)('%s', async (name, build, check) => {
    const file = join(dir, `${name.replace(/\W+/g, '-')}.csv`);
    writeFileSync(file, build());
    const single = await read(file, { workers: 0, lane: false });
    const lanes = laneStats.files;
    expect(await read(file, { workers: 0 })).toEqual(single);
    expect(laneStats.files).toBe(lanes + 1);
    for (const block of [997, 30_011]) {
      const before = { ...parallelStats };
      expect(await read(file, { workers: 2, block })).toEqual(single);
      check(before, { ...parallelStats });
    }
  });

  it('goes on single-threaded when the rest of the file is not UTF-8 (Windows-1252 from there, as before)', async () => {
    const file = join(dir, 'latin1-late.csv');
    const text = ticketsCsv(6000, '\n');
    const cut = text.lastIndexOf('\n', text.length - 1000);
    writeFileSync(file, Buffer.concat([Buffer.from(text.slice(0, cut + 1)), Buffer.from('81,2025-03-01T00:00:00Z,,,Jos\xe9,T,email,low,open,1,1,0,false,\n', 'latin1')]));
    const before = parallelStats.declinedUtf8;
    const single = await read(file, { workers: 0, lane: false });
    expect(await read(file, { workers: 2 })).toEqual(single);
    expect(await read(file, { workers: 0 })).toEqual(single);
    expect(parallelStats.declinedUtf8).toBe(before + 2);
    expect(JSON.stringify(single)).toContain('José');
  });
});

// Generated survey files past the first chunk: the rest is read by the survey lane, which must
// give the ordinary path's responses, issues and row accounting.
function surveysCsv(rows: number, eol: string, extra: (i: number) => string | null = () => null): string {
  return generatedCsv('ticket_id,responded_at,agent,team,csat,nps,ces,csat_offered,kind', rows, eol, extra, () => {
    const n = 1000 + Math.floor(rand() * rows * 0.8);
    // Mostly whole numbers (which the lane keeps as numbers), now and then ids that are text as
    // they stand: a leading zero, a prefix, spaces around, quotes (doubled inside too), a number
    // too long to be one.
    const id = rand() < 0.05 ? '' : rand() < 0.9 ? String(n) : pick([`0${n}`, `T-${n}`, ` ${n} `, `"${n}"`, `"${n}""x"""`, `${n}1234567890123`]);
    const day = String(1 + Math.floor(rand() * 28)).padStart(2, '0');
    // Mostly good cells; each column now and then holds one its reader reports.
    const cell = (good: string[], bad: string[]): string => pick(rand() < 0.03 ? bad : good);
    const at = cell([`2025-03-${day}T10:15:00Z`, `2025-03-${day}T10:15:00+02:00`, `2025-03-${day} 08:00:00`, '', 'NA'], ['soon', `2062-03-${day}T00:00:00Z`, `1960-01-${day}T00:00:00Z`]);
    const quotedAgent = csvCell(pick(AGENTS));
    const csat = cell(['', '', '1', '4', '5', '5', '9', 'good', 'Bad', 'NA', '" 4 "'], ['x', 'offered', '-3']);
    const nps = cell(['', '', '0', '7', '10', '9 - Very likely', 'N/A'], ['11', '-1', '3.5']);
    const ces = cell(['', '', '1', '5', '7'], ['8', 'easy']);
    const offered = cell(['', 'true', 'false', 'yes'], ['maybe']);
    const kind = cell(['', '', 'customer', 'Employee', 'eNPS'], ['partner']);
    const team = rand() < 0.02 ? '"Team\nNorth"' : `Team ${Math.floor(rand() * 3)}`;
    return `${id},${at},${quotedAgent},${team},${csat},${nps},${ces},${offered},${kind}`;
  });
}

/**
 * A JSON report read the ordinary way and with the lanes (one thread), their cells split in
 * WebAssembly and in JavaScript (lane-memory.ts): the same stdout and stderr. Returns the report.
 */
function sameWithAndWithoutLanes(args: string[]): string {
  const full = [...args, '--format', 'json', '--now', '2026-01-01T00:00:00Z'];
  const ordinary = runCli(full, { env: { TEAMKPI_TYPED_LANE: '0' } });
  expect(ordinary.code, ordinary.stderr).toBe(0);
  for (const env of [{ TEAMKPI_WORKERS: '0' }, { TEAMKPI_WORKERS: '0', TEAMKPI_LANE_WASM: '0' }]) {
    const lane = runCli(full, { env });
    expect(lane.stdout).toBe(ordinary.stdout);
    expect(lane.stderr).toBe(ordinary.stderr);
  }
  return ordinary.stdout;
}

describe('the survey lane on generated survey files', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'teamkpi-survey-lane-'));
  });

  it.each([
    ['LF, every kind of bad cell, skipped rows, quoted line breaks', () => surveysCsv(12_000, '\n')],
    ['CRLF', () => surveysCsv(12_000, '\r\n')],
    ['a NUL byte and ragged rows past the first chunk', () => surveysCsv(12_000, '\n', (i) => (i === 9000 ? '5,2025-03-01T00:00:00Z,A\0B,T,5,,,,' : i % 997 === 0 ? '6,2025-03-01T00:00:00Z,short' : null))],
    ['a lone CR past the first chunk (the rest goes to csv-parse)', () => surveysCsv(12_000, '\n', (i) => (i === 10_000 ? '7,2025-03-01T00:00:00Z,A\rB,T,5,,,,' : null))],
    ['day-first dates (the lane asks the reader for each one)', () => surveysCsv(12_000, '\n').replace(/2025-03-(\d{2})[T ](\d{2}:\d{2}):00(Z|[+-]\d{2}:\d{2})?/g, '$1/03/2025 $2')],
  ])('%s', async (name, build) => {
    const file = join(dir, `${name.replace(/\W+/g, '-')}.csv`);
    writeFileSync(file, build());
    const single = (await read(file, { workers: 0, lane: false })) as { surveys: unknown[]; issues: { code: string }[] };
    const lanes = { ...laneStats };
    expect(await read(file, { workers: 0 })).toEqual(single);
    expect(await read(file, { workers: 2 })).toEqual(single);
    expect(laneStats.files).toBe(lanes.files + 2);
    // Most rows are clean and past the first chunk: the lane itself read them.
    expect(single.surveys.length).toBeGreaterThan(5000);
    expect(laneStats.rows - lanes.rows).toBeGreaterThan(single.surveys.length / 2);
    const codes = new Set(single.issues.map((i) => i.code));
    for (const code of ['MISSING_VALUE', 'OUT_OF_RANGE', 'INVALID_NUMBER', 'UNKNOWN_VALUE']) expect(codes.has(code), code).toBe(true);
  });

  it('whole reports with and without the survey lane are the same, issues included', () => {
    const surveys = join(dir, 'report-surveys.csv');
    writeFileSync(surveys, surveysCsv(15_000, '\n'));
    const tickets = join(dir, 'report-tickets.csv');
    writeFileSync(tickets, ticketsCsv(12_000, '\n'));
    for (const flags of [['--by', 'agent'], ['--by', 'team', '--period', 'week']]) {
      expect(sameWithAndWithoutLanes(['report', tickets, surveys, ...flags])).toContain('"nps"');
    }
  });

  it('with config renames (issues name the column as the file does) and value rewrites (the lane stands aside)', () => {
    const surveys = join(dir, 'renamed-surveys.csv');
    writeFileSync(surveys, surveysCsv(15_000, '\n').replace(/^ticket_id,responded_at,agent,team,csat,/, 'Ticket,Answered,Owner,Inbox,Score,'));
    const config = join(dir, 'renamed.config.json');
    writeFileSync(config, JSON.stringify({ inputs: { columns: { ticket_id: 'Ticket', responded_at: 'Answered', agent: 'Owner', team: 'Inbox', csat: 'Score' } } }));
    const rewrite = join(dir, 'rewrite.config.json');
    writeFileSync(rewrite, JSON.stringify({ inputs: { columns: { ticket_id: 'Ticket', responded_at: 'Answered', agent: 'Owner', team: 'Inbox', csat: 'Score' }, values: { csat: { good: 5, bad: 1 } } } }));
    for (const file of [config, rewrite]) {
      // An out-of-range CSAT is reported under the file's own header.
      expect(sameWithAndWithoutLanes(['report', surveys, '--by', 'agent', '--config', file])).toContain('"column": "Score"');
    }
  });
});

// While one input is read on the main thread, the next is opened, and a large ticket file's workers
// start on it: the outcome must be the one of opening each file only once the one before is read.
describe('the next input opened while one is read', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'teamkpi-open-ahead-'));
  });

  it('a survey file, a ticket file its workers read meanwhile, another survey file: as if read one at a time', async () => {
    const files = [join(dir, 'a-surveys.csv'), join(dir, 'b-tickets.csv'), join(dir, 'c-surveys.csv')];
    writeFileSync(files[0], surveysCsv(12_000, '\n'));
    writeFileSync(files[1], ticketsCsv(6000, '\n'));
    writeFileSync(files[2], surveysCsv(3000, '\r\n'));
    const reference = (await read(files, { workers: 0, lane: false, oneAtATime: true })) as { byCode: [string, number][]; inputs: { file: string; rowsRead: number; rowsSkipped: number }[] };
    expect(reference.inputs.map((i) => i.file)).toEqual(files);
    for (const input of reference.inputs) expect(input.rowsRead).toBeGreaterThan(2000);
    expect(new Map(reference.byCode).get('INVALID_DATE')).toBeGreaterThan(0);
    const before = { ...parallelStats };
    const ahead = inputStats.openedAhead;
    // With workers, the ticket file is opened (and its workers started) while the first is read;
    // the third waits for the ticket file (its workers are busy).
    expect(await read(files, { workers: 2, block: 30_011 })).toEqual(reference);
    expect(parallelStats.files).toBe(before.files + 1);
    expect(parallelStats.blocks).toBeGreaterThan(before.blocks);
    expect(inputStats.openedAhead).toBe(ahead + 1);
    expect(await read(files, { workers: 0 })).toEqual(reference);
    expect(inputStats.openedAhead).toBe(ahead + 3);
  });

  it('an error opening the next file comes once the files before it are read; an error reading them comes first', async () => {
    const fine = join(dir, 'd-surveys.csv');
    writeFileSync(fine, surveysCsv(12_000, '\n'));
    const unclosed = join(dir, 'e-surveys.csv');
    writeFileSync(unclosed, surveysCsv(12_000, '\n') + '5,2025-03-01T00:00:00Z,A,T,"4\n');
    const mixedDates = join(dir, 'f-tickets.csv');
    writeFileSync(mixedDates, 'ticket_id,created_at\n1,03/04/2025\n2,25/04/2025\n3,04/26/2025\n');
    const tickets = join(dir, 'g-tickets.csv');
    writeFileSync(tickets, ticketsCsv(6000, '\n'));
    for (const files of [[fine, mixedDates], [unclosed, mixedDates], [unclosed, tickets]]) {
      const reference = (await read(files, { workers: 0, lane: false, oneAtATime: true })) as { error?: string; before: { surveys: number } };
      expect(reference.error).toMatch(files[0] === fine ? /mixes day-first/ : /never closed/);
      // The first file was read up to its error before the second one's error could surface.
      expect(reference.before.surveys).toBeGreaterThan(5000);
      const cancelled = inputStats.cancelled;
      for (const workers of [0, 2]) expect(await read(files, { workers, block: 30_011 })).toEqual(reference);
      // A ticket file opened ahead (its workers started) is stopped when the file before it fails.
      if (files[1] === tickets) expect(inputStats.cancelled).toBe(cancelled + 2);
    }
  });
});

describe('reader threads started before the file is opened', () => {
  const { earlyReaderStats } = threads;
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'teamkpi-early-readers-'));
  });

  it('are taken by the ticket file and read what new threads read; left unused, they are stopped', async () => {
    const tickets = join(dir, 'tickets.csv');
    writeFileSync(tickets, ticketsCsv(6000, '\n'));
    const surveys = join(dir, 'surveys.csv');
    writeFileSync(surveys, surveysCsv(12_000, '\n'));
    const reference = await read([surveys, tickets], { workers: 0, lane: false });
    const before = { ...earlyReaderStats };
    const files = { ...parallelStats };
    // `read` sets the same environment: two threads, any file size.
    process.env.TEAMKPI_WORKERS = '2';
    process.env.TEAMKPI_PARALLEL_MIN_BYTES = '0';
    threads.startReadersEarly([surveys, tickets]);
    expect(earlyReaderStats.started).toBe(before.started + 2);
    expect(await read([surveys, tickets], { workers: 2, block: 30_011 })).toEqual(reference);
    expect(earlyReaderStats.taken).toBe(before.taken + 2);
    expect(parallelStats.files).toBe(files.files + 1);
    // Only a survey file: nothing takes them, and the read stops them.
    const onlySurveys = await read([surveys], { workers: 0, lane: false });
    process.env.TEAMKPI_WORKERS = '2';
    threads.startReadersEarly([surveys]);
    expect(await read([surveys], { workers: 2 })).toEqual(onlySurveys);
    expect(earlyReaderStats.started).toBe(before.started + 4);
    expect(earlyReaderStats.stopped).toBe(before.stopped + 2);
    expect(earlyReaderStats.taken).toBe(before.taken + 2);
  });

  it('are not started for small files, a pipe, a compressed file or a missing one', () => {
    const small = join(dir, 'small.csv');
    writeFileSync(small, ticketsCsv(100, '\n'));
    const gz = join(dir, 'big.csv.gz');
    writeFileSync(gz, Buffer.alloc(4096));
    const before = earlyReaderStats.started;
    process.env.TEAMKPI_WORKERS = '2';
    process.env.TEAMKPI_PARALLEL_MIN_BYTES = '1000000';
    threads.startReadersEarly([small, '-', join(dir, 'missing.csv')]);
    process.env.TEAMKPI_PARALLEL_MIN_BYTES = '0';
    threads.startReadersEarly([gz, '-', join(dir, 'missing.csv')]);
    process.env.TEAMKPI_WORKERS = '0';
    threads.startReadersEarly([small]);
    expect(earlyReaderStats.started).toBe(before);
  });
});

// A path that is a pipe (/dev/stdin, `<(cat file)`, a FIFO) has no size: the stream reader reads
// all of it, with or without workers (the fast roads start from the file's size).
describe('a pipe given as a path', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'teamkpi-pipe-'));
    // Both larger than the first chunk a pipe gives (64 KB).
    writeFileSync(join(dir, 'tickets.csv'), ['ticket_id,created_at', ...Array.from({ length: 3000 }, (_, i) => `${i + 1},2025-06-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00Z`)].join('\n') + '\n');
    writeFileSync(join(dir, 'surveys.csv'), ['ticket_id,responded_at,csat', ...Array.from({ length: 5000 }, (_, i) => `${i + 1},2025-06-01T10:00:00Z,${1 + (i % 5)}`)].join('\n') + '\n');
  });
  /** Run a shell line with $TEAMKPI set to the CLI; stdout, stderr and the exit code. */
  const sh = (line: string, workers: string): { code: number; stdout: string; stderr: string } => {
    // stdin not a socket (as Node's pipes are): bash would take itself for a remote shell and read ~/.bashrc.
    const r = spawnSync('bash', ['--norc', '-c', line], {
      cwd: dir, encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '', TZ: 'UTC', NO_COLOR: '1', TEAMKPI: `"${process.execPath}" "${join(ROOT, 'bin', 'teamkpi.js')}"`, TEAMKPI_WORKERS: workers, TEAMKPI_PARALLEL_MIN_BYTES: '0' },
    });
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  };
  const common = '--format csv --quiet --now 2026-01-01T00:00:00Z';

  it.each(['0', '2'])('is read to its end: /dev/stdin, process substitution, a FIFO (TEAMKPI_WORKERS=%s)', (workers) => {
    // 3,000 tickets; scores 1–5 in turn, 4 and 5 satisfied: 2,000 of 5,000 = 40 %.
    for (const [line, row] of [
      [`cat tickets.csv | eval "$TEAMKPI report /dev/stdin --metrics tickets ${common}"`, 'all,3000,3000,UTC'],
      [`eval "$TEAMKPI report <(cat tickets.csv) --metrics tickets ${common}"`, 'all,3000,3000,UTC'],
      [`cat surveys.csv | eval "$TEAMKPI report /dev/stdin --metrics csat_pct ${common}"`, 'all,40,5000,UTC'],
      [`rm -f f.csv; mkfifo f.csv; (cat tickets.csv > f.csv &); eval "$TEAMKPI report f.csv --metrics tickets ${common}"`, 'all,3000,3000,UTC'],
    ]) {
      const r = sh(line, workers);
      expect(r.stderr, line).toBe('');
      expect(r.stdout.trim().split('\n')[1], line).toBe(row);
    }
  });
});

// A read that fails partway (a disk error) on the fast roads is the same input error the stream
// reader gives ("cannot be read"), not an internal error. A directory fails every read (EISDIR).
const { findPreset } = (await import(dist('ingest/presets/index.js'))) as typeof import('../../src/ingest/presets/index.js');
const { InputError } = (await import(dist('errors.js'))) as typeof import('../../src/errors.js');
describe('a read error on the fast roads', () => {
  const { readRest, readFailure } = parallelRead;
  const header = ['ticket_id', 'created_at', 'agent'];

  it.each([0, 2])('is "cannot be read" with %i worker threads', async (workers) => {
    process.env.TEAMKPI_WORKERS = String(workers);
    process.env.TEAMKPI_TYPED_LANE = '1';
    process.env.TEAMKPI_PARALLEL_MIN_BYTES = '0';
    const dir = mkdtempSync(join(tmpdir(), 'teamkpi-eisdir-'));
    const log = new IssueLog();
    const mapper = findPreset('generic')!.compile(header, 'tickets', { file: dir, inputZone: getZone('UTC'), report: log.report });
    const setup = {
      file: dir, header, renamed: new Map<string, string>(), preset: 'generic', kind: 'tickets' as const, extraHeaders: [], prepared: null,
      delimiter: ',', width: header.length, inputZone: 'UTC', resume: { offset: 0, line: 2, recordDelimiter: 1, fileSize: 10_000_000 },
    };
    const target = { mapper, rewrite: null, report: log.report, counts: { rowsRead: 0, rowsUsed: 0, rowsSkipped: 0 }, sink: { ticketRow: () => undefined, survey: () => undefined } };
    const error = await readRest(setup, target).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(`${dir}: cannot be read (EISDIR: illegal operation on a directory, read)`);
  });

  it('leaves errors that are not system errors as they are', () => {
    const bug = new TypeError('x is undefined');
    expect(readFailure('a.csv', bug)).toBe(bug);
    const io = Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO', syscall: 'read' });
    expect((readFailure('a.csv', io) as Error).message).toBe('a.csv: cannot be read (EIO: i/o error, read)');
  });
});

describe('validUtf8 (the check before bytes are read without the decoder)', () => {
  const { validUtf8 } = blockReader;
  it.each([4, 5, 7, 64])('agrees with Buffer.isUtf8 whatever the read size cuts (%i bytes at a time)', (size) => {
    const dir = mkdtempSync(join(tmpdir(), 'teamkpi-utf8-'));
    const valid = Buffer.from('José, Zoë Müller, 李雷, 😀 emoji, Ørjan;'.repeat(20));
    const cases: [string, Buffer][] = [
      ['valid', valid],
      ['a lone continuation byte', Buffer.concat([valid, Buffer.from([0x80]), valid])],
      ['a Latin-1 é', Buffer.concat([valid, Buffer.from('Jos\xe9', 'latin1'), valid])],
      ['cut inside the last character', valid.subarray(0, valid.length - 2)],
    ];
    for (const [name, bytes] of cases) {
      const file = join(dir, `${name}.txt`);
      writeFileSync(file, bytes);
      const fd = openSync(file, 'r');
      try {
        for (const start of [0, 1, 3]) {
          const slice = bytes.subarray(start);
          expect(validUtf8(fd, start, bytes.length, size), `${name} from ${start}`).toBe(isUtf8(slice));
        }
      } finally {
        closeSync(fd);
      }
    }
  });
});
