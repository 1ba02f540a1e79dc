import Table from 'cli-table3';
import { Chalk } from 'chalk';
import type { Leaderboard, LeaderboardEntry } from '../model/leaderboard.js';
import { markdownText } from './format-markdown.js';
import { PLAIN_TABLE_CHARS, displayValue, exactNumber, kpiHeading, terminalText, type FormatOptions } from './format-value.js';

export type LeaderboardFormat = 'table' | 'json' | 'markdown';

const TIE_MARK = '≈';

const REASONS: Record<string, (b: Leaderboard) => string> = {
  'low-sample': (b) => `n below the minimum sample (${b.minSample})`,
  'no-interval': () => 'too few values for a 95% interval',
  'no-data': () => 'no data',
  unassigned: (b) => `no ${b.by} on these rows`,
};

function headline(b: Leaderboard): string {
  const w = b.window;
  const window = w.from === null && w.to === null ? 'all dates' : `${w.from ?? '…'} to ${w.to ?? '…'}`;
  return `${b.kpi.label} (${b.kpi.direction} is better) by ${b.by} · window ${window} (${b.timezone})`;
}

function interval(e: LeaderboardEntry, unit: string, tty: boolean): string {
  if (unit === 'count') return '';
  return e.ci95 === null ? '—' : `${displayValue(e.ci95[0], unit, tty)}–${displayValue(e.ci95[1], unit, tty)}`;
}

function notes(b: Leaderboard, tty: boolean): string[] {
  const out: string[] = [];
  if (b.ranked.some((e) => e.tiedWithLeader)) {
    out.push(b.kpi.unit === 'count'
      ? `${TIE_MARK} tied with the leader: the same value`
      : `${TIE_MARK} statistically tied with the leader: the 95% intervals overlap, so the data cannot tell them apart`);
  }
  out.push(`overall: ${displayValue(b.overall.value, b.kpi.unit, tty)} (n ${b.overall.n}) · ${b.kpi.label}: ${b.kpi.method}`);
  return out;
}

/** Leaderboard as a terminal table, ranked groups first, then the groups listed apart. */
export function formatLeaderboardTable(b: Leaderboard, options: FormatOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const make = (head: string[]) => new Table({
    head: head.map((h) => (options.color ? chalk.bold(h) : h)),
    style: options.color ? { head: [], border: ['grey'] } : { head: [], border: [] },
    chars: options.tty ? {} : PLAIN_TABLE_CHARS,
  });
  const unit = b.kpi.unit;
  const by = b.by.charAt(0).toUpperCase() + b.by.slice(1);
  const withCi = unit !== 'count';
  const lines = [`teamkpi leaderboard · ${headline(b)}`];
  if (b.ranked.length === 0) lines.push('no group has enough data to be ranked');
  else {
    const t = make(['Rank', by, kpiHeading(b.kpi, options.tty), ...(withCi ? ['95% interval'] : []), 'n']);
    for (const e of b.ranked) {
      const rank = `${e.rank}${e.tiedWithLeader ? TIE_MARK : ''}`;
      const cells = [rank, terminalText(e.group), displayValue(e.value, unit, options.tty), ...(withCi ? [interval(e, unit, options.tty)] : []), String(e.n)];
      t.push(e.leader ? cells.map((c) => (options.color ? chalk.bold(c) : c)) : cells);
    }
    lines.push(t.toString());
  }
  if (b.unranked.length > 0) {
    lines.push('', 'Not ranked:');
    const t = make([by, kpiHeading(b.kpi, options.tty), ...(withCi ? ['95% interval'] : []), 'n', 'why']);
    for (const e of b.unranked) t.push([terminalText(e.group), displayValue(e.value, unit, options.tty), ...(withCi ? [interval(e, unit, options.tty)] : []), String(e.n), REASONS[e.reason!](b)].map((c) => chalk.dim(c)));
    lines.push(t.toString());
  }
  lines.push(...notes(b, options.tty).map((n) => chalk.dim(n)));
  return lines.join('\n') + '\n';
}

/** Leaderboard as GitHub-flavoured Markdown. */
export function formatLeaderboardMarkdown(b: Leaderboard): string {
  const unit = b.kpi.unit;
  const withCi = unit !== 'count';
  const by = b.by.charAt(0).toUpperCase() + b.by.slice(1);
  // Durations are written for people here (`1h 59m`), so the heading names no unit.
  const lines = [`## teamkpi leaderboard · ${markdownText(b.kpi.label)}`, '', markdownText(headline(b)), ''];
  if (b.ranked.length === 0) lines.push('No group has enough data to be ranked.', '');
  else {
    lines.push(`| Rank | ${markdownText(by)} | ${markdownText(kpiHeading(b.kpi, true))} |${withCi ? ' 95% interval |' : ''} n |`, `| ---: | --- | ---: |${withCi ? ' ---: |' : ''} ---: |`);
    for (const e of b.ranked) {
      const name = e.leader ? `**${markdownText(e.group)}**` : markdownText(e.group);
      lines.push(`| ${e.rank}${e.tiedWithLeader ? TIE_MARK : ''} | ${name} | ${displayValue(e.value, unit, true)} |${withCi ? ` ${interval(e, unit, true)} |` : ''} ${e.n} |`);
    }
    lines.push('');
  }
  if (b.unranked.length > 0) {
    lines.push('**Not ranked**', '', `| ${markdownText(by)} | ${markdownText(kpiHeading(b.kpi, true))} |${withCi ? ' 95% interval |' : ''} n | why |`, `| --- | ---: |${withCi ? ' ---: |' : ''} ---: | --- |`);
    for (const e of b.unranked) lines.push(`| ${markdownText(e.group)} | ${displayValue(e.value, unit, true)} |${withCi ? ` ${interval(e, unit, true)} |` : ''} ${e.n} | ${markdownText(REASONS[e.reason!](b))} |`);
    lines.push('');
  }
  for (const n of notes(b, true)) lines.push(`- ${markdownText(n)}`);
  return lines.join('\n') + '\n';
}

/** Leaderboard JSON, numbers to at most 9 decimals. */
export function formatLeaderboardJson(b: Leaderboard): string {
  return JSON.stringify(b, (_key, value: unknown) => (typeof value === 'number' ? exactNumber(value) : value), 2) + '\n';
}

export const LEADERBOARD_FORMATS = {
  table: formatLeaderboardTable,
  json: formatLeaderboardJson,
  markdown: formatLeaderboardMarkdown,
} satisfies Record<LeaderboardFormat, (b: Leaderboard, options: FormatOptions) => string>;
