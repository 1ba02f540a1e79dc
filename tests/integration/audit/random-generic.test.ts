import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { BIN, ROOT } from '../../helpers/run-cli.js';

// An adversarial audit of the generic format. A seeded generator writes ticket and survey CSVs
// full of nasty but valid cases (duplicate ids with different update/solved times, several
// survey answers per ticket, orphans, surveys naming another agent/team, blank and `N/A` cells,
// negative durations, offsets and naive times around DST changes, header spellings, quoted
// delimiters and line breaks …). A reference written here from DESIGN §3–§4 and the README's
// "Decisions" — its own CSV reader, its own timestamp and zone handling (Intl `longOffset`, not the
// program's field arithmetic), its own R-7 percentile, ISO weeks from January 4th — computes every
// KPI per group and period, and each `teamkpi report --format json` row must match it: the set of
// rows exactly, every `n` exactly, every value to 1e-6.

// ───────────────────────────── seeded randomness ─────────────────────────────

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
}

// ───────────────────────────── reference time handling ─────────────────────────────

const MIN = 60_000;
const DAY = 86_400_000;

const offsetFormats = new Map<string, Intl.DateTimeFormat>();
/** Offset of `zone` from UTC in minutes at an instant, read from Intl's `longOffset` name ("GMT+05:30"). */
function offsetAt(zone: string, ms: number): number {
  let f = offsetFormats.get(zone);
  if (f === undefined) offsetFormats.set(zone, (f = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })));
  const name = f.formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')!.value;
  const m = /^GMT(?:([+-])(\d{1,2})(?::(\d{2}))?)?$/.exec(name);
  if (m === null) throw new Error(`unexpected zone name ${name}`);
  if (m[1] === undefined) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

/**
 * The instant of a wall-clock time (given as UTC-read ms) in `zone`, by the README's rules: a
 * wall time that occurs twice is the earlier instant; one that does not exist moves forward by
 * the gap (the offset in force before the change).
 */
function wallToInstant(zone: string, wall: number): number {
  const before = offsetAt(zone, wall - DAY);
  const after = offsetAt(zone, wall + DAY);
  const candidates = [before, after]
    .map((o) => wall - o * MIN)
    .filter((c, i) => offsetAt(zone, c) === [before, after][i]);
  if (candidates.length > 0) return Math.min(...candidates);
  return wall - before * MIN;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
/** Local calendar date in `zone` as a day number (days since 1970-01-01). */
function localDayOf(zone: string, ms: number): number {
  let f = dayFormats.get(zone);
  if (f === undefined) dayFormats.set(zone, (f = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: 'numeric', day: 'numeric' })));
  const parts = Object.fromEntries(f.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day)) / DAY;
}

function dayOfText(text: string): number {
  const [y, m, d] = text.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / DAY;
}

function textOfDay(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/** ISO week label: the week whose Monday is `monday` counted from the Monday of the week holding January 4th. */
function isoWeek(day: number): { start: number; label: string } {
  const mondayOf = (d: number) => d - ((new Date(d * DAY).getUTCDay() + 6) % 7);
  const monday = mondayOf(day);
  const isoYear = new Date((monday + 3) * DAY).getUTCFullYear();
  const week1 = mondayOf(Date.UTC(isoYear, 0, 4) / DAY);
  return { start: monday, label: `${isoYear}-W${String((monday - week1) / 7 + 1).padStart(2, '0')}` };
}

type Period = 'all' | 'day' | 'week' | 'month' | 'quarter';
function periodOf(unit: Period, day: number): { start: number; label: string | null } {
  if (unit === 'all') return { start: 0, label: null };
  if (unit === 'day') return { start: day, label: textOfDay(day) };
  if (unit === 'week') return isoWeek(day);
  const d = new Date(day * DAY);
  if (unit === 'quarter') {
    const q = Math.floor(d.getUTCMonth() / 3);
    return { start: Date.UTC(d.getUTCFullYear(), q * 3, 1) / DAY, label: `${d.getUTCFullYear()}-Q${q + 1}` };
  }
  return { start: Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY, label: textOfDay(day).slice(0, 7) };
}
function nextStart(unit: Period, start: number): number {
  if (unit === 'day') return start + 1;
  if (unit === 'week') return start + 7;
  const d = new Date(start * DAY);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + (unit === 'quarter' ? 3 : 1), 1) / DAY;
}

/** An ISO-8601 timestamp read by its own pattern; no offset = wall time in `inputZone`. */
function parseInstant(text: string, inputZone: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{3}))?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text);
  if (m === null) throw new Error(`reference cannot read timestamp "${text}"`);
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] ?? 0), +(m[7] ?? 0));
  const tz = m[8];
  if (tz === undefined) return wallToInstant(inputZone, wall);
  if (tz === 'Z') return wall;
  const digits = tz.slice(1).replace(':', '');
  return wall - (tz[0] === '-' ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * MIN;
}

// ───────────────────────────── generator ─────────────────────────────

interface Scenario {
  seed: number;
  inputZone: string;
  reportZone: string;
  /** First and last day (UTC dates) of ticket creation. */
  from: string;
  days: number;
  tickets: number;
  surveys: number;
  /** Optional columns and value styles this scenario uses. */
  fcrColumn: boolean;
  offeredColumn: boolean;
  goodBad: boolean;
  ticketCsat: boolean;
  durationColumns: boolean;
  cesMax: 5 | 7;
  twoFiles: boolean;
  fancyHeaders: boolean;
  crlf: boolean;
  /** Naive wall times (input zone) on DST-change days: some do not exist, some occur twice. */
  dstWalls: string[];
  /** The clock of the config's SLA targets in the business-hours run. */
  slaHours: 'business' | 'calendar';
  /** Which of `runsFor`'s runs this scenario makes (each spawns the CLI; every run is covered twice). */
  runs: number[];
}

const AGENTS = ['Ana Silva', 'Bo "Bobby" Chen', 'Smith, Jo', 'Zoë Ångström', 'Dmitri', '=Lee'];
const TEAMS = ['Billing', 'Tech; L2', 'Onboarding', 'Ünicode Team'];
const TAGS = ['vip', 'billing', 'bug', 'refund', 'how-to', 'outage'];
const CHANNELS = ['email', 'chat', 'phone', 'web form'];
const BLANKS = ['', '   ', '\u00a0', 'N/A', 'NULL', 'NA', '#N/A', 'NaN', ' \u00a0 '];

