import type { DurationHistogram, ReasonSet, ReportExtras } from '../model/extras.js';
import type { KpiDefinitionOut, KpiValue, Report, ReportRow } from '../model/report.js';
import { HTML_SCRIPT, HTML_STYLE } from './html-assets.js';
import { escapeHtml as esc, formatCount, isolate } from './html-text.js';
import { barChart, histogram, lineChart, linearTicks, minuteTicks, type Scale } from './svg-charts.js';
import { describeQuality, displayValue, exactNumber, groupCells, humanMinutes, methodNotes, tableKpis, type FormatOptions } from './format-value.js';

const LOW_MARK = '°';
/** KPIs charted per group and over time when the user did not pick KPIs with `--metrics`. */
export const HTML_CHART_KPIS = ['csat_pct', 'nps', 'fcr_pct', 'sla_first_response_pct', 'frt_median_minutes', 'resolution_median_minutes'];
const MAX_CHARTS = 6;
const MAX_BARS = 40;
/** More lines than this in one trend chart cannot be told apart; then only the overall line is drawn. */
const MAX_GROUP_LINES = 6;

/**
 * A self-contained HTML report: one file with inline CSS, inline SVG charts and a small inline
 * sort script; no network, no fonts, prints to A4/Letter, follows the reader's light/dark
 * preference. Every value from the data is escaped. Identical output for identical input.
 */
