import { ReportBuilder, type ReportOptions } from '../../src/kpi/compute-report.js';
import { KPIS } from '../../src/kpi/catalog.js';
import { IssueLog } from '../../src/model/issue-log.js';
import type { Report } from '../../src/model/report.js';
import type { SurveyResponse, Ticket } from '../../src/model/types.js';
import { getZone } from '../../src/time/zone.js';

let line = 1;
const T0 = Date.UTC(2026, 10, 16, 9, 0, 0); // Monday 2026-11-16 09:00 UTC

/** A ticket with every field unknown except what the test sets (minutes are relative to T0). */
export function ticket(fields: Partial<Ticket> & { id: string }): Ticket {
  return {
    createdAt: T0, agent: null, team: null, channel: null, priority: null, status: null, type: null, tags: [],
    category: null, firstResponseAt: null, solvedAt: null, updatedAt: null, firstResponseMinutes: null,
    resolutionMinutes: null, firstResponseBusinessMinutes: null, resolutionBusinessMinutes: null, agentReplies: null,
    customerMessages: null, reopens: null, escalated: null, groupStations: null, assigneeStations: null, fcrFlag: null,
    slaFirstResponseMet: null, slaResolutionMet: null, firstResponseInvalid: false,
    source: { file: 'tickets.csv', line: ++line },
    ...fields,
  };
}

/** `minutes` after the fixed ticket creation time T0. */
export const at = (minutes: number): number => T0 + minutes * 60_000;

export function survey(fields: Partial<SurveyResponse>): SurveyResponse {
  return {
    ticketId: null, respondedAt: null, agent: null, team: null, csat: null, csatOffered: null, nps: null, ces: null,
    kind: 'customer', source: { file: 'surveys.csv', line: ++line }, ...fields,
  };
}

export const csat = (score: number) => ({ raw: String(score), score, scale: null });

/** Build a report from in-memory records (no files): all KPIs, period all, UTC, no window. */
export function build(tickets: Ticket[], surveys: SurveyResponse[] = [], options: Partial<ReportOptions> = {}): { report: Report; log: IssueLog } {
  const log = new IssueLog();
  for (const file of ['tickets.csv', 'surveys.csv']) {
    const count = file === 'tickets.csv' ? tickets.length : surveys.length;
    log.addInput({ file, kind: file === 'tickets.csv' ? 'tickets' : 'surveys', source: 'generic', rowsRead: count, rowsUsed: count, rowsSkipped: 0, rowsDuplicate: 0 });
  }
  const builder = new ReportBuilder({
    zone: getZone('UTC'), groupBy: [], period: 'all', window: { from: null, to: null }, dateBasis: 'created', where: [],
    kpis: [...KPIS], minSample: 20, generatedAt: '2026-11-23T07:00:00Z', version: 'test', ...options,
  }, log);
  tickets.forEach(builder.addTicket);
  surveys.forEach(builder.addSurvey);
  return { report: builder.finish(), log };
}

/** The overall row's KPI values (`{value, n}`) keyed by id. */
export function overall(report: Report, period: string | null = null) {
  const row = report.rows.find((r) => Object.keys(r.group).length === 0 && r.period === period);
  if (row === undefined) throw new Error(`no overall row for ${period}`);
  return row.kpis;
}
