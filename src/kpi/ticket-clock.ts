import { UsageError } from '../errors.js';
import { BusinessCalendars, type BusinessCalendar, type BusinessHoursSpec } from '../time/business-calendar.js';
import { SLA_EXCLUDED, SLA_MET, evaluateSla, slaTarget, type Hours, type SlaOutcome, type SlaSpec, type SlaTargets } from '../time/sla.js';
import type { TicketTable } from './ticket-table.js';
import { compareCodePoints } from '../compare-text.js';

export interface TicketClockOptions {
  /** The clock FRT and resolution are reported in (`--hours`). */
  hours: Hours;
  businessHours?: BusinessHoursSpec;
  sla?: SlaSpec;
  /** `export`: use SLA outcomes the export states where it does; `recompute`: always use the targets. */
  slaMode: 'export' | 'recompute';
  /** The report's clock (`--now`), epoch ms: SLA targets of unfinished tickets are judged at this instant. */
  now: number;
}

/** Method notes for the KPI definitions, saying which clock and which source each value used. */
export interface ClockNotes {
  hours: Hours;
  /** Appended to duration KPIs' methods when they are in business minutes. */
  durationNote?: string;
  slaFirstResponseNote: string;
  slaResolutionNote: string;
}

/** Per-ticket durations in the report's clock and SLA outcomes (1 met, 0 breached, -1 not judged). */
export interface TicketClock {
  frtMinutes: Float64Array;
  resolutionMinutes: Float64Array;
  slaFirstResponse: Int8Array;
  slaResolution: Int8Array;
  notes: ClockNotes;
}

/** Whether a report reads business minutes: its durations (`--hours business`), or SLA targets on the business clock. */
export function needsBusinessMinutes(options: { hours?: Hours; sla?: SlaSpec }): boolean {
  const hours = options.hours ?? 'calendar';
  return hours === 'business' || (hasSlaTargets(options.sla) && (options.sla?.hours ?? hours) === 'business');
}

/** Whether the config sets SLA targets (without them an outcome is only what the export states). */
function hasSlaTargets(sla: SlaSpec | undefined): boolean {
  return sla?.firstResponseMinutes !== undefined || sla?.resolutionMinutes !== undefined;
}

/**
 * Durations and SLA outcomes for every ticket of the table. Business minutes come from the
 * config's calendars (a ticket's team calendar, else `default`; each compiled once per block of
 * time the data touches); where a ticket has no calendar or lacks the instants, from the export's
 * own business-hour durations. Pure: the clock is passed in.
 */
