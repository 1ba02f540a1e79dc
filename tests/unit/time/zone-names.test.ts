import { describe, expect, it, vi } from 'vitest';
import { getZone, isValidZone } from '../../../src/time/zone.js';

describe('time-zone names', () => {
  it('knows UTC without the platform data, and IANA names through it', () => {
    // UTC is answered without building a formatter (that started the zone data: ~20 ms a run).
    const formatter = vi.spyOn(Intl, 'DateTimeFormat');
    expect(isValidZone('UTC')).toBe(true);
    expect(isValidZone('Etc/UTC')).toBe(true);
    expect(formatter).not.toHaveBeenCalled();
    formatter.mockRestore();
    expect(isValidZone('Europe/Athens')).toBe(true);
    expect(isValidZone('America/New_York')).toBe(true);
    expect(isValidZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidZone('')).toBe(false);
    // UTC has no offset at any instant; Athens is UTC+3 in summer.
    expect(getZone('UTC').offsetMinutes(Date.UTC(2026, 6, 1))).toBe(0);
    expect(getZone('Europe/Athens').offsetMinutes(Date.UTC(2026, 6, 1))).toBe(180);
  });
});
