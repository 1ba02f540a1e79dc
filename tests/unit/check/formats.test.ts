import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { CheckOutput } from '../../../src/check/describe-finding.js';
import { showNumber } from '../../../src/check/describe-finding.js';
import type { Finding } from '../../../src/check/evaluate-thresholds.js';
import { formatCheckGithub, githubData, githubPlain, githubProperty } from '../../../src/check/format-check-github.js';
import { formatCheckJunit, xmlText } from '../../../src/check/format-check-junit.js';
import { formatCheckMarkdown } from '../../../src/check/format-check-markdown.js';

// A group name from a CSV cell, with everything that can break XML, Markdown or workflow commands.
const NASTY = 'Ops & <Night>, "A:B" 100%\r\nnext|line\u0001\'';

function output(group: string): CheckOutput {
  const finding: Finding = {
    code: 'THRESHOLD_BREACH', status: 'failed', level: 'error', threshold: 0, kpi: 'csat_pct', label: 'CSAT %', unit: 'pct',
    scope: 'team', group, value: 80, n: 25, minSample: 20, baseline: null, limits: { min: 85 },
    bounds: [{ kind: 'min', limit: 85, actual: 80, breached: true }], description: null,
  };
  return {
    findings: [finding, { ...finding, code: 'LOW_SAMPLE', status: 'skipped', n: 3, bounds: [] }],
    summary: { passed: 0, failed: 1, warned: 0, info: 0, skipped: 1 },
    generatedAt: '2026-11-23T07:00:00Z', timezone: 'UTC', window: { from: '2026-11-16', to: '2026-11-22' }, baseline: null,
  };
}

describe('GitHub workflow-command escaping (@actions/core rules)', () => {
  it.each([
    ['100%', '100%25', '100%25'],
    ['a\r\nb', 'a%0D%0Ab', 'a%0D%0Ab'],
    ['a:b,c', 'a:b,c', 'a%3Ab%2Cc'],
    ['%3A', '%253A', '%253A'],
  ])('%j → data %j, property %j', (raw, data, property) => {
    expect(githubData(raw)).toBe(data);
    expect(githubProperty(raw)).toBe(property);
  });

  it('plain lines keep "%" (the runner does not decode them) but never break a line', () => {
    expect(githubPlain('50% Team')).toBe('50% Team');
    expect(githubPlain('a\r\n::error::x')).toBe('a%0D%0A::error::x');
    // The skipped finding is a plain line: its group name as written.
    const text = formatCheckGithub(output('50% Team'));
    expect(text.split('\n')[1]).toContain('team=50% Team');
    expect(text.split('\n')[0]).toContain('team=50%25 Team');
  });

  it('a nasty group name stays on one line, and the title property has no raw ":" or ","', () => {
    const text = formatCheckGithub(output(NASTY));
    const first = text.split('\n')[0];
    expect(first.startsWith('::error title=')).toBe(true);
    const title = first.slice('::error title='.length, first.indexOf('::', 2));
    expect(title).not.toMatch(/[:,\r\n]/);
    // undoing the escapes (as the runner does) gives the name back
    const decoded = title.replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
    expect(decoded).toBe(`teamkpi: csat_pct team=${NASTY}`);
    expect(text.split('\n')).toHaveLength(4);
  });
});

describe('JUnit XML', () => {
  it('escapes every value: the nasty name parses back intact (control characters become U+FFFD)', () => {
    const xml = formatCheckJunit(output(NASTY));
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => n === 'testcase', processEntities: true, htmlEntities: true }).parse(xml);
    const cases = parsed.testsuites.testsuite.testcase;
    const expected = NASTY.replace('\u0001', '\uFFFD');
    expect(cases[0].name).toBe(`csat_pct team=${expected} (min 85)`);
    expect(cases[0].failure['#text']).toContain(`group: ${expected}\n`);
    expect(parsed.testsuites).toMatchObject({ tests: '2', failures: '1', skipped: '1' });
  });

  it.each([
    ['a&b', 'a&amp;b'], ['<x>', '&lt;x&gt;'], ['"\'', '&quot;&apos;'], ['\u0000\u0008\u000B', '\uFFFD\uFFFD\uFFFD'], ['\uD800', '\uFFFD'], ['😀', '😀'],
  ])('xmlText(%j) = %j', (raw, escaped) => {
    expect(xmlText(raw)).toBe(escaped);
  });
});

describe('Markdown', () => {
  it('a group name cannot break the table row', () => {
    const md = formatCheckMarkdown(output(NASTY));
    const row = md.split('\n').find((l) => l.startsWith('| ❌ fail'))!;
    // 7 cells → 8 unescaped pipes
    expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(9);
  });
});

describe('showNumber', () => {
  it.each([
    [80, undefined, '80'], [77.7777, undefined, '77.78'], [84.996, 85, '84.996'], [85, 85, '85'], [0.1 + 0.2, undefined, '0.3'],
    // Exactly at a limit with more decimals, or rounded across it: shown in full.
    [3.925301205, 3.925301205, '3.925301205'], [73.253012048, 73.253012048, '73.253012048'], [2.7249, 2.721013925, '2.7249'],
    [2.72, 2.721013925, '2.72'], [90.004, 90, '90.004'], [89.996, 90, '89.996'], [90.3, 90, '90.3'],
  ])('showNumber(%d, %s) = %s', (value, limit, text) => {
    expect(showNumber(value, limit)).toBe(text);
  });
});

describe('check text format', () => {
  it('shows control characters in group names as escapes: a name cannot start a line of its own', async () => {
    const { formatCheckText } = await import('../../../src/check/format-check-text.js');
    const text = formatCheckText(output('Evil\n::error title=pwned::injected\u001b[31m'));
    const lines = text.trimEnd().split('\n');
    // Two findings and the summary: nothing else starts a line.
    expect(lines).toHaveLength(3);
    expect(lines.some((l) => l.startsWith('::'))).toBe(false);
    expect(text).not.toContain('\u001b');
    expect(lines[0]).toContain('team=Evil\\x0a::error title=pwned::injected\\x1b[31m');
  });
});

describe('a value just past its limit', () => {
  // 240.004166667 min against max 240: two decimals would show 240, the limit it failed.
  const finding: Finding = {
    code: 'THRESHOLD_BREACH', status: 'failed', level: 'error', threshold: 0, kpi: 'frt_mean_minutes', label: 'FRT mean', unit: 'minutes',
    scope: 'overall', group: null, value: 240.004166667, n: 4, minSample: 1, baseline: null, limits: { max: 240 },
    bounds: [{ kind: 'max', limit: 240, actual: 240.004166667, breached: true }], description: null,
  };
  const out: CheckOutput = {
    findings: [finding, { ...finding, value: 84.996, limits: { min: 85, max: 100 }, bounds: [{ kind: 'min', limit: 85, actual: 84.996, breached: true }] }],
    summary: { passed: 0, failed: 2, warned: 0, info: 0, skipped: 0 },
    generatedAt: '2026-11-23T07:00:00Z', timezone: 'UTC', window: { from: null, to: null }, baseline: null,
  };

  it('keeps its decimals in the Markdown table, as the text format does', () => {
    const rows = formatCheckMarkdown(out).split('\n').filter((l) => l.startsWith('| ❌'));
    expect(rows[0]).toContain('| 240.004166667 | 4 |');
    expect(rows[1]).toContain('| 84.996 | 4 |');
  });

  it('keeps its decimals in the JUnit failure', () => {
    expect(formatCheckJunit(out)).toContain('actual: 240.004166667');
    expect(formatCheckJunit(out)).toContain('actual: 84.996');
  });
});