function csvCell(value: string): string {
  return /[",\r\n;|\t]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

interface Files {
  dir: string;
  ticketFiles: string[];
  surveyFiles: string[];
}

/** Render an instant in one of the ISO shapes the README promises, naive ones in the input zone. */
function renderInstant(rng: Rng, ms: number, inputZone: string): string {
  const iso = (wall: number) => new Date(wall).toISOString();
  const shape = rng.int(0, 7);
  switch (shape) {
    case 0: return iso(ms).slice(0, 19) + 'Z';
    case 1: return iso(ms).slice(0, 23) + 'Z';
    case 2:
    case 3: {
      const off = rng.pick([330, -180, 0, 840, -570, 120, 345, -600]);
      const sign = off < 0 ? '-' : '+';
      const hh = String(Math.floor(Math.abs(off) / 60)).padStart(2, '0');
      const mm = String(Math.abs(off) % 60).padStart(2, '0');
      const wall = iso(ms + off * MIN);
      return shape === 2 ? `${wall.slice(0, 19)}${sign}${hh}:${mm}` : `${wall.slice(0, 10)} ${wall.slice(11, 19)}${sign}${hh}${mm}`;
    }
    default: {
      const wall = iso(ms + offsetAt(inputZone, ms) * MIN);
      if (shape === 4) return wall.slice(0, 19);
      if (shape === 5) return `${wall.slice(0, 10)} ${wall.slice(11, 16)}`;
      return `${wall.slice(0, 10)} ${wall.slice(11, 19)}`;
    }
  }
}

function generate(s: Scenario): Files {
  const rng = new Rng(s.seed);
  const dir = mkdtempSync(join(tmpdir(), `teamkpi-audit-${s.seed}-`));
  const start = Date.parse(`${s.from}T00:00:00Z`);
  const span = s.days * DAY;
  const time = (ms: number) => renderInstant(rng, Math.round(ms / 1000) * 1000 + (rng.chance(0.1) ? rng.int(1, 999) : 0), s.inputZone);
  const blank = () => rng.pick(BLANKS);
  const person = (names: readonly string[]) => (rng.chance(0.12) ? blank() : rng.chance(0.1) ? ` ${rng.pick(names)} ` : rng.pick(names));

  const ticketHeader = ['ticket_id', 'created_at', 'updated_at', 'first_response_at', 'solved_at', 'agent', 'team', 'channel', 'priority', 'status',
    'agent_replies', 'customer_messages', 'reopens', 'escalated', 'group_stations', 'tags', 'sla_first_response_met', 'sla_resolution_met', 'notes',
    'category', 'type'];
  if (s.fcrColumn) ticketHeader.push('fcr');
  if (s.durationColumns) ticketHeader.push('first_response_minutes', 'resolution_minutes');
  if (s.ticketCsat) ticketHeader.push('csat');

  const ids: string[] = [];
  const rows: Record<string, string>[] = [];
  for (let i = 0; i < s.tickets; i++) {
    const id = i === 0 ? '12' : i === 1 ? '012' : rng.chance(0.5) ? String(100_000 + i * 7) : rng.chance(0.5) ? `T-${i}` : `00${i}`;
    ids.push(id);
    const created = start + rng.float() * span;
    const row: Record<string, string> = { ticket_id: id, created_at: time(created), notes: rng.chance(0.2) ? 'said "hi",\nthen left; ok' : '' };
    let fr: number | null = null;
    if (rng.chance(0.8)) {
      fr = rng.chance(0.05) ? created - rng.int(1, 180) * MIN : rng.chance(0.03) ? created : created + rng.float() * rng.pick([30, 600, 5000]) * MIN;
      row.first_response_at = time(fr);
    } else if (s.durationColumns && rng.chance(0.4)) {
      row.first_response_minutes = rng.chance(0.5) ? String(rng.int(0, 900)) : (rng.float() * 100).toFixed(2);
    }
    let solved: number | null = null;
    if (rng.chance(0.65)) {
      solved = rng.chance(0.04) ? created - rng.int(1, 600) * MIN : (fr ?? created) + rng.float() * rng.pick([120, 3000, 20000]) * MIN;
      row.solved_at = time(solved);
      row.status = rng.pick(['solved', 'closed', 'Solved', 'CLOSED', 'open', '', 'pending']);
    } else {
      row.status = rng.pick(['new', 'open', 'pending', 'hold', 'solved', 'weird', '', 'Open']);
      if (s.durationColumns && rng.chance(0.2)) row.resolution_minutes = String(rng.int(5, 50_000));
    }
    if (rng.chance(0.7)) row.updated_at = time(Math.max(created, fr ?? 0, solved ?? 0) + rng.int(0, 500) * MIN);
    row.agent = person(AGENTS);
    row.team = person(TEAMS);
    row.channel = rng.chance(0.1) ? blank() : rng.pick(CHANNELS);
    row.category = rng.chance(0.2) ? blank() : rng.pick(['Billing > Refunds', 'Login', 'Shipping, returns']);
    row.type = rng.chance(0.2) ? '' : rng.pick(['question', 'incident', 'problem', 'Question']);
    row.priority = rng.pick(['low', 'normal', 'high', 'urgent', 'Medium', 'critical', 'Low', '', 'whatever']);
    row.agent_replies = rng.chance(0.1) ? '' : String(rng.pick([0, 1, 1, 1, 2, 3, 5]));
    row.customer_messages = rng.chance(0.2) ? '' : String(rng.int(0, 4));
    row.reopens = rng.chance(0.1) ? '' : String(rng.pick([0, 0, 0, 0, 1, 2]));
    row.escalated = rng.pick(['true', 'false', 'false', 'yes', 'no', '1', '0', 'Y', 'n', '', '', 'TRUE', 'No']);
    row.group_stations = rng.chance(0.5) ? String(rng.int(1, 3)) : '';
    const tagCount = rng.pick([0, 0, 1, 1, 2, 3]);
    const tags: string[] = [];
    for (let k = 0; k < tagCount; k++) tags.push(rng.pick(TAGS));
    row.tags = tags.length === 0 && rng.chance(0.2) ? rng.pick([',,', ' ; ', '|']) : tags.join(rng.pick([' ', ',', ';', '|', ', ', ' | ']));
    row.sla_first_response_met = rng.pick(['true', 'false', '', '', 'yes']);
    row.sla_resolution_met = rng.pick(['true', 'false', '', '0', '1']);
    if (s.fcrColumn) row.fcr = rng.pick(['true', 'false', '', 'yes']);
    if (s.ticketCsat) row.csat = rng.chance(0.6) ? '' : s.goodBad && rng.chance(0.3) ? rng.pick(['Good', 'Bad']) : rng.chance(0.15) ? 'Offered' : String(rng.int(1, 5));
    rows.push(row);

    // Duplicates: the same id again with other values and an earlier, equal, later or missing update time.
    if (rng.chance(0.18)) {
      for (let d = rng.int(1, 3); d > 0; d--) {
        const dup = { ...row };
        if (rng.chance(0.15)) dup.ticket_id = rng.pick([` ${id}`, `${id}\u00a0`, ` ${id} `]);
        const shift = rng.pick([-300, -1, 0, 0, 1, 240, 5000]);
        const base = Math.max(created, fr ?? 0, solved ?? 0);
        if (rng.chance(0.15)) delete dup.updated_at;
        else dup.updated_at = shift === 0 && row.updated_at !== undefined ? row.updated_at : time(base + shift * MIN);
        if (rng.chance(0.5)) dup.agent = person(AGENTS);
        if (rng.chance(0.5)) dup.team = person(TEAMS);
        if (rng.chance(0.4)) {
          const later = (fr ?? created) + rng.float() * 4000 * MIN;
          dup.solved_at = time(later);
          dup.status = rng.pick(['solved', 'closed', 'open']);
        }
        if (rng.chance(0.3)) dup.first_response_at = rng.chance(0.3) ? '' : time(created + rng.int(0, 400) * MIN);
        if (rng.chance(0.3)) dup.escalated = rng.pick(['true', 'false', '']);
        if (rng.chance(0.3)) dup.reopens = String(rng.int(0, 2));
        if (rng.chance(0.3)) dup.tags = rng.pick(['', 'vip', 'bug refund']);
        if (s.ticketCsat && rng.chance(0.5)) dup.csat = String(rng.int(1, 5));
        rows.push(dup);
      }
    }
  }
  // Naive wall times on DST-change days: some do not exist (moved forward), some occur twice (earlier instant).
  for (const [k, wall] of s.dstWalls.entries()) {
    rows.push({
      // Solved at an exact instant the next day, so the resolution time shows how the naive creation time was read.
      ticket_id: `DST-${k}`, created_at: wall, solved_at: `${textOfDay(dayOfText(wall.slice(0, 10)) + 1)}T12:00:00Z`,
      agent: AGENTS[k % AGENTS.length], team: TEAMS[k % TEAMS.length], status: 'open', agent_replies: '1', escalated: 'false',
    });
  }
  // Tickets exactly at local midnight of the report zone and 1 ms before it, on window edges and
  // Mondays, written with the offset in force at that instant (so nothing but bucketing can differ).
  const exact = (ms: number) => {
    const off = offsetAt(s.reportZone, ms);
    const wall = new Date(ms + off * MIN).toISOString().slice(0, 23);
    const sign = off < 0 ? '-' : '+';
    return `${wall}${sign}${String(Math.floor(Math.abs(off) / 60)).padStart(2, '0')}:${String(Math.abs(off) % 60).padStart(2, '0')}`;
  };
  const first = dayOfText(s.from);
  const edges = [5, 9, 12, 19, 20, 21, s.days - 5, s.days - 4].map((k) => first + k);
  for (let d = first; d < first + s.days; d++) if (new Date(d * DAY).getUTCDay() === 1) edges.push(d);
  for (const [k, d] of edges.entries()) {
    const midnight = wallToInstant(s.reportZone, d * DAY);
    for (const [j, ms] of [midnight, midnight - 1].entries()) {
      rows.push({
        ticket_id: `EDGE-${k}-${j}`, created_at: exact(ms), solved_at: exact(ms + (j === 0 ? 1 : 7) * DAY), first_response_at: exact(ms + 60_000),
        agent: rng.pick(AGENTS), team: rng.pick(TEAMS), channel: rng.pick(CHANNELS), status: 'solved', agent_replies: '1', escalated: rng.pick(['true', 'false']),
        tags: rng.pick(['vip', 'bug', '']), priority: rng.pick(['high', 'low']),
      });
    }
  }
  rng.shuffle(rows);

  const files: Files = { dir, ticketFiles: [], surveyFiles: [] };
  const header = (names: string[]) => (s.fancyHeaders
    ? names.map((h) => rng.pick([h, h.toUpperCase(), h.replace(/_/g, ' '), h.replace(/_/g, '-'), h.replace(/(^|_)(\w)/g, (_, a, b) => `${a ? ' ' : ''}${b.toUpperCase()}`)]))
    : names);
  const eol = s.crlf ? '\r\n' : '\n';
  const write = (name: string, names: string[], body: Record<string, string>[]) => {
    const text = [header(names).map(csvCell).join(','), ...body.map((r) => names.map((h) => csvCell(r[h] ?? '')).join(','))].join(eol) + eol;
    const path = join(dir, name);
    writeFileSync(path, (s.crlf ? '\ufeff' : '') + text);
    return path;
  };
  const split = s.twoFiles ? Math.floor(rows.length / 2) : rows.length;
  files.ticketFiles.push(write('tickets-a.csv', ticketHeader, rows.slice(0, split)));
  if (s.twoFiles) files.ticketFiles.push(write('tickets-b.csv', ticketHeader, rows.slice(split)));

  // Surveys.
  const surveyHeader = ['ticket_id', 'responded_at', 'agent', 'team', 'csat', 'nps', 'ces', 'kind'];
  if (s.offeredColumn) surveyHeader.push('csat_offered');
  const surveys: Record<string, string>[] = [];
  const hot = ids.slice(0, Math.max(5, Math.floor(ids.length / 8)));
  for (let i = 0; i < s.surveys; i++) {
    const r: Record<string, string> = {};
    const linkage = rng.float();
    if (linkage < 0.35) r.ticket_id = rng.pick(hot);
    else if (linkage < 0.7) r.ticket_id = rng.pick(ids);
    else if (linkage < 0.8) r.ticket_id = rng.pick(['999999', 'X-1', '0012', '12.0', 'T-99999']);
    else r.ticket_id = rng.chance(0.5) ? '' : blank();
    const employee = rng.chance(r.ticket_id.trim() === '' ? 0.3 : 0.03);
    r.kind = employee ? rng.pick(['employee', 'Employee']) : rng.pick(['', '', 'customer', 'Customer']);
    if (rng.chance(0.88)) {
      const t = start + rng.float() * (span + 10 * DAY);
      // A share of responses land on the same instant (written differently) to test ties.
      r.responded_at = rng.chance(0.15) ? time(start + 3 * DAY) : time(t);
    } else r.responded_at = blank();
    r.agent = rng.chance(0.55) ? '' : person(AGENTS);
    r.team = rng.chance(0.6) ? '' : person(TEAMS);
    if (employee) {
      r.nps = String(rng.int(0, 10));
    } else {
      const c = rng.float();
      if (c < 0.5) r.csat = rng.chance(0.05) ? `${rng.int(1, 5)}.0` : String(rng.int(1, 5));
      else if (c < 0.58 && s.goodBad) r.csat = rng.pick(['Good', 'Bad', 'good']);
      else if (c < 0.64) r.csat = 'Offered';
      else if (c < 0.74 && s.offeredColumn) {
        r.csat = '';
        r.csat_offered = rng.pick(['true', 'yes', '1']);
      } else r.csat = rng.chance(0.5) ? '' : blank();
      if (s.offeredColumn && r.csat_offered === undefined) r.csat_offered = r.csat !== '' && rng.chance(0.7) ? rng.pick(['true', 'false', '']) : rng.pick(['', 'false', 'no']);
      if (rng.chance(0.5)) r.nps = rng.chance(0.05) ? `${rng.int(0, 10)}.0` : String(rng.int(0, 10));
      if (rng.chance(0.4)) r.ces = String(rng.int(1, s.cesMax));
      if (rng.chance(0.05)) r.ticket_id = ` ${r.ticket_id}\u00a0`;
    }
    surveys.push(r);
  }
  if (s.twoFiles) {
    files.surveyFiles.push(write('surveys-a.csv', surveyHeader, surveys.slice(0, surveys.length >> 1)));
    files.surveyFiles.push(write('surveys-b.csv', surveyHeader, surveys.slice(surveys.length >> 1)));
  } else files.surveyFiles.push(write('surveys.csv', surveyHeader, surveys));
  return files;
}

// ───────────────────────────── reference: reading ─────────────────────────────

function readCsv(text: string): Record<string, string>[] {
  const src = text.replace(/^\ufeff/, '');
  const records: string[][] = [];
  let field = '', row: string[] = [], quoted = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\r' && src[i + 1] === '\n') continue;
    else if (c === '\n') { row.push(field); records.push(row); row = []; field = ''; }
    else field += c;
  }
  const [header, ...body] = records;
  const names = header.map((h) => h.trim().toLowerCase().replace(/[\s_-]+/g, '_'));
  return body.map((r) => Object.fromEntries(names.map((h, i) => [h, r[i]])));
}

/** README: cells of only whitespace or no-break spaces, and `NA`, `N/A`, `#N/A`, `NULL`, `NaN`, are empty. */
function cell(value: string | undefined): string | null {
  if (value === undefined) return null;
  const t = value.replace(/^[\s\u00a0]+|[\s\u00a0]+$/g, '');
  return t === '' || ['NA', 'N/A', '#N/A', 'NULL', 'NaN'].includes(t) ? null : t;
}
function bool(value: string | undefined): boolean | null {
  const t = cell(value)?.toLowerCase();
  if (t === undefined) return null;
  if (['true', 'yes', 'y', '1'].includes(t)) return true;
  if (['false', 'no', 'n', '0'].includes(t)) return false;
  throw new Error(`reference: not a boolean: ${value}`);
}
function num(value: string | undefined): number | null {
  const t = cell(value);
  return t === null ? null : Number(t);
}
function priorityOf(value: string | undefined): string | null {
  const t = cell(value)?.toLowerCase();
  if (t === undefined) return null;
  return ({ low: 'low', normal: 'normal', medium: 'normal', high: 'high', urgent: 'urgent', critical: 'urgent' } as Record<string, string>)[t] ?? null;
}
const CANONICAL_STATUS = ['new', 'open', 'pending', 'hold', 'solved', 'closed'];
function statusOf(value: string | undefined): string | null {
  const t = cell(value)?.toLowerCase();
  if (t === undefined) return null;
  return CANONICAL_STATUS.includes(t) ? t : 'other';
}

interface RefTicket {
  file: string;
  id: string;
  created: number;
  rank: number;
  updated: number;
  fr: number | null;
  frMinutes: number | null;
  solvedAt: number | null;
  resolutionMinutes: number | null;
  status: string | null;
  agent: string | null;
  team: string | null;
  channel: string | null;
  priority: string | null;
  category: string | null;
  type: string | null;
  tags: string[];
  replies: number | null;
  customerMessages: number | null;
  reopens: number | null;
  escalated: boolean | null;
  groupStations: number | null;
  fcr: boolean | null;
  slaFirst: boolean | null;
  slaResolution: boolean | null;
}

type Csat = { score: number; goodBad: boolean } | null;
interface RefSurvey {
  file: string;
  order: number;
  ticketId: string | null;
  responded: number | null;
  agent: string | null;
  team: string | null;
  csat: Csat;
  offered: boolean | null;
  nps: number | null;
  ces: number | null;
  employee: boolean;
  /** Came from a ticket row's own csat column. */
  fromTicketRow?: RefTicket;
}

function csatOf(value: string | undefined): { csat: Csat; offered: boolean } {
  const t = cell(value)?.toLowerCase();
  if (t === undefined) return { csat: null, offered: false };
  if (t === 'good') return { csat: { score: 1, goodBad: true }, offered: false };
  if (t === 'bad') return { csat: { score: 0, goodBad: true }, offered: false };
  if (t === 'offered') return { csat: null, offered: true };
  return { csat: { score: Number(t), goodBad: false }, offered: false };
}

interface Data {
  tickets: Map<string, RefTicket>;
  surveys: RefSurvey[];
  /** Survey rows with no answer and not offered (skipped by the program), per file. */
  unanswered: Map<string, number>;
  rowsRead: Map<string, number>;
  ticketFiles: string[];
}

function readData(files: Files, inputZone: string): Data {
  const at = (v: string | undefined) => {
    const t = cell(v);
    return t === null ? null : parseInstant(t, inputZone);
  };
  const tickets = new Map<string, RefTicket>();
  const surveys: RefSurvey[] = [];
  let order = 0;
  const unanswered = new Map<string, number>();
  const rowsRead = new Map<string, number>();
  // README "Deterministic": files are read in file-name order (code point), whatever their kind,
  // and "ties go to the later row" counts rows in that order.
  for (const file of [...files.ticketFiles, ...files.surveyFiles].sort()) {
    const isTickets = files.ticketFiles.includes(file);
    const records = readCsv(readFileSync(file, 'utf8'));
    rowsRead.set(file, records.length);
    for (const r of records) {
      if (!isTickets) {
        const own = csatOf(r.csat);
        const survey: RefSurvey = {
          file,
          order: order++,
          ticketId: cell(r.ticket_id),
          responded: at(r.responded_at),
          agent: cell(r.agent),
          team: cell(r.team),
          csat: own.csat,
          offered: own.offered ? true : bool(r.csat_offered),
          nps: num(r.nps),
          ces: num(r.ces),
          employee: cell(r.kind)?.toLowerCase() === 'employee',
        };
        if (survey.csat === null && survey.nps === null && survey.ces === null && survey.offered !== true) unanswered.set(file, (unanswered.get(file) ?? 0) + 1);
        else surveys.push(survey);
        continue;
      }
      const created = at(r.created_at)!;
      const solvedAt = at(r.solved_at);
      const updated = at(r.updated_at);
      const t: RefTicket = {
        file,
        id: cell(r.ticket_id)!,
        created,
        rank: Math.max(updated ?? -Infinity, solvedAt ?? -Infinity),
        updated: updated ?? -Infinity,
        fr: at(r.first_response_at),
        frMinutes: num(r.first_response_minutes),
        solvedAt,
        resolutionMinutes: num(r.resolution_minutes),
        status: statusOf(r.status),
        agent: cell(r.agent),
        team: cell(r.team),
        channel: cell(r.channel),
        category: cell(r.category),
        type: cell(r.type),
        priority: priorityOf(r.priority),
        tags: [...new Set((cell(r.tags) ?? '').split(/[\s,;|]+/).filter((x) => x !== ''))],
        replies: num(r.agent_replies),
        customerMessages: num(r.customer_messages),
        reopens: num(r.reopens),
        escalated: bool(r.escalated),
        groupStations: num(r.group_stations),
        fcr: bool(r.fcr),
        slaFirst: bool(r.sla_first_response_met),
        slaResolution: bool(r.sla_resolution_met),
      };
      // DESIGN §3: the same id keeps the row with the latest update/solved time; ties → the later
      // update time (README), then the later row.
      const kept = tickets.get(t.id);
      if (kept === undefined || t.rank > kept.rank || (t.rank === kept.rank && t.updated >= kept.updated)) tickets.set(t.id, t);
      // The ticket's own rating: a response linked to it, with no date and no agent/team of its own.
      const own = csatOf(r.csat);
      if (own.csat !== null || own.offered) {
        surveys.push({
          file, order: order++, ticketId: t.id, responded: null, agent: null, team: null, csat: own.csat,
          offered: own.offered ? true : null, nps: null, ces: null, employee: false, fromTicketRow: t,
        });
      } else order++;
    }
  }
  return { tickets, surveys, unanswered, rowsRead, ticketFiles: files.ticketFiles };
}

// ───────────────────────────── reference: KPIs ─────────────────────────────

const NONE = '(none)';
type Field = 'agent' | 'team' | 'channel' | 'priority' | 'status' | 'tag' | 'category' | 'type';
interface Where {
  field: Field | 'escalated' | 'solved';
  value: string;
  negate: boolean;
}
interface RunSpec {
  by: Field[];
  period: Period;
  from?: string;
  to?: string;
  basis: 'created' | 'solved';
  where: Where[];
  /** Pass --tz (else the report zone is the input zone). */
  tz: boolean;
  /** Run with the scenario's config (roster, business hours, SLA targets) and --hours business. */
  office?: boolean;
}

// ───────────────────────────── reference: business hours and SLA ─────────────────────────────

interface Calendar {
  zone: string;
  /** Local intervals per weekday, Sunday = 0 (as Date#getUTCDay). */
  week: string[][];
  /** Local date (day number) → that day's intervals instead of the weekday's ([] = closed). */
  holidays: Map<number, string[]>;
}

interface Office {
  config: unknown;
  calendarOf: (team: string | null) => Calendar;
  slaHours: 'business' | 'calendar';
  firstResponse: Record<string, number>;
  resolution: Record<string, number>;
  aliases: Record<string, string>;
  rosterTeam: Record<string, string>;
}

const instantCache = new Map<string, number>();
function cachedWallToInstant(zone: string, wall: number): number {
  const key = `${zone} ${wall}`;
  let v = instantCache.get(key);
  if (v === undefined) instantCache.set(key, (v = wallToInstant(zone, wall)));
  return v;
}

/**
 * Business minutes between instants a ≤ b, by walking the calendar's local days: each listed
 * interval belongs to its day (an end at or before the start is on the next day), its ends are
 * wall times in the calendar's zone, and the part inside [a, b] counts.
 */
function businessMinutes(cal: Calendar, a: number, b: number): number {
  let sum = 0;
  for (let d = localDayOf(cal.zone, a) - 1; d <= localDayOf(cal.zone, b); d++) {
    for (const text of cal.holidays.get(d) ?? cal.week[new Date(d * DAY).getUTCDay()]) {
      const [s, e] = text.split('-').map((hm) => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3)));
      const start = cachedWallToInstant(cal.zone, d * DAY + s * MIN);
      const end = cachedWallToInstant(cal.zone, (e <= s ? d + 1 : d) * DAY + e * MIN);
      sum += Math.max(0, Math.min(b, end) - Math.max(a, start));
    }
  }
  return sum / MIN;
}

