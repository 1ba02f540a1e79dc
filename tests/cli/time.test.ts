import { describe, expect, it } from 'vitest';
import { fixture, runCli } from '../helpers/run-cli.js';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { tempCsv } from '../helpers/temp-csv.js';

const BH = (file: string): string => fixture('time', 'business-hours', file);
const CONFIG = ['--config', BH('teamkpi.config.json')];
const NOW = ['--now', '2026-12-28T08:00:00Z']; // Monday 10:00 in Athens

function json(args: string[]): { code: number; report: any; stderr: string } {
  const r = runCli(['report', ...args, '--format', 'json']);
  return { code: r.code, report: r.code === 0 ? JSON.parse(r.stdout) : null, stderr: r.stderr };
}

/*
 * fixtures/time/business-hours: the DESIGN §10 config (Athens office hours, holiday 2026-10-28,
 * half day 2026-12-24; Night Shift team 22:00–06:00 UTC; SLA in business minutes).
 * Business minutes by hand (Athens is UTC+2 for every ticket here):
 *   1 Billing  high   Mon 08:00 → reply 09:30 = 30; solved Tue 10:00 = 480 + 60 = 540      FR met, res met
 *   2 Night    normal Fri 23:00Z → 05:00Z = 360; solved Mon 23:00Z = 420 + 60 = 480       FR met, res met
 *   3 Billing  urgent Wed 12-23 16:00 → Thu 12-24 14:00 (half day 09–12) = 60 + 180 = 240  FR breached (60);
 *                     open: by now 240 + Fri 12-25 420 + Mon 60 = 720 > 480                 res breached
 *   4 Billing  low    Tue 10-27 14:00 → Thu 10-29 09:00 (Wed holiday) = 180; solved 10:00 = 240  met, met
 *   5 Billing  high   Mon 12-28 09:30, nothing yet: 30 by now                               running, excluded
 *   6 Night    urgent Mon 22:10Z → 22:40Z = 30; solved Wed 23:00Z = 470 + 480 + 60 = 1010   FR met, res breached
 */
