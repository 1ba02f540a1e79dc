import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { PROGRESS_DELAY_MS, createProgress, progressEnabled } from '../../../src/cli/progress.js';

/** A stream that looks like a terminal and keeps what is written to it. */
function fakeTerminal(isTTY: boolean): NodeJS.WriteStream & { text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  }) as unknown as NodeJS.WriteStream & { text: () => string };
  Object.assign(stream, { isTTY, columns: 120, rows: 40, cursorTo: () => true, clearLine: () => true, moveCursor: () => true, text: () => chunks.join('') });
  return stream;
}

describe('progressEnabled', () => {
  it.each([
    { tty: true, quiet: undefined, term: 'xterm', expected: true },
    { tty: false, quiet: undefined, term: 'xterm', expected: false },
    { tty: true, quiet: true, term: 'xterm', expected: false },
    { tty: true, quiet: undefined, term: 'dumb', expected: false },
  ])('stderr TTY $tty, --quiet $quiet, TERM=$term → $expected', ({ tty, quiet, term, expected }) => {
    expect(progressEnabled(fakeTerminal(tty), quiet, { TERM: term })).toBe(expected);
  });
});

describe('createProgress', () => {
  const step = (file: string, rowsRead: number, bytesRead: number, totalBytes: number | null) => ({ file, rowsRead, bytesRead, totalBytes });

  it('draws nothing when disabled', () => {
    const stream = fakeTerminal(true);
    const p = createProgress({ stream, enabled: false, now: () => 5_000 });
    p.onProgress(step('t.csv', 1000, 10, 100));
    p.stop();
    expect(stream.text()).toBe('');
  });

  it('draws nothing for a run shorter than the delay', () => {
    const stream = fakeTerminal(true);
    let clock = 0;
    const p = createProgress({ stream, enabled: true, now: () => clock });
    clock = PROGRESS_DELAY_MS - 1;
    p.onProgress(step('t.csv', 1000, 10, 100));
    p.stop();
    expect(stream.text()).toBe('');
  });

  it('shows the file, bytes read of the size and rows per second after the delay, then clears', () => {
    const stream = fakeTerminal(true);
    let clock = 0;
    const p = createProgress({ stream, enabled: true, now: () => clock });
    p.onProgress(step('tickets.csv', 0, 0, 4 * 1_048_576));
    clock = 2000;
    // 1 MiB of 4 MiB after 2 s with 30,000 rows: 25%, 15,000 rows/s.
    p.onProgress(step('tickets.csv', 30_000, 1_048_576, 4 * 1_048_576));
    p.stop();
    const text = stream.text();
    expect(text).toContain('reading tickets.csv');
    expect(text).toContain('25%');
    expect(text).toContain('1.0 MB of 4.0 MB');
    expect(text).toContain('15,000 rows/s');
  });

  it('skips stdin, whose size is unknown', () => {
    const stream = fakeTerminal(true);
    let clock = 0;
    const p = createProgress({ stream, enabled: true, now: () => clock });
    clock = 5000;
    p.onProgress(step('-', 30_000, 1_000_000, null));
    p.stop();
    expect(stream.text()).toBe('');
  });
});
