import { STATUS_WORD, describeFinding, describeOutcome, findingName, summaryLine, type CheckOutput } from './describe-finding.js';

/** Workflow-command data: `%`, CR and LF are percent-encoded (as @actions/core `escapeData`). */
export function githubData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/**
 * A plain (non-command) line's text: only CR and LF are encoded, so a group name cannot start a
 * line of its own (where a runner would take `::error::…` as a command); the runner does not
 * decode plain lines, so `%` stays as it is (`50% Team`, not `50%25 Team`).
 */
export function githubPlain(text: string): string {
  return text.replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Workflow-command property values additionally encode `:` and `,` (as @actions/core `escapeProperty`). */
export function githubProperty(text: string): string {
  return githubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const COMMAND = { failed: 'error', warned: 'warning', info: 'notice' } as const;

/**
 * `--format github`: an `::error`/`::warning`/`::notice` annotation per breach (and per warning
 * from a low sample or missing data), plain lines for the rest, then the summary line. The CLI
 * also appends the Markdown summary to `$GITHUB_STEP_SUMMARY` when it is set.
 */
export function formatCheckGithub(o: CheckOutput): string {
  const lines: string[] = [];
  for (const f of o.findings) {
    if (f.status === 'failed' || f.status === 'warned' || f.status === 'info') {
      lines.push(`::${COMMAND[f.status]} title=${githubProperty(`teamkpi: ${findingName(f)}`)}::${githubData(describeOutcome(f))}`);
    } else {
      lines.push(`${STATUS_WORD[f.status]}  ${githubPlain(describeFinding(f))}`);
    }
  }
  lines.push(summaryLine(o.summary));
  return lines.join('\n') + '\n';
}
