import { describe, expect, it } from 'vitest';
import type { ReportExtras } from '../../../src/model/extras.js';
import type { KpiValue, Report, ReportRow } from '../../../src/model/report.js';
import { formatHtml } from '../../../src/report/format-html.js';
import { escapeHtml, truncateText } from '../../../src/report/html-text.js';
import { REPORT_FORMATS } from '../../../src/report/index.js';

const HOSTILE = ['<img src=x onerror=alert(1)>', '| pipes |', 'Zoë 😀🚀', 'שרה כהן', '"quoted" & \'ticked\''];

function row(group: Record<string, string>, period: string | null, csat: KpiValue, tickets = 30): ReportRow {
  return { period, group, kpis: { tickets: { value: tickets, n: tickets }, csat_pct: csat, frt_median_minutes: { value: 102, n: tickets, lowSample: false } } };
}

function report(rows: ReportRow[], extra: Partial<Report> = {}): Report {
  return {
    schemaVersion: 1,
    tool: { name: 'teamkpi', version: '9.9.9' },
    generatedAt: '2026-11-23T07:00:00Z',
    timezone: 'Europe/Athens',
    window: { from: '2026-11-16', to: '2026-11-22' },
    period: 'all',
    dateBasis: 'created',
    hours: 'calendar',
    groupBy: ['agent'],
    definitions: {
      tickets: { label: 'Tickets', unit: 'count', direction: 'higher', method: 'tickets in the window' },
      csat_pct: { label: 'CSAT %', unit: 'pct', direction: 'higher', method: 'top-2 of 5' },
      frt_median_minutes: { label: 'FRT median', unit: 'minutes', direction: 'lower', method: 'median' },
    },
    rows,
    comparison: null,
    dataQuality: {
      inputs: [{ file: 'tickets <b>.csv', kind: 'tickets', source: 'generic', rowsRead: 1000, rowsUsed: 990, rowsSkipped: 7, rowsDuplicate: 3 }],
      surveys: { matched: 400, orphaned: 12, duplicates: 2 },
      issues: [{ code: 'INVALID_DATE', file: 'tickets <b>.csv', line: 14, column: 'Created <at>', value: '<svg onload=x>', message: 'invalid date' }],
      issuesTruncated: 6,
    },
    ...extra,
  };
}

const options = { color: false, tty: false, metricsChosen: false };

const hostileRows = [
  row({}, null, { value: 80, n: 150, ci95: [72.9, 85.6], lowSample: false }),
  ...HOSTILE.map((agent, i) => row({ agent }, null, { value: 60 + i, n: 10 + i * 5, ci95: [40, 90], lowSample: 10 + i * 5 < 20 })),
];

