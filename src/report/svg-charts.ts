import { escapeHtml as esc, isolate, truncateText } from './html-text.js';

/**
 * A small inline-SVG chart renderer for the HTML report: horizontal bars with interval whiskers,
 * trend lines and histograms. Written here rather than bundling a charting library because the
 * report must be one self-contained file with no script needed to draw (it prints and works with
 * scripts off), the three chart kinds are small, and every label must go through one escaping
 * function. Colours come from CSS classes of the page, so dark mode and print restyle them;
 * colour is never the only signal (values are written out, low-sample bars are hatched and
 * marked, series differ by dash and marker shape and are labelled directly).
 *
 * Every chart has `<title>` and `<desc>`, is `role="img"`, and has ids derived from `id` so a
 * page with several charts stays valid and the output is deterministic.
 */

const WIDTH = 560;
const FONT = 12;

export interface Scale {
  /** Format a tick or value for display. */
  format(value: number): string;
  /** Nice tick values covering [lo, hi]. */
  ticks(lo: number, hi: number): number[];
}

/** Ticks at 1, 2 or 5 × 10^k. */
export function linearTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) hi = lo + 1;
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  const step = (f >= 7.5 ? 10 : f >= 3.5 ? 5 : f >= 1.5 ? 2 : 1) * mag;
  return stepTicks(lo, hi, step);
}

const MINUTE_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 240, 360, 480, 720, 1440, 2880, 4320, 10080, 20160, 43200, 86400, 172800];

/** Ticks at whole time units (minutes, hours, days, weeks), for durations in minutes. */
export function minuteTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) hi = lo + 1;
  const raw = (hi - lo) / count;
  const step = MINUTE_STEPS.find((s) => s >= raw) ?? MINUTE_STEPS[MINUTE_STEPS.length - 1] * Math.ceil(raw / MINUTE_STEPS[MINUTE_STEPS.length - 1]);
  return stepTicks(lo, hi, step);
}

function stepTicks(lo: number, hi: number, step: number): number[] {
  const ticks: number[] = [];
  const first = Math.floor(lo / step) * step;
  for (let t = first; t < hi + step * 0.999; t += step) ticks.push(Number(t.toFixed(10)));
  return ticks;
}

/** A domain that holds every value and 0, widened to whole ticks; `fixed` wins when given. */
function domainOf(values: number[], scale: Scale, fixed?: [number, number], zero = true): { lo: number; hi: number; ticks: number[] } {
  if (fixed !== undefined) return { lo: fixed[0], hi: fixed[1], ticks: scale.ticks(fixed[0], fixed[1]) };
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) finite.push(0);
  const lo = zero ? Math.min(0, ...finite) : Math.min(...finite);
  const hi = zero ? Math.max(0, ...finite, lo === 0 ? 1e-9 : 0) : Math.max(...finite);
  const ticks = scale.ticks(lo, hi === lo ? lo + 1 : hi);
  return { lo: ticks[0], hi: ticks[ticks.length - 1], ticks };
}

const n2 = (v: number): string => (Math.round(v * 10) / 10).toString();

function open(id: string, title: string, desc: string, height: number, cls: string): string {
  return `<svg class="chart ${cls}" id="${esc(id)}" viewBox="0 0 ${WIDTH} ${n2(height)}" width="${WIDTH}" height="${n2(height)}" role="img" aria-labelledby="${esc(id)}-title ${esc(id)}-desc" font-size="${FONT}">` +
    `<title id="${esc(id)}-title">${esc(title)}</title><desc id="${esc(id)}-desc">${esc(desc)}</desc>`;
}

export interface BarDatum {
  label: string;
  value: number | null;
  /** Value as the page prints it (`87.5`, `1h 42m`). */
  display: string;
  ci95?: [number, number] | null;
  n: number;
  lowSample: boolean;
}

export interface BarChartSpec {
  id: string;
  title: string;
  desc: string;
  data: BarDatum[];
  scale: Scale;
  /** Fixed axis range (percentages 0–100, NPS −100–100). */
  domain?: [number, number];
  /** A reference line, e.g. the overall value. */
  reference?: { value: number; label: string };
  /** Marker appended to low-sample values. */
  lowMark: string;
}

