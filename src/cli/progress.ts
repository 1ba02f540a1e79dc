import { createRequire } from 'node:module';
import type cliProgressModule from 'cli-progress';
import type { ReadProgress } from '../ingest/read-inputs.js';

/** Runs shorter than this never show a bar (no flicker for the usual few-second report). */
export const PROGRESS_DELAY_MS = 1000;

export interface ProgressOptions {
  /** Where the bar goes: stderr, so stdout stays the report. */
  stream: NodeJS.WriteStream;
  /** Show a bar at all: stderr is a terminal, not `--quiet`, not a dumb terminal. */
  enabled: boolean;
  /** The clock (injected so tests need no waiting). */
  now(): number;
}

export interface Progress {
  onProgress(progress: ReadProgress): void;
  /** Remove the bar (if shown); call before writing anything else to the terminal. */
  stop(): void;
}

/** Whether a progress bar may be drawn: only on a terminal, never with `--quiet` or `TERM=dumb`. */
export function progressEnabled(stderr: NodeJS.WriteStream, quiet: boolean | undefined, env: NodeJS.ProcessEnv): boolean {
  return stderr.isTTY === true && quiet !== true && env.TERM !== 'dumb';
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}

/**
 * A progress bar on stderr while input files are read: file name, bytes read of the file's size,
 * rows per second. Uses cli-progress (widely used, no native parts) for drawing, throttling and
 * clearing the line; it appears only after `PROGRESS_DELAY_MS`, is cleared when reading ends,
 * and is skipped for stdin, whose size is unknown.
 */
export function createProgress(options: ProgressOptions): Progress {
  if (!options.enabled) return { onProgress: () => undefined, stop: () => undefined };
  const started = options.now();
  let bar: cliProgressModule.SingleBar | null = null;
  let file = '';
  let fileStart = started;
  return {
    onProgress(p) {
      if (p.totalBytes === null || p.totalBytes === 0) return;
      const now = options.now();
      if (p.file !== file) {
        file = p.file;
        fileStart = now;
      }
      const seconds = Math.max((now - fileStart) / 1000, 0.001);
      const payload = {
        file: p.file.length > 30 ? `…${p.file.slice(-29)}` : p.file,
        read: megabytes(p.bytesRead),
        size: megabytes(p.totalBytes),
        rate: Math.round(p.rowsRead / seconds).toLocaleString('en-US'),
      };
      if (bar === null) {
        if (now - started < PROGRESS_DELAY_MS) return;
        // Loaded only when a bar is shown (a terminal and a long run), not on every start.
        const cliProgress = createRequire(import.meta.url)('cli-progress') as typeof cliProgressModule;
        bar = new cliProgress.SingleBar({
          stream: options.stream,
          format: 'reading {file} [{bar}] {percentage}% · {read} of {size} · {rate} rows/s',
          barsize: 24,
          clearOnComplete: true,
          hideCursor: true,
          fps: 8,
          etaBuffer: 1,
        }, cliProgress.Presets.shades_classic);
        bar.start(p.totalBytes, Math.min(p.bytesRead, p.totalBytes), payload);
        return;
      }
      bar.setTotal(p.totalBytes);
      bar.update(Math.min(p.bytesRead, p.totalBytes), payload);
    },
    stop() {
      if (bar === null) return;
      bar.update(bar.getTotal());
      bar.stop();
      bar = null;
    },
  };
}