describe('--hours business and SLA from a config file', () => {
  it('computes business minutes and SLA per ticket', () => {
    const { code, report } = json([BH('tickets.csv'), ...CONFIG, ...NOW, '--hours', 'business']);
    expect(code).toBe(0);
    expect(report.hours).toBe('business');
    expect(report.timezone).toBe('Europe/Athens');
    const k = report.rows[0].kpis;
    expect(k.frt_median_minutes).toMatchObject({ value: 180, n: 5 }); // 30, 30, 180, 240, 360
    expect(k.resolution_median_minutes).toMatchObject({ value: 510, n: 4 }); // 240, 480, 540, 1010
    expect(k.sla_first_response_pct).toMatchObject({ value: 80, n: 5 }); // 4 of 5
    expect(k.sla_resolution_pct).toMatchObject({ value: 60, n: 5 }); // 3 of 5
    expect(report.definitions.frt_median_minutes.method).toContain("business-hours calendars (default Europe/Athens, Night Shift UTC");
  });

  it('per team: each team uses its own calendar', () => {
    const { report } = json([BH('tickets.csv'), ...CONFIG, ...NOW, '--hours', 'business', '--by', 'team', '--metrics', 'frt_mean_minutes,sla_resolution_pct']);
    const row = (team: string) => report.rows.find((r: any) => r.group.team === team).kpis;
    expect(row('Night Shift').frt_mean_minutes).toMatchObject({ value: 195, n: 2 }); // (360 + 30) / 2
    expect(row('Night Shift').sla_resolution_pct).toMatchObject({ value: 50, n: 2 });
    expect(row('Billing').frt_mean_minutes).toMatchObject({ value: 150, n: 3 }); // (30 + 240 + 180) / 3
    expect(row('Billing').sla_resolution_pct.n).toBe(3);
  });

  it('calendar hours stay the default; SLA keeps its own clock (sla.hours = business)', () => {
    const { report } = json([BH('tickets.csv'), ...CONFIG, ...NOW]);
    expect(report.hours).toBe('calendar');
    // Calendar FRT: 90, 360, 1320, 2580, 30 → median 360.
    expect(report.rows[0].kpis.frt_median_minutes).toMatchObject({ value: 360, n: 5 });
    expect(report.rows[0].kpis.sla_first_response_pct).toMatchObject({ value: 80, n: 5 });
  });

  it('prints the zone and the clock in the table header and the zone in CSV', () => {
    const table = runCli(['report', BH('tickets.csv'), ...CONFIG, ...NOW, '--hours', 'business', '--metrics', 'sla_first_response_pct']);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toBe('teamkpi report · window all dates (Europe/Athens) · dates by created · durations in business hours');
    const csv = runCli(['report', BH('tickets.csv'), ...CONFIG, ...NOW, '--metrics', 'sla_first_response_pct', '--format', 'csv']);
    expect(csv.stdout).toBe('period,sla_first_response_pct,sla_first_response_pct_n,timezone\nall,80,5,Europe/Athens\n');
  });

  it('--hours business without any calendar or business durations exits 2 and says why', () => {
    const s = runCli(['report', fixture('time', 'zones', 'tickets.csv'), '--hours', 'business']);
    expect(s.code).toBe(2);
    expect(s.stderr).toContain('--hours business: the config has no business-hours calendar');
    expect(s.stdout).toBe('');
  });

  it('reports every config problem at once with its dotted path', () => {
    const r = runCli(['report', BH('tickets.csv'), '--config', fixture('time', 'bad-config', 'teamkpi.config.json')]);
    expect(r.code).toBe(2);
    for (const path of [
      'businessHours.default.timezone: "Europe/Atlantis"',
      'businessHours.default.week.mon[1]: "9-5"',
      'businessHours.default.week.tue: must be a list',
      'businessHours.default.week.wednesday: unknown key',
      'businessHours.default.holidays[0]: "2026-02-30"',
      'businessHours.default.holidays[1].hours[0]: "25:00-12:00"',
      'businessHours.teams.Night Shift.timezone: required',
      'sla.hours: "office"',
      'sla.firstResponseMinutes.urgent: -5',
      'sla.firstResponseMinutes.p1: unknown key',
      'sla.resolutionMinutes: must be an object',
    ]) expect(r.stderr).toContain(path);
    expect(r.stderr).toContain('11 problems');
  });
});

/*
 * fixtures/time/zones: timestamps without an offset.
 *   1: 2026-11-22 23:30   2: 2026-11-23 08:00
 * In New York (UTC−5 in November) they are 2026-11-23T04:30Z and 13:00Z.
 */
