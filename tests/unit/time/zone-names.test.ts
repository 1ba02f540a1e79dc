import { describe, expect, it } from 'vitest';
import { getZone, isValidZone } from '../../../src/time/zone.js';

describe('time-zone names', () => {
  it('knows UTC without the platform data, and IANA names through it', () => {
    expect(isValidZone('UTC')).toBe(true);
    expect(isValidZone('Etc/UTC')).toBe(true);
    expect(isValidZone('Europe/Athens')).toBe(true);
    expect(isValidZone('America/New_York')).toBe(true);
    expect(isValidZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidZone('')).toBe(false);
    // UTC has no offset at any instant; Athens is UTC+3 in summer.
    expect(getZone('UTC').offsetMinutes(Date.UTC(2026, 6, 1))).toBe(0);
    expect(getZone('Europe/Athens').offsetMinutes(Date.UTC(2026, 6, 1))).toBe(180);
  });
});
