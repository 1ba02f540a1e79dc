import { quantileSorted } from '../stats/quantile.js';
import type { GroupAccumulator } from './accumulator.js';

export type KpiUnit = 'count' | 'pct' | 'score' | 'nps' | 'minutes';
export type Direction = 'higher' | 'lower';
export type FcrMethod = 'flag' | 'one-touch' | 'customer-messages';

/** What the data said about methods and scales; fixed once per report. */
export interface MethodContext {
  fcrMethod: FcrMethod | null;
  /** CSAT scale in points (3, 5, 7, 10), 'good-bad', 'mixed', or null when there are no ratings. */
  csatScale: number | 'good-bad' | 'mixed' | null;
  /** Points of the numeric CSAT scale in use (configured or detected), also when mixed with Good/Bad. */
  csatPoints: number;
  /** Labels read as not satisfied because the answers show their 7-label scale (csat.ts SEVEN_LABEL_SCALES). */
  csatSevenLabelMiddles?: readonly string[];
  cesScale: number;
  /** CES answers were on a legacy effort scale and are inverted (config `ces.effort`). */
  cesEffort?: boolean;
  /** No data read (`teamkpi metrics`): methods chosen from the data are described, not named. */
  catalog?: boolean;
  /** The data says which surveys were offered but not answered (so a response rate exists). */
  offeredKnown: boolean;
  /** The clock durations are reported in (`--hours`); absent = calendar. */
  hours?: 'calendar' | 'business';
  /** How business minutes were obtained, appended to duration methods (see `methodText`). */
  durationNote?: string;
  /** Where SLA outcomes came from: the export's statement and/or the config's targets. */
  slaFirstResponseNote?: string;
  slaResolutionNote?: string;
}

/**
 * What a value was computed from, so intervals and significance tests can be added without
 * knowing any formula: a proportion (x of n), an NPS mix, a mean, or sorted samples with the
 * quantile taken.
 */
export type KpiBasis =
  | { type: 'count' }
  | { type: 'proportion'; x: number; n: number }
  | { type: 'nps'; promoters: number; detractors: number; n: number }
  | { type: 'mean'; sum: number; sumSq: number; n: number }
  | { type: 'quantile'; sorted: Float64Array; p: number }
  | { type: 'sample-mean'; sorted: Float64Array };

export interface KpiResult {
  value: number | null;
  n: number;
  basis: KpiBasis;
}

export interface KpiDefinition {
  id: string;
  label: string;
  unit: KpiUnit;
  direction: Direction;
  /** One line that says exactly how the value is computed, with the method chosen for this data. */
  method(ctx: MethodContext): string;
  compute(acc: GroupAccumulator, ctx: MethodContext): KpiResult;
}

const COUNT: KpiBasis = { type: 'count' };

function count(value: number): KpiResult {
  return { value, n: value, basis: COUNT };
}

function pct(x: number, n: number): KpiResult {
  return { value: n === 0 ? null : (x / n) * 100, n, basis: { type: 'proportion', x, n } };
}

function netScore(promoters: number, detractors: number, n: number): KpiResult {
  return { value: n === 0 ? null : ((promoters - detractors) / n) * 100, n, basis: { type: 'nps', promoters, detractors, n } };
}

function mean(sum: number, sumSq: number, n: number): KpiResult {
  return { value: n === 0 ? null : sum / n, n, basis: { type: 'mean', sum, sumSq, n } };
}

function quantile(samples: { sorted(): Float64Array; length: number }, p: number): KpiResult {
  const sorted = samples.sorted();
  return { value: quantileSorted(sorted, p), n: sorted.length, basis: { type: 'quantile', sorted, p } };
}

function sampleMean(samples: { sorted(): Float64Array; sum(): number; length: number }): KpiResult {
  const n = samples.length;
  return { value: n === 0 ? null : samples.sum() / n, n, basis: { type: 'sample-mean', sorted: samples.sorted() } };
}

/** The labels read on their 7-label scale, where the answers show it. */
function sevenLabelNote(middles: readonly string[] | undefined): string {
  if (middles === undefined || middles.length === 0) return '';
  return ` (7 labels: ${middles.map((m) => `"${m}"`).join(', ')} is 5 of 7, not satisfied)`;
}

function csatRule(scale: MethodContext['csatScale']): string {
  switch (scale) {
    case 'good-bad': return 'Good ÷ (Good + Bad)';
    case 2: return '2 of 2';
    case 3: return '3 of 3';
    case 5: return 'top-2 of 5 (4–5; 3 is not satisfied)';
    case 7: return 'top-2 of 7 (6–7)';
    case 10: return 'top-3 of 10 (8–10)';
    case 'mixed': return 'Good, or top box of each numeric scale (4–5 of 5, 6–7 of 7, 8–10 of 10)';
    default: return 'top-2 of 5 (4–5), Good/Bad, 6–7 of 7, 8–10 of 10 — no ratings in the data';
  }
}