export function formatHtml(report: Report, options: FormatOptions): string {
  const ids = tableKpis(report, { ...options, tty: false });
  const extras = options.extras ?? null;
  const overall = report.rows.filter((r) => Object.keys(r.group).length === 0);
  const chosen = latestWithData(overall);
  const latest = chosen?.row ?? null;
  const bucketed = report.period !== 'all';
  const windowText = describeWindow(report);
  const title = `teamkpi report · ${windowText}`;
  const body = [
    header(report, windowText),
    cards(report, ids, latest, bucketed && chosen !== null ? chosen.why : null),
    groupCharts(report, options, latest, bucketed),
    trendCharts(report, options),
    histograms(extras),
    reasons(extras),
    groupTable(report, ids),
    footer(report, ids),
  ].filter((s) => s !== '');
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<meta name="generator" content="teamkpi ${esc(report.tool.version)}">`,
    `<title>${esc(title)}</title>`,
    `<style>${HTML_STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    ...body,
    '</main>',
    `<script>${HTML_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** Survey KPIs (their n counts answers); every other KPI's n counts tickets. */
const SURVEY_KPI = /^(csat|nps|enps|ces)(_|$)/;

/**
 * The tickets a row holds as its KPIs tell: `tickets`, or, when `--metrics` left it out, the
 * largest n of its ticket KPIs (each counts some of the row's tickets).
 */
function ticketsIn(r: ReportRow): number {
  const tickets = r.kpis.tickets;
  if (tickets !== undefined) return tickets.value ?? 0;
  let most = 0;
  for (const [id, v] of Object.entries(r.kpis)) if (!SURVEY_KPI.test(id) && v.n > most) most = v.n;
  return most;
}

/**
 * The overall row the cards and per-group charts show, and why it was chosen: the last period
 * with tickets (surveys answered after the last ticket would otherwise make a near-empty latest
 * period), else the last with any data, else the last.
 */
function latestWithData(overall: ReportRow[]): { row: ReportRow; why: string } | null {
  const last = [...overall].reverse();
  const withTickets = last.find((r) => ticketsIn(r) > 0);
  if (withTickets !== undefined) return { row: withTickets, why: 'latest period with tickets' };
  const withData = last.find((r) => Object.values(r.kpis).some((v) => v.n > 0));
  if (withData !== undefined) return { row: withData, why: 'latest period with data' };
  return last.length === 0 ? null : { row: last[0], why: 'latest period' };
}

function describeWindow(report: Report): string {
  const w = report.window;
  return w.from === null && w.to === null ? 'all dates' : `${w.from ?? '…'} to ${w.to ?? '…'}`;
}

/** The comparison's baseline in words, when the report has one in a shape we can read. */
function baselineText(report: Report): string | null {
  const base = (report.comparison as { baseline?: { source?: unknown; file?: unknown; window?: { from?: unknown; to?: unknown } } } | null)?.baseline;
  if (base === undefined || base === null || typeof base !== 'object') return null;
  const w = base.window;
  const span = w && (typeof w.from === 'string' || typeof w.to === 'string') ? `${typeof w.from === 'string' ? w.from : '…'} to ${typeof w.to === 'string' ? w.to : '…'}` : null;
  const what = base.source === 'file' && typeof base.file === 'string' ? `the report ${base.file}` : 'the previous period';
  return span === null ? what : `${what}, ${span}`;
}

function header(report: Report, windowText: string): string {
  const q = report.dataQuality;
  const facts: [string, string][] = [
    ['Time zone', report.timezone],
    ['Periods', report.period === 'all' ? 'whole window' : `per ${report.period}`],
    ['Grouped by', report.groupBy.length === 0 ? 'overall only' : report.groupBy.join(', ')],
    ['Dates by', `${report.dateBasis} time`],
    ['Hours', report.hours],
    ['Generated', report.generatedAt],
  ];
  const baseline = baselineText(report);
  if (baseline !== null) facts.splice(facts.length - 1, 0, ['Compared with', baseline]);
  const inputs = q.inputs.map((i) => `<tr><th scope="row"><bdi>${esc(i.file)}</bdi></th><td>${esc(i.kind)}</td><td>${esc(i.source)}</td><td>${esc(i.encoding ?? '')}</td>` +
    `<td class="num">${formatCount(i.rowsRead)}</td><td class="num">${formatCount(i.rowsUsed)}</td><td class="num">${formatCount(i.rowsSkipped)}</td><td class="num">${formatCount(i.rowsDuplicate)}</td></tr>`);
  const issueCount = q.issues.length + q.issuesTruncated;
  // Every issue by code (the list holds the first ones only); a report of an earlier version has just the list.
  const byCode = new Map<string, number>(Object.entries(q.issuesByCode ?? {}));
  if (q.issuesByCode === undefined) for (const issue of q.issues) byCode.set(issue.code, (byCode.get(issue.code) ?? 0) + 1);
  const shown = q.issues.slice(0, 50);
  const issues = issueCount === 0 ? '<p class="ok"><span aria-hidden="true">✓</span> No row issues: every row was read and used (or counted as a duplicate).</p>' : [
    `<details class="issues"><summary><span aria-hidden="true">⚠</span> ${formatCount(issueCount)} row issue${issueCount === 1 ? '' : 's'} (rows or values skipped and counted): ${[...byCode].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([c, k]) => `${esc(c)} ${formatCount(k)}`).join(', ')}${q.issuesTruncated > 0 ? `, ${formatCount(q.issuesTruncated)} more not itemised` : ''}</summary>`,
    '<table><caption>Row issues (first ' + shown.length + ')</caption><thead><tr><th scope="col">Code</th><th scope="col">File</th><th scope="col" class="num">Line</th><th scope="col">Column</th><th scope="col">Value</th><th scope="col">What happened</th></tr></thead><tbody>',
    ...shown.map((i) => `<tr><td><code>${esc(i.code)}</code></td><td><bdi>${esc(i.file)}</bdi></td><td class="num">${i.line}</td><td><bdi>${esc(i.column ?? '')}</bdi></td><td><bdi>${esc(i.value ?? '')}</bdi></td><td>${esc(i.message)}</td></tr>`),
    '</tbody></table></details>',
  ].join('\n');
  return [
    '<header>',
    '<h1>Customer-service KPIs</h1>',
    `<p class="window" id="window"><span class="label">Window</span> <strong>${esc(windowText)}</strong> <span class="tz">${esc(report.timezone)}</span></p>`,
    `<dl class="facts">${facts.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`).join('')}</dl>`,
    '<section aria-labelledby="quality-h" class="quality">',
    '<h2 id="quality-h">Inputs and data quality</h2>',
    `<p>${esc(describeQuality(report))}.</p>`,
    `<p>Surveys: ${formatCount(q.surveys.matched)} matched to a ticket, ${formatCount(q.surveys.orphaned)} orphaned (no matching ticket; still counted for the agent or team they name), ${formatCount(q.surveys.duplicates)} replaced by a later answer.</p>`,
    '<table class="inputs"><caption>Every input row is used, skipped with a reason, or counted as a duplicate</caption>',
    '<thead><tr><th scope="col">File</th><th scope="col">Kind</th><th scope="col">Source</th><th scope="col">Encoding</th><th scope="col" class="num">Rows read</th><th scope="col" class="num">Used</th><th scope="col" class="num">Skipped</th><th scope="col" class="num">Duplicates</th></tr></thead>',
    `<tbody>${inputs.join('')}</tbody></table>`,
    issues,
    '</section>',
    '</header>',
  ].join('\n');
}