const NOW = Date.parse('2026-12-01T00:00:00Z');

function officeFor(s: Scenario): Office {
  const holiday = textOfDay(dayOfText(s.from) + 10);
  const halfDay = textOfDay(dayOfText(s.from) + 17);
  const day = ['09:00-12:30', '13:30-17:00'];
  const config = {
    roster: { teams: { Billing: ['Ana Silva', 'Smith, Jo'] }, aliases: { '=Lee': 'Lee', Dmitri: 'Dmitri K' } },
    businessHours: {
      default: {
        timezone: s.reportZone,
        week: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: ['10:00-14:00'], sun: [] },
        holidays: [holiday, { date: halfDay, hours: ['09:00-11:00'] }],
      },
      teams: { 'Tech; L2': { timezone: 'UTC', week: { mon: ['22:00-06:00'], tue: ['22:00-06:00'], wed: ['22:00-06:00'], thu: ['22:00-06:00'], fri: ['22:00-06:00'] } } },
    },
    sla: {
      hours: s.slaHours,
      firstResponseMinutes: { urgent: 60, high: 240, normal: 480, default: 960 },
      resolutionMinutes: { urgent: 480, high: 1440, normal: 2880, low: 7200 },
    },
  };
  const standard: Calendar = { zone: s.reportZone, week: [[], day, day, day, day, day, ['10:00-14:00']], holidays: new Map([[dayOfText(holiday), []], [dayOfText(halfDay), ['09:00-11:00']]]) };
  const night: Calendar = { zone: 'UTC', week: [[], ...Array.from({ length: 5 }, () => ['22:00-06:00']), []], holidays: new Map() };
  return {
    config,
    calendarOf: (team) => (team === 'Tech; L2' ? night : standard),
    slaHours: s.slaHours,
    firstResponse: config.sla.firstResponseMinutes,
    resolution: config.sla.resolutionMinutes,
    aliases: config.roster.aliases,
    rosterTeam: { 'Ana Silva': 'Billing', 'Smith, Jo': 'Billing' },
  };
}

