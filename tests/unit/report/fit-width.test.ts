import { describe, expect, it } from 'vitest';
import type { Report } from '../../../src/model/report.js';
import { displayWidth } from '../../../src/report/fit-width.js';
import { formatTable } from '../../../src/report/format-table.js';

const ids = ['tickets', 'solved', 'csat_pct', 'nps', 'fcr_pct'];
const labels = ['Tickets', 'Solved', 'CSAT %', 'NPS', 'FCR %'];

function report(): Report {
  const kpis = Object.fromEntries(ids.map((id) => [id, { value: 12.5, n: 40, lowSample: false }]));
  return {
    schemaVersion: 1, tool: { name: 'teamkpi', version: 't' }, generatedAt: '2026-11-23T07:00:00Z', timezone: 'UTC',
    window: { from: null, to: null }, period: 'all', dateBasis: 'created', hours: 'calendar', groupBy: ['team'],
    definitions: Object.fromEntries(ids.map((id, i) => [id, { label: labels[i], unit: i < 2 ? 'count' : 'pct', direction: 'higher', method: 'm' }])),
    rows: [{ period: null, group: {}, kpis }, { period: null, group: { team: 'Billing' }, kpis }],
    comparison: null,
    dataQuality: { inputs: [], surveys: { matched: 0, orphaned: 0, duplicates: 0 }, issues: [], issuesTruncated: 0 },
  };
}

const tableLines = (text: string) => text.split('\n').filter((l) => /^[┌│├└]/.test(l));

describe('formatTable on a narrow terminal', () => {
  it('drops KPI columns from the right until the table fits, and says which', () => {
    // Full width by hand: "│ Team    │" = 11, then " Tickets │" 10, " Solved │" 9, " CSAT % │" 9, " NPS  │" 7, " FCR % │" 8 → 54.
    const full = formatTable(report(), { color: false, tty: true, metricsChosen: true });
    expect(Math.max(...tableLines(full).map((l) => l.length))).toBe(54);
    const fitted = formatTable(report(), { color: false, tty: true, metricsChosen: true, width: 40 });
    // 54 − 8 (FCR %) − 7 (NPS) = 39 ≤ 40.
    expect(Math.max(...tableLines(fitted).map((l) => l.length))).toBe(39);
    expect(fitted).toContain('2 columns left out to fit the terminal (40 columns): NPS, FCR %');
    expect(tableLines(fitted)[1]).toContain('CSAT %');
  });

  it('never cuts piped output, and adds nothing when the table fits', () => {
    const piped = formatTable(report(), { color: false, tty: false, metricsChosen: true, width: 20 });
    expect(piped).toContain('FCR %');
    expect(piped).not.toContain('left out');
    const wide = formatTable(report(), { color: false, tty: true, metricsChosen: true, width: 54 });
    expect(wide).not.toContain('left out');
  });
});

describe('displayWidth', () => {
  it.each([
    ['abc', 3],
    ['日本', 4],
    ['😀', 2],
    ['e\u0301', 1],
    ['\x1b[2mdim\x1b[22m', 3],
  ])('%j takes %i columns', (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });
});
