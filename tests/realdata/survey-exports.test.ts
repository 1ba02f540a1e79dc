import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers/run-cli.js';
import { kpisOf, reportJson } from '../helpers/report-json.js';
import { HAS_REALDATA, parseCsvText, readTable, realFile } from '../helpers/realdata.js';
import { readFileSync } from 'node:fs';

// Real exports that no vendor preset covers: the generic format (nps-jardinerie) and config
// `inputs.columns` mappings (fixtures/config-inputs/*.config.json). Expected values come from
// the raw columns, read here with a separate minimal CSV reader.

const pct = (x: number, n: number) => (x / n) * 100;

describe.skipIf(!HAS_REALDATA)('nps-jardinerie (Latin-1 NPS survey, NA nulls)', () => {
  const file = realFile('nps-jardinerie', 'nps.csv');
  const report = reportJson([file]);
  // The file is Latin-1 (not UTF-8); the score columns are ASCII either way.
  const [header, ...rows] = parseCsvText(readFileSync(file, 'latin1'));
  const scores = rows.map((r) => r[header.indexOf('nps')]).filter((v) => v !== 'NA').map(Number);

  it('is read as Windows-1252, NA answers skipped and counted', () => {
    expect(report.dataQuality.inputs[0]).toMatchObject({ kind: 'surveys', source: 'generic', rowsRead: rows.length, rowsUsed: scores.length, rowsSkipped: rows.length - scores.length });
    expect(report.dataQuality.inputs[0].encoding).toContain('Windows-1252');
  });

  it('matches NPS = % promoters − % detractors over the nps column', () => {
    const promoters = scores.filter((s) => s >= 9).length;
    const detractors = scores.filter((s) => s <= 6).length;
    expect(kpisOf(report).nps).toBeCloseTo(pct(promoters - detractors, scores.length), 9);
  });
});

describe.skipIf(!HAS_REALDATA)('olist-reviews (review survey, mapped with inputs.columns)', () => {
  const file = realFile('olist-reviews', 'olist_order_reviews_dataset.csv');
  const report = reportJson([file, '--config', fixture('config-inputs/olist.config.json')]);
  const rows = readTable(file);

  it('matches CSAT and mean over review_score, keeping the latest review of an order', () => {
    // Two orders have two reviews each; only the later answer per order counts.
    const latest = new Map<string, Record<string, string>>();
    for (const r of rows) {
      const prev = latest.get(r.order_id);
      if (prev === undefined || r.review_answer_timestamp >= prev.review_answer_timestamp) latest.set(r.order_id, r);
    }
    const scores = [...latest.values()].map((r) => Number(r.review_score));
    const k = kpisOf(report);
    expect(k.csat_pct).toBeCloseTo(pct(scores.filter((s) => s >= 4).length, scores.length), 9);
    expect(k.csat_mean).toBeCloseTo(scores.reduce((a, b) => a + b, 0) / scores.length, 9);
    expect(report.dataQuality.inputs[0]).toMatchObject({ rowsRead: rows.length, rowsDuplicate: rows.length - latest.size });
  });
});

describe.skipIf(!HAS_REALDATA)('kaggle-cst (synthetic ticket data set, mapped with inputs.columns)', () => {
  const file = realFile('kaggle-cst', 'customer_support_tickets.csv');
  const report = reportJson([file, '--config', fixture('config-inputs/kaggle-cst.config.json'), '--by', 'channel']);
  const rows = readTable(file);
  // The export has no creation time; the mapping dates tickets by their first response, so rows
  // without one are skipped (reported) and resolution before first response is a negative duration.
  const dated = rows.filter((r) => r['First Response Time'] !== '');

  it('accounts for every row and reports the negative durations', () => {
    const input = report.dataQuality.inputs[0];
    expect(input).toMatchObject({ rowsRead: rows.length, rowsUsed: dated.length, rowsSkipped: rows.length - dated.length });
    const negative = dated.filter((r) => r['Time to Resolution'] !== '' && r['Time to Resolution'] < r['First Response Time']).length;
    expect(negative).toBe(1365);
    expect(report.dataQuality.issues.length + report.dataQuality.issuesTruncated).toBe(negative + (rows.length - dated.length));
  });

  it('matches CSAT per channel from the rating column', () => {
    for (const channel of new Set(rows.map((r) => r['Ticket Channel']))) {
      const rated = dated.filter((r) => r['Ticket Channel'] === channel && r['Customer Satisfaction Rating'] !== '');
      const k = kpisOf(report, { channel });
      expect(k.csat_pct).toBeCloseTo(pct(rated.filter((r) => Number(r['Customer Satisfaction Rating']) >= 4).length, rated.length), 9);
    }
  });
});