function quantile7(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const x = [...values].sort((a, b) => a - b);
  const h = (x.length - 1) * p;
  const lo = Math.floor(h);
  return lo + 1 < x.length ? x[lo] + (h - lo) * (x[lo + 1] - x[lo]) : x[lo];
}

interface Cell {
  tickets: number; solved: number; unreplied: number;
  fcrN: number; fcrYes: number; reopenN: number; reopened: number; escN: number; esc: number;
  repliesN: number; repliesSum: number; slaFN: number; slaF: number; slaRN: number; slaR: number;
  frt: number[]; res: number[];
  rated: number; satisfied: number; offered: number; csatScores: number[];
  nps: number[]; enps: number[]; ces: number[];
}
const emptyCell = (): Cell => ({
  tickets: 0, solved: 0, unreplied: 0, fcrN: 0, fcrYes: 0, reopenN: 0, reopened: 0, escN: 0, esc: 0,
  repliesN: 0, repliesSum: 0, slaFN: 0, slaF: 0, slaRN: 0, slaR: 0, frt: [], res: [],
  rated: 0, satisfied: 0, offered: 0, csatScores: [], nps: [], enps: [], ces: [],
});

type Kpis = Record<string, { value: number | null; n: number }>;

function kpisOf(c: Cell, offeredKnown: boolean, cesScale: number): Kpis {
  const pct = (x: number, n: number) => ({ value: n === 0 ? null : (100 * x) / n, n });
  const mean = (v: number[]) => ({ value: v.length === 0 ? null : v.reduce((a, b) => a + b, 0) / v.length, n: v.length });
  const net = (v: number[]) => ({ value: v.length === 0 ? null : (100 * (v.filter((x) => x >= 9).length - v.filter((x) => x <= 6).length)) / v.length, n: v.length });
  const q = (v: number[], p: number) => ({ value: quantile7(v, p), n: v.length });
  return {
    tickets: { value: c.tickets, n: c.tickets },
    solved: { value: c.solved, n: c.solved },
    open: { value: c.tickets - c.solved, n: c.tickets - c.solved },
    csat_pct: pct(c.satisfied, c.rated),
    csat_mean: mean(c.csatScores),
    csat_response_rate_pct: offeredKnown ? pct(c.rated, c.rated + c.offered) : { value: null, n: 0 },
    nps: net(c.nps),
    enps: net(c.enps),
    ces_mean: mean(c.ces),
    ces_agree_pct: pct(c.ces.filter((x) => x >= (cesScale === 5 ? 4 : 5)).length, c.ces.length),
    fcr_pct: pct(c.fcrYes, c.fcrN),
    reopen_rate_pct: pct(c.reopened, c.reopenN),
    escalation_rate_pct: pct(c.esc, c.escN),
    frt_median_minutes: q(c.frt, 0.5),
    frt_p90_minutes: q(c.frt, 0.9),
    frt_mean_minutes: mean(c.frt),
    resolution_median_minutes: q(c.res, 0.5),
    resolution_p90_minutes: q(c.res, 0.9),
    resolution_mean_minutes: mean(c.res),
    sla_first_response_pct: pct(c.slaF, c.slaFN),
    sla_resolution_pct: pct(c.slaR, c.slaRN),
    replies_mean: { value: c.repliesN === 0 ? null : c.repliesSum / c.repliesN, n: c.repliesN },
    unreplied: { value: c.unreplied, n: c.unreplied },
  };
}

