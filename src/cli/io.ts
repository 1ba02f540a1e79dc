import { once } from 'node:events';
import { createRequire } from 'node:module';
import { lstat, open, realpath, rename, unlink, writeFile, stat } from 'node:fs/promises';
import { dirname, basename, join, resolve } from 'node:path';
import { OutputError } from '../errors.js';

const requireHere = createRequire(import.meta.url);

/** The outside world as the CLI sees it; tests and `--now` replace parts of it. */
export interface Io {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
  now(): Date;
}

export function processIo(): Io {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, now: () => new Date() };
}

/**
 * Whether to colour output: `--color/--no-color` first, then `NO_COLOR` (any non-empty value),
 * then `FORCE_COLOR`, then whether the stream is a terminal. chalk ignores NO_COLOR, so the
 * decision is made here and passed down as a flag.
 */
export function decideColor(flag: boolean | undefined, env: NodeJS.ProcessEnv, isTty: boolean): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return isTty;
}

/**
 * Write a file atomically: a temp file beside the target, then rename. Refuses to overwrite an
 * input file or a directory; leaves nothing behind on failure. A symlink to a file keeps the link
 * (the file it points to is replaced); a FIFO, a device or a socket (`--out >(gzip > r.gz)`,
 * `/dev/stdout`) is written to as it is, never replaced by a file.
 */
export async function writeOutputFile(path: string, content: string | Iterable<string>, inputs: string[]): Promise<void> {
  let target = resolve(path);
  const existing = await stat(target).catch(() => null);
  if (existing?.isDirectory()) throw new OutputError(`--out ${path}: is a directory`, { location: path, hint: 'give a file name, e.g. --out report.json' });
  // The same file under another name (a symlink, a hard link, `./x` vs `x`) is the same file:
  // compare device and inode, not just the spelling of the path.
  const inputStats = await Promise.all(inputs.filter((input) => input !== '-').map((input) => stat(input).then((s) => ({ input, s })).catch(() => ({ input, s: null }))));
  if (inputStats.some(({ input, s }) => resolve(input) === target || (existing !== null && s !== null && s.dev === existing.dev && s.ino === existing.ino))) {
    throw new OutputError(`--out ${path}: refusing to overwrite an input file`, { location: path, hint: 'write the report to a new file' });
  }
  if (existing !== null && !existing.isFile()) {
    try {
      await writeAll(target, 'w', content);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      throw new OutputError(`--out ${path}: cannot write (${code})`, { location: path, hint: 'check the reader of that pipe or device is there and the device has space', cause: error });
    }
  }
  if (existing !== null && (await lstat(target)).isSymbolicLink()) target = await realpath(target);
  // node:crypto loads only here, for --out to a file: ~3–4 ms of every run's start otherwise
  // (bench/README.md, item 32). By require: the bundled command runs where import() cannot.
  const { randomBytes } = requireHere('node:crypto') as typeof import('node:crypto');
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeAll(temp, 'wx', content);
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new OutputError(`--out ${path}: cannot write (${code})`, { location: path, hint: 'check the directory exists and is writable, and that the disk has space', cause: error });
  }
}

/** Write `content` (one string, or pieces) to the file at `path`, opened with `flag`. */
async function writeAll(path: string, flag: string, content: string | Iterable<string>): Promise<void> {
  if (typeof content === 'string') {
    await writeFile(path, content, { flag });
    return;
  }
  const file = await open(path, flag);
  try {
    for (const piece of content) await file.write(piece);
  } finally {
    await file.close();
  }
}

/** Write text given in pieces to a stream, each once the stream has room (a large report is never one string). */
export async function writePieces(stream: NodeJS.WritableStream, pieces: Iterable<string>): Promise<void> {
  for (const piece of pieces) if (!stream.write(piece)) await once(stream, 'drain');
}

/** The exit code to end with when standard output's reader goes away early (`check | head`): the command's verdict once it is known, else 0. */
let closedOutputCode = 0;

/** Set the exit code a command stands by even if its output is not read to the end (main.ts, the stdout handler). */
export function exitCodeIfOutputCloses(code: number): void {
  closedOutputCode = code;
}

export function closedOutputExitCode(): number {
  return closedOutputCode;
}
