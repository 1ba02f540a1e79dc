import { describe, expect, it } from 'vitest';
import { detectDateFormat, monthFromName, parseEpoch, parseNumericDateBytes } from '../../../src/time/date-format.js';
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

  it('keeps a fraction, and never lets it reach the next second or millisecond', () => {
    expect(parseEpoch('1700000000.5', 'seconds')).toBe(1_700_000_000_500);
    expect(parseEpoch('1700000000000.25', 'milliseconds')).toBe(1_700_000_000_000.25);
    // Rounded, these were the next whole second (a day boundary when it is midnight).
    const next = 1_774_738_800_000; // 2026-03-28T23:00:00Z
    for (const t of [parseEpoch('1774738799.9999999999', 'seconds'), parseEpoch('1774738799999.99999999', 'milliseconds')]) {
      expect(t).toBeLessThan(next);
      expect(next - t).toBeLessThan(0.001);
    }
  });
});

// The typed lane reads numeric day/month dates from bytes. Each value is checked against Date.UTC
// of its fields (worked out here from the parts), and against the column format's text parser,
// which decides every shape the byte reader leaves to it (NaN).
describe('parseNumericDateBytes', () => {
  let seed = 20261123;
  const rand = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
  const pad = (n: number, w: number): string => String(n).padStart(w, '0');
  const leap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const monthDays = (y: number, m: number): number => [31, leap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  const bytes = (text: string, dayFirst: boolean, zone = utc): number => {
    const buf = Buffer.from(`;${text};9`, 'latin1');
    return parseNumericDateBytes(buf, 1, 1 + text.length, dayFirst, zone);
  };
  const formats = {
    dmy: detectDateFormat(['13/01/2025'], 'dmy'),
    mdy: detectDateFormat(['01/13/2025'], 'mdy'),
  };

  it('agrees with Date.UTC of the fields, and with the text parser, on 4,000 random values', () => {
    const wrong: string[] = [];
    for (let k = 0; k < 4000; k++) {
      const dayFirst = rand() < 0.5;
      const y4 = int(1990, 2040), m = int(0, 13), d = int(0, 32), h = int(0, 24), mi = int(0, 60), s = int(0, 60);
      const sep = ['/', '.', '-'][int(0, 2)];
      const yearText = rand() < 0.3 ? pad(y4 % 100, 2) : pad(y4, 4);
      const year = yearText.length === 2 ? (y4 % 100 < 70 ? 2000 + (y4 % 100) : 1900 + (y4 % 100)) : y4;
      const [first, second] = dayFirst ? [d, m] : [m, d];
      const part = (n: number): string => (rand() < 0.5 ? pad(n, 2) : String(n));
      const clock = int(0, 3);
      const time = clock === 0 ? '' : clock === 1 ? ` ${part(h)}:${pad(mi, 2)}` : clock === 2 ? `T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}` : ` ${part(h)}:${pad(mi, 2)}:${pad(s, 2)}`;
      const text = `${part(first)}${sep}${part(second)}${sep}${yearText}${time}`;
      const hh = clock === 0 ? 0 : h, mm = clock === 0 ? 0 : mi, ss = clock >= 2 ? s : 0;
      const valid = m >= 1 && m <= 12 && d >= 1 && d <= monthDays(year, m) && hh <= 23 && mm <= 59 && ss <= 59;
      const expected = valid ? Date.UTC(year, m - 1, d, hh, mm, ss) : NaN;
      const format = formats[dayFirst ? 'dmy' : 'mdy'];
      if (format.status !== 'ok') throw new Error('no format');
      const got = bytes(text, dayFirst);
      if (!Object.is(got, expected) || !Object.is(format.format.parse(text, utc), expected)) wrong.push(`${text} ${dayFirst ? 'dmy' : 'mdy'}: ${got} ${expected}`);
    }
    expect(wrong).toEqual([]);
  });

  it.each([
    ['13/01/2025', true, Date.UTC(2025, 0, 13)],
    ['1/13/25 9:05', false, Date.UTC(2025, 0, 13, 9, 5)],
    ['29.02.2024 23:59:59', true, Date.UTC(2024, 1, 29, 23, 59, 59)],
    ['29.02.2023', true, NaN],
    ['31-12-69', true, Date.UTC(2069, 11, 31)],
    ['31-12-70', true, Date.UTC(1970, 11, 31)],
  ])('%s (day first: %s)', (text, dayFirst, expected) => {
    expect(bytes(text, dayFirst)).toBe(expected);
  });

  it.each([
    // A 12-hour clock, a fraction (dropped), two spaces, a comma: read from the bytes as well.
    ['1/13/25 9:05 PM', Date.UTC(2025, 0, 13, 21, 5)],
    ['1/13/25 12:05 am', Date.UTC(2025, 0, 13, 0, 5)],
    ['1/13/25 12:05:09 p. m.', Date.UTC(2025, 0, 13, 12, 5, 9)],
    ['01/13/2025 09:05:07.250', Date.UTC(2025, 0, 13, 9, 5, 7)],
    ['01/13/2025  09:05', Date.UTC(2025, 0, 13, 9, 5)],
    ['01/13/2025, 09:05', Date.UTC(2025, 0, 13, 9, 5)],
    ['01/13/2025 13:05 PM', NaN],
    ['01/13/2025 0:05 AM', NaN],
  ])('%s, from the bytes as the text parser reads it', (text, expected) => {
    const format = detectDateFormat(['01/13/2025'], 'mdy');
    if (format.status !== 'ok') throw new Error('no format');
    expect(bytes(text, false)).toBe(expected);
    expect(format.format.parse(text, utc)).toBe(expected);
  });

  it('reads 12-hour clocks, fractions and runs of spaces or commas as Date.UTC of the fields says, on 3,000 random values', () => {
    // The hour of `h AM/PM` worked out here: 12 AM is 0, 12 PM is 12, 1–11 PM add 12; 0 and
    // 13 or more with AM/PM are not times.
    const wrong: string[] = [];
    let valid = 0;
    for (let k = 0; k < 3000; k++) {
      const y = int(1990, 2040), m = int(1, 12), d = int(1, monthDays(y, m)), h12 = int(0, 13), mi = int(0, 59), s = int(0, 59);
      const pm = rand() < 0.5;
      const word = [pm ? 'PM' : 'AM', pm ? 'pm' : 'am', pm ? 'p.m.' : 'a.m.', pm ? 'p. m.' : 'a. m.', pm ? 'P.M' : 'A.M'][int(0, 4)];
      const seconds = rand() < 0.6;
      const fraction = seconds && rand() < 0.3 ? `${rand() < 0.5 ? '.' : ','}${'123456789'.slice(0, int(1, 9))}` : '';
      const lead = [' ', '  ', ', ', 'T', ','][int(0, 4)];
      const text = `${m}/${d}/${y}${lead}${h12}:${pad(mi, 2)}${seconds ? `:${pad(s, 2)}${fraction}` : ''}${' '.repeat(int(0, 2))}${word}`;
      const hour = h12 < 1 || h12 > 12 ? NaN : (h12 % 12) + (pm ? 12 : 0);
      const expected = Number.isNaN(hour) ? NaN : Date.UTC(y, m - 1, d, hour, mi, seconds ? s : 0);
      if (!Number.isNaN(expected)) valid++;
      const format = formats.mdy;
      if (format.status !== 'ok') throw new Error('no format');
      const got = bytes(text, false);
      if (!Object.is(got, expected) || !Object.is(format.format.parse(text, utc), expected)) wrong.push(`${text}: ${got} ${expected}`);
    }
    expect(wrong).toEqual([]);
    expect(valid).toBeGreaterThan(2000);
  });

  it.each([
    // Shapes left to the text parser: mixed separators, a three-digit year, a no-break space before PM.
    ['01/13-2025', NaN],
    ['01/13/202', NaN],
    ['01/13/2025 09:05\u00a0PM', Date.UTC(2025, 0, 13, 21, 5)],
  ])('%s is left to the text parser, which reads it', (text, expected) => {
    const format = detectDateFormat(['01/13/2025'], 'mdy');
    if (format.status !== 'ok') throw new Error('no format');
    expect(bytes(text, false)).toBeNaN();
    expect(format.format.parse(text, utc)).toBe(expected);
  });

  it('reads wall-clock times in the zone given, as the text parser does', () => {
    const athens = getZone('Europe/Athens');
    const format = detectDateFormat(['13/01/2025'], 'dmy');
    if (format.status !== 'ok') throw new Error('no format');
    for (const text of ['29/03/2026 02:30', '29/03/2026 03:30', '25/10/2026 03:30', '01/07/2026 12:00']) {
      expect(bytes(text, true, athens)).toBe(format.format.parse(text, athens));
    }
    expect(bytes('01/07/2026 12:00', true, athens)).toBe(Date.UTC(2026, 6, 1, 9));
  });
});