export function computeTicketClock(table: TicketTable, options: TicketClockOptions): TicketClock {
  const n = table.size;
  const calendars = new BusinessCalendars(options.businessHours);
  const sla = options.sla;
  const hasTargets = hasSlaTargets(sla);
  const slaHours: Hours = sla?.hours ?? options.hours;
  if (options.slaMode === 'recompute' && !hasTargets) {
    throw new UsageError('--sla recompute: the config has no SLA targets', {
      hint: 'add "sla": {"firstResponseMinutes": {...}, "resolutionMinutes": {...}} to the config, or drop --sla recompute',
    });
  }
  const needBusiness = needsBusinessMinutes(options);

  // Each calendar compiles the 32-day blocks of time its tickets touch, once each, on first use.
  const byTeam = new Map<number, BusinessCalendar | null>();
  const calendarOf = (i: number): BusinessCalendar | null => {
    const code = table.dims.team[i];
    let calendar = byTeam.get(code);
    if (calendar === undefined) {
      calendar = calendars.forTeam(code === 0 ? null : table.strings[code]);
      byTeam.set(code, calendar);
    }
    return calendar;
  };

  // Business-minute columns only when something reads them (a million tickets: 16 MB spared).
  const frtBusiness = needBusiness ? new Float64Array(n).fill(NaN) : new Float64Array(0);
  const resolutionBusiness = needBusiness ? new Float64Array(n).fill(NaN) : new Float64Array(0);
  let fromCalendar = 0, fromExport = 0, unknown = 0;
  if (needBusiness) {
    // Without a stated business-hours duration in the export the table keeps no such columns.
    const frtExport = table.businessExport ? table.frtBusinessMinutesExport : null;
    const resolutionExport = table.businessExport ? table.resolutionBusinessMinutesExport : null;
    for (let i = 0; i < n; i++) {
      const calendar = calendarOf(i);
      const created = table.createdAt[i];
      let used = false, usedExport = false;
      const business = (end: number, exported: number): number => {
        // A negative calendar duration was already reported (NEGATIVE_DURATION) and is dropped.
        if (calendar !== null && Number.isFinite(end) && end >= created) {
          used = true;
          return calendar.minutesBetween(created, end);
        }
        if (!Number.isNaN(exported)) usedExport = true;
        return exported;
      };
      frtBusiness[i] = business(table.firstResponseAt[i], frtExport === null ? NaN : frtExport[i]);
      resolutionBusiness[i] = business(table.solvedAt[i], resolutionExport === null ? NaN : resolutionExport[i]);
      if (used) fromCalendar++;
      else if (usedExport) fromExport++;
      else if (!Number.isNaN(table.frtMinutes[i]) || !Number.isNaN(table.resolutionMinutes[i])) unknown++;
    }
  }
  if (options.hours === 'business' && fromCalendar === 0 && fromExport === 0 && n > 0 && !calendars.any) {
    throw new UsageError('--hours business: the config has no business-hours calendar and the input has no business-hour durations', {
      hint: 'add "businessHours": {"default": {"timezone": …, "week": {…}}} to the config (see the README), or use --hours calendar',
    });
  }

  const business = options.hours === 'business';
  // Calendar minutes are the table's own columns (read only from here on; no copy).
  const frtMinutes = business ? frtBusiness : table.frtMinutes;
  const resolutionMinutes = business ? resolutionBusiness : table.resolutionMinutes;

  // SLA outcomes. Minutes from creation to now in the SLA clock are needed only for tickets still waiting.
  const elapsedNow = (i: number): number => {
    const created = table.createdAt[i];
    if (slaHours === 'calendar') return (options.now - created) / 60_000;
    const calendar = calendarOf(i);
    return calendar === null ? NaN : calendar.minutesBetween(created, options.now);
  };
  let slaFirstResponse: Int8Array, slaResolution: Int8Array;
  let statedFirst = 0, statedResolution = 0;
  const useExport = options.slaMode === 'export';
  if (!hasTargets) {
    // Without targets an outcome is what the export states, or none (`recompute` without targets
    // was refused above): the table's own columns, read only (a million tickets: no copy, no pass
    // deciding each one).
    slaFirstResponse = stillRunning(table.slaFirstResponseMet.subarray(0, n), table, true);
    slaResolution = stillRunning(table.slaResolutionMet.subarray(0, n), table, false);
    statedFirst = countStated(slaFirstResponse);
    statedResolution = countStated(slaResolution);
  } else {
    slaFirstResponse = new Int8Array(n).fill(SLA_EXCLUDED);
    slaResolution = new Int8Array(n).fill(SLA_EXCLUDED);
    for (let i = 0; i < n; i++) {
      const priorityCode = table.dims.priority[i];
      const priority = priorityCode === 0 ? null : table.strings[priorityCode];
      const frt = slaHours === 'business' ? frtBusiness[i] : table.frtMinutes[i];
      const resolution = slaHours === 'business' ? resolutionBusiness[i] : table.resolutionMinutes[i];
      if (useExport && table.slaFirstResponseMet[i] >= 0 && !runningMet(table.slaFirstResponseMet[i], table, i, true)) {
        slaFirstResponse[i] = table.slaFirstResponseMet[i] as SlaOutcome;
        statedFirst++;
      } else {
        const target = slaTarget(sla?.firstResponseMinutes, priority);
        // Solving a ticket without a reply fulfils its first-response target at the solved time.
        if (table.unreplied[i] === 0) slaFirstResponse[i] = evaluateSla(target, true, frt, NaN);
        else if (table.unreplied[i] > 0) slaFirstResponse[i] = evaluateSla(target, table.solved[i] === 1, resolution, table.solved[i] === 1 ? NaN : elapsedNow(i));
        else {
          // The export cannot say whether or when an agent answered: a solve within the target
          // meets it (any response came before the solve); otherwise the outcome is unknown.
          const bySolve = table.solved[i] === 1 ? evaluateSla(target, true, resolution, NaN) : SLA_EXCLUDED;
          slaFirstResponse[i] = bySolve === SLA_MET ? SLA_MET : SLA_EXCLUDED;
        }
      }
      if (useExport && table.slaResolutionMet[i] >= 0 && !runningMet(table.slaResolutionMet[i], table, i, false)) {
        slaResolution[i] = table.slaResolutionMet[i] as SlaOutcome;
        statedResolution++;
      } else {
        slaResolution[i] = evaluateSla(slaTarget(sla?.resolutionMinutes, priority), table.solved[i] === 1, resolution, table.solved[i] === 1 ? NaN : elapsedNow(i));
      }
    }
  }

  // Business-hour targets that no ticket can be judged against (no calendar, no business-hour
  // durations in the input, no outcome stated by the export): a config error, as `--hours
  // business` is without them, not a report whose SLA KPIs are silently empty (a CI gate passed).
  if (hasTargets && slaHours === 'business' && !calendars.any && fromExport === 0 && statedFirst === 0 && statedResolution === 0 && n > 0) {
    throw new UsageError('sla.hours "business": the config has no business-hours calendar and the input has no business-hour durations, so no SLA target can be judged', {
      hint: 'add "businessHours": {"default": {"timezone": …, "week": {…}}} to the config (see the README), or set "sla": {"hours": "calendar", …}',
    });
  }

  const notes: ClockNotes = {
    hours: options.hours,
    slaFirstResponseNote: slaNote(statedFirst, sla?.firstResponseMinutes, slaHours, options, calendars.any, 'first response'),
    slaResolutionNote: slaNote(statedResolution, sla?.resolutionMinutes, slaHours, options, calendars.any, 'solved'),
  };
  if (business) {
    const parts: string[] = [];
    if (calendars.any) parts.push(`in business minutes of the config's business-hours calendars (${calendarList(calendars)}; a team's own calendar, else default)`);
    else parts.push('in business minutes as the export states them (no business-hours calendar in the config)');
    if (calendars.any && fromExport > 0) parts.push(`the export's business-hour durations for ${fromExport} ticket${fromExport === 1 ? '' : 's'} without a calendar or times`);
    if (unknown > 0) parts.push(`${unknown} ticket${unknown === 1 ? '' : 's'} without a calendar or business-hour durations left out`);
    notes.durationNote = parts.join('; ');
  }
  return { frtMinutes, resolutionMinutes, slaFirstResponse, slaResolution, notes };
}