/** Horizontal bars, one per group, with 95% interval whiskers when known and the value written at the end. */
export function barChart(spec: BarChartSpec): string {
  const labelW = 150, valueW = 104, top = 8, rowH = 22, axisH = 24;
  const plotL = labelW, plotR = WIDTH - valueW;
  const values = spec.data.flatMap((d) => [d.value ?? 0, ...(d.ci95 ? d.ci95 : [])]);
  if (spec.reference) values.push(spec.reference.value);
  const { lo, hi, ticks } = domainOf(values, spec.scale, spec.domain);
  const x = (v: number): number => plotL + ((Math.min(Math.max(v, lo), hi) - lo) / (hi - lo)) * (plotR - plotL);
  const height = top + spec.data.length * rowH + axisH + (spec.reference ? 14 : 0);
  const plotB = top + spec.data.length * rowH;
  const parts = [open(spec.id, spec.title, spec.desc, height, 'bar-chart')];
  parts.push(`<defs><pattern id="${esc(spec.id)}-hatch" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect width="6" height="6" class="hatch-bg"/><line x1="0" y1="0" x2="0" y2="6" class="hatch-line"/></pattern></defs>`);
  for (const t of ticks) {
    parts.push(`<line class="grid" x1="${n2(x(t))}" y1="${top}" x2="${n2(x(t))}" y2="${plotB}"/>`);
    parts.push(`<text class="tick" x="${n2(x(t))}" y="${plotB + 15}" text-anchor="middle">${esc(spec.scale.format(t))}</text>`);
  }
  const zero = x(Math.max(lo, Math.min(0, hi)));
  spec.data.forEach((d, i) => {
    const y = top + i * rowH;
    const cy = y + rowH / 2;
    const ci = d.ci95 ? ` (95% interval ${spec.scale.format(d.ci95[0])}–${spec.scale.format(d.ci95[1])})` : '';
    const low = d.lowSample && d.value !== null ? `, below the minimum sample` : '';
    const tip = `${isolate(d.label)}: ${d.display}${ci}, n = ${d.n}${low}`;
    parts.push(`<g class="bar-row${d.lowSample ? ' low' : ''}"><title>${esc(tip)}</title>`);
    parts.push(`<text class="label" x="${plotL - 8}" y="${n2(cy + 4)}" text-anchor="end">${esc(isolate(truncateText(d.label, 24)))}</text>`);
    if (d.value !== null) {
      const x1 = Math.min(zero, x(d.value)), x2 = Math.max(zero, x(d.value));
      // A style attribute, because the page's `.bar` fill rule would beat a fill attribute.
      const look = d.lowSample ? `class="bar-low" style="fill:url(#${esc(spec.id)}-hatch)"` : 'class="bar"';
      parts.push(`<rect ${look} x="${n2(x1)}" y="${y + 4}" width="${n2(Math.max(x2 - x1, 1))}" height="${rowH - 8}"/>`);
      if (d.ci95) {
        const a = x(d.ci95[0]), b = x(d.ci95[1]);
        parts.push(`<path class="whisker" d="M${n2(a)} ${n2(cy)}H${n2(b)}M${n2(a)} ${n2(cy - 5)}V${n2(cy + 5)}M${n2(b)} ${n2(cy - 5)}V${n2(cy + 5)}"/>`);
      }
    }
    const text = d.value === null ? 'no data' : `${d.display}${d.lowSample ? spec.lowMark : ''}`;
    parts.push(`<text class="value${d.value === null ? ' muted' : ''}" x="${plotR + 8}" y="${n2(cy + 4)}">${esc(text)}<tspan class="muted"> n ${d.n}</tspan></text></g>`);
  });
  parts.push(`<line class="axis" x1="${n2(zero)}" y1="${top}" x2="${n2(zero)}" y2="${plotB}"/>`);
  if (spec.reference) {
    const rx = x(spec.reference.value);
    parts.push(`<g class="reference"><title>${esc(spec.reference.label)}</title><line x1="${n2(rx)}" y1="${top - 4}" x2="${n2(rx)}" y2="${plotB}"/>`);
    parts.push(`<text x="${n2(rx)}" y="${n2(height - 2)}" text-anchor="middle">${esc(spec.reference.label)}</text></g>`);
  }
  parts.push('</svg>');
  return parts.join('');
}

export interface LineSeries {
  label: string;
  values: (number | null)[];
  /** Per value: below the minimum sample (drawn with a hollow marker). */
  low: boolean[];
  /** Drawn thicker (the overall row). */
  emphasis: boolean;
}

