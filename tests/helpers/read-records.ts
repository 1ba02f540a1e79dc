import { readInputs, type InputInfo } from '../../src/ingest/read-inputs.js';
import { IssueLog } from '../../src/model/issue-log.js';
import type { SurveyResponse, Ticket } from '../../src/model/types.js';
import { getZone } from '../../src/time/zone.js';

/** Read files through the ingest (detection, presets) and collect what comes out. */
export async function readRecords(files: string[], options: { source?: string; dateOrder?: 'dmy' | 'mdy'; inputZone?: string } = {}) {
  const log = new IssueLog();
  const tickets: Ticket[] = [];
  const surveys: SurveyResponse[] = [];
  const infos: InputInfo[] = await readInputs(files.map((file) => ({ file })), {
    inputZone: getZone(options.inputZone ?? 'UTC'), source: options.source, dateOrder: options.dateOrder, log,
  }, { ticket: (t) => tickets.push(t), survey: (s) => surveys.push(s) });
  const byId = new Map<string, Ticket>();
  for (const t of tickets) byId.set(t.id, t);
  return { log, tickets, surveys, infos, byId };
}