/** Outcomes stated (met or breached) in a column of them. */
/**
 * A stated "met" on a ticket whose clock still runs: an unsolved ticket for resolution, one
 * known to have no reply yet for first response. Exports write it while the target has not
 * passed (ServiceNow's `made_sla`, Zoho's `Not Violated`); it is not an outcome yet, so the
 * ticket is excluded, as one still inside its target (a stated breach stands).
 */
function runningMet(stated: number, table: TicketTable, i: number, firstResponse: boolean): boolean {
  if (stated !== SLA_MET || table.solved[i] === 1) return false;
  return firstResponse ? table.unreplied[i] === 1 : true;
}

/** Stated outcomes with running "met"s excluded (`runningMet`); the table's own column when there are none. */
function stillRunning(stated: Int8Array, table: TicketTable, firstResponse: boolean): Int8Array {
  let out = stated;
  for (let i = 0; i < stated.length; i++) {
    if (!runningMet(stated[i], table, i, firstResponse)) continue;
    if (out === stated) out = stated.slice();
    out[i] = SLA_EXCLUDED;
  }
  return out;
}

function countStated(outcomes: Int8Array): number {
  let stated = 0;
  for (let i = 0; i < outcomes.length; i++) if (outcomes[i] >= 0) stated++;
  return stated;
}

function calendarList(calendars: BusinessCalendars): string {
  const names: string[] = [];
  if (calendars.default !== null) names.push(`default ${calendars.default.zone.name}`);
  for (const [team, calendar] of [...calendars.teams].sort(([a], [b]) => compareCodePoints(a, b))) names.push(`${team} ${calendar.zone.name}`);
  return names.join(', ');
}

function targetList(targets: SlaTargets): string {
  return (['urgent', 'high', 'normal', 'low', 'default'] as const)
    .filter((p) => targets[p] !== undefined)
    .map((p) => `${p} ${targets[p]}`)
    .join(', ');
}

function slaNote(stated: number, targets: SlaTargets | undefined, hours: Hours, options: TicketClockOptions, anyCalendar: boolean, event: string): string {
  const parts: string[] = [];
  if (stated > 0) parts.push(`the outcome the export states (${stated} ticket${stated === 1 ? '' : 's'})`);
  if (targets !== undefined) {
    const now = new Date(options.now).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const clock = hours === 'business' ? `business minutes${anyCalendar ? '' : ' as the export states them (no business-hours calendar in the config)'}` : 'calendar minutes';
    parts.push(`${stated > 0 ? 'else ' : ''}${event} within the config's target in ${clock} (${targetList(targets)})${options.slaMode === 'recompute' ? ', recomputed for every ticket (--sla recompute)' : ''}; a ticket whose target had not passed at ${now} is still running and excluded`);
  }
  if (parts.length === 0) return 'no SLA targets in the config and no SLA outcome in the export, so no value';
  return parts.join('; ');
}