export interface LineChartSpec {
  id: string;
  title: string;
  desc: string;
  periods: string[];
  series: LineSeries[];
  scale: Scale;
  domain?: [number, number];
  /** Include 0 in the value axis (default true); trends read better on the data's own range. */
  zero?: boolean;
}

/** Dash patterns and marker shapes tell series apart without colour. */
const DASHES = ['', '6 3', '2 3', '8 3 2 3', '12 4', '3 6', '10 2 2 2 2 2', '1 2', '4 2 1 2'];
/** Marker outlines centred on 0,0; a hollow marker (filled with the page colour) marks a low-sample value. */
const MARKERS = [
  'M-4 0A4 4 0 1 0 4 0A4 4 0 1 0 -4 0Z', // circle
  'M-3.6 -3.6H3.6V3.6H-3.6Z', // square
  'M0 -4.8L4.5 3.6H-4.5Z', // triangle
  'M0 -5L5 0L0 5L-5 0Z', // diamond
  'M0 4.8L4.5 -3.6H-4.5Z', // triangle down
  'M-1.5 -5H1.5V-1.5H5V1.5H1.5V5H-1.5V1.5H-5V-1.5H-1.5Z', // plus
  'M-5 -2H5V2H-5Z', // bar
  'M-2 -5H2V5H-2Z', // upright bar
  'M0 -5L1.5 -1.5L5 -1.5L2.2 0.8L3.2 4.5L0 2.3L-3.2 4.5L-2.2 0.8L-5 -1.5L-1.5 -1.5Z', // star
];

function marker(k: number, x: number, y: number, low: boolean): string {
  return `<path class="marker${low ? ' open' : ''}" transform="translate(${n2(x)} ${n2(y)})" d="${MARKERS[k % MARKERS.length]}"/>`;
}

/** Period labels without a year every label shares (`W42` under a chart of 2026 weeks). */
export function shortPeriods(periods: string[]): { labels: string[]; year: string | null } {
  const year = periods[0]?.slice(0, 4) ?? '';
  const same = /^\d{4}-/.test(periods[0] ?? '') && periods.every((p) => p.startsWith(`${year}-`)) && periods.every((p) => p.length > 5);
  return same ? { labels: periods.map((p) => p.slice(5)), year } : { labels: periods, year: null };
}

