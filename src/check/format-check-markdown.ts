import { markdownText } from '../report/format-markdown.js';
import { describeOutcome, describeRun, groupLabel, limitsText, showValue, summaryLine, type CheckOutput } from './describe-finding.js';
import type { FindingStatus } from './evaluate-thresholds.js';

const ICON: Record<FindingStatus, string> = { failed: '❌ fail', warned: '⚠️ warn', info: 'ℹ️ info', skipped: '⏭️ skip', passed: '✅ pass' };

/** `--format markdown`, also appended to `$GITHUB_STEP_SUMMARY` by `--format github`. */
export function formatCheckMarkdown(o: CheckOutput): string {
  const s = o.summary;
  const verdict = s.failed > 0 ? '❌ failed' : s.warned > 0 ? '⚠️ passed with warnings' : '✅ passed';
  const lines = [
    `## teamkpi check: ${verdict}`,
    '',
    markdownText(describeRun(o)),
    '',
    '| Result | KPI | Group | Value | n | Limits | Detail |',
    '| --- | --- | --- | ---: | ---: | --- | --- |',
  ];
  for (const f of o.findings) {
    const value = showValue(f);
    lines.push(`| ${ICON[f.status]} | \`${f.kpi}\` | ${markdownText(groupLabel(f))} | ${value} | ${f.n} | ${markdownText(limitsText(f))} | ${markdownText(describeOutcome(f))} |`);
  }
  lines.push('', `**${summaryLine(s)}**`, '');
  return lines.join('\n');
}