/** Where SLA outcomes come from, as `metrics` describes it before any data is read. */
const SLA_CATALOG = "the export's stated outcome where a ticket has one, else the config's per-priority targets (calendar or business hours)";

const FCR_METHODS: Record<FcrMethod, string> = {
  flag: 'flag: the export states first contact resolution',
  'one-touch': 'one-touch: solved with ≤ 1 agent reply and no reopen',
  'customer-messages': "customer-messages: solved with only the customer's first message (exactly 1 customer message)",
};

/**
 * The single definition of every KPI (DESIGN §4). Formatters, `metrics`, the JSON `definitions`
 * block and threshold validation all read this list.
 */
export const KPIS: readonly KpiDefinition[] = [
  {
    id: 'tickets', label: 'Tickets', unit: 'count', direction: 'higher',
    method: () => 'tickets in the window (by the date basis)',
    compute: (a) => count(a.tickets),
  },
  {
    id: 'solved', label: 'Solved', unit: 'count', direction: 'higher',
    method: () => 'tickets with status solved/closed or a solved time',
    compute: (a) => count(a.solved),
  },
  {
    id: 'open', label: 'Open', unit: 'count', direction: 'lower',
    method: () => 'tickets in the window not solved at export time',
    compute: (a) => count(a.tickets - a.solved),
  },
  {
    id: 'csat_pct', label: 'CSAT %', unit: 'pct', direction: 'higher',
    method: (c) => `satisfied ÷ rated × 100; satisfied = ${csatRule(c.csatScale)}${sevenLabelNote(c.csatSevenLabelMiddles)}; offered-but-unanswered excluded`,
    compute: (a) => pct(a.csatSatisfied, a.csatRated),
  },
  {
    id: 'csat_mean', label: 'CSAT mean', unit: 'score', direction: 'higher',
    method: (c) => `mean CSAT score on its own scale${typeof c.csatScale === 'number' ? ` (1–${c.csatScale})` : ''}; Good/Bad ratings have no mean`,
    compute: (a) => mean(a.csatScoreSum, a.csatScoreSumSq, a.csatScoreN),
  },
  {
    id: 'csat_response_rate_pct', label: 'CSAT response %', unit: 'pct', direction: 'higher',
    method: (c) => c.offeredKnown
      ? 'rated ÷ (rated + offered-but-unanswered) × 100'
      : 'rated ÷ (rated + offered-but-unanswered) × 100 — the data does not say which surveys were offered, so no value',
    compute: (a, c) => (c.offeredKnown ? pct(a.csatRated, a.csatRated + a.csatOffered) : { value: null, n: 0, basis: { type: 'proportion', x: 0, n: 0 } }),
  },
  {
    id: 'nps', label: 'NPS', unit: 'nps', direction: 'higher',
    method: () => '% promoters (9–10) − % detractors (0–6) over customer NPS answers (Bain), −100…100',
    compute: (a) => netScore(a.npsPromoters, a.npsDetractors, a.npsN),
  },
  {
    id: 'enps', label: 'eNPS', unit: 'nps', direction: 'higher',
    method: () => '% promoters (9–10) − % detractors (0–6) over employee-survey answers, −100…100',
    compute: (a) => netScore(a.enpsPromoters, a.enpsDetractors, a.enpsN),
  },
  {
    id: 'ces_mean', label: 'CES mean', unit: 'score', direction: 'higher',
    method: (c) => `mean effort score, 1–${c.cesScale} ${c.cesEffort === true ? `effort scale inverted (${c.cesScale + 1} − answer)` : 'agree scale'}, higher = easier`,
    compute: (a) => mean(a.cesSum, a.cesSumSq, a.cesN),
  },
  {
    id: 'ces_agree_pct', label: 'CES agree %', unit: 'pct', direction: 'higher',
    method: (c) => `answers ≥ ${c.cesScale === 5 ? '4 of 5' : `5 of ${c.cesScale}`}${c.cesEffort === true ? ' after inversion (effort answers ≤ ' + (c.cesScale === 5 ? 2 : 3) + ')' : ''} ÷ answers × 100`,
    compute: (a) => pct(a.cesAgree, a.cesN),
  },
  {
    id: 'fcr_pct', label: 'FCR %', unit: 'pct', direction: 'higher',
    method: (c) => `first-contact-resolved ÷ solved tickets × 100; method ${c.catalog === true ? `the first the data supports: ${Object.values(FCR_METHODS).join('; ')}` : c.fcrMethod === null ? 'none (the data has no FCR flag, agent replies or customer messages)' : FCR_METHODS[c.fcrMethod]}`,
    compute: (a) => pct(a.fcrYes, a.fcrKnown),
  },
  {
    id: 'reopen_rate_pct', label: 'Reopen %', unit: 'pct', direction: 'lower',
    method: () => 'solved tickets reopened at least once ÷ solved tickets × 100',
    compute: (a) => pct(a.reopened, a.reopenKnown),
  },
  {
    id: 'escalation_rate_pct', label: 'Escalation %', unit: 'pct', direction: 'lower',
    method: () => 'escalated tickets ÷ tickets × 100 (escalated flag, else group stations > 1)',
    compute: (a) => pct(a.escalated, a.escalationKnown),
  },
  {
    id: 'frt_median_minutes', label: 'FRT median', unit: 'minutes', direction: 'lower',
    method: () => 'median minutes from created to first agent response (R-7; unreplied tickets excluded)',
    compute: (a) => quantile(a.frt, 0.5),
  },
  {
    id: 'frt_p90_minutes', label: 'FRT p90', unit: 'minutes', direction: 'lower',
    method: () => '90th percentile of minutes from created to first agent response (R-7 interpolation)',
    compute: (a) => quantile(a.frt, 0.9),
  },
  {
    id: 'frt_mean_minutes', label: 'FRT mean', unit: 'minutes', direction: 'lower',
    method: () => 'mean minutes from created to first agent response',
    compute: (a) => sampleMean(a.frt),
  },
  {
    id: 'resolution_median_minutes', label: 'Resolution median', unit: 'minutes', direction: 'lower',
    method: () => 'median minutes from created to (latest) solved (R-7)',
    compute: (a) => quantile(a.resolution, 0.5),
  },
  {
    id: 'resolution_p90_minutes', label: 'Resolution p90', unit: 'minutes', direction: 'lower',
    method: () => '90th percentile of minutes from created to (latest) solved (R-7 interpolation)',
    compute: (a) => quantile(a.resolution, 0.9),
  },
  {
    id: 'resolution_mean_minutes', label: 'Resolution mean', unit: 'minutes', direction: 'lower',
    method: () => 'mean minutes from created to (latest) solved',
    compute: (a) => sampleMean(a.resolution),
  },
  {
    id: 'sla_first_response_pct', label: 'SLA first response %', unit: 'pct', direction: 'higher',
    method: (c) => `tickets whose first response met its SLA target ÷ (met + breached) × 100; met = ${c.slaFirstResponseNote ?? (c.catalog === true ? SLA_CATALOG : 'no SLA data')}`,
    compute: (a) => pct(a.slaFirstResponseMet, a.slaFirstResponseJudged),
  },
  {
    id: 'sla_resolution_pct', label: 'SLA resolution %', unit: 'pct', direction: 'higher',
    method: (c) => `tickets solved within their SLA target ÷ (met + breached) × 100; met = ${c.slaResolutionNote ?? (c.catalog === true ? SLA_CATALOG : 'no SLA data')}`,
    compute: (a) => pct(a.slaResolutionMet, a.slaResolutionJudged),
  },
  {
    id: 'replies_mean', label: 'Replies/solved', unit: 'score', direction: 'lower',
    method: () => 'agent replies per solved ticket (mean)',
    compute: (a) => mean(a.repliesSum, a.repliesSumSq, a.repliesKnown),
  },
  {
    id: 'unreplied', label: 'Unreplied', unit: 'count', direction: 'lower',
    method: () => 'tickets with no agent response (null when none of the tickets comes from an export with a first-response time, duration or reply count)',
    // No tickets: none unreplied (0, as the other counts); tickets whose exports cannot say: unknown.
    compute: (a) => (a.tickets > 0 && a.responseKnown === 0 ? { value: null, n: 0, basis: COUNT } : count(a.unreplied)),
  },
];

export const KPI_IDS: readonly string[] = KPIS.map((k) => k.id);
/** The KPIs that are counts (`unit: 'count'`): they have no minimum sample. */
export const COUNT_IDS: readonly string[] = KPIS.filter((k) => k.unit === 'count').map((k) => k.id);

export function findKpi(id: string): KpiDefinition | undefined {
  return KPIS.find((k) => k.id === id);
}

/** A KPI's method for this report: its own text, plus the business-hours note for durations. */
export function methodText(kpi: KpiDefinition, ctx: MethodContext): string {
  const text = kpi.method(ctx);
  return kpi.unit === 'minutes' && ctx.hours === 'business' && ctx.durationNote !== undefined ? `${text}; ${ctx.durationNote}` : text;
}
