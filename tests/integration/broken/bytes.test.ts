import { describe, expect, it } from 'vitest';
import { checkTextHead } from '../../../src/ingest/check-text.js';
import { fixture, runCli } from '../../helpers/run-cli.js';
import { expectAccounted, expectCleanError, issueCodes, reportJson } from '../../helpers/cli-json.js';

const cwd = fixture('broken');

describe('files that are not clean UTF-8 text', () => {
  it('rows holding NUL bytes are skipped with a reason; the other rows are used', () => {
    const r = reportJson(['nul-bytes.csv', '--by', 'agent'], { cwd });
    expect(r.code).toBe(0);
    const report = r.report!;
    // line 3: NUL inside "B\0o"; line 4: NUL after the last field
    expect(issueCodes(report)).toEqual(['INVALID_VALUE@3', 'INVALID_VALUE@4']);
    expect(report.dataQuality.inputs[0]).toMatchObject({ rowsRead: 4, rowsUsed: 2, rowsSkipped: 2 });
    expect(report.rows.slice(1).map((row) => row.group.agent)).toEqual(['Ana', 'Di']);
    expectAccounted(report);
  });

  it('a binary file (an image named .csv) stops with exit 2 at line 1', () => {
    expectCleanError(reportJson(['binary.csv'], { cwd }), 'binary.csv:1: the file holds binary data');
  });

  it('UTF-16 without a byte-order mark stops with exit 2 and says to re-save as UTF-8', () => {
    const r = reportJson(['utf16-no-bom.csv'], { cwd });
    expectCleanError(r, 'utf16-no-bom.csv:1: the file looks like UTF-16 (little-endian)');
    expect(r.stderr).toContain('UTF-8');
  });

  it('invalid UTF-8 (Latin-1 bytes) is decoded as Windows-1252, said so, and every row is used', () => {
    const r = reportJson(['invalid-utf8.csv', '--by', 'agent'], { cwd });
    expect(r.code).toBe(0);
    const report = r.report!;
    expect(report.dataQuality.inputs[0]).toMatchObject({ rowsRead: 3, rowsUsed: 3, encoding: expect.stringContaining('Windows-1252') });
    expectAccounted(report);
    // 0xE9 = é and 0xFC = ü in Windows-1252
    expect(report.rows.slice(1).map((row) => row.group.agent)).toEqual(['Ana', 'José', 'Müller']);
    // The table, Markdown and HTML summaries name the encoding too (the table and Markdown name no UTF-8 file; HTML lists each file's).
    for (const format of ['table', 'markdown', 'html']) {
      const out = runCli(['report', 'invalid-utf8.csv', '--format', format], { cwd });
      expect(out.stdout, format).toContain('invalid-utf8.csv: Windows-1252 (not valid UTF-8)');
      if (format !== 'html') expect(runCli(['report', 'stray-quotes.csv', '--format', format], { cwd }).stdout, format).not.toContain('UTF-8');
    }
  });
});

describe('checkTextHead', () => {
  const text = (s: string, encoding: BufferEncoding = 'utf8') => Buffer.from(s, encoding);
  const csv = 'ticket_id,created_at,agent\n1,2026-11-16T09:00:00Z,Ana\n';

  it.each([
    ['UTF-8 text', text(csv)],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), text(csv)])],
    ['UTF-16 LE with BOM (left to the decoder)', Buffer.concat([Buffer.from([0xff, 0xfe]), text(csv, 'utf16le')])],
    ['UTF-16 BE with BOM (left to the decoder)', Buffer.concat([Buffer.from([0xfe, 0xff]), text(csv, 'utf16le').swap16()])],
    ['Latin-1 text', Buffer.from(csv.replace('Ana', 'José'), 'latin1')],
    ['one stray NUL after the header', text(csv + '2,2026-11-16T09:00:00Z,B\0o\n')],
    ['nothing', Buffer.alloc(0)],
  ])('accepts %s', (_, head) => {
    expect(() => checkTextHead(head, 'f.csv')).not.toThrow();
  });

  it.each([
    ['UTF-16 LE without BOM', text(csv, 'utf16le'), /UTF-16 \(little-endian\)/],
    ['UTF-16 BE without BOM', text(csv, 'utf16le').swap16(), /UTF-16 \(big-endian\)/],
    ['a NUL in the header line', text('ticket_id\0,created_at\n'), /binary data \(NUL bytes in the header line\)/],
    ['a gzip stream not named .gz', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x4b, 0x4c, 0x4a, 0x06, 0x00, 0xc2, 0x41, 0x24, 0x35, 0x03, 0x00, 0x00, 0x00]), /binary data/],
  ])('refuses %s', (_, head, message) => {
    expect(() => checkTextHead(head, 'f.csv')).toThrow(message);
  });
});