/** The comparison entry for a row's KPI, when the report carries a comparison in a shape we can read. */
interface Change {
  delta: number;
  significant: boolean | null;
  baseline: number | null;
  /** Either side below its minimum sample: the change is shown without an arrow or verdict. */
  lowSample: boolean;
}

function changeFor(report: Report, row: ReportRow, id: string): Change | null {
  const rows = (report.comparison as { rows?: unknown } | null)?.rows;
  if (!Array.isArray(rows)) return null;
  const same = (a: Record<string, string>, b: Record<string, string>): boolean => {
    const ka = Object.keys(a), kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => a[k] === b[k]);
  };
  const match = rows.find((r: { group?: Record<string, string>; period?: string | null }) =>
    r !== null && typeof r === 'object' && same(r.group ?? {}, row.group) && (r.period === undefined || r.period === row.period)) as { kpis?: Record<string, unknown> } | undefined;
  const entry = match?.kpis?.[id] as Record<string, unknown> | undefined;
  if (entry === undefined || entry === null || typeof entry.delta !== 'number') return null;
  const baseline = [entry.baseline, entry.previous, entry.before].find((v) => typeof v === 'number') as number | undefined;
  return { delta: entry.delta, significant: typeof entry.significant === 'boolean' ? entry.significant : null, baseline: baseline ?? null, lowSample: entry.lowSample === true };
}

function scaleFor(def: KpiDefinitionOut): Scale {
  if (def.unit === 'minutes') return { format: shortMinutes, ticks: (a, b) => minuteTicks(a, b) };
  return { format: (v) => displayValue(v, def.unit, true), ticks: (a, b) => linearTicks(a, b) };
}

/** Durations for axes and intervals: whole units stay short (`1h`, `2d`), others as `1h 42m`. */
function shortMinutes(v: number): string {
  if (v === 0) return '0';
  const r = Math.round(v);
  if (r >= 1440 && r % 60 === 0) return `${Math.floor(r / 1440)}d${r % 1440 === 0 ? '' : ` ${(r % 1440) / 60}h`}`;
  if (r >= 60 && r % 60 === 0) return `${r / 60}h`;
  return humanMinutes(v);
}

function fixedDomain(def: KpiDefinitionOut): [number, number] | undefined {
  if (def.unit === 'pct') return [0, 100];
  if (def.unit === 'nps') return [-100, 100];
  return undefined;
}

function ciText(def: KpiDefinitionOut, v: KpiValue): string {
  if (!v.ci95) return '';
  const f = scaleFor(def).format;
  return `${f(v.ci95[0])}–${f(v.ci95[1])}`;
}

