import { describe, expect, it } from 'vitest';
import { fixture } from '../../helpers/run-cli.js';
import { kpisOf, reportJson } from '../../helpers/report-json.js';

// fixtures/presets/helpscout/conversations.csv: 6 conversations, ratings Great/Okay/Not Good.
describe('helpscout preset', () => {
  const report = reportJson([fixture('presets/helpscout/conversations.csv'), '--by', 'team']);

  it('computes the KPIs counted by hand', () => {
    expect(report.dataQuality.inputs[0]).toMatchObject({ source: 'helpscout', rowsRead: 6, rowsUsed: 6 });
    const k = kpisOf(report);
    expect(k.solved).toBe(4); // closed: 900001 900002 900005 900006
    expect(k.csat_pct).toBe(50); // Great, Not Good, Okay, Great (Okay is rated, not satisfied)
    expect(k.fcr_pct).toBe(50); // one-touch: 900001 (1 reply), 900005 (1)
    expect(k.resolution_median_minutes).toBe(210); // 60 360 30 1440
    expect(k.unreplied).toBe(1); // 900003
    expect(kpisOf(report, { team: 'Sales' }).csat_pct).toBe(50); // Great, Not Good
  });
});
