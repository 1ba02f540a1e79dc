import { readFile } from 'node:fs/promises';
import { ConfigError } from '../errors.js';
import { validateConfig, type Config } from './validate-config.js';

export const CONFIG_FILE = 'teamkpi.config.json';

/**
 * Find and read the config: `--config PATH` (must exist), else `./teamkpi.config.json` when
 * present, else an empty config. Problems are ConfigErrors naming the file and the dotted path.
 */
export async function readConfig(explicit: string | undefined, cwd: string): Promise<{ config: Config; path: string | null }> {
  const path = explicit ?? `${cwd}/${CONFIG_FILE}`;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (explicit === undefined && (error as NodeJS.ErrnoException).code === 'ENOENT') return { config: {}, path: null };
    throw new ConfigError(`${path}: cannot read the config file (${(error as NodeJS.ErrnoException).code ?? 'error'})`, {
      location: path,
      hint: 'check the path given to --config; teamkpi init writes a starter file',
    });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ConfigError(`${path}:${jsonErrorLocation(text, error as Error)}: invalid JSON (${(error as Error).message})`, {
      location: path,
      hint: 'the config file is JSON: check for a trailing comma or a missing quote',
    });
  }
  return { config: validateConfig(raw, path), path };
}

/** `line:column` of a JSON.parse error, from its "position N" message. */
function jsonErrorLocation(text: string, error: Error): string {
  const m = /position (\d+)/.exec(error.message);
  if (m === null) {
    const lc = /line (\d+) column (\d+)/.exec(error.message);
    return lc === null ? '1:1' : `${lc[1]}:${lc[2]}`;
  }
  const before = text.slice(0, Number(m[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${line}:${column}`;
}
