import type { CellQueue } from './cell-queue.js';
import { Samples } from './samples.js';

/** One ticket's contribution, already reduced to what the KPIs need (NaN / -1 = unknown). */
export interface TicketFacts {
  solved: boolean;
  /** 1 no agent response, 0 one, -1 the export cannot say. */
  unreplied: number;
  frtMinutes: number;
  resolutionMinutes: number;
  agentReplies: number;
  reopens: number;
  escalated: number;
  /** 1 = resolved on first contact, 0 = not, -1 = unknown or not solved (by the report's FCR method). */
  fcr: number;
  /** SLA outcomes: 1 met, 0 breached, -1 or absent = not judged (still running, no target, unknown). */
  slaFirstResponse?: number;
  slaResolution?: number;
}

/**
 * A ticket's facts as a CellQueue row of 32 bytes: FRT, resolution and agent replies as doubles,
 * then one byte each for the reopens' sign (all `addTicket` reads of them), solved, unreplied,
 * escalated, FCR and the two SLA outcomes (Int8 values, as the ticket table holds them).
 */
export const TICKET_ROW_BYTES = 32;

export function packTicketFacts(queue: CellQueue, row: number, t: TicketFacts): void {
  const f = row * 4, b = row * TICKET_ROW_BYTES + 24;
  const f64 = queue.f64, i8 = queue.i8;
  f64[f] = t.frtMinutes;
  f64[f + 1] = t.resolutionMinutes;
  f64[f + 2] = t.agentReplies;
  // NaN (unknown) is below zero here as it is in `addTicket`.
  i8[b] = t.reopens > 0 ? 1 : t.reopens >= 0 ? 0 : -1;
  i8[b + 1] = t.solved ? 1 : 0;
  i8[b + 2] = t.unreplied;
  i8[b + 3] = t.escalated;
  i8[b + 4] = t.fcr;
  i8[b + 5] = t.slaFirstResponse ?? -1;
  i8[b + 6] = t.slaResolution ?? -1;
}

export function unpackTicketFacts(queue: CellQueue, row: number, t: TicketFacts): void {
  const f = row * 4, b = row * TICKET_ROW_BYTES + 24;
  const f64 = queue.f64, i8 = queue.i8;
  t.frtMinutes = f64[f];
  t.resolutionMinutes = f64[f + 1];
  t.agentReplies = f64[f + 2];
  t.reopens = i8[b];
  t.solved = i8[b + 1] === 1;
  t.unreplied = i8[b + 2];
  t.escalated = i8[b + 3];
  t.fcr = i8[b + 4];
  t.slaFirstResponse = i8[b + 5];
  t.slaResolution = i8[b + 6];
}

/**
 * A response's facts as a CellQueue row of 32 bytes: the CSAT score, NPS and CES as doubles, then
 * one byte each for employee, satisfied (-1 when not rated), offered-unanswered and CES agree.
 */
export const SURVEY_ROW_BYTES = 32;

export function packSurveyFacts(queue: CellQueue, row: number, s: SurveyFacts): void {
  const f = row * 4, b = row * SURVEY_ROW_BYTES + 24;
  const f64 = queue.f64, i8 = queue.i8;
  f64[f] = s.csatScore;
  f64[f + 1] = s.nps;
  f64[f + 2] = s.ces;
  i8[b] = s.employee ? 1 : 0;
  // `csatSatisfied` is 1, 0 or NaN (csatSatisfied in compute-report.ts).
  i8[b + 1] = s.csatSatisfied === 1 ? 1 : s.csatSatisfied === 0 ? 0 : -1;
  i8[b + 2] = s.csatOfferedUnanswered ? 1 : 0;
  i8[b + 3] = s.cesAgree;
}

export function unpackSurveyFacts(queue: CellQueue, row: number, s: SurveyFacts): void {
  const f = row * 4, b = row * SURVEY_ROW_BYTES + 24;
  const f64 = queue.f64, i8 = queue.i8;
  s.csatScore = f64[f];
  s.nps = f64[f + 1];
  s.ces = f64[f + 2];
  s.employee = i8[b] === 1;
  s.csatSatisfied = i8[b + 1] < 0 ? NaN : i8[b + 1];
  s.csatOfferedUnanswered = i8[b + 2] === 1;
  s.cesAgree = i8[b + 3];
}

/** One survey answer set, reduced: scores already on known scales (NaN = not answered). */
export interface SurveyFacts {
  employee: boolean;
  /** 1 satisfied, 0 not, NaN when not rated. */
  csatSatisfied: number;
  /** Score on its numeric scale; NaN for Good/Bad answers or no answer. */
  csatScore: number;
  csatOfferedUnanswered: boolean;
  nps: number;
  ces: number;
  cesAgree: number;
}

/**
 * Streaming state for one group × period: counters and duration samples. Every KPI in the
 * catalog is a function of this state. `merge` combines two partial states (workers, roll-ups).
 */
export class GroupAccumulator {
  tickets = 0;
  solved = 0;
  /** Tickets whose export says whether an agent responded, and those of them with no response. */
  responseKnown = 0;
  unreplied = 0;
  fcrKnown = 0;
  fcrYes = 0;
  reopenKnown = 0;
  reopened = 0;
  escalationKnown = 0;
  escalated = 0;
  repliesKnown = 0;
  repliesSum = 0;
  repliesSumSq = 0;
  slaFirstResponseJudged = 0;
  slaFirstResponseMet = 0;
  slaResolutionJudged = 0;
  slaResolutionMet = 0;
  readonly frt = new Samples();
  readonly resolution = new Samples();

