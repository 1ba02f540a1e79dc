import { readFileSync, readdirSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../helpers/run-cli.js';
import { expectAccounted, reportJson } from '../../helpers/cli-json.js';

const schema = JSON.parse(readFileSync(new URL('../../../schema/report.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv2020.default({ allErrors: true, strict: false }).compile(schema);
const cwd = fixture('broken');
const files = readdirSync(cwd).filter((f) => f.endsWith('.csv')).sort();

describe('reports on broken input still follow the JSON schema', () => {
  it.each(files)('%s: a valid report (every row accounted for) or a clean exit 2', (file) => {
    const r = reportJson([file, '--by', 'agent', '--period', 'week'], { cwd });
    expect([0, 2]).toContain(r.code);
    if (r.code === 2) {
      expect(r.stderr).toMatch(/^teamkpi: error: .+\nteamkpi: hint: /);
      return;
    }
    const ok = validate(r.report);
    expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 3))).toEqual([]);
    expect(ok).toBe(true);
    expectAccounted(r.report!);
  });
});
