import { describe, expect, it } from 'vitest';
import type { Report } from '../../../src/model/report.js';
import { displayWidth, fitTableToWidth } from '../../../src/report/fit-width.js';
import { formatTable, widthRows } from '../../../src/report/format-table.js';
import type { FormatOptions } from '../../../src/report/format-value.js';

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

describe('fitting a long table', () => {
  // Rows whose widest cells are in different rows per column, with low-sample marks and a
  // comparison, so the rows that set the widths differ from column to column.
  function long(rows: number): Report {
    const base = report();
    const kpisOf = (r: number) => Object.fromEntries(ids.map((id, i) => [id, { value: ((r * 37 + i * 11) % 97) * 10 ** ((r + i) % 4), n: 40, lowSample: (r + i) % 5 === 0 }]));
    const comparisonRow = (r: number) => ({ kpis: Object.fromEntries(ids.map((id, i) => [id, { delta: (r % 7) - 3 + i / 10, change: r % 2 === 0 ? 'better' : 'worse', significant: r % 3 === 0 }])) });
    return {
      ...base,
      rows: [{ period: null, group: {}, kpis: kpisOf(0) }, ...Array.from({ length: rows }, (_, r) => ({ period: null, group: { team: `Team ${'x'.repeat((r * 13) % 23)}${r}` }, kpis: kpisOf(r + 1) }))],
      comparison: { baseline: { source: 'previous', file: null, window: { from: null, to: null }, generatedAt: '' }, alpha: 0.05, rows: Array.from({ length: rows + 1 }, (_, r) => comparisonRow(r)) },
    } as unknown as Report;
  }
  const unfitted = (r: Report, o: FormatOptions) => formatTable(r, { ...o, width: undefined });

  it('gives what dropping columns against the whole table gives, laying the whole table out once', () => {
    const r = long(300);
    for (const width of [10, 30, 45, 52, 60, 75, 90, 200]) {
      const options: FormatOptions = { color: false, tty: true, metricsChosen: true, width };
      const expected = fitTableToWidth(r, options, unfitted);
      let whole = 0;
      const counting = (rr: Report, o: FormatOptions) => {
        if (rr.rows.length === r.rows.length) whole++;
        return unfitted(rr, o);
      };
      expect(fitTableToWidth(r, options, counting, widthRows(r, options)), `width ${width}`).toBe(expected);
      expect(whole, `width ${width}`).toBe(1);
      if (width === 10) expect(expected).toContain('4 columns left out');
      if (width === 200) expect(expected).not.toContain('left out');
    }
  });

  it('a table of the rows that set the widths is as wide as the whole table', () => {
    const r = long(120);
    const options: FormatOptions = { color: true, tty: true, metricsChosen: true };
    for (let k = 1; k <= ids.length; k++) {
      const some = ids.slice(0, k);
      const rows = widthRows(r, options)(some);
      const only = { ...r, rows: rows.map((i) => r.rows[i]), comparison: { ...r.comparison!, rows: rows.map((i) => r.comparison!.rows[i]) } };
      // eslint-disable-next-line no-control-regex
      const widest = (text: string) => Math.max(...tableLines(text.replace(/\x1b\[[0-9;]*m/g, '')).map(displayWidth));
      expect(widest(unfitted(only, { ...options, kpiIds: some })), `${k} KPIs`).toBe(widest(unfitted(r, { ...options, kpiIds: some })));
      expect(rows.length).toBeLessThanOrEqual(2 + k);
      expect(widest(unfitted(r, { ...options, kpiIds: some }))).toBeGreaterThan(20);
    }
  });
});
