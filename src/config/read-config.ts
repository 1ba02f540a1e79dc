import { readFile } from 'node:fs/promises';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
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
    throw new ConfigError(`${path}:${jsonErrorLocation(text.replace(/^\uFEFF/, ''), error as Error)}`, {
      location: path,
      hint: 'the config file is JSON: check for a trailing comma or a missing quote',
    });
  }
  return { config: validateConfig(raw, path), path };
}

/**
 * `line:column: what` of the first syntax error. JSON.parse's message has no position on
 * Node 20 ("Unexpected token ']', … is not valid JSON"), so the text is scanned again with
 * jsonc-parser, comments and trailing commas disallowed, to point at the exact character.
 */
function jsonErrorLocation(text: string, error: Error): string {
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length === 0) return `1:1: invalid JSON: ${error.message}`;
  const offset = errors[0].offset;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  const what = printParseErrorCode(errors[0].error).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return `${line}:${column}: invalid JSON: ${what}${/^[\]}]/.test(text.slice(offset)) ? ' (a trailing comma before it?)' : ''}`;
}
