import { describe, expect, it } from 'vitest';
import { evaluateSla, slaTarget } from '../../../src/time/sla.js';

describe('slaTarget', () => {
  const targets = { urgent: 60, high: 240, default: 600 };
  it.each([
    ['urgent', 60],
    ['high', 240],
    ['low', 600], // no own target → default
    [null, 600],
  ] as const)('%s → %s', (priority, expected) => {
    expect(slaTarget(targets, priority)).toBe(expected);
  });
  it('no default and no own target → null; no targets → null', () => {
    expect(slaTarget({ urgent: 60 }, 'low')).toBeNull();
    expect(slaTarget(undefined, 'urgent')).toBeNull();
  });
});

describe('evaluateSla (1 met, 0 breached, -1 excluded)', () => {
  it.each([
    ['done before the target', 60, true, 59, 500, 1],
    ['done exactly at the target is met', 60, true, 60, 500, 1],
    ['done after the target', 60, true, 60.5, 500, 0],
    ['done, time unknown', 60, true, NaN, 500, -1],
    ['not done, target passed at now', 60, false, NaN, 61, 0],
    ['not done, still inside the target', 60, false, NaN, 59, -1],
    ['not done, exactly at the target: not yet breached', 60, false, NaN, 60, -1],
    ['not done, elapsed unknown (no calendar)', 60, false, NaN, NaN, -1],
    ['no target', null, true, 10, 10, -1],
  ] as const)('%s', (_label, target, done, elapsedDone, elapsedNow, expected) => {
    expect(evaluateSla(target, done, elapsedDone, elapsedNow)).toBe(expected);
  });
});