function deltaText(def: KpiDefinitionOut, change: Change): { text: string; verdict: string; cls: string } {
  const unit = def.unit === 'pct' ? ' pts' : '';
  const magnitude = def.unit === 'minutes' ? humanMinutes(Math.abs(change.delta)) : `${displayValue(Math.abs(change.delta), def.unit === 'count' ? 'count' : def.unit, true)}${unit}`;
  const arrow = change.delta > 0 ? '▲' : change.delta < 0 ? '▼' : '■';
  const sign = change.delta > 0 ? '+' : change.delta < 0 ? '−' : '±';
  if (change.lowSample) return { text: `${sign}${magnitude}`, verdict: 'below the minimum sample: no verdict', cls: 'flat' };
  const better = change.delta === 0 ? null : (change.delta > 0) === (def.direction === 'higher');
  const verdict = better === null ? 'no change' : better ? 'better' : 'worse';
  const sig = change.significant === null ? '' : change.significant ? ', significant' : ', not significant';
  const cls = better === null || change.significant === false ? 'flat' : better ? 'good' : 'bad';
  return { text: `${arrow} ${sign}${magnitude}`, verdict: `${verdict}${sig}`, cls };
}

/** `why`: how the period shown was chosen (null when the report has no periods). */
function cards(report: Report, ids: string[], latest: ReportRow | null, why: string | null): string {
  if (latest === null) return '<section aria-labelledby="cards-h"><h2 id="cards-h">Overall</h2><p>No tickets or answers fall in the window.</p></section>';
  const heading = why !== null ? `Overall, ${latest.period ?? ''} (${why})` : 'Overall';
  const items = ids.map((id) => {
    const def = report.definitions[id];
    const v = latest.kpis[id];
    const value = displayValue(v.value, def.unit, true);
    const low = v.lowSample === true && v.value !== null;
    const lines = [`<p class="n">n = ${formatCount(v.n)}</p>`];
    const ci = ciText(def, v);
    if (ci !== '') lines.push(`<p class="ci">95% interval <span class="nowrap">${esc(ci)}</span></p>`);
    if (low) lines.push(`<p class="low-note"><span aria-hidden="true">${LOW_MARK}</span> below the minimum sample: indicative only</p>`);
    const change = changeFor(report, latest, id);
    if (change !== null) {
      const d = deltaText(def, change);
      const base = change.baseline === null ? '' : ` (was ${esc(displayValue(change.baseline, def.unit, true))})`;
      lines.push(`<p class="delta ${d.cls}">${esc(d.text)} <span>${esc(d.verdict)}</span>${base}</p>`);
    }
    return `<li class="card${low ? ' low' : ''}"><h3>${esc(def.label)}</h3><p class="value">${esc(value)}${low ? `<span class="mark" title="below the minimum sample">${LOW_MARK}</span>` : ''}</p>${lines.join('')}</li>`;
  });
  const note = report.comparison === null ? '' : '<p class="muted">▲/▼ change against the comparison period; “better” and “worse” follow each KPI’s direction.</p>';
  return `<section aria-labelledby="cards-h"><h2 id="cards-h">${esc(heading)}</h2><ul class="cards">${items.join('')}</ul>${note}</section>`;
}

function chartKpis(report: Report, options: FormatOptions): string[] {
  // Only KPIs with data somewhere: a chart of empty bars (no SLA columns, no surveys) says nothing.
  const ids = Object.keys(report.definitions).filter((id) => report.definitions[id].unit !== 'count' && report.rows.some((r) => r.kpis[id]?.value != null));
  const chosen = options.metricsChosen ? ids : HTML_CHART_KPIS.filter((id) => ids.includes(id));
  return chosen.slice(0, MAX_CHARTS);
}

function groupLabel(report: Report, row: ReportRow): string {
  return groupCells(report, row).filter((c) => c !== '').join(' · ');
}

