import { describe, expect, it } from 'vitest';
import { fixture, runCli } from '../helpers/run-cli.js';

describe('date order of numeric dates', () => {
  it('stops with exit 2 naming the ambiguous column and the fix', () => {
    const r = runCli(['report', fixture('dates/ambiguous.csv')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('column "created_at": dates like "03/04/2026 09:00" could be day-first or month-first');
    expect(r.stderr).toContain('--date-order dmy');
  });

  it.each([
    // created 3 April vs 4 March: the window decides whether ticket 1 counts
    ['dmy', '2026-04-01', '2026-04-30', 1],
    ['mdy', '2026-03-01', '2026-03-31', 1],
    ['mdy', '2026-04-01', '2026-04-30', 0],
  ])('--date-order %s reads it (window %s..%s has %i ticket)', (order, from, to, tickets) => {
    const r = runCli(['report', fixture('dates/ambiguous.csv'), '--date-order', order, '--from', from, '--to', to, '--format', 'json', '--metrics', 'tickets']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).rows[0].kpis.tickets.value).toBe(tickets);
  });

  it('takes the order another date column of the file shows (25/06 is day-first)', () => {
    const r = runCli(['report', fixture('dates/decided-by-sibling.csv'), '--from', '2026-04-03', '--to', '2026-04-03', '--format', 'json', '--metrics', 'tickets']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).rows[0].kpis.tickets.value).toBe(1);
  });

  it('rejects an unknown order', () => {
    const r = runCli(['report', fixture('dates/ambiguous.csv'), '--date-order', 'ymd']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--date-order ymd: expected dmy');
  });
});
