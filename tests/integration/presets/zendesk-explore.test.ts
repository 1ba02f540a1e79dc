import { describe, expect, it } from 'vitest';
import { fixture } from '../../helpers/run-cli.js';
import { kpisOf, reportJson } from '../../helpers/report-json.js';
import { readRecords } from '../../helpers/read-records.js';

// fixtures/presets/zendesk-explore/explore.csv: 6 tickets; BOM, `;` delimiter, decimal commas,
// blanks as a space or a no-break space, `MED(First reply time (min))`, `(hrs)` resolution.
describe('zendesk-explore preset', () => {
  const file = fixture('presets/zendesk-explore/explore.csv');
  const report = reportJson([file]);

  it('computes the KPIs counted by hand', () => {
    expect(report.dataQuality.inputs[0]).toMatchObject({ source: 'zendesk-explore', rowsRead: 6, rowsUsed: 6 });
    expect(report.dataQuality.issues).toEqual([]);
    const k = kpisOf(report);
    expect(k.solved).toBe(4); // Solved/Closed: 1 2 4 5
    expect(k.frt_median_minutes).toBe(30.5); // 12 30,5 5 60 45
    expect(k.resolution_median_minutes).toBe((1200 + 1440) / 2); // hours 24 48 2,5 20 → 1440 2880 150 1200
    expect(k.csat_pct).toBeCloseTo((2 / 3) * 100, 9); // Good Bad Good
    expect(k.csat_response_rate_pct).toBe(60); // 3 rated of 3 + 2 Offered (Unoffered not counted)
    expect(k.escalation_rate_pct).toBeCloseTo((2 / 6) * 100, 9); // Group stations 2, 3
    expect(k.unreplied).toBe(1); // 4: no reply time, 0 replies
  });

  it('maps the aggregated metric header', async () => {
    const { infos } = await readRecords([file]);
    expect(infos[0].mapping.firstResponseMinutes).toBe('MED(First reply time (min))');
    expect(infos[0].delimiter).toBe(';');
  });
});
