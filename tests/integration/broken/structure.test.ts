import { describe, expect, it } from 'vitest';
import { fixture } from '../../helpers/run-cli.js';
import { expectAccounted, expectCleanError, issueCodes, reportJson } from '../../helpers/cli-json.js';

const cwd = fixture('broken');

describe('broken CSV structure', () => {
  it('an empty file stops with exit 2 and says what to do', () => {
    const r = reportJson(['empty.csv'], { cwd });
    expectCleanError(r, 'empty.csv: the file is empty');
  });

  it('a header-only file is a valid report with no rows: counts 0, rates null', () => {
    const r = reportJson(['header-only.csv'], { cwd });
    expect(r.code).toBe(0);
    const report = r.report!;
    expect(report.dataQuality.inputs).toMatchObject([{ file: 'header-only.csv', kind: 'tickets', rowsRead: 0, rowsUsed: 0 }]);
    expect(report.rows).toHaveLength(1);
    expect(report.rows[0].kpis.tickets).toEqual({ value: 0, n: 0 });
    expect(report.rows[0].kpis.fcr_pct.value).toBeNull();
    expect(report.rows[0].kpis.frt_median_minutes.value).toBeNull();
  });

  it('an unclosed quote stops at the line where the quoted field starts', () => {
    const r = reportJson(['unclosed-quote.csv'], { cwd });
    expectCleanError(r, 'unclosed-quote.csv:3: a quoted field');
    expect(r.stderr).toMatch(/hint: .*closing quote/);
  });

  it('ragged rows (too few or too many fields) are skipped, reported and counted', () => {
    const r = reportJson(['ragged-rows.csv'], { cwd });
    expect(r.code).toBe(0);
    const report = r.report!;
    // lines 3 (5 fields) and 4 (8 fields: "Silva, Cy" unquoted) are ragged; lines 2 and 5 are fine
    expect(issueCodes(report)).toEqual(['RAGGED_ROW@3', 'RAGGED_ROW@4']);
    expect(report.dataQuality.inputs[0]).toMatchObject({ rowsRead: 4, rowsUsed: 2, rowsSkipped: 2 });
    expect(report.rows[0].kpis.tickets.value).toBe(2);
    expect(r.stderr).toContain('ragged-rows.csv:3: the row has 5 fields but the header has 7');
    expectAccounted(report);
  });

  it('a stray quote that swallows rows until a later quote followed by text: the record is skipped and named', () => {
    const r = reportJson(['stray-quote-swallows-rows.csv', '--by', 'agent'], { cwd });
    expect(r.code).toBe(0);
    const report = r.report!;
    // records: line 2 (Ana), lines 3–5 (one record: the quote opened before Bo closes at "Di"), line 6 (Ed)
    expect(issueCodes(report)).toEqual(['STRAY_QUOTE@3']);
    expect(report.dataQuality.issues[0].message).toContain('lines 3–5 were read as one row');
    expect(report.dataQuality.inputs[0]).toMatchObject({ rowsRead: 3, rowsUsed: 2, rowsSkipped: 1 });
    expect(report.rows.slice(1).map((row) => row.group.agent)).toEqual(['Ana', 'Ed']);
    expectAccounted(report);
    // --strict stops on it
    expect(reportJson(['stray-quote-swallows-rows.csv', '--strict'], { cwd }).code).toBe(2);
  });

  it('a repeated header row and a line of only spaces are skipped, each with its own reason', () => {
    const r = reportJson(['joined-exports.csv', '--by', 'agent'], { cwd });
    expect(r.code).toBe(0);
    const report = r.report!;
    expect(issueCodes(report)).toEqual(['REPEATED_HEADER@4', 'RAGGED_ROW@6']);
    expect(report.dataQuality.issues[1].message).toContain('only spaces or tabs');
    expect(report.dataQuality.inputs[0]).toMatchObject({ rowsRead: 6, rowsUsed: 4, rowsSkipped: 2 });
    expect(report.rows.slice(1).map((row) => row.group.agent)).toEqual(['Ana', 'Bo', 'Cy', 'Di']);
    expectAccounted(report);
  });

  it('stray quotes inside unquoted fields are kept as text', () => {
    const r = reportJson(['stray-quotes.csv', '--by', 'agent'], { cwd });
    expect(r.code).toBe(0);
    const agents = r.report!.rows.slice(1).map((row) => row.group.agent);
    // code-point order: A < B < C
    expect(agents).toEqual(['Ana "Red" Silva', 'Bo 5"', 'Cy']);
    expect(r.report!.dataQuality.issues).toEqual([]);
    expectAccounted(r.report!);
  });

  it('mixed CRLF, LF and CR line ends split rows correctly; a quoted CRLF stays in the field; line numbers match an editor', () => {
    const r = reportJson(['mixed-line-endings.csv', '--by', 'agent'], { cwd });
    expect(r.code).toBe(0);
    const report = r.report!;
    expect(report.rows.slice(1).map((row) => row.group.agent)).toEqual(['Ana', 'Bo', 'Cy\r\nDe', 'Di']);
    // header 1, Ana 2, Bo 3, "Cy⏎De" 4–5, Di 6, the bad date 7
    expect(issueCodes(report)).toEqual(['INVALID_DATE@7']);
    expect(report.dataQuality.inputs[0]).toMatchObject({ rowsRead: 5, rowsUsed: 4, rowsSkipped: 1 });
    expectAccounted(report);
  });

  it('duplicate header names: the first column of that name is read', () => {
    const r = reportJson(['duplicate-headers.csv', '--by', 'agent'], { cwd });
    expect(r.code).toBe(0);
    expect(r.report!.rows.slice(1).map((row) => row.group.agent)).toEqual(['Ana', 'Bo']);
    expectAccounted(r.report!);
  });

  it('blank header names are ignored columns, not errors', () => {
    const r = reportJson(['blank-headers.csv', '--by', 'agent'], { cwd });
    expect(r.code).toBe(0);
    expect(r.report!.rows.slice(1).map((row) => row.group.agent)).toEqual(['Ana', 'Bo']);
    expect(r.report!.rows[0].kpis.tickets.value).toBe(2);
    expectAccounted(r.report!);
  });
});
