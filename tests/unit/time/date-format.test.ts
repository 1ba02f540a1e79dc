import { describe, expect, it } from 'vitest';
import { detectDateFormat, monthFromName, parseEpoch } from '../../../src/time/date-format.js';
import { getZone } from '../../../src/time/zone.js';

const utc = getZone('UTC');
const iso = (text: string): number => Date.parse(text);

function parseAll(values: string[], order?: 'dmy' | 'mdy') {
  const found = detectDateFormat(values, order);
  if (found.status !== 'ok') throw new Error(`not ok: ${found.status}`);
  return { label: found.format.label, parsed: values.map((v) => found.format.parse(v, utc)) };
}

describe('detectDateFormat', () => {
  it.each([
    // values, expected label, expected instants
    [['13-04-2023 07:00', '01-05-2023 18:30'], 'DD-MM-YYYY HH:MM', ['2023-04-13T07:00Z', '2023-05-01T18:30Z']],
    [['29/02/2016 01:16', '05/03/2016 12:00'], 'DD/MM/YYYY HH:MM', ['2016-02-29T01:16Z', '2016-03-05T12:00Z']],
    [['01/13/2025', '02/01/2025'], 'MM/DD/YYYY', ['2025-01-13T00:00Z', '2025-02-01T00:00Z']],
    [['1/13/25 9:05 PM', '2/1/25 12:00 AM'], 'MM/DD/YY h:MM a', ['2025-01-13T21:05Z', '2025-02-01T00:00Z']],
    [['19/Jan/26 12:47 PM', '3/Feb/26 9:00 AM'], 'dd/MMM/yy h:MM a', ['2026-01-19T12:47Z', '2026-02-03T09:00Z']],
    [['18/jul/26 9:10 AM', '19/ene/26 12:47 PM', '1/dic/25 11:59 PM'], 'dd/MMM/yy h:MM a', ['2026-07-18T09:10Z', '2026-01-19T12:47Z', '2025-12-01T23:59Z']],
    [['05/fev/26 3:04 PM', '10/out/25 8:00 AM', '2/set/25 1:00 PM'], 'dd/MMM/yy h:MM a', ['2026-02-05T15:04Z', '2025-10-10T08:00Z', '2025-09-02T13:00Z']],
    [['05/févr./26 15:04', '10/août/25 08:00'], 'dd/MMM/yy HH:MM', ['2026-02-05T15:04Z', '2025-08-10T08:00Z']],
    [['05/Mär/26 3:04 PM', '10/Okt/25 8:00 AM', '24/Dez/25 1:00 PM', '1/Mai/25 1:00 PM'], 'dd/MMM/yy h:MM a', ['2026-03-05T15:04Z', '2025-10-10T08:00Z', '2025-12-24T13:00Z', '2025-05-01T13:00Z']],
    [['Jan 19, 2026 12:47 PM'], 'MMM d, yyyy h:MM a', ['2026-01-19T12:47Z']],
    [['2026-11-16 09:30', '2026-11-16T09:30:00Z'], 'ISO-8601', ['2026-11-16T09:30Z', '2026-11-16T09:30Z']],
    [['2026/11/16 09:30'], 'YYYY/MM/DD', ['2026-11-16T09:30Z']],
    [['18/jul/26 9:10 p. m.'], 'dd/MMM/yy h:MM a', ['2026-07-18T21:10Z']],
  ])('%j → %s', (values, label, expected) => {
    const { label: got, parsed } = parseAll(values);
    expect(got).toBe(label);
    expect(parsed).toEqual(expected.map(iso));
  });

  it('calls a column ambiguous when no day or month is above 12', () => {
    const found = detectDateFormat(['03/04/2023', '05/06/2023']);
    expect(found).toMatchObject({ status: 'ambiguous', example: '03/04/2023' });
  });

  it('lets the configured order settle an ambiguous column', () => {
    expect(parseAll(['03/04/2023'], 'dmy').parsed).toEqual([iso('2023-04-03T00:00Z')]);
    expect(parseAll(['03/04/2023'], 'mdy').parsed).toEqual([iso('2023-03-04T00:00Z')]);
  });

  it('reports a column that mixes both orders', () => {
    expect(detectDateFormat(['13/01/2025', '01/13/2025'])).toEqual({ status: 'conflict', dmy: '13/01/2025', mdy: '01/13/2025' });
  });

  it('rejects impossible dates after detection', () => {
    const found = detectDateFormat(['31/01/2023', '30/02/2023']);
    if (found.status !== 'ok') throw new Error('expected ok');
    expect(found.format.parse('30/02/2023', utc)).toBeNaN();
    expect(found.format.parse('31/01/2023 25:00', utc)).toBeNaN();
    expect(found.format.parse('not a date', utc)).toBeNaN();
  });

  it('reads wall-clock times in the input zone', () => {
    const found = detectDateFormat(['13/07/2025 10:00']);
    if (found.status !== 'ok') throw new Error('expected ok');
    // Athens is UTC+3 in July
    expect(found.format.parse('13/07/2025 10:00', getZone('Europe/Athens'))).toBe(iso('2025-07-13T07:00Z'));
  });

  it('says unknown when nothing looks like a date', () => {
    expect(detectDateFormat(['soon', 'later']).status).toBe('unknown');
  });
});

describe('monthFromName', () => {
  it.each([
    ['Jan', 1], ['ene', 1], ['janv.', 1], ['fev', 2], ['Févr', 2], ['Mär', 3], ['März', 3], ['mrt', 3], ['abr', 4], ['avr.', 4],
    ['mai', 5], ['May', 5], ['juin', 6], ['juil.', 7], ['ago', 8], ['août', 8], ['set', 9], ['sept', 9], ['out', 10], ['Okt', 10],
    ['dic', 12], ['Dez', 12], ['déc.', 12], ['December', 12], ['xyz', 0], ['ju', 0],
  ])('%s → %i', (name, month) => expect(monthFromName(name)).toBe(month));
});

describe('parseEpoch', () => {
  it('reads seconds and milliseconds', () => {
    expect(parseEpoch('1700000000', 'seconds')).toBe(1_700_000_000_000);
    expect(parseEpoch('1700000000123', 'milliseconds')).toBe(1_700_000_000_123);
    expect(parseEpoch('2026-01-01', 'seconds')).toBeNaN();
  });
});
