import { describe, expect, it } from 'vitest';
import { fixture, runCli } from '../helpers/run-cli.js';

describe('teamkpi report on the demo data', () => {
  it('exits 0 and prints the overall row', () => {
    const r = runCli(['report', fixture('demo', 'tickets.csv'), fixture('demo', 'surveys.csv'), '--by', 'team']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(all)');
    expect(r.stdout).toContain('Billing');
  });
});
