// `--source NAME` on a file whose headers the preset does not recognise by themselves: a preset
// that reads one kind of file reads it as that kind (and names a missing column if one is).
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';
import { reportJson } from '../../helpers/report-json.js';
import { tempCsv } from '../../helpers/temp-csv.js';

describe('--source with headers the preset alone would not recognise', () => {
  it('delighted without survey_type: NPS answers (the preset reads surveys only)', () => {
    const file = tempCsv(['id,person,score,created_at', '1,p,9,1741000000', '2,q,3,1741000000', '3,r,10,1741000000'], 'delighted-plain.csv');
    const report = reportJson([file, '--source', 'delighted']);
    expect(report.dataQuality.inputs[0]).toMatchObject({ source: 'delighted', kind: 'surveys', rowsUsed: 3 });
    // 9 and 10 promoters, 3 a detractor: (2 − 1) / 3.
    expect(report.rows[0].kpis.nps.n).toBe(3);
    expect(report.rows[0].kpis.nps.value).toBeCloseTo(100 / 3, 8);
  });

  it('jira without Issue Type or Status Category: tickets', () => {
    const file = tempCsv(['Issue key,Status,Assignee,Created,Resolved,Satisfaction rating', 'K-1,Done,Ann,19/Jan/26 12:47 PM,20/Jan/26 12:47 PM,5', 'K-2,Open,Ann,19/Jan/26 1:00 PM,,'], 'jira-plain.csv');
    const report = reportJson([file, '--source', 'jira']);
    expect(report.dataQuality.inputs[0]).toMatchObject({ source: 'jira', kind: 'tickets', rowsUsed: 2 });
    expect(report.rows[0].kpis.solved).toMatchObject({ value: 1 });
    expect(report.rows[0].kpis.resolution_mean_minutes).toMatchObject({ value: 24 * 60, n: 1 });
  });

  it('still names what is missing: a file without the preset\'s required column', () => {
    const file = tempCsv(['Status,Assignee', 'Done,Ann'], 'jira-no-key.csv');
    const r = runCli(['report', file, '--source', 'jira']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/missing required column/);
  });
});
