import { Chalk } from 'chalk';
import { STATUS_WORD, describeFinding, summaryLine, type CheckOutput } from './describe-finding.js';
import type { FindingStatus } from './evaluate-thresholds.js';
import { terminalText } from '../report/format-value.js';

/**
 * `--format text`: one line per threshold × group, breaches first, then the summary line.
 * Colour (on a terminal, or `--color`) marks the status word only; the text is the same.
 */
export function formatCheckText(o: CheckOutput, options: { color?: boolean } = {}): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const paint: Record<FindingStatus, (s: string) => string> = {
    failed: chalk.red.bold, warned: chalk.yellow, info: chalk.cyan, skipped: chalk.dim, passed: chalk.green,
  };
  // Group names come from the data: control characters are shown as escapes, so a name cannot
  // break the line (or write a CI workflow command, or recolour a terminal).
  const lines = o.findings.map((f) => `${paint[f.status](STATUS_WORD[f.status])}  ${terminalText(describeFinding(f))}`);
  lines.push(summaryLine(o.summary));
  return lines.join('\n') + '\n';
}
