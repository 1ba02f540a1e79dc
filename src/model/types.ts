/** Domain types shared by every layer. Instants are epoch milliseconds (UTC); durations are minutes. */

export type Priority = 'low' | 'normal' | 'high' | 'urgent';
export type Status = 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed' | 'other';
export type InputKind = 'tickets' | 'surveys';

/** Where a record came from: file name as given by the user and 1-based line where the record starts. */
export interface SourceRef {
  file: string;
  line: number;
}

export interface Ticket {
  id: string;
  createdAt: number;
  agent: string | null;
  team: string | null;
  channel: string | null;
  priority: Priority | null;
  status: Status | null;
  type: string | null;
  tags: string[];
  category: string | null;
  firstResponseAt: number | null;
  solvedAt: number | null;
  /** Latest update time when the export gives one; used to pick the newest of duplicate rows. */
  updatedAt: number | null;
  firstResponseMinutes: number | null;
  resolutionMinutes: number | null;
  firstResponseBusinessMinutes: number | null;
  resolutionBusinessMinutes: number | null;
  agentReplies: number | null;
  customerMessages: number | null;
  reopens: number | null;
  escalated: boolean | null;
  groupStations: number | null;
  assigneeStations: number | null;
  fcrFlag: boolean | null;
  slaFirstResponseMet: boolean | null;
  slaResolutionMet: boolean | null;
  /** Solved, says the export, without a time (a solved date beside a stated resolution time); absent: unknown. */
  markedSolved?: boolean | null;
  /** True when the first-response cell held a value that could not be read (so "no response" is unknown). */
  firstResponseInvalid: boolean;
  source: SourceRef;
}

/** A CSAT answer: a number on a scale, or a Good/Bad rating (score 1/0, scale 'good-bad'). */
export interface CsatAnswer {
  raw: string;
  score: number;
  /** Points on the scale (3, 5, 7, 10), 'good-bad', or null while still to be detected from the column. */
  scale: number | 'good-bad' | null;
}

export interface SurveyResponse {
  ticketId: string | null;
  respondedAt: number | null;
  agent: string | null;
  team: string | null;
  csat: CsatAnswer | null;
  /** Survey was sent (offered). True with no `csat` answer = offered but unanswered. */
  csatOffered: boolean | null;
  nps: number | null;
  ces: { score: number; scale: number | null } | null;
  kind: 'customer' | 'employee';
  source: SourceRef;
  /** Read from a row that also gave a ticket (a ticket export's rating column): the row's accounting is the ticket's. */
  withTicket?: boolean;
}

export type IssueCode =
  | 'INVALID_DATE'
  | 'INVALID_NUMBER'
  | 'INVALID_BOOLEAN'
  | 'INVALID_VALUE'
  | 'OUT_OF_RANGE'
  | 'MISSING_VALUE'
  | 'NEGATIVE_DURATION'
  | 'DUPLICATE_TICKET'
  | 'DUPLICATE_SURVEY'
  | 'RAGGED_ROW'
  | 'STRAY_QUOTE'
  | 'REPEATED_HEADER'
  | 'NO_DATE'
  | 'UNKNOWN_VALUE'
  | 'LONG_DURATION'
  | 'SCALE_AMBIGUOUS'
  | 'DATE_ORDER_ASSUMED';

/** A problem with one row or value. The row or the value is skipped and counted. */
export interface RowIssue {
  code: IssueCode;
  file: string;
  line: number;
  column: string | null;
  value: string | null;
  message: string;
}

export interface InputSummary {
  file: string;
  kind: InputKind;
  source: string;
  rowsRead: number;
  rowsUsed: number;
  rowsSkipped: number;
  /** Rows that repeat an earlier ticket id (only the newest is kept). */
  rowsDuplicate: number;
  /** Encoding the file was read in (e.g. `UTF-8`, `Windows-1252 (not valid UTF-8)`). */
  encoding?: string;
}
