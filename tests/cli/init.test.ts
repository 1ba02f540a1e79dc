import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, runCli } from '../helpers/run-cli.js';

describe('teamkpi init', () => {
  it('writes a starter config with the roster seen in the tickets, which report then accepts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'teamkpi-init-'));
    const r = runCli(['init', fixture('demo', 'tickets.csv')], { cwd: dir });
    expect(r.code).toBe(0);
    const config = JSON.parse(readFileSync(join(dir, 'teamkpi.config.json'), 'utf8'));
    // The demo generator puts 3 agents in Billing, 3 in Technical, 2 in Returns & Exchanges.
    expect(config.roster.teams.Billing).toEqual(['Ana Silva', 'Bo Chen', "O'Brien, Siobhan"]);
    expect(config.roster.teams['Returns & Exchanges']).toEqual(['Kwame Mensah', 'Priya Raman']);
    expect(runCli(['report', fixture('demo', 'tickets.csv')], { cwd: dir }).code).toBe(0);

    const again = runCli(['init', fixture('demo', 'tickets.csv')], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
  });
});