interface Expected {
  rows: { period: string | null; group: Record<string, string>; kpis: Kpis }[];
  surveys: { matched: number; orphaned: number; duplicates: number };
  inputs: { file: string; rowsRead: number; rowsUsed: number; rowsSkipped: number; rowsDuplicate: number }[];
}

function reference(data: Data, spec: RunSpec, zone: string, office: Office | null): Expected {
  // The roster merges aliases and fills a missing team from the agent (README "Config file").
  const alias = (agent: string | null) => (agent === null || office === null ? agent : office.aliases[agent] ?? agent);
  const rosterTeam = (agent: string | null, team: string | null) => team ?? (agent === null || office === null ? null : office.rosterTeam[agent] ?? null);
  const tickets = [...data.tickets.values()].map((t) => {
    const agent = alias(t.agent);
    return { ...t, agent, team: rosterTeam(agent, t.team) };
  });
  const ticketById = new Map(tickets.map((t) => [t.id, t]));
  const solvedOf = (t: RefTicket) => t.status === 'solved' || t.status === 'closed' || t.solvedAt !== null;
  const minutesOf = (t: RefTicket, end: number | null, stated: number | null) => {
    const v = end !== null ? (end - t.created) / MIN : stated;
    return v === null || v < 0 ? null : v;
  };
  const escalatedOf = (t: RefTicket) => t.escalated ?? (t.groupStations === null ? null : t.groupStations > 1);
  const fcrMethod = tickets.some((t) => t.fcr !== null) ? 'flag' : tickets.some((t) => t.replies !== null) ? 'one-touch' : tickets.some((t) => t.customerMessages !== null) ? 'customer-messages' : null;
  const fcrOf = (t: RefTicket): boolean | null => {
    if (fcrMethod === 'flag') return t.fcr;
    if (fcrMethod === 'one-touch') return t.replies === null ? null : t.replies <= 1 && !(t.reopens !== null && t.reopens > 0);
    if (fcrMethod === 'customer-messages') return t.customerMessages === null ? null : t.customerMessages === 1;
    return null;
  };

  // Scales, from every customer answer read.
  const customer = data.surveys.filter((s) => !s.employee);
  const numeric = customer.filter((s) => s.csat !== null && !s.csat.goodBad).map((s) => s.csat!.score);
  // README "Scales": the smallest of 1–5, 1–7, 0–10 holding 99% of the answers (a 0 is only in 0–10).
  const within = (limit: number) => numeric.filter((x) => x > limit || x < 1).length <= numeric.length * 0.01;
  const csatScale = within(5) ? 5 : within(7) ? 7 : 10;
  const cesScale = customer.some((s) => s.ces !== null && s.ces > 5) ? 7 : 5;
  const offeredKnown = customer.some((s) => s.offered !== null);

  // Latest answer per ticket and KPI (README "Duplicates").
  const time = (s: RefSurvey) => s.responded ?? -Infinity;
  const latest = (a: RefSurvey | undefined, b: RefSurvey) => (a === undefined || time(b) > time(a) || (time(b) === time(a) && b.order > a.order) ? b : a);
  const winners = new Map<string, { csat?: RefSurvey; nps?: RefSurvey; ces?: RefSurvey }>();
  for (const s of customer) {
    if (s.ticketId === null) continue;
    // A ticket row's own rating comes only from the row that was kept for that ticket.
    if (s.fromTicketRow !== undefined && data.tickets.get(s.ticketId) !== s.fromTicketRow) continue;
    const w = winners.get(s.ticketId) ?? {};
    winners.set(s.ticketId, w);
    if (s.csat !== null) w.csat = w.csat?.csat == null ? s : latest(w.csat, s);
    else if (s.offered === true && (w.csat === undefined || w.csat.csat === null)) w.csat = latest(w.csat, s);
    if (s.nps !== null) w.nps = latest(w.nps, s);
    if (s.ces !== null) w.ces = latest(w.ces, s);
  }

  const unbounded = spec.period === 'all' && spec.from === undefined && spec.to === undefined;
  const fromDay = spec.from === undefined ? -Infinity : dayOfText(spec.from);
  const toDay = spec.to === undefined ? Infinity : dayOfText(spec.to);
  const cells = new Map<string, Cell>();
  const groups = new Map<string, Record<string, string>>();
  const starts = new Map<number, string | null>();
  const place = (instant: number | null): number | null => {
    if (instant === null) return unbounded ? 0 : null;
    const day = localDayOf(zone, instant);
    if (day < fromDay || day > toDay) return null;
    const p = periodOf(spec.period, day);
    starts.set(p.start, p.label);
    return p.start;
  };
  const keysOf = (values: (f: Field) => string[]) => {
    let keys: { key: string; group: Record<string, string> }[] = [{ key: '', group: {} }];
    for (const f of spec.by) keys = keys.flatMap((k) => values(f).map((v) => ({ key: `${k.key}|${JSON.stringify(v)}`, group: { ...k.group, [f]: v } })));
    if (spec.by.length === 0) return [];
    for (const k of keys) groups.set(k.key, k.group);
    return keys.map((k) => k.key);
  };
  const cellAt = (start: number, key: string) => {
    const id = `${start}#${key}`;
    let c = cells.get(id);
    if (c === undefined) cells.set(id, (c = emptyCell()));
    return c;
  };
  const passes = (values: (f: Field) => string[], escalated: boolean | null, solved: boolean | null) => {
    const byField = new Map<string, Where[]>();
    for (const w of spec.where) byField.set(`${w.field}${w.negate}`, [...(byField.get(`${w.field}${w.negate}`) ?? []), w]);
    return [...byField.values()].every((ws) => {
      const { field, negate } = ws[0];
      const flag = (v: string) => (['true', 'yes', 'y', '1'].includes(v) ? 'true' : ['false', 'no', 'n', '0'].includes(v) ? 'false' : v);
      const wanted = ws.map((w) => (field === 'escalated' || field === 'solved' ? flag(w.value.toLowerCase()) : w.value.toLowerCase()));
      let hit: boolean;
      if (field === 'escalated') hit = escalated !== null && wanted.includes(String(escalated));
      else if (field === 'solved') hit = solved !== null && wanted.includes(String(solved));
      else hit = values(field).some((v) => wanted.includes(v.toLowerCase()));
      return negate ? !hit : hit;
    });
  };
  const ticketValues = (t: RefTicket) => (f: Field): string[] => {
    if (f === 'tag') return t.tags.length === 0 ? [NONE] : t.tags;
    const v = f === 'status' ? t.status : t[f];
    return [v ?? NONE];
  };

  /** Minutes from creation to `end` in business minutes of the ticket's calendar; null when unknown or negative. */
  const business = (t: RefTicket, end: number | null) => (end === null || end < t.created ? null : businessMinutes(office!.calendarOf(t.team), t.created, end));
  /** SLA outcome by the README's table: true met, false breached, null excluded. */
  const judge = (target: number | undefined, done: boolean, elapsed: number | null, elapsedNow: () => number): boolean | null => {
    if (target === undefined) return null;
    if (done) return elapsed === null ? null : elapsed <= target;
    return elapsedNow() > target ? false : null;
  };
  for (const t of tickets) {
    const values = ticketValues(t);
    if (!passes(values, escalatedOf(t), solvedOf(t))) continue;
    if (spec.basis === 'solved' && !solvedOf(t)) continue;
    const start = place(spec.basis === 'created' ? t.created : t.solvedAt);
    if (start === null) continue;
    const solved = solvedOf(t);
    let frt = minutesOf(t, t.fr, t.frMinutes);
    let res = minutesOf(t, t.solvedAt, t.resolutionMinutes);
    const unreplied = t.fr === null && t.frMinutes === null && !(t.replies !== null && t.replies > 0);
    // A stated "met" while the clock still runs — resolution of an unsolved ticket, first response
    // of one with no reply yet — is no outcome yet (README, SLA); a stated breach stands.
    let slaFirst = t.slaFirst === true && !solved && unreplied ? null : t.slaFirst;
    let slaResolution = t.slaResolution === true && !solved ? null : t.slaResolution;
    if (office !== null) {
      const frtBusiness = business(t, t.fr);
      const resBusiness = business(t, t.solvedAt);
      const inSla = office.slaHours === 'business';
      // Only whether "now" is past a target matters, and any 30 days hold more working time
      // (≥ 8,640 minutes, with the holiday and the half day) than the largest target (7,200).
      const elapsedNow = () => (inSla ? businessMinutes(office.calendarOf(t.team), t.created, Math.min(NOW, t.created + 30 * DAY)) : (NOW - t.created) / MIN);
      const [frDone, resDone] = [inSla ? frtBusiness : frt, inSla ? resBusiness : res];
      const priority = t.priority ?? 'none';
      // A ticket solved without any reply meets or breaches its first-response target when solved.
      slaFirst ??= unreplied
        ? judge(office.firstResponse[priority] ?? office.firstResponse.default, solvedOf(t), resDone, elapsedNow)
        : judge(office.firstResponse[priority] ?? office.firstResponse.default, true, frDone, elapsedNow);
      slaResolution ??= judge(office.resolution[priority] ?? office.resolution.default, solvedOf(t), resDone, elapsedNow);
      frt = frtBusiness;
      res = resBusiness;
    }
    // Resolution is created → solved: none for a ticket whose status says it is not solved, even a
    // stated one (README, KPI definitions); without a status a stated time counts.
    if (!solved && t.status !== null) res = null;
    const esc = escalatedOf(t);
    const fcr = fcrOf(t);
    for (const key of ['', ...keysOf(values)]) {
      const c = cellAt(start, key);
      c.tickets++;
      if (unreplied) c.unreplied++;
      if (frt !== null) c.frt.push(frt);
      if (res !== null) c.res.push(res);
      if (esc !== null) { c.escN++; if (esc) c.esc++; }
      if (slaFirst !== null) { c.slaFN++; if (slaFirst) c.slaF++; }
      if (slaResolution !== null) { c.slaRN++; if (slaResolution) c.slaR++; }
      if (!solved) continue;
      c.solved++;
      if (fcr !== null) { c.fcrN++; if (fcr) c.fcrYes++; }
      if (t.reopens !== null) { c.reopenN++; if (t.reopens > 0) c.reopened++; }
      if (t.replies !== null) { c.repliesN++; c.repliesSum += t.replies; }
    }
  }

  let matched = 0, orphaned = 0, duplicates = 0;
  // Row accounting per file: a ticket row is used (kept) or a duplicate; a survey row is skipped
  // (no answer), a duplicate (every answer replaced) or used. A ticket row's own rating is part of
  // its ticket row, which is already accounted for.
  const rowsDuplicate = new Map<string, number>();
  const more = (file: string) => rowsDuplicate.set(file, (rowsDuplicate.get(file) ?? 0) + 1);
  for (const [file, read] of data.rowsRead) {
    if (!data.ticketFiles.includes(file)) continue;
    const kept = tickets.filter((t) => t.file === file).length;
    for (let k = kept; k < read; k++) more(file);
  }
  for (const s of data.surveys) {
    const w = s.ticketId === null || s.employee ? undefined : winners.get(s.ticketId);
    const use = { csat: w === undefined || w.csat === s, nps: w === undefined || w.nps === s, ces: w === undefined || w.ces === s };
    if (!s.employee && s.ticketId !== null && (w === undefined || (!use.csat && !use.nps && !use.ces))) {
      duplicates++;
      if (s.fromTicketRow === undefined) more(s.file);
      continue;
    }
    const t = s.ticketId === null ? undefined : ticketById.get(s.ticketId);
    if (t === undefined) orphaned++;
    else matched++;
    const agent = alias(s.agent ?? t?.agent ?? null);
    const team = s.team ?? (s.agent === null ? null : rosterTeam(agent, null)) ?? rosterTeam(agent, t?.team ?? null);
    const values = (f: Field): string[] => {
      if (f === 'agent') return [agent ?? NONE];
      if (f === 'team') return [team ?? NONE];
      return t === undefined ? [NONE] : ticketValues(t)(f);
    };
    if (!passes(values, t === undefined ? null : escalatedOf(t), t === undefined ? null : solvedOf(t))) continue;
    const instant = s.responded ?? (t === undefined ? null : spec.basis === 'created' ? t.created : t.solvedAt);
    const start = place(instant);
    if (start === null) continue;
    for (const key of ['', ...keysOf(values)]) {
      const c = cellAt(start, key);
      if (s.employee) {
        if (s.nps !== null) c.enps.push(s.nps);
        continue;
      }
      if (use.csat && s.csat !== null) {
        c.rated++;
        if (s.csat.goodBad) c.satisfied += s.csat.score;
        else {
          c.satisfied += s.csat.score >= (csatScale === 5 ? 4 : csatScale === 7 ? 6 : 8) ? 1 : 0;
          c.csatScores.push(s.csat.score);
        }
      } else if (use.csat && s.offered === true) c.offered++;
      if (use.nps && s.nps !== null) c.nps.push(s.nps);
      if (use.ces && s.ces !== null) c.ces.push(s.ces);
    }
  }

  // Every group in every period from the first to the last with data, stretched to the window.
  const periodList: { start: number; label: string | null }[] = [];
  if (spec.period === 'all') periodList.push({ start: 0, label: null });
  else {
    let first = Math.min(...starts.keys());
    let last = Math.max(...starts.keys());
    if (spec.from !== undefined) first = Math.min(first, periodOf(spec.period, fromDay).start);
    if (spec.to !== undefined) last = Math.max(last, periodOf(spec.period, toDay).start);
    for (let p = first; p <= last; p = nextStart(spec.period, p)) periodList.push({ start: p, label: periodOf(spec.period, p).label });
  }
  const order = (a: Record<string, string>, b: Record<string, string>) => {
    for (const f of spec.by) {
      if (a[f] === b[f]) continue;
      if (a[f] === NONE) return 1;
      if (b[f] === NONE) return -1;
      return a[f] < b[f] ? -1 : 1;
    }
    return 0;
  };
  const sortedGroups = [...groups.entries()].sort(([, a], [, b]) => order(a, b));
  const rows: Expected['rows'] = [];
  for (const p of periodList) {
    for (const [key, group] of [['', {}] as [string, Record<string, string>], ...sortedGroups]) {
      rows.push({ period: p.label, group, kpis: kpisOf(cells.get(`${p.start}#${key}`) ?? emptyCell(), offeredKnown, cesScale) });
    }
  }
  const inputs = [...data.rowsRead].map(([file, read]) => {
    const skipped = data.unanswered.get(file) ?? 0;
    const dup = rowsDuplicate.get(file) ?? 0;
    return { file, rowsRead: read, rowsUsed: read - skipped - dup, rowsSkipped: skipped, rowsDuplicate: dup };
  });
  return { rows, surveys: { matched, orphaned, duplicates }, inputs };
}

