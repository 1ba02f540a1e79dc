import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../../src/ingest/read-csv.js';
import { describeEncoding } from '../../../src/ingest/decode.js';

const dir = mkdtempSync(join(tmpdir(), 'teamkpi-decode-'));
const TEXT = 'ticket_id;agent;note\r\n1;José Müller;café “ok”\r\n2;Ana;naïve – fine\r\n';

async function read(name: string, bytes: Buffer) {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  const csv = await readCsv(file);
  const records: string[][] = [];
  for await (const batch of csv.batches) records.push(...batch.records);
  return { csv, records };
}

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
  return le;
}

describe('readCsv encodings', () => {
  it.each([
    ['utf8.csv', Buffer.from(TEXT, 'utf8'), 'UTF-8'],
    ['utf8-bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')]), 'UTF-8 with BOM'],
    ['utf16le.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]), 'UTF-16 LE (BOM)'],
    ['utf16be.csv', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(TEXT)]), 'UTF-16 BE (BOM)'],
  ])('%s is read as %s', async (name, bytes, label) => {
    const { csv, records } = await read(name, bytes);
    expect(describeEncoding(csv.encoding)).toBe(label);
    expect(csv.delimiter).toBe(';');
    expect(csv.header).toEqual(['ticket_id', 'agent', 'note']);
    expect(records).toEqual([['1', 'José Müller', 'café “ok”'], ['2', 'Ana', 'naïve – fine']]);
  });

  it('reads bytes that are not UTF-8 as Windows-1252', async () => {
    // Latin-1/CP1252 bytes: é = E9, ü = FC, “ ” = 93 94, ï = EF, – = 96
    const cp1252 = Buffer.from([
      ...Buffer.from('ticket_id;agent;note\r\n1;Jos'), 0xe9, ...Buffer.from(' M'), 0xfc, ...Buffer.from('ller;caf'), 0xe9, 0x20, 0x93,
      ...Buffer.from('ok'), 0x94, ...Buffer.from('\r\n2;Ana;na'), 0xef, ...Buffer.from('ve '), 0x96, ...Buffer.from(' fine\r\n'),
    ]);
    const { csv, records } = await read('cp1252.csv', cp1252);
    expect(csv.encoding.encoding).toBe('windows-1252');
    expect(records).toEqual([['1', 'José Müller', 'café “ok”'], ['2', 'Ana', 'naïve – fine']]);
  });

  it('keeps UTF-8 lines before the first bad line as UTF-8 also near the start (exports joined together)', async () => {
    // Line 2 is UTF-8 (é = C3 A9), line 3 Windows-1252 (é = E9, – = 96).
    const bytes = Buffer.concat([Buffer.from('ticket_id;agent;note\n1;José;ok\n2;Ren', 'utf8'), Buffer.from([0xe9, 0x3b, 0x96]), Buffer.from('\n3;Zoë;ok\n', 'latin1')]);
    const { csv, records } = await read('joined.csv', bytes);
    expect(records).toEqual([['1', 'José', 'ok'], ['2', 'René', '–'], ['3', 'Zoë', 'ok']]);
    expect(csv.encoding).toEqual({ encoding: 'utf-8', fallbackAt: Buffer.byteLength('ticket_id;agent;note\n1;José;ok\n') });
  });

  it('a Latin-1 letter that ends a line (Café⏎) is found where it is, early or after the first 64 KB', async () => {
    const early = Buffer.concat([Buffer.from('ticket_id;agent;team\n1;Ana;Caf'), Buffer.from([0xe9]), Buffer.from('\n2;Bo;Tea\n')]);
    const a = await read('early-line-end.csv', early);
    expect(a.records).toEqual([['1', 'Ana', 'Café'], ['2', 'Bo', 'Tea']]);
    expect(a.csv.encoding.encoding).toBe('windows-1252');
    const rows = Array.from({ length: 7000 }, (_, i) => `${i};Ana;plain`).join('\n');
    const late = Buffer.concat([Buffer.from(`ticket_id;agent;team\n${rows}\n7000;Ren`), Buffer.from([0xe9]), Buffer.from('\n7001;Bo;x\n')]);
    const b = await read('late-line-end.csv', late);
    expect(b.records[7000]).toEqual(['7000', 'René']);
    expect(b.csv.encoding.fallbackAt).toBe(late.indexOf('7000;Ren'));
  });

  it('switches to Windows-1252 where invalid bytes start after a valid UTF-8 beginning', async () => {
    // 70,000 ASCII rows fill the first chunk (64 KiB), then a Latin-1 "é".
    const rows = Array.from({ length: 7000 }, (_, i) => `${i};Ana;plain`).join('\n');
    const bytes = Buffer.concat([Buffer.from(`ticket_id;agent;note\n${rows}\n7000;Ren`), Buffer.from([0xe9]), Buffer.from(';late\n')]);
    const { csv, records } = await read('late.csv', bytes);
    expect(records.length).toBe(7001);
    expect(records[7000]).toEqual(['7000', 'René', 'late']);
    expect(csv.encoding.encoding).toBe('utf-8');
    expect(csv.encoding.fallbackAt).toBe(bytes.indexOf('7000;Ren'));
    expect(describeEncoding(csv.encoding)).toBe(`UTF-8, bytes that are not UTF-8 read as Windows-1252 (the first at or after byte ${bytes.indexOf('7000;Ren')})`);
  });

  it('keeps the UTF-8 after a stray byte as UTF-8: only bytes that are not UTF-8 are Windows-1252', async () => {
    // 7,000 UTF-8 rows (José, past the first 64 KB), one row with a Windows-1252 ö (F6), then more
    // UTF-8 rows, one with a Windows-1252 – (96) and a cut-short UTF-8 sequence (C3 then ;).
    const before = Array.from({ length: 7000 }, (_, i) => `${i};José`).join('\n');
    const bytes = Buffer.concat([
      Buffer.from(`ticket_id;agent\n${before}\n7000;Bj`, 'utf8'), Buffer.from([0xf6]), Buffer.from('rn\n7001;Zoë Müller\n7002;A', 'utf8'),
      Buffer.from([0x96, 0xc3]), Buffer.from(';\n7003;José\n', 'utf8'),
    ]);
    const { csv, records } = await read('stray.csv', bytes);
    expect(records.length).toBe(7004);
    expect(records.slice(6999)).toEqual([['6999', 'José'], ['7000', 'Björn'], ['7001', 'Zoë Müller'], ['7002', 'A–Ã', ''], ['7003', 'José']]);
    expect(csv.encoding.fallbackAt).toBe(bytes.indexOf('7000;Bj'));
  });
});
