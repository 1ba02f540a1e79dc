import Table from 'cli-table3';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { layoutTable } from '../../../src/report/format-table.js';

const chalk = new Chalk({ level: 1 });
const PLAIN = { top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '', left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '  ' };
const NAMES = ['Ana', 'José Álvarez', '(none)', '李小龍', 'Zoë 😀', 'Bo'];

function rows(n: number): string[][] {
  return Array.from({ length: n }, (_, i) => [
    `2026-W${String(1 + (i % 52)).padStart(2, '0')}`,
    NAMES[i % NAMES.length],
    String(i * 7),
    i % 5 === 0 ? chalk.dim(`${(i % 100).toFixed(1)}°`) : '—',
    // An unclosed colour (none of the report's cells has one), which cli-table3 closes.
    i % 17 === 3 ? '\x1b[1munclosed \x1b[32mgreen' : i % 4 === 0 ? `${i % 9} ${chalk.green(`+${i % 7}*`)}` : i % 4 === 1 ? chalk.bold(`Agent X ${i}`) : i % 4 === 2 ? `${chalk.red('−2')} ${chalk.dim('(n 3)')}` : 'x'.repeat(i % 13),
  ]);
}

/** What cli-table3 gives for the whole table at once (quadratic, so only for a few hundred rows). */
function whole(head: string[], body: string[][], options: { style: object; chars: Record<string, string> }): string {
  const table = new Table({ head, ...options });
  table.push(...body);
  return table.toString();
}

describe('layoutTable: long tables give the same text as one cli-table3 table', () => {
  const head = ['Period', 'Agent', 'Tickets', 'CSAT %', 'Note'];
  it.each([
    ['piped (no borders)', { style: { head: [], border: [] }, chars: PLAIN }],
    ['terminal (borders)', { style: { head: [], border: [] }, chars: {} }],
    ['terminal with colour', { style: { head: [], border: ['grey'] }, chars: {} }],
    ['piped with colour', { style: { head: [], border: ['grey'] }, chars: PLAIN }],
  ])('%s', (_, options) => {
    for (const n of [0, 1, 49, 50, 51, 120, 450]) {
      expect(layoutTable(head, rows(n), options), `${n} rows`).toBe(whole(head, rows(n), options));
    }
  });

  it('gives cli-table3\'s text for a cell of several lines too', () => {
    const options = { style: { head: [], border: ['grey'] }, chars: {} };
    const body = rows(120).map((row, i) => (i === 70 ? [row[0], 'two\nlines', ...row.slice(2)] : row));
    expect(layoutTable(head, body, options)).toBe(whole(head, body, options));
  });

  it('lays out 20,000 rows (a daily report over a year by agent)', () => {
    const text = layoutTable(head, rows(20_000), { style: { head: [], border: [] }, chars: PLAIN });
    expect(text.split('\n')).toHaveLength(20_001);
  });
});
