import { STATUS_WORD, describeFinding, summaryLine, type CheckOutput } from './describe-finding.js';

/** `--format text`: one line per threshold × group, breaches first, then the summary line. */
export function formatCheckText(o: CheckOutput): string {
  const lines = o.findings.map((f) => `${STATUS_WORD[f.status]}  ${describeFinding(f)}`);
  lines.push(summaryLine(o.summary));
  return lines.join('\n') + '\n';
}