function dataTable(caption: string, head: string[], rows: string[][]): string {
  return `<details class="chart-data"><summary>Data for this chart</summary><table><caption>${esc(caption)}</caption><thead><tr>${head.map((h, i) => `<th scope="col"${i > 0 ? ' class="num"' : ''}>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row"><bdi>${esc(c)}</bdi></th>` : `<td class="num">${esc(c)}</td>`)).join('')}</tr>`)
    .join('')}</tbody></table></details>`;
}

function groupCharts(report: Report, options: FormatOptions, latest: ReportRow | null, bucketed: boolean): string {
  if (report.groupBy.length === 0 || latest === null) return '';
  const rows = report.rows.filter((r) => r.period === latest.period && Object.keys(r.group).length > 0);
  if (rows.length === 0) return '';
  const shown = rows.length > MAX_BARS ? [...rows].sort((a, b) => ticketsIn(b) - ticketsIn(a)).slice(0, MAX_BARS) : rows;
  const by = report.groupBy.join(' × ');
  const figures = chartKpis(report, options).map((id, k) => {
    const def = report.definitions[id];
    const scale = scaleFor(def);
    const data = shown.map((r) => {
      const v = r.kpis[id];
      return { label: groupLabel(report, r), value: v.value, display: displayValue(v.value, def.unit, true), ci95: v.ci95 ?? null, n: v.n, lowSample: v.lowSample === true };
    });
    const all = latest.kpis[id];
    const title = `${def.label} by ${by}${bucketed ? `, ${latest.period}` : ''}`;
    const svg = barChart({
      id: `bars-${k + 1}`,
      title,
      desc: `${def.label} for each ${by}, with n${data.some((d) => d.ci95) ? ' and 95% interval whiskers' : ''}; hatched bars marked ${LOW_MARK} are below the minimum sample. Overall: ${displayValue(all.value, def.unit, true)}.`,
      data,
      scale,
      domain: fixedDomain(def),
      reference: all.value === null ? undefined : { value: all.value, label: `all: ${displayValue(all.value, def.unit, true)}` },
      lowMark: LOW_MARK,
    });
    const table = dataTable(title, [by, def.label, 'n', '95% interval', 'low sample'], data.map((d, i) => [d.label, d.display, String(d.n), ciText(def, shown[i].kpis[id]), d.lowSample && d.value !== null ? `yes ${LOW_MARK}` : '']));
    return `<figure>${svg}<figcaption>${esc(title)}${data.some((d) => d.ci95) ? ' — whiskers show the 95% interval' : ''}; the dashed line is the overall value.</figcaption>${table}</figure>`;
  });
  const more = rows.length > MAX_BARS ? `<p class="muted">Showing the ${MAX_BARS} groups with the most tickets of ${rows.length}; every group is in the table below.</p>` : '';
  return `<section aria-labelledby="groups-h"><h2 id="groups-h">By ${esc(by)}</h2><p class="legend"><span class="swatch solid" aria-hidden="true"></span> value <span class="swatch hatched" aria-hidden="true"></span> ${LOW_MARK} below the minimum sample (indicative only)</p>${more}<div class="charts">${figures.join('')}</div></section>`;
}

function trendCharts(report: Report, options: FormatOptions): string {
  if (report.period === 'all') return '';
  const periods = [...new Set(report.rows.map((r) => r.period ?? ''))];
  if (periods.length < 2) return '';
  const groups = new Map<string, ReportRow[]>();
  for (const row of report.rows) {
    const key = JSON.stringify(report.groupBy.map((g) => row.group[g] ?? null));
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(row);
  }
  const entries = [...groups.values()];
  const kpis = chartKpis(report, options);
  const withData = (id: string): ReportRow[][] => entries.filter((rows) => Object.keys(rows[0].group).length > 0 && rows.some((r) => r.kpis[id].value !== null));
  const drawGroups = kpis.every((id) => withData(id).length <= MAX_GROUP_LINES);
  const figures = kpis.map((id, k) => {
    const def = report.definitions[id];
    const series = entries
      .filter((rows) => Object.keys(rows[0].group).length === 0 || (drawGroups && rows.some((r) => r.kpis[id].value !== null)))
      .map((rows) => {
        const isAll = Object.keys(rows[0].group).length === 0;
        const byPeriod = new Map(rows.map((r) => [r.period ?? '', r.kpis[id]]));
        return {
          label: isAll ? 'all' : groupLabel(report, rows[0]),
          values: periods.map((p) => byPeriod.get(p)?.value ?? null),
          low: periods.map((p) => byPeriod.get(p)?.lowSample === true),
          emphasis: isAll,
        };
      });
    const title = `${def.label} per ${report.period}`;
    const svg = lineChart({
      id: `trend-${k + 1}`,
      title,
      desc: `${def.label} in each ${report.period} from ${periods[0]} to ${periods[periods.length - 1]}, ${series.map((s) => isolate(s.label)).join(', ')}.`,
      periods,
      series,
      scale: scaleFor(def),
      zero: false,
    });
    const table = dataTable(title, ['Series', ...periods], series.map((s) => [s.label, ...s.values.map((v, i) => `${displayValue(v, def.unit, true)}${s.low[i] && v !== null ? LOW_MARK : ''}`)]));
    const anyLow = series.some((s) => s.values.some((v, i) => v !== null && s.low[i]));
    return `<figure>${svg}<figcaption>${esc(title)}; the thick line is the overall value${series.length > 1 ? ', groups differ by dash and marker shape and are named at the line end' : ''}${anyLow ? '; hollow markers are below the minimum sample (indicative only)' : ''}.</figcaption>${table}</figure>`;
  });
  const note = drawGroups ? '' : `<p class="muted">Only the overall line is drawn: more than ${MAX_GROUP_LINES} groups are too many lines to tell apart; the table below has every value.</p>`;
  return `<section aria-labelledby="trend-h"><h2 id="trend-h">Trend per ${esc(report.period)}</h2>${note}<div class="charts">${figures.join('')}</div></section>`;
}

function edgeLabel(minutes: number): string {
  if (minutes === 0) return '0';
  if (minutes % 1440 === 0) return `${minutes / 1440}d`;
  if (minutes % 60 === 0) return `${minutes / 60}h`;
  return `${minutes}m`;
}

function sumHistograms(list: DurationHistogram[]): DurationHistogram | null {
  if (list.length === 0) return null;
  const counts = list[0].edges.map((_, i) => list.reduce((s, h) => s + h.counts[i], 0));
  return { edges: list[0].edges, counts, n: counts.reduce((a, b) => a + b, 0) };
}

function histograms(extras: ReportExtras | null): string {
  if (extras === null) return '';
  const figures: string[] = [];
  const specs = [['frt', 'First response time', 'created → first agent response'], ['resolution', 'Resolution time', 'created → solved']] as const;
  specs.forEach(([key, label, what], k) => {
    const h = sumHistograms(extras.distributions.map((d) => d[key]));
    if (h === null || h.n === 0) {
      figures.push(`<figure><p class="muted">${esc(label)}: no tickets with this duration in the window.</p></figure>`);
      return;
    }
    let last = h.counts.length - 1;
    while (last > 0 && h.counts[last] === 0) last--;
    const counts = h.counts.slice(0, last + 1);
    const edges = h.edges.slice(0, last + 1);
    const openEnded = last === h.counts.length - 1;
    const edgeLabels = [...edges.map(edgeLabel), openEnded ? '' : edgeLabel(h.edges[last + 1])];
    const binLabels = edges.map((e, i) => (i === h.edges.length - 1 ? `${edgeLabel(e)} or more` : `${edgeLabel(e)}–${edgeLabel(h.edges[i + 1])}`));
    const title = `${label}: ${formatCount(h.n)} tickets`;
    const svg = histogram({
      id: `hist-${k + 1}`,
      title,
      desc: `How many tickets took how long (${what}), in bins that roughly double in width: ${binLabels.map((b, i) => `${b}: ${counts[i]}`).join('; ')}.`,
      edgeLabels,
      binLabels,
      counts,
    });
    const table = dataTable(title, ['Bin', 'Tickets', 'Share'], counts.map((c, i) => [binLabels[i], String(c), `${((c / h.n) * 100).toFixed(1)}%`]));
    figures.push(`<figure>${svg}<figcaption>${esc(label)} (${esc(what)}), tickets per bin; bins roughly double in width (15m, 30m, 1h, 2h … 30d), so the shape is a log-scale view.</figcaption>${table}</figure>`);
  });
  return `<section aria-labelledby="dist-h"><h2 id="dist-h">How long tickets take</h2><div class="charts two">${figures.join('')}</div></section>`;
}

function reasonTable(title: string, set: ReasonSet, id: string): string {
  if (set.tickets === 0) return `<div class="reasons"><h3 id="${id}">${esc(title)}</h3><p class="muted">No such tickets in the window.</p></div>`;
  const rows = set.top.map((r) => {
    const share = (r.count / set.tickets) * 100;
    return `<tr><th scope="row"><span class="field">${esc(r.field)}</span> <bdi>${esc(r.value)}</bdi></th><td class="num">${formatCount(r.count)}</td><td class="num share"><span class="meter" style="width:${share.toFixed(1)}%" aria-hidden="true"></span><span class="pct">${share.toFixed(1)}%</span></td></tr>`;
  });
  const untagged = set.tickets - set.withReason;
  return `<div class="reasons"><table aria-labelledby="${id}"><caption id="${id}">${esc(title)}: ${formatCount(set.tickets)} tickets${untagged > 0 ? `, ${formatCount(untagged)} with no tag or category` : ''}</caption>` +
    `<thead><tr><th scope="col">Tag or category</th><th scope="col" class="num">Tickets</th><th scope="col" class="num">Share of ${esc(title.toLowerCase())}</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