/** One line per series across periods; gaps where a period has no value; labels at the line ends. */
export function lineChart(spec: LineChartSpec): string {
  const left = 56, right = 130, top = 12, plotH = 190, bottom = 40;
  const height = top + plotH + bottom;
  const values = spec.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const { lo, hi, ticks } = domainOf(values, spec.scale, spec.domain, spec.zero ?? true);
  const plotR = WIDTH - right;
  const count = spec.periods.length;
  const x = (i: number): number => (count === 1 ? (left + plotR) / 2 : left + (i / (count - 1)) * (plotR - left));
  const y = (v: number): number => top + plotH - ((v - lo) / (hi - lo)) * plotH;
  const parts = [open(spec.id, spec.title, spec.desc, height, 'line-chart')];
  for (const t of ticks) {
    parts.push(`<line class="grid" x1="${left}" y1="${n2(y(t))}" x2="${plotR}" y2="${n2(y(t))}"/>`);
    parts.push(`<text class="tick" x="${left - 6}" y="${n2(y(t) + 4)}" text-anchor="end">${esc(spec.scale.format(t))}</text>`);
  }
  const { labels, year } = shortPeriods(spec.periods);
  const labelW = Math.max(...labels.map((l) => l.length)) * FONT * 0.62 + 8;
  const every = count <= 1 ? 1 : Math.max(1, Math.ceil(labelW / ((plotR - left) / (count - 1))));
  labels.forEach((p, i) => {
    if (i % every !== 0) return;
    parts.push(`<text class="tick" x="${n2(x(i))}" y="${top + plotH + 16}" text-anchor="middle">${esc(p)}</text>`);
  });
  if (year !== null) parts.push(`<text class="tick" x="${left}" y="${top + plotH + 32}">${esc(year)}</text>`);
  parts.push(`<line class="axis" x1="${left}" y1="${top + plotH}" x2="${plotR}" y2="${top + plotH}"/>`);
  const ends: { y: number; label: string; series: number }[] = [];
  spec.series.forEach((s, k) => {
    const cls = `series series-${k % 9}${s.emphasis ? ' emphasis' : ''}`;
    let d = '';
    let pen = false;
    s.values.forEach((v, i) => {
      if (v === null) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${n2(x(i))} ${n2(y(v))}`;
      pen = true;
    });
    const dash = DASHES[k % DASHES.length];
    parts.push(`<g class="${cls}"><title>${esc(isolate(s.label))}</title>`);
    if (d !== '') parts.push(`<path class="line" d="${d}"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`);
    s.values.forEach((v, i) => {
      if (v === null) return;
      const low = s.low[i] === true;
      parts.push(`<g><title>${esc(`${isolate(s.label)}, ${spec.periods[i]}: ${spec.scale.format(v)}${low ? ' (below the minimum sample)' : ''}`)}</title>${marker(k, x(i), y(v), low)}</g>`);
    });
    parts.push('</g>');
    let last = -1;
    s.values.forEach((v, i) => {
      if (v !== null) last = i;
    });
    if (last >= 0) ends.push({ y: y(s.values[last]!), label: s.label, series: k });
  });
  // End labels: pushed apart so they never overlap, kept inside the plot height.
  ends.sort((a, b) => a.y - b.y);
  for (let i = 1; i < ends.length; i++) ends[i].y = Math.max(ends[i].y, ends[i - 1].y + FONT + 1);
  const overflow = ends.length > 0 ? ends[ends.length - 1].y - (top + plotH + bottom - 6) : 0;
  if (overflow > 0) for (const e of ends) e.y -= overflow;
  for (const e of ends) {
    parts.push(`<text class="end-label series-${e.series % 9}" x="${plotR + 8}" y="${n2(e.y + 4)}">${esc(isolate(truncateText(e.label, 20)))}</text>`);
  }
  parts.push('</svg>');
  return parts.join('');
}

export interface HistogramSpec {
  id: string;
  title: string;
  desc: string;
  /** Bin edge labels: one more than `counts` (the last may be `''` for an open-ended bin). */
  edgeLabels: string[];
  /** Bin descriptions for tooltips (`1h–2h`). */
  binLabels: string[];
  counts: number[];
}

/** Vertical bars over consecutive bins, the count written above each, edges labelled below. */
export function histogram(spec: HistogramSpec): string {
  const left = 48, right = 16, top = 18, plotH = 150, bottom = 34;
  const height = top + plotH + bottom;
  const { hi, ticks } = domainOf(spec.counts, { format: String, ticks: (a, b) => linearTicks(a, b, 4) });
  const bins = spec.counts.length;
  const bw = (WIDTH - left - right) / Math.max(bins, 1);
  const y = (v: number): number => top + plotH - (v / hi) * plotH;
  const total = spec.counts.reduce((a, b) => a + b, 0);
  const parts = [open(spec.id, spec.title, spec.desc, height, 'histogram')];
  for (const t of ticks) {
    parts.push(`<line class="grid" x1="${left}" y1="${n2(y(t))}" x2="${WIDTH - right}" y2="${n2(y(t))}"/>`);
    parts.push(`<text class="tick" x="${left - 6}" y="${n2(y(t) + 4)}" text-anchor="end">${t}</text>`);
  }
  spec.counts.forEach((c, i) => {
    const x0 = left + i * bw;
    const share = total === 0 ? 0 : (c / total) * 100;
    parts.push(`<g class="bin"><title>${esc(`${spec.binLabels[i]}: ${c} (${share.toFixed(1)}%)`)}</title>`);
    if (c > 0) parts.push(`<rect class="bar" x="${n2(x0 + 2)}" y="${n2(y(c))}" width="${n2(bw - 4)}" height="${n2(top + plotH - y(c))}"/>`);
    parts.push(`<text class="value" x="${n2(x0 + bw / 2)}" y="${n2(y(c) - 4)}" text-anchor="middle">${c}</text></g>`);
  });
  spec.edgeLabels.forEach((label, i) => {
    if (label === '') return;
    parts.push(`<text class="tick" x="${n2(left + i * bw)}" y="${top + plotH + 16}" text-anchor="middle">${esc(label)}</text>`);
  });
  parts.push(`<line class="axis" x1="${left}" y1="${top + plotH}" x2="${WIDTH - right}" y2="${top + plotH}"/>`);
  parts.push('</svg>');
  return parts.join('');
}
