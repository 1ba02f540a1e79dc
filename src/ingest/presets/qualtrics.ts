import { Columns } from '../columns.js';
import { CSAT_WORDS } from '../csat.js';
import type { Preset } from '../preset.js';
import { QUESTION, scoreReader, surveyMapper } from '../survey-mapper.js';
import { readers, type Read } from '../ticket-mapper.js';
import { normalizeHeader } from '../values.js';
import { getZone, isValidZone } from '../../time/zone.js';

const GROUPS: Record<string, number> = { '1': 1, '2': 2, '3': 3, detractor: 1, passive: 2, promoter: 3 };

/**
 * Qualtrics CSV export: three header rows — ids (`StartDate`, `RecordedDate`, `ResponseId`,
 * `Q1`, `Q2_NPS_GROUP` …), question texts, then ImportId JSON (which also names the time zone
 * of the date columns). The NPS question is the one with a `<id>_NPS_GROUP` column (else a
 * "recommend" question); the group is cross-checked against the score and a mismatch is an
 * `INVALID_VALUE` issue (the score is used). CSAT and CES questions are found by their text.
 * `ExternalReference` (or an embedded field naming a ticket id) links a response to a ticket.
 */
export const qualtricsPreset: Preset = {
  name: 'qualtrics',
  kinds: ['surveys'],
  title: 'Qualtrics CSV export (3 header rows)',
  headerRows: 3,
  confidence: () => 0.95,
  detect(header) {
    const names = new Set(header.map(normalizeHeader));
    return names.has('responseid') && (names.has('recordeddate') || names.has('startdate')) ? 'surveys' : null;
  },
  compile(header, _kind, ctx) {
    const texts = ctx.extraHeaders?.[0] ?? [];
    const imports = ctx.extraHeaders?.[1] ?? [];
    const c = new Columns(header, ctx);
    const r = readers(c);
    const groupCol = header.findIndex((h) => /_NPS_GROUP$/i.test(h));
    let nps = groupCol >= 0 ? header.indexOf(header[groupCol].replace(/_NPS_GROUP$/i, '')) : -1;
    const byText = (re: RegExp): number => header.findIndex((h, i) => re.test(texts[i] ?? '') && !/_TEXT$|_NPS_GROUP$/i.test(h));
    if (nps < 0) nps = byText(QUESTION.nps);
    const csat = byText(QUESTION.csat);
    const ces = byText(QUESTION.ces);
    if (nps < 0 && csat < 0 && ces < 0) c.missing('surveys', 'a recommend (NPS), satisfaction (CSAT) or ease (CES) question');
    for (const [field, col] of [['nps', nps], ['csat', csat], ['ces', ces]] as const) if (col >= 0) c.mapping[field] = header[col];
    if (groupCol >= 0) c.mapping['nps (group, cross-checked)'] = header[groupCol];
    const employee = nps >= 0 && QUESTION.employee.test(texts[nps] ?? '');
    const recorded = c.bindDate('respondedAt', 'RecordedDate', 'EndDate');
    const zone = recorded < 0 ? null : /"timeZone"\s*:\s*"([^"]+)"/.exec(imports[recorded] ?? '')?.[1] ?? null;
    if (zone !== null && isValidZone(zone)) c.setZone(recorded, getZone(zone));
    const ticketCol = c.bind('ticketId', 'ticket_id', 'TicketId', 'Ticket ID', 'ExternalReference', 'ExternalDataReference');
    const score = scoreReader(c, nps, 0, 10, 'NPS score');
    const checkedNps: Read<number | null> = (rec, line) => {
      const s = score(rec, line);
      const g = c.text(rec, groupCol);
      if (s === null || g === null) return s;
      const group = GROUPS[g.toLowerCase()];
      const expected = s >= 9 ? 3 : s >= 7 ? 2 : 1;
      if (group !== undefined && group !== expected) {
        const names = ['', 'detractor', 'passive', 'promoter'];
        c.issue('INVALID_VALUE', line, groupCol, g, `${header[groupCol]} says ${names[group]} but the score ${s} is a ${names[expected]} (0–6 detractor, 7–8 passive, 9–10 promoter); the score is used`);
      }
      return s;
    };
    return surveyMapper(c, ctx, {
      answerCol: nps >= 0 ? nps : csat >= 0 ? csat : ces,
      ticketId: r.text(ticketCol),
      respondedAt: r.date(recorded),
      agent: r.text(c.bind('agent', 'Agent', 'agent_name')),
      team: r.text(c.bind('team', 'Team')),
      nps: checkedNps,
      csat: r.csat(csat, CSAT_WORDS),
      ces: scoreReader(c, ces, 1, 7, 'CES score'),
      employee: () => employee,
    });
  },
};
