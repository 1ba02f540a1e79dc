import { describe, expect, it } from 'vitest';
import { fixture, runCli } from '../helpers/run-cli.js';
import { kpisOf, reportJson } from '../helpers/report-json.js';

// fixtures/config-inputs: an export no preset knows, mapped with config `inputs.columns` and a
// value map Great→5, Okay→3, Not Good→1 (so CSAT is top-2 of 5: only Great is satisfied).
describe('config inputs: columns and values', () => {
  const config = fixture('config-inputs/teamkpi.config.json');
  const file = fixture('config-inputs/conversations.csv');

  it('reads the export as the generic format', () => {
    const report = reportJson([file, '--config', config, '--by', 'agent']);
    expect(report.dataQuality.inputs[0]).toMatchObject({ kind: 'tickets', source: 'generic', rowsRead: 6, rowsUsed: 6 });
    // ratings: Great Not Good Okay Great (blank) Great → 3 of 5 satisfied
    expect(kpisOf(report).csat_pct).toBe(60);
    expect(kpisOf(report).csat_mean).toBe((5 + 1 + 3 + 5 + 5) / 5);
    // Lena: Great, Not Good, Great; Omar: Okay, Great
    expect(kpisOf(report, { agent: 'Lena' }).csat_pct).toBeCloseTo((2 / 3) * 100, 9);
    expect(kpisOf(report, { agent: 'Omar' }).csat_pct).toBe(50);
    expect(kpisOf(report).unreplied).toBe(1); // c-5: 0 replies
  });

  it('shows the original header names in inspect', () => {
    const r = runCli(['inspect', file, '--config', config, '--format', 'json']);
    expect(r.code).toBe(0);
    const columns = JSON.parse(r.stdout).files[0].columns;
    expect(columns).toEqual([
      { header: 'Conversation', fields: ['id'] },
      { header: 'Opened', fields: ['createdAt'] },
      { header: 'Owner', fields: ['agent'] },
      { header: 'Inbox', fields: ['team'] },
      { header: 'Rating', fields: ['csat'] },
      { header: 'Replies', fields: ['agentReplies'] },
    ]);
  });

  it('rejects a malformed inputs section with its dotted path', () => {
    const r = runCli(['report', file, '--config', fixture('config-inputs/bad.config.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('inputs.dateOrder: must be one of dmy, mdy');
    expect(r.stderr).toContain('inputs.columns.ticket_id: must be a header name');
  });
});