  csatRated = 0;
  csatSatisfied = 0;
  csatOffered = 0;
  csatScoreN = 0;
  csatScoreSum = 0;
  csatScoreSumSq = 0;
  npsN = 0;
  npsPromoters = 0;
  npsDetractors = 0;
  enpsN = 0;
  enpsPromoters = 0;
  enpsDetractors = 0;
  cesN = 0;
  cesSum = 0;
  cesSumSq = 0;
  cesAgree = 0;

  addTicket(t: TicketFacts): void {
    this.tickets++;
    if (t.unreplied >= 0) {
      this.responseKnown++;
      this.unreplied += t.unreplied;
    }
    if (!Number.isNaN(t.frtMinutes)) this.frt.push(t.frtMinutes);
    if (!Number.isNaN(t.resolutionMinutes)) this.resolution.push(t.resolutionMinutes);
    if (t.escalated >= 0) {
      this.escalationKnown++;
      this.escalated += t.escalated;
    }
    if (t.slaFirstResponse !== undefined && t.slaFirstResponse >= 0) {
      this.slaFirstResponseJudged++;
      this.slaFirstResponseMet += t.slaFirstResponse;
    }
    if (t.slaResolution !== undefined && t.slaResolution >= 0) {
      this.slaResolutionJudged++;
      this.slaResolutionMet += t.slaResolution;
    }
    if (!t.solved) return;
    this.solved++;
    if (t.fcr >= 0) {
      this.fcrKnown++;
      this.fcrYes += t.fcr;
    }
    if (t.reopens >= 0) {
      this.reopenKnown++;
      if (t.reopens > 0) this.reopened++;
    }
    if (t.agentReplies >= 0) {
      this.repliesKnown++;
      this.repliesSum += t.agentReplies;
      this.repliesSumSq += t.agentReplies * t.agentReplies;
    }
  }

  /**
   * A ticket's sums only — its durations, and its replies and their squares — for a cell that
   * takes its counts and values from cells that hold each of its tickets once (`takeTickets`).
   * The sums are added here, in the tickets' order, because a sum of doubles depends on the order
   * (replies too: their squares, or a sum past 2^53, are not exact).
   */
  addTicketSums(t: TicketFacts): void {
    if (!Number.isNaN(t.frtMinutes)) this.frt.addToSum(t.frtMinutes);
    if (!Number.isNaN(t.resolutionMinutes)) this.resolution.addToSum(t.resolutionMinutes);
    if (t.solved && t.agentReplies >= 0) {
      this.repliesSum += t.agentReplies;
      this.repliesSumSq += t.agentReplies * t.agentReplies;
    }
  }

  /**
   * Add `other`'s ticket counts and duration values to this cell's, before either has a survey
   * (counts of tickets are small integers, the same in any order); the sums are this cell's own
   * (`addTicketSums`).
   */
  takeTickets(other: GroupAccumulator): void {
    for (const key of TAKEN) this[key] += other[key];
    this.frt.appendValues(other.frt);
    this.resolution.appendValues(other.resolution);
  }

  addSurvey(s: SurveyFacts): void {
    if (s.employee) {
      if (!Number.isNaN(s.nps)) {
        this.enpsN++;
        if (s.nps >= 9) this.enpsPromoters++;
        else if (s.nps <= 6) this.enpsDetractors++;
      }
      return;
    }
    if (!Number.isNaN(s.csatSatisfied)) {
      this.csatRated++;
      this.csatSatisfied += s.csatSatisfied;
    } else if (s.csatOfferedUnanswered) {
      this.csatOffered++;
    }
    if (!Number.isNaN(s.csatScore)) {
      this.csatScoreN++;
      this.csatScoreSum += s.csatScore;
      this.csatScoreSumSq += s.csatScore * s.csatScore;
    }
    if (!Number.isNaN(s.nps)) {
      this.npsN++;
      if (s.nps >= 9) this.npsPromoters++;
      else if (s.nps <= 6) this.npsDetractors++;
    }
    if (!Number.isNaN(s.ces)) {
      this.cesN++;
      this.cesSum += s.ces;
      this.cesSumSq += s.ces * s.ces;
      this.cesAgree += s.cesAgree;
    }
  }

  merge(other: GroupAccumulator): void {
    for (const key of COUNTERS) this[key] += other[key];
    this.frt.merge(other.frt);
    this.resolution.merge(other.resolution);
  }
}

type Counter = { [K in keyof GroupAccumulator]: GroupAccumulator[K] extends number ? K : never }[keyof GroupAccumulator];
/** The numeric fields, read once from a fresh instance so a new counter cannot be forgotten in `merge`. */
const COUNTERS = Object.entries(new GroupAccumulator())
  .filter(([, value]) => typeof value === 'number')
  .map(([key]) => key as Counter);
/** The counters `takeTickets` adds: all but the sums `addTicketSums` keeps in the tickets' order. */
const TAKEN = COUNTERS.filter((key) => key !== 'repliesSum' && key !== 'repliesSumSq');
