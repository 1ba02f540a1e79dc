import { describe, expect, it } from 'vitest';
import { formatJson, formatJsonPieces } from '../../../src/report/format-json.js';
import type { Report } from '../../../src/model/report.js';

// The JSON report's text is JSON.stringify's (formatJson); written in pieces, the pieces must
// join to exactly that text, whatever the rows hold.
const report = (rows: unknown[], extra: Record<string, unknown> = {}): Report => ({
  schemaVersion: 1, tool: { name: 'teamkpi', version: '0' }, generatedAt: '2026-11-23T00:00:00Z', timezone: 'UTC', window: { from: null, to: null },
  period: 'all', dateBasis: 'created', hours: 'calendar', groupBy: ['agent'], definitions: { csat_pct: { unit: '%', n: 1 / 3 } }, rows,
  comparison: null, dataQuality: { files: ['a.csv'], ratio: 2 / 3 }, ...extra,
}) as unknown as Report;

describe('formatJsonPieces', () => {
  const row = (k: number): unknown => ({
    period: k % 3 === 0 ? null : '2026-W47', group: { agent: `Zoë "${k}"\n\\`, '7': 'an integer-like key' },
    kpis: { csat_pct: { value: k / 7, n: k, ci95: k % 2 === 0 ? null : [0.1 + 0.2, -0], lowSample: k < 20, missing: undefined }, nested: [[], {}, [1, [2, { x: 1e-10 }]]] },
  });

  it.each([0, 1, 2, 7, 255, 256, 257, 513, 3000])('join to formatJson\'s text (%i rows)', (n) => {
    const r = report(Array.from({ length: n }, (_, k) => row(k)));
    const pieces = [...formatJsonPieces(r)];
    expect(pieces.join('')).toBe(formatJson(r));
    // Large reports come in several pieces; none is the whole text.
    if (n === 3000) expect(pieces.length).toBeGreaterThan(1);
  });

  it('give the whole text at once when a string in the report is the rows\' stand-in', () => {
    const r = report([row(1), row(2)], { timezone: '\u0000teamkpi rows\u0000' });
    const pieces = [...formatJsonPieces(r)];
    expect(pieces).toEqual([formatJson(r)]);
  });
});
