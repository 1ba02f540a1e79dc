import type { StringDictionary } from '../model/ticket-batch.js';
import type { CsatAnswer, SurveyResponse } from '../model/types.js';

/**
 * Survey responses of one block, column by column, for a worker thread to send: a ticket export's
 * rating column gives a response for most rows, and half a million response objects copied
 * between threads one by one cost more than reading their rows (bench/README.md). Texts are codes
 * into the worker's dictionary (which the main thread mirrors); answers, of which a file has a
 * few distinct ones, are sent once per block.
 */
export interface SurveyParts {
  size: number;
  ticketIds: (string | null)[];
  /** NaN: no time. */
  respondedAt: Float64Array;
  agents: Int32Array;
  teams: Int32Array;
  /** Index into `answers`, -1 none. */
  csat: Int32Array;
  answers: CsatAnswer[];
  /** 1 true, 0 false, -1 not known. */
  csatOffered: Int8Array;
  /** NaN: no answer. */
  nps: Float64Array;
  /** Index into `cesAnswers`, -1 none. */
  ces: Int32Array;
  cesAnswers: NonNullable<SurveyResponse['ces']>[];
  employee: Uint8Array;
  lines: Int32Array;
  /** 1 when the response carries `withTicket: true`. */
  withTicket: Uint8Array;
}

/** Encode responses read from one file (their `source.file`); texts go into `dictionary`. */
export function encodeSurveys(surveys: readonly SurveyResponse[], dictionary: StringDictionary): SurveyParts {
  const n = surveys.length;
  const parts: SurveyParts = {
    size: n, ticketIds: new Array<string | null>(n), respondedAt: new Float64Array(n), agents: new Int32Array(n), teams: new Int32Array(n),
    csat: new Int32Array(n), answers: [], csatOffered: new Int8Array(n), nps: new Float64Array(n), ces: new Int32Array(n), cesAnswers: [],
    employee: new Uint8Array(n), lines: new Int32Array(n), withTicket: new Uint8Array(n),
  };
  // Answers are shared objects (csat.ts, cesAnswer): one entry per distinct object.
  const answerIndex = new Map<CsatAnswer, number>();
  const cesIndex = new Map<NonNullable<SurveyResponse['ces']>, number>();
  for (let i = 0; i < n; i++) {
    const s = surveys[i];
    parts.ticketIds[i] = s.ticketId;
    parts.respondedAt[i] = s.respondedAt ?? NaN;
    parts.agents[i] = dictionary.code(s.agent);
    parts.teams[i] = dictionary.code(s.team);
    if (s.csat === null) parts.csat[i] = -1;
    else {
      let at = answerIndex.get(s.csat);
      if (at === undefined) answerIndex.set(s.csat, (at = parts.answers.push(s.csat) - 1));
      parts.csat[i] = at;
    }
    parts.csatOffered[i] = s.csatOffered === null ? -1 : s.csatOffered ? 1 : 0;
    parts.nps[i] = s.nps ?? NaN;
    if (s.ces === null) parts.ces[i] = -1;
    else {
      let at = cesIndex.get(s.ces);
      if (at === undefined) cesIndex.set(s.ces, (at = parts.cesAnswers.push(s.ces) - 1));
      parts.ces[i] = at;
    }
    parts.employee[i] = s.kind === 'employee' ? 1 : 0;
    parts.lines[i] = s.source.line;
    parts.withTicket[i] = s.withTicket === true ? 1 : 0;
  }
  return parts;
}

/** Response i of `parts` as the object it was, from `file`, its line moved by `shift`. */
export function decodeSurvey(parts: SurveyParts, i: number, dictionary: StringDictionary, file: string, shift: number): SurveyResponse {
  const respondedAt = parts.respondedAt[i];
  const nps = parts.nps[i];
  const survey: SurveyResponse = {
    ticketId: parts.ticketIds[i],
    respondedAt: respondedAt === respondedAt ? respondedAt : null,
    agent: dictionary.strings[parts.agents[i]],
    team: dictionary.strings[parts.teams[i]],
    csat: parts.csat[i] < 0 ? null : parts.answers[parts.csat[i]],
    csatOffered: parts.csatOffered[i] < 0 ? null : parts.csatOffered[i] === 1,
    nps: nps === nps ? nps : null,
    ces: parts.ces[i] < 0 ? null : parts.cesAnswers[parts.ces[i]],
    kind: parts.employee[i] === 1 ? 'employee' : 'customer',
    source: { file, line: parts.lines[i] + shift },
  };
  if (parts.withTicket[i] === 1) survey.withTicket = true;
  return survey;
}

/** The typed arrays' buffers, to transfer instead of copy. */
export function surveyBuffers(parts: SurveyParts): ArrayBuffer[] {
  return [parts.respondedAt, parts.agents, parts.teams, parts.csat, parts.csatOffered, parts.nps, parts.ces, parts.employee, parts.lines, parts.withTicket]
    .map((a) => a.buffer as ArrayBuffer);
}