// ───────────────────────────── scenarios and runs ─────────────────────────────

const SCENARIOS: Scenario[] = [
  {
    seed: 20260322, inputZone: 'Europe/Athens', reportZone: 'America/New_York', from: '2026-02-20', days: 48, tickets: 380, surveys: 420,
    fcrColumn: false, offeredColumn: true, goodBad: false, ticketCsat: false, durationColumns: true, cesMax: 7, twoFiles: true,
    fancyHeaders: false, crlf: false,
    dstWalls: ['2026-03-29 03:30:00', '2026-03-29T02:59:59', '2026-03-28 23:30'],
    slaHours: 'business', runs: [0, 3, 4, 6, 7],
  },
  {
    seed: 7, inputZone: 'America/New_York', reportZone: 'Europe/Athens', from: '2025-10-12', days: 40, tickets: 360, surveys: 380,
    fcrColumn: true, offeredColumn: true, goodBad: true, ticketCsat: true, durationColumns: false, cesMax: 7, twoFiles: false,
    fancyHeaders: true, crlf: true,
    dstWalls: ['2025-11-02 01:30:00', '2025-11-02T01:59', '2025-11-02 00:59:59', '2025-10-26 03:30:00'],
    slaHours: 'calendar', runs: [1, 2, 5, 0, 7],
  },
  {
    seed: 424242, inputZone: 'Asia/Kolkata', reportZone: 'Pacific/Chatham', from: '2025-12-12', days: 36, tickets: 1150, surveys: 700,
    fcrColumn: false, offeredColumn: false, goodBad: true, ticketCsat: false, durationColumns: true, cesMax: 5, twoFiles: false,
    fancyHeaders: true, crlf: false,
    dstWalls: ['2025-12-31 23:59:59', '2026-01-01 00:00'],
    slaHours: 'business', runs: [0, 2, 3, 6, 7],
  },
  {
    seed: 99, inputZone: 'Australia/Sydney', reportZone: 'America/New_York', from: '2026-03-20', days: 30, tickets: 340, surveys: 360,
    fcrColumn: true, offeredColumn: true, goodBad: false, ticketCsat: true, durationColumns: true, cesMax: 7, twoFiles: true,
    fancyHeaders: false, crlf: true,
    dstWalls: ['2026-04-05 02:30:00', '2026-04-05 01:59:59', '2026-04-05 03:00'],
    slaHours: 'business', runs: [1, 4, 5, 3, 7],
  },
];