describe('--tz and --input-tz', () => {
  const days = (args: string[]) => {
    const { report } = json([fixture('time', 'zones', 'tickets.csv'), '--period', 'day', '--metrics', 'tickets', ...args]);
    return { zone: report.timezone, days: report.rows.map((r: any) => [r.period, r.kpis.tickets.value]) };
  };
  it.each([
    [[], 'UTC', [['2026-11-22', 1], ['2026-11-23', 1]]],
    [['--input-tz', 'America/New_York', '--tz', 'UTC'], 'UTC', [['2026-11-23', 2]]],
    // The report zone defaults to the input zone.
    [['--input-tz', 'America/New_York'], 'America/New_York', [['2026-11-22', 1], ['2026-11-23', 1]]],
    [['--tz', 'Asia/Tokyo'], 'Asia/Tokyo', [['2026-11-23', 2]]],
    [['--tz', 'Pacific/Honolulu'], 'Pacific/Honolulu', [['2026-11-22', 2]]],
  ])('%j → %s', (args, zone, expected) => {
    expect(days(args as string[])).toEqual({ zone, days: expected });
  });

  it('FRT of naive timestamps is the same in any input zone away from DST', () => {
    const { report } = json([fixture('time', 'zones', 'tickets.csv'), '--input-tz', 'Europe/Athens', '--metrics', 'frt_mean_minutes']);
    expect(report.rows[0].kpis.frt_mean_minutes).toMatchObject({ value: 60, n: 2 });
  });

  it('an unknown zone exits 2 with a hint', () => {
    const r = runCli(['report', fixture('time', 'zones', 'tickets.csv'), '--tz', 'Mars/Olympus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--tz Mars/Olympus: unknown time zone');
  });

  it('the zone is printed in the Markdown header', () => {
    const r = runCli(['report', fixture('time', 'zones', 'tickets.csv'), '--tz', 'Asia/Tokyo', '--format', 'markdown']);
    expect(r.stdout).toContain('window all dates (Asia/Tokyo)');
  });

  it.each([
    ['2026-11-23'], ['2026-11-24'], ['2026-11-25'], ['2026-11-26'], ['2026-11-27'], ['2026-11-28'], ['2026-11-29'],
  ])('--last week --as-of %s is 2026-W47', (asOf) => {
    const { report } = json([fixture('time', 'zones', 'tickets.csv'), '--last', 'week', '--as-of', asOf, '--period', 'week', '--metrics', 'tickets']);
    expect(report.window).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    expect(report.rows.map((r: any) => [r.period, r.kpis.tickets.value])).toEqual([['2026-W47', 1]]);
  });
});

describe('teamkpi check --hours', () => {
  // Same tickets; thresholds: FRT median ≤ 200 minutes, SLA first response ≥ 75 %.
  const args = (hours: string) => ['check', BH('tickets.csv'), '--config', fixture('time', 'check', 'teamkpi.config.json'), ...NOW, '--hours', hours, '--format', 'json'];
  it('passes in business minutes (FRT median 180, SLA 80 %)', () => {
    const r = runCli(args('business'));
    expect(r.code).toBe(0);
  });
  it('breaches in calendar minutes (FRT median 360); SLA keeps its business clock and passes', () => {
    const r = runCli(args('calendar'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('frt_median_minutes');
  });
});

/*
 * A fraction of a second is part of the instant (README, "Timestamps"): it is neither rounded to
 * the millisecond nor allowed to reach the next second, so a ticket at 22:59:59.9999Z is on the
 * day before Berlin's midnight (23:00Z on 2026-03-28, UTC+1), and a duration between timestamps
 * written to the microsecond is that many microseconds. By hand:
 *   1  created 22:59:59.9999Z (Berlin 03-28); first response 23:00:00.0001Z: 0.0002 s = 0.000003333… min
 *   2  created 22:59:59.999999999Z (Berlin 03-28), no response
 *   3  created 23:00:00.000001Z (Berlin 03-29); first response 23:01:00.000002Z: 60.000001 s = 1.0000000166… min
 */
describe('fractions of a second', () => {
  const tickets = tempCsv([
    'ticket_id,created_at,first_response_at,solved_at,agent,status',
    // 600 tickets on 03-27 first (~40 KB), so the three below are read by the lane, not the first batch's reader.
    ...Array.from({ length: 600 }, (_, i) => `${100 + i},2026-03-27T12:00:00Z,,,Ann,open`),
    '1,2026-03-28T22:59:59.9999Z,2026-03-28T23:00:00.0001Z,,Ann,open',
    '2,2026-03-28T22:59:59.999999999Z,,,Ann,open',
    '3,2026-03-28T23:00:00.000001Z,2026-03-28T23:01:00.000002Z,,Ann,open',
  ]);
  const args = [tickets, '--tz', 'Europe/Berlin', '--period', 'day', '--metrics', 'tickets,frt_mean_minutes', '--now', '2026-06-01T00:00:00Z', '--quiet'];

  it.each([['the lane', {}], ['the ordinary path', { TEAMKPI_TYPED_LANE: '0' }]])('keep an instant on its day and its microseconds in durations (%s)', (_path, env) => {
    const r = runCli(['report', ...args, '--format', 'json'], { env });
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout).rows;
    expect(rows.map((row: any) => [row.period, row.kpis.tickets.value])).toEqual([['2026-03-27', 600], ['2026-03-28', 2], ['2026-03-29', 1]]);
    // An instant near 2026 is a double of milliseconds to about a quarter of a microsecond: the
    // durations are within 1e-8 min (0.6 µs) of 0.0002 s and 60.000001 s (rounded to the
    // millisecond they were 0 and 1).
    expect(Math.abs(rows[1].kpis.frt_mean_minutes.value - 0.0002 / 60)).toBeLessThan(1e-8);
    expect(Math.abs(rows[2].kpis.frt_mean_minutes.value - 60.000001 / 60)).toBeLessThan(1e-8);
    expect(rows[0].kpis.frt_mean_minutes.value).toBeNull();
  });

  it('keep an instant just before midnight inside a window that ends that day', () => {
    const r = runCli(['report', ...args, '--period', 'all', '--from', '2026-03-28', '--to', '2026-03-28', '--format', 'json']);
    expect(JSON.parse(r.stdout).rows[0].kpis.tickets.value).toBe(2);
  });
});

/*
 * The report zone falls back to the zone the exports name for their timestamps (DESIGN §6: "--tz,
 * config, else the input zone", whose rules include the preset's — Intercom names it in its
 * headers, Qualtrics in its ImportIds). By hand, in New York time (2026-03-08 is the spring-forward
 * day: 02:30 does not exist and is read as 03:30):
 *   1 started 03-08 01:30, 2 03-08 23:30, 3 03-09 00:10, 4 03-08 02:30 → 03-08: 3, 03-09: 1.
 * In UTC (+5 h before the change, +4 h after) 2 and 3 fall on 03-09: 03-08: 2, 03-09: 2.
 */
describe('the zone an export names', () => {
  const header = 'Conversation ID,Conversation started at (America/New_York),Conversation first replied at (America/New_York),Conversation last closed at (America/New_York),Teammate currently assigned,Current conversation state';
  const intercom = tempCsv([header, '1,2026-03-08 01:30:00,2026-03-08 03:10:00,2026-03-08 04:00:00,Ana,closed', '2,2026-03-08 23:30:00,2026-03-08 23:40:00,2026-03-09 00:30:00,Ana,closed',
    '3,2026-03-09 00:10:00,2026-03-09 00:20:00,2026-03-09 01:00:00,Bo,closed', '4,2026-03-08 02:30:00,2026-03-08 03:30:00,2026-03-08 04:30:00,Bo,closed'], 'intercom.csv');
  const days = (args: string[]): { timezone: string; rows: [string, number][] } => {
    const r = runCli(['report', ...args, '--period', 'day', '--metrics', 'tickets', '--format', 'json', '--now', '2026-06-01T00:00:00Z', '--quiet']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    return { timezone: report.timezone, rows: report.rows.map((row: any) => [row.period, row.kpis.tickets.value]) };
  };

  it('is the report zone when nothing else gives one', () => {
    expect(days([intercom])).toEqual({ timezone: 'America/New_York', rows: [['2026-03-08', 3], ['2026-03-09', 1]] });
  });

  it('gives way to --tz, and to --input-tz', () => {
    expect(days([intercom, '--tz', 'UTC'])).toEqual({ timezone: 'UTC', rows: [['2026-03-08', 2], ['2026-03-09', 2]] });
    expect(days([intercom, '--input-tz', 'UTC']).timezone).toBe('UTC');
  });

  it('is found in a .gz file, a UTF-16 file and after blank lines too, as the reader reads them', () => {
    const text = readFileSync(intercom, 'utf8');
    const dir = mkdtempSync(join(tmpdir(), 'teamkpi-named-zone-'));
    const files = { 'gz.csv.gz': gzipSync(text), 'utf16.csv': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), 'blank.csv': `\n\n${text}` };
    for (const [name, data] of Object.entries(files)) writeFileSync(join(dir, name), data);
    for (const name of Object.keys(files)) expect(days([join(dir, name)]), name).toEqual({ timezone: 'America/New_York', rows: [['2026-03-08', 3], ['2026-03-09', 1]] });
    rmSync(dir, { recursive: true, force: true });
  });

  it('two names of one zone are one zone', () => {
    const kolkata = tempCsv([header.replaceAll('America/New_York', 'Asia/Kolkata'), '1,2026-03-08 01:30:00,,,Ana,closed'], 'a.csv');
    const calcutta = tempCsv([header.replaceAll('America/New_York', 'Asia/Calcutta'), '2,2026-03-08 02:30:00,,,Bo,closed'], 'b.csv');
    expect(days([kolkata, calcutta]).timezone).toBe('Asia/Kolkata');
  });

  it('Qualtrics names it in its ImportIds; exports naming two zones leave UTC', () => {
    const qualtrics = fixture('presets', 'qualtrics', 'responses.csv');
    expect(days([qualtrics]).timezone).toBe('America/Denver');
    expect(days([qualtrics, intercom]).timezone).toBe('UTC');
  });
});

// --now without an offset is UTC, whatever the machine's zone (it was read in the machine's zone:
// 10:00 in New York is 14:00Z).
describe('--now', () => {
  it('reads a time without an offset as UTC on a machine in another zone', () => {
    const file = tempCsv(['ticket_id,created_at,status', '1,2026-03-02T10:00:00Z,open']);
    const r = runCli(['report', file, '--now', '2026-03-30T10:00', '--format', 'json', '--quiet'], { env: { TZ: 'America/New_York' } });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).generatedAt).toBe('2026-03-30T10:00:00Z');
  });
});

