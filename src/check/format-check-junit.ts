import { describeFinding, describeOutcome, describeRun, findingName, limitsText, showNumber, showValue, type CheckOutput } from './describe-finding.js';
import type { Finding } from './evaluate-thresholds.js';

/**
 * Text for XML 1.0 attributes (default) and content: the five markup characters escaped, and characters
 * XML 1.0 cannot carry at all (C0 controls other than tab/LF/CR, lone surrogates, U+FFFE/FFFF)
 * replaced by U+FFFD, since group names come straight from CSV cells.
 */
export function xmlText(text: string, attribute = true): string {
  const escaped = text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
  // Parsers normalise raw newlines and tabs in attribute values to spaces; character references keep them.
  return attribute ? escaped.replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;') : escaped.replace(/\r/g, '&#13;');
}

function attrs(pairs: Record<string, string | number>): string {
  return Object.entries(pairs).map(([k, v]) => ` ${k}="${xmlText(String(v))}"`).join('');
}

function detail(f: Finding): string {
  const lines = [
    `kpi: ${f.kpi} (${f.label})`,
    `scope: ${f.scope}`,
    `group: ${f.group ?? '(overall)'}`,
    `actual: ${f.value === null ? 'no data' : showValue(f)}`,
    `limit: ${limitsText(f)}`,
    `n: ${f.n} (minimum sample ${f.minSample})`,
  ];
  if (f.baseline !== null) lines.push(`baseline: ${f.baseline.value === null ? 'no data' : showNumber(f.baseline.value)} (n=${f.baseline.n})`);
  lines.push(`level: ${f.level}`, `threshold: thresholds[${f.threshold}]`);
  if (f.description !== null) lines.push(`description: ${f.description}`);
  return lines.join('\n');
}

/**
 * `--format junit`: one testcase per threshold × group. Error-level failures are `<failure>`
 * (message: actual vs limit and n); skipped ones `<skipped>`; warnings and info pass, with the
 * message in `<system-out>` — JUnit has no warning state, and a failing test for a warning
 * would contradict exit code 0.
 */
export function formatCheckJunit(o: CheckOutput): string {
  const s = o.summary;
  const total = o.findings.length;
  const counts = { tests: total, failures: s.failed, errors: 0, skipped: s.skipped };
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: 'teamkpi check', ...counts, time: 0 })}>`,
    `  <testsuite${attrs({ name: 'teamkpi check', ...counts, time: 0, timestamp: o.generatedAt.replace(/Z$/, '') })}>`,
    '    <properties>',
    `      <property${attrs({ name: 'run', value: describeRun(o) })}/>`,
    '    </properties>',
  ];
  for (const f of o.findings) {
    const head = `    <testcase${attrs({ classname: `teamkpi.${f.scope}.${f.kpi}`, name: `${findingName(f)} (${limitsText(f)})`, time: 0 })}`;
    switch (f.status) {
      case 'failed':
        out.push(`${head}>`, `      <failure${attrs({ message: describeOutcome(f), type: f.code })}>${xmlText(detail(f), false)}</failure>`, '    </testcase>');
        break;
      case 'skipped':
        out.push(`${head}>`, `      <skipped${attrs({ message: describeOutcome(f) })}/>`, '    </testcase>');
        break;
      case 'warned':
      case 'info':
        out.push(`${head}>`, `      <system-out>${xmlText(`${f.status === 'warned' ? 'WARNING' : 'INFO'}: ${describeFinding(f)}\n${detail(f)}`, false)}</system-out>`, '    </testcase>');
        break;
      default:
        out.push(`${head}/>`);
    }
  }
  out.push('  </testsuite>', '</testsuites>', '');
  return out.join('\n');
}