function runsFor(s: Scenario): { name: string; spec: RunSpec }[] {
  const day = (offset: number) => textOfDay(dayOfText(s.from) + offset);
  return [
    { name: 'by agent per week', spec: { by: ['agent'], period: 'week', basis: 'created', where: [], tz: true } },
    {
      name: 'by team per month in a window, not by phone', spec: {
        by: ['team'], period: 'month', from: day(9), to: day(s.days - 5), basis: 'created', tz: true,
        where: [{ field: 'channel', value: 'phone', negate: true }],
      },
    },
    { name: 'by agent and team per week on the solved date', spec: { by: ['agent', 'team'], period: 'week', from: day(3), to: day(s.days + 2), basis: 'solved', where: [], tz: true } },
    {
      name: 'by tag and category from a date, escalated, not Billing', spec: {
        by: ['tag', 'category'], period: 'all', from: day(5), basis: 'created', tz: true,
        where: [{ field: 'escalated', value: 'true', negate: false }, { field: 'team', value: 'Billing', negate: true }],
      },
    },
    {
      name: 'by priority and channel per day, solved only', spec: {
        by: ['priority', 'channel'], period: 'day', from: day(12), to: day(19), basis: 'created', tz: true,
        where: [{ field: 'solved', value: 'yes', negate: false }, { field: 'agent', value: 'Zoë Ångström', negate: true }, { field: 'type', value: 'QUESTION', negate: true }],
      },
    },
    {
      name: 'two agents per week up to a date in the input zone', spec: {
        by: ['status'], period: 'week', to: day(20), basis: 'created', tz: false,
        where: [{ field: 'agent', value: 'Smith, Jo', negate: false }, { field: 'agent', value: 'ana silva', negate: false }],
      },
    },
    { name: 'everything but bugs, unbounded, solved basis', spec: { by: [], period: 'all', basis: 'solved', where: [{ field: 'tag', value: 'bug', negate: true }], tz: true } },
    { name: 'business hours, SLA and roster, by team per quarter', spec: { by: ['team'], period: 'quarter', basis: 'created', where: [], tz: true, office: true } },
  ];
}