// Zone names are printed and compared by their canonical IANA name.
describe('zone names', () => {
  const file = tempCsv(['ticket_id,created_at,status', '1,2026-03-02T10:00:00Z,open']);
  const run = (extra: string[]) => runCli(['report', file, '--now', '2026-03-30T10:00:00Z', '--format', 'json', '--quiet', ...extra]);

  it('prints the name given, in the case the zone data writes it', () => {
    expect(JSON.parse(run(['--tz', 'utc']).stdout).timezone).toBe('UTC');
    expect(JSON.parse(run(['--tz', 'Etc/UTC']).stdout).timezone).toBe('UTC');
    expect(JSON.parse(run(['--tz', 'europe/berlin']).stdout).timezone).toBe('Europe/Berlin');
    // Not the platform's id, which is an old alias for some zones (Asia/Calcutta).
    expect(JSON.parse(run(['--tz', 'Asia/Kolkata']).stdout).timezone).toBe('Asia/Kolkata');
    expect(JSON.parse(run(['--tz', 'US/Eastern']).stdout).timezone).toBe('US/Eastern');
  });

  it('takes a baseline made in the same zone under another name', () => {
    // A report saved before names were made canonical says "Etc/UTC".
    const baseline = run(['--tz', 'Etc/UTC']).stdout.replace('"timezone": "UTC"', '"timezone": "Etc/UTC"');
    expect(baseline).toContain('"timezone": "Etc/UTC"');
    const saved = tempCsv([baseline.trimEnd()], 'baseline.json');
    const r = run(['--tz', 'UTC', '--baseline', saved]);
    expect(r.code).toBe(0);
    const berlin = run(['--tz', 'Europe/Berlin', '--baseline', saved]);
    expect(berlin.code).toBe(2);
    const eastern = tempCsv([run(['--tz', 'US/Eastern']).stdout.trimEnd()], 'eastern.json');
    expect(run(['--tz', 'America/New_York', '--baseline', eastern]).code).toBe(0);
  });
});