function reasons(extras: ReportExtras | null): string {
  if (extras === null || extras.reasons === null) return '';
  const r = extras.reasons;
  return `<section aria-labelledby="reasons-h"><h2 id="reasons-h">Top reasons among escalated and reopened tickets</h2>` +
    `<p class="muted">Tags and categories of tickets in the window; a ticket with several tags counts once for each, so shares can add up to more than 100%. Reopened = solved and reopened at least once (as the reopen rate).</p>` +
    `<div class="charts two">${reasonTable('Escalated tickets', r.escalated, 'reasons-escalated')}${reasonTable('Reopened tickets', r.reopened, 'reasons-reopened')}</div></section>`;
}

function groupTable(report: Report, ids: string[]): string {
  const bucketed = report.period !== 'all';
  const groupHeads = report.groupBy.map((g) => g.charAt(0).toUpperCase() + g.slice(1));
  const head = [...(bucketed ? ['Period'] : []), ...groupHeads];
  const th = [
    ...head.map((h) => `<th scope="col" aria-sort="none"><button type="button">${esc(h)}</button></th>`),
    ...ids.map((id) => `<th scope="col" class="num" aria-sort="none"><button type="button">${esc(report.definitions[id].label)}</button></th>`),
  ];
  let anyLow = false;
  let anyCi = false;
  const renderRow = (row: ReportRow): string => {
    const isAll = Object.keys(row.group).length === 0;
    const labels = [...(bucketed ? [row.period ?? ''] : []), ...groupCells(report, row)];
    const rowHeader = bucketed && report.groupBy.length > 0 ? 1 : 0;
    const labelCells = labels.map((l, i) =>
      i === rowHeader ? `<th scope="row" data-sort="${esc(l)}"><bdi>${esc(l)}</bdi></th>` : `<td data-sort="${esc(l)}"><bdi>${esc(l)}</bdi></td>`);
    const cells = ids.map((id) => {
      const def = report.definitions[id];
      const v = row.kpis[id];
      const low = v.lowSample === true && v.value !== null;
      if (low) anyLow = true;
      const ci = ciText(def, v);
      if (ci !== '') anyCi = true;
      const sub = [`n ${formatCount(v.n)}`, ...(ci === '' ? [] : [ci])].join(' · ');
      const text = displayValue(v.value, def.unit, true);
      const change = changeFor(report, row, id);
      const delta = change === null ? '' : (() => {
        const d = deltaText(def, change);
        return `<span class="delta ${d.cls}" title="${esc(d.verdict)}">${esc(d.text)}</span>`;
      })();
      return `<td class="num${low ? ' low' : ''}${v.value === null ? ' none' : ''}" data-sort="${v.value === null ? '' : exactNumber(v.value)}">${esc(text)}${low ? `<span class="mark" title="below the minimum sample">${LOW_MARK}</span>` : ''}${delta}<small>${esc(sub)}</small></td>`;
    });
    return `<tr${isAll ? ' class="overall"' : ''}>${labelCells.join('')}${cells.join('')}</tr>`;
  };
  const overallRows = report.rows.filter((r) => Object.keys(r.group).length === 0).map(renderRow);
  const groupRows = report.rows.filter((r) => Object.keys(r.group).length > 0).map(renderRow);
  const notes: string[] = [];
  if (anyLow) notes.push(`<li><span class="mark">${LOW_MARK}</span> <em>italic</em> values rest on fewer answers or tickets than the minimum sample: indicative only.</li>`);
  notes.push(`<li>Under each value: n, the count it was computed from${anyCi ? ', and its 95% interval' : ''}. “—” means no data (never 0).</li>`);
  if (groupRows.length > 1) notes.push('<li>Click a column heading to sort the groups (the overall rows stay on top).</li>');
  const hidden = Object.keys(report.definitions).length - ids.length;
  if (hidden > 0) notes.push(`<li>${hidden} more KPIs are in <code>--format json</code> or <code>csv</code>, or pick them with <code>--metrics</code>.</li>`);
  return [
    '<section aria-labelledby="table-h">',
    `<h2 id="table-h">${report.groupBy.length > 0 ? `Every ${esc(report.groupBy.join(' × '))}` : 'All values'}${bucketed ? ` per ${esc(report.period)}` : ''}</h2>`,
    '<div class="table-wrap">',
    `<table class="kpis sortable"><caption>KPIs ${report.groupBy.length > 0 ? `per ${esc(report.groupBy.join(' × '))}` : 'overall'}${bucketed ? ` and ${esc(report.period)}` : ''}, ${esc(describeWindow(report))} (${esc(report.timezone)})</caption>`,
    `<thead><tr>${th.join('')}</tr></thead>`,
    `<tbody class="overall-rows">${overallRows.join('')}</tbody>`,
    groupRows.length > 0 ? `<tbody class="group-rows">${groupRows.join('')}</tbody>` : '',
    '</table>',
    '</div>',
    `<ul class="notes">${notes.join('')}</ul>`,
    '</section>',
  ].join('\n');
}

function footer(report: Report, ids: string[]): string {
  const defs = Object.entries(report.definitions).map(([id, d]) =>
    `<tr><th scope="row"><code>${esc(id)}</code></th><td>${esc(d.label)}</td><td>${esc(d.unit)}</td><td>${d.direction === 'higher' ? '▲ higher is better' : '▼ lower is better'}</td><td>${esc(d.method)}</td></tr>`);
  const notes = methodNotes(report, ids);
  return [
    '<footer>',
    notes.length > 0 ? `<ul class="notes">${notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : '',
    '<details class="definitions"><summary>How every KPI is computed</summary>',
    '<table><caption>KPI definitions, with the method chosen for this data</caption><thead><tr><th scope="col">id</th><th scope="col">Label</th><th scope="col">Unit</th><th scope="col">Direction</th><th scope="col">Method</th></tr></thead>',
    `<tbody>${defs.join('')}</tbody></table></details>`,
    `<p class="muted">Generated by teamkpi ${esc(report.tool.version)} at ${esc(report.generatedAt)} · JSON schema version ${report.schemaVersion} · the same inputs and flags give the same file.</p>`,
    '</footer>',
  ].join('\n');
}
