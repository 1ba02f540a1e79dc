import { describe, expect, it } from 'vitest';
import { strayQuoteLines } from '../../../src/ingest/read-csv.js';

// The raw text of one record as csv-parse (relax_quotes) read it; the answer is the line breaks
// inside the quoted field that a quote followed by text closed, counted by hand.
describe('strayQuoteLines', () => {
  it('counts the breaks a stray quote swallowed (LF, CRLF once, a lone CR)', () => {
    expect(strayQuoteLines('1,"Bo,x\n2,Cy,y\n3,"Di" Lee,z\n', ',')).toBe(2);
    expect(strayQuoteLines('1,"Bo,x\r\n2,Cy,"Di" Lee,z\r\n', ',')).toBe(1);
    expect(strayQuoteLines('1,"Bo,x\r2,"Di" Lee\n', ',')).toBe(1);
    expect(strayQuoteLines('1;"Bo;x\n2;"Di" Lee;z', ';')).toBe(1);
  });

  it('is 0 for well-formed quoting, a quote closed early within one line, or quotes inside unquoted text', () => {
    // a legitimate multi-line cell, doubled quotes, an empty quoted cell
    expect(strayQuoteLines('1,"line one\nline ""two""",""\n', ',')).toBe(0);
    // "5" inch: closed early on its own line (kept as text), after a legitimate multi-line cell
    expect(strayQuoteLines('1,"a\nb","5" inch,z\n', ',')).toBe(0);
    expect(strayQuoteLines('1,Bo 5",Ana "Red" Silva\n', ',')).toBe(0);
    // after an early close the rest of the field is plain text: a later quote opens nothing
    expect(strayQuoteLines('1,"5" in "x\ny",z\n', ',')).toBe(0);
    expect(strayQuoteLines('\uFEFF"id","name"\n', ',')).toBe(0);
  });
});