describe('formatHtml', () => {
  it('is registered as the html format', async () => {
    expect(await REPORT_FORMATS.html()).toBe(formatHtml);
  });

  it('escapes every hostile name and never emits it as markup', () => {
    const html = formatHtml(report(hostileRows), options);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<svg onload');
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('<at>');
    // Each name appears (escaped) in the table, the chart labels and the chart's data table.
    const count = (s: string) => html.split(s).length - 1;
    for (const name of HOSTILE) expect(count(escapeHtml(name))).toBeGreaterThanOrEqual(3);
    // Attribute values cannot be broken out of: no raw quote survives inside a data-sort value.
    expect(html).toContain('data-sort="&quot;quoted&quot; &amp; &#39;ticked&#39;"');
  });

  it('isolates every name from the data, so a direction override in one cannot reorder the text after it', () => {
    const name = '\u202Eevil';
    const rows = ['2026-W46', '2026-W47'].flatMap((week) => [row({}, week, { value: 70, n: 40 }), row({ agent: name }, week, { value: 75, n: 20 })]);
    const html = formatHtml(report(rows, { period: 'week' }), options);
    const at = [...html.matchAll(/\u202Eevil/g)].map((m) => m.index);
    // bar label and tooltip, line title, point tooltips, end label, description, tables
    expect(at.length).toBeGreaterThanOrEqual(8);
    for (const i of at) {
      const before = html.slice(Math.max(0, i - 16), i);
      const after = html.slice(i + name.length, i + name.length + 6);
      const ok = (before.endsWith('\u2068') && after.startsWith('\u2069')) || (before.endsWith('<bdi>') && after.startsWith('</bdi>')) || before.endsWith('data-sort="');
      expect(ok, JSON.stringify(html.slice(i - 60, i + 30))).toBe(true);
    }
  });

  it('contains no URL and no external resource', () => {
    const html = formatHtml(report(hostileRows), options);
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/<link\b|<img\b|<iframe\b|@import|url\((?!#)/i);
    expect(html).not.toMatch(/<script[^>]*\bsrc=/i);
  });

  it('shows the window, time zone, inputs and data quality in the header', () => {
    const html = formatHtml(report(hostileRows), options);
    const header = html.slice(html.indexOf('<header>'), html.indexOf('</header>'));
    expect(header).toContain('2026-11-16 to 2026-11-22');
    expect(header).toContain('Europe/Athens');
    expect(header).toContain('tickets &lt;b&gt;.csv');
    // 1 itemised + 6 truncated issues = 7.
    expect(header).toContain('7 row issues');
    expect(header).toContain('12 orphaned');
    expect(header).toMatch(/<td class="num">1,000<\/td><td class="num">990<\/td><td class="num">7<\/td><td class="num">3<\/td>/);
  });

  it('marks low-sample values with a marker and text, not colour alone', () => {
    const html = formatHtml(report(hostileRows), options);
    // Agents 0 and 1 have n = 10 and 15 (< 20): their cells carry the ° marker; the n = 20 agent does not.
    const cells = [...html.matchAll(/<td class="num( low)?" data-sort="(6\d)">([^<]*)(<span class="mark"[^>]*>°<\/span>)?/g)];
    expect(cells.map((m) => [m[2], m[1] === ' low', m[4] !== undefined])).toEqual([
      ['60', true, true], ['61', true, true], ['62', false, false], ['63', false, false], ['64', false, false],
    ]);
    expect(html).toContain('below the minimum sample');
  });

  it('renders intervals when the values carry ci95', () => {
    const html = formatHtml(report(hostileRows), options);
    expect(html).toContain('95% interval <span class="nowrap">72.9–85.6</span>');
    expect(html).toContain('class="whisker"');
    const plain = formatHtml(report([row({}, null, { value: 80, n: 150 })]), options);
    expect(plain).not.toContain('95% interval');
  });

  it('shows the change against the comparison, with a word that says better or worse', () => {
    const entry = (current: number, previous: number, significant: boolean | null, lowSample = false) => ({
      current, previous, delta: current - previous, change: null, nCurrent: 150, nPrevious: 140, test: 'z', statistic: 1, pValue: 0.01, significant, lowSample,
    });
    const comparison = {
      baseline: { source: 'previous', file: null, window: { from: '2026-11-09', to: '2026-11-15' }, generatedAt: '2026-11-23T07:00:00Z' },
      alpha: 0.05,
      rows: [
        { period: null, baselinePeriod: null, group: {}, kpis: { csat_pct: entry(80, 84.5, true), frt_median_minutes: entry(102, 132, false) } },
        { period: null, baselinePeriod: null, group: { agent: HOSTILE[0] }, kpis: { csat_pct: entry(60, 50, null, true) } },
      ],
    };
    const html = formatHtml(report(hostileRows, { comparison } as unknown as Partial<Report>), options);
    expect(html).toContain('<dt>Compared with</dt><dd>the previous period, 2026-11-09 to 2026-11-15</dd>');
    // 80 − 84.5 = −4.5 points on a higher-is-better KPI.
    expect(html).toContain('▼ −4.5 pts <span>worse, significant</span> (was 84.5)');
    // Lower is better for durations: 102 − 132 = −30 minutes is better, but not significant.
    expect(html).toContain('▼ −30m <span>better, not significant</span>');
    // A low-sample comparison gets the difference but no arrow and no verdict.
    expect(html).toContain('title="below the minimum sample: no verdict">+10.0 pts</span>');
  });

  it('draws charts with titles, trend lines per period, histograms and reasons when the extras are given', () => {
    const weekly = report([
      row({}, '2026-W46', { value: 70, n: 40 }), row({ agent: 'A' }, '2026-W46', { value: 75, n: 20 }),
      row({}, '2026-W47', { value: 80, n: 40 }), row({ agent: 'A' }, '2026-W47', { value: null, n: 0 }),
    ], { period: 'week' });
    const extras: ReportExtras = {
      distributions: [
        { period: '2026-W46', frt: { edges: [0, 15, 30], counts: [2, 1, 0], n: 3 }, resolution: { edges: [0, 15, 30], counts: [0, 0, 0], n: 0 } },
        { period: '2026-W47', frt: { edges: [0, 15, 30], counts: [1, 0, 4], n: 5 }, resolution: { edges: [0, 15, 30], counts: [0, 0, 0], n: 0 } },
      ],
      reasons: { escalated: { tickets: 4, withReason: 3, top: [{ field: 'tag', value: '<refund>', count: 3 }] }, reopened: { tickets: 0, withReason: 0, top: [] } },
    };
    const html = formatHtml(weekly, { ...options, extras });
    expect(html.match(/<svg class="chart bar-chart"/g)).toHaveLength(2);
    expect(html.match(/<svg class="chart line-chart"/g)).toHaveLength(2);
    expect(html.match(/<svg class="chart histogram"/g)).toHaveLength(1);
    expect(html).toContain('<title id="trend-1-title">CSAT % per week</title>');
    // Histograms add the periods bin by bin: 2+1, 1+0, 0+4 = 3, 1, 4 of 8 tickets.
    expect(html).toContain('First response time: 8 tickets');
    expect(html).toMatch(/0–15m: 3 \(37\.5%\)[\s\S]*15m–30m: 1 \(12\.5%\)[\s\S]*30m or more: 4 \(50\.0%\)/);
    expect(html).toContain('Resolution time: no tickets with this duration in the window.');
    // 3 of 4 escalated tickets carry <refund>: 75%.
    expect(html).toContain('&lt;refund&gt;</bdi></th><td class="num">3</td>');
    expect(html).toContain('75.0%');
    // The cards show the latest period with tickets.
    expect(html).toContain('Overall, 2026-W47');
  });

  it('picks the latest period with tickets when --metrics leaves tickets out, and says why otherwise', () => {
    // W47 has only survey answers (answered after the last ticket); W46 has tickets.
    const noTickets = (r: ReportRow): ReportRow => ({ ...r, kpis: { csat_pct: r.kpis.csat_pct, frt_median_minutes: r.kpis.frt_median_minutes } });
    const weeks = [
      row({}, '2026-W46', { value: 70, n: 40 }),
      { ...row({}, '2026-W47', { value: 80, n: 5 }, 0), kpis: { ...row({}, '2026-W47', { value: 80, n: 5 }, 0).kpis, frt_median_minutes: { value: null, n: 0 } } },
    ];
    const withCount = formatHtml(report(weeks, { period: 'week' }), options);
    expect(withCount).toContain('Overall, 2026-W46 (latest period with tickets)');
    const { tickets: _, ...definitions } = report([]).definitions;
    const without = formatHtml(report(weeks.map(noTickets), { period: 'week', definitions }), options);
    expect(without).toContain('Overall, 2026-W46 (latest period with tickets)');
    // No ticket in any week: the latest with answers, named as such.
    const surveysOnly = weeks.map(noTickets).map((r) => ({ ...r, kpis: { csat_pct: r.kpis.csat_pct } }));
    expect(formatHtml(report(surveysOnly, { period: 'week', definitions: { csat_pct: definitions.csat_pct } }), options)).toContain('Overall, 2026-W47 (latest period with data)');
  });

  it('renders a report by period with no rows at all (nothing in the window)', () => {
    const html = formatHtml(report([], { period: 'week' }), options);
    expect(html).toContain('No tickets or answers fall in the window.');
  });

  it('charts only KPIs that have data somewhere, and still shows them as cards', () => {
    const html = formatHtml(report([row({}, null, { value: null, n: 0 }), row({ agent: 'A' }, null, { value: null, n: 0 })]), options);
    expect(html).not.toContain('<title id="bars-1-title">CSAT %');
    expect(html).toContain('<title id="bars-1-title">FRT median by agent</title>');
    expect(html).toContain('<h3>CSAT %</h3><p class="value">—</p>');
  });

  it('gives byte-identical output for the same report', () => {
    expect(formatHtml(report(hostileRows), options)).toBe(formatHtml(report(hostileRows), options));
  });
});

describe('truncateText', () => {
  it('never splits an emoji or a combined character', () => {
    expect(truncateText('ab😀🚀cd', 4)).toBe('ab😀…');
    expect(truncateText('short', 10)).toBe('short');
  });
});