function argsFor(files: Files, s: Scenario, spec: RunSpec): string[] {
  const office: string[] = [];
  if (spec.office === true) {
    const config = join(files.dir, 'teamkpi.config.json');
    writeFileSync(config, JSON.stringify(officeFor(s).config, null, 2));
    office.push('--config', config, '--hours', 'business');
  }
  const args = ['report', ...office, ...files.ticketFiles, ...files.surveyFiles, '--format', 'json', '--now', '2026-12-01T00:00:00Z', '--input-tz', s.inputZone, '--period', spec.period, '--date-basis', spec.basis];
  if (spec.tz) args.push('--tz', s.reportZone);
  if (spec.by.length > 0) args.push('--by', spec.by.join(','));
  if (spec.from !== undefined) args.push('--from', spec.from);
  if (spec.to !== undefined) args.push('--to', spec.to);
  for (const w of spec.where) args.push('--where', `${w.field}${w.negate ? '!=' : '='}${w.value}`);
  return args;
}

/**
 * The built binary run as `runCli` runs it (NO_COLOR=1, TZ=UTC), but asynchronously and at most
 * three at a time: every run starts as soon as its files exist and each test awaits its own.
 */
let running = 0;
const waiting: (() => void)[] = [];
async function runCliAsync(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  if (running >= 3) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', TZ: 'UTC' } });
      const out: Buffer[] = [], err: Buffer[] = [];
      child.stdout.on('data', (b: Buffer) => out.push(b));
      child.stderr.on('data', (b: Buffer) => err.push(b));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
    });
  } finally {
    running--;
    waiting.shift()?.();
  }
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

interface ActualRow {
  period: string | null;
  group: Record<string, string>;
  kpis: Record<string, { value: number | null; n: number }>;
}

function close(actual: number | null, expected: number | null): boolean {
  if (actual === null || expected === null) return actual === expected;
  return Math.abs(actual - expected) <= 1e-6 * Math.max(1, Math.abs(expected));
}

describe.each(SCENARIOS)('random generic data, seed $seed ($inputZone → $reportZone)', (scenario) => {
  const files = generate(scenario);
  dirs.push(files.dir);
  const data = readData(files, scenario.inputZone);

  it('generates the nasty cases it means to test', () => {
    // Not a check of the program: the generator must actually produce what the audit is about.
    const ids = new Map<string, number>();
    const survey = data.surveys.filter((x) => x.ticketId !== null && !x.employee);
    for (const x of survey) ids.set(x.ticketId!, (ids.get(x.ticketId!) ?? 0) + 1);
    expect([...ids.values()].some((n) => n >= 3)).toBe(true);
    expect(data.surveys.some((x) => x.ticketId === null && x.agent !== null)).toBe(true);
    expect(data.surveys.some((x) => x.ticketId === null && x.agent === null)).toBe(true);
    expect([...data.tickets.values()].some((t) => t.fr !== null && t.fr < t.created)).toBe(true);
  });

  for (const { name, spec } of runsFor(scenario).filter((_, i) => scenario.runs.includes(i))) {
    const run = runCliAsync(argsFor(files, scenario, spec));
    it(`matches the reference: ${name}`, async () => {
      const r = await run;
      expect(r.code, r.stderr).toBe(0);
      const report = JSON.parse(r.stdout) as { rows: ActualRow[]; timezone: string; dataQuality: { surveys: Expected['surveys']; inputs: Expected['inputs'] } };
      const zone = spec.tz ? scenario.reportZone : scenario.inputZone;
      expect(report.timezone).toBe(zone);
      const expected = reference(data, spec, zone, spec.office === true ? officeFor(scenario) : null);

      // The same rows in the same order: periods ascending, the overall row first, groups by code point with (none) last.
      const label = (row: { period: string | null; group: Record<string, string> }) => `${row.period} ${JSON.stringify(row.group)}`;
      const got = report.rows.map(label);
      const want = expected.rows.map(label);
      const extra = got.filter((l) => !want.includes(l));
      const missing = want.filter((l) => !got.includes(l));
      expect({ extra: extra.slice(0, 8), missing: missing.slice(0, 8), counts: [got.length, want.length] }).toEqual({ extra: [], missing: [], counts: [want.length, want.length] });
      expect(got).toEqual(want);

      const mismatches: string[] = [];
      report.rows.forEach((row, i) => {
        const want = expected.rows[i].kpis;
        for (const [id, value] of Object.entries(want)) {
          const got = row.kpis[id];
          if (got === undefined) mismatches.push(`${label(row)} ${id}: missing`);
          else if (got.n !== value.n || !close(got.value, value.value)) {
            mismatches.push(`${label(row)} ${id}: got ${got.value} (n=${got.n}), expected ${value.value} (n=${value.n})`);
          }
        }
      });
      expect(mismatches.slice(0, 20)).toEqual([]);
      expect(report.dataQuality.surveys).toEqual(expected.surveys);
      expect(report.dataQuality.inputs.map(({ file, rowsRead, rowsUsed, rowsSkipped, rowsDuplicate }) => ({ file, rowsRead, rowsUsed, rowsSkipped, rowsDuplicate }))).toEqual(expected.inputs);
    });
  }
});
