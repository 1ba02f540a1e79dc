import { describe, expect, it } from 'vitest';
import type { Report } from '../../../src/model/report.js';
import { formatMarkdown } from '../../../src/report/format-markdown.js';

const NAMES = ['<img src=x onerror=alert(1)>', '| pipes |', 'Zoë 😀🚀', 'שרה כהן', 'a\\|b', '*bold* _x_ `code`'];

function report(): Report {
  const kpis = (frt: number) => ({ tickets: { value: 30, n: 30 }, frt_median_minutes: { value: frt, n: 30, lowSample: false } });
  return {
    schemaVersion: 1, tool: { name: 'teamkpi', version: 't' }, generatedAt: '2026-11-23T07:00:00Z', timezone: 'Europe/Athens',
    window: { from: '2026-11-16', to: '2026-11-22' }, period: 'all', dateBasis: 'created', hours: 'calendar', groupBy: ['agent'],
    definitions: {
      tickets: { label: 'Tickets', unit: 'count', direction: 'higher', method: 'm' },
      frt_median_minutes: { label: 'FRT median', unit: 'minutes', direction: 'lower', method: 'm' },
    },
    rows: [{ period: null, group: {}, kpis: kpis(102) }, ...NAMES.map((agent) => ({ period: null, group: { agent }, kpis: kpis(1500) }))],
    comparison: null,
    dataQuality: { inputs: [], surveys: { matched: 0, orphaned: 0, duplicates: 0 }, issues: [], issuesTruncated: 0 },
  };
}

/** Cells of a Markdown table row as GitHub splits them: on pipes not escaped with a backslash. */
function cells(line: string): string[] {
  return line.replace(/^\|/, '').replace(/\|$/, '').split(/(?<!\\)\|/);
}

describe('formatMarkdown for a job summary', () => {
  const md = formatMarkdown(report(), { color: false, tty: false, metricsChosen: true });
  const rows = md.split('\n').filter((l) => l.startsWith('|'));

  it('titles the report with its window and time zone', () => {
    expect(md.split('\n')[0]).toBe('## teamkpi report · 2026-11-16 to 2026-11-22 (Europe/Athens)');
  });

  it('keeps every row at three cells whatever the names hold, and emits no HTML tag', () => {
    expect(rows).toHaveLength(2 + 1 + NAMES.length);
    for (const row of rows) expect(cells(row)).toHaveLength(3);
    expect(md).not.toMatch(/<[a-z]/i);
  });

  it('writes durations for people: 102 min = 1h 42m, 1500 min = 1d 1h', () => {
    expect(rows[0]).toContain('FRT median |');
    expect(rows[2]).toContain('| 1h 42m |');
    expect(rows[3]).toContain('| 1d 1h |');
  });
});
