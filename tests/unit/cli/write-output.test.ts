import * as fsp from 'node:fs/promises';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { OutputError } from '../../../src/errors.js';

// A writer that fails like a full disk or a permission error would: it writes part of the
// content to the temp file first (ENOSPC), or nothing (EACCES), then throws.
const failure: { code: string | null } = { code: null };
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof fsp>();
  return {
    ...real,
    writeFile: async (path: string, content: string, options: object) => {
      if (failure.code === null) return real.writeFile(path, content, options);
      if (failure.code === 'ENOSPC') await real.writeFile(path, content.slice(0, 10), options);
      throw Object.assign(new Error(`${failure.code}: simulated`), { code: failure.code });
    },
  };
});

const { writeOutputFile } = await import('../../../src/cli/io.js');
const dir = mkdtempSync(join(tmpdir(), 'teamkpi-write-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(() => {
  failure.code = null;
});

describe('writeOutputFile', () => {
  it.each(['ENOSPC', 'EACCES', 'EIO'])('on %s throws an OutputError, keeps the old file and leaves no temp file', async (code) => {
    const target = join(dir, `report-${code}.csv`);
    writeFileSync(target, 'old report\n');
    failure.code = code;
    const error = await writeOutputFile(target, 'new report\n'.repeat(100), []).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutputError);
    expect((error as OutputError).message).toBe(`--out ${target}: cannot write (${code})`);
    expect((error as OutputError).hint).toMatch(/writable.*space/);
    expect(readFileSync(target, 'utf8')).toBe('old report\n');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('replaces the target in one step when the write succeeds', async () => {
    const target = join(dir, 'report-ok.csv');
    writeFileSync(target, 'old\n');
    await writeOutputFile(target, 'new\n', [join(dir, 'input.csv')]);
    expect(readFileSync(target, 'utf8')).toBe('new\n');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
