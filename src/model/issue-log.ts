import type { InputSummary, IssueCode, RowIssue } from './types.js';

/** How many issues are kept in full (for JSON and the terminal); the rest are counted. */
export const ISSUES_KEPT = 200;

/**
 * Collects row issues and per-input row accounting: every input row ends up used, skipped with a
 * reason, or counted as a duplicate.
 */
export class IssueLog {
  readonly issues: RowIssue[] = [];
  truncated = 0;
  readonly byCode = new Map<IssueCode, number>();
  readonly inputs: InputSummary[] = [];
  private readonly inputsByFile = new Map<string, InputSummary>();
  /** Per file: canonical field (`solvedAt`) → the header it was read from, for issues found after reading. */
  private readonly headersByFile = new Map<string, Readonly<Record<string, string>>>();

  /**
   * The first issue by file (in the order read) and line, listed or not: what `--strict` names
   * first. Issues found after reading (an answer outside its file's scale) come last in the list,
   * and past ISSUES_KEPT are not in it.
   */
  earliest: RowIssue | null = null;

  readonly report = (issue: RowIssue): void => {
    this.byCode.set(issue.code, (this.byCode.get(issue.code) ?? 0) + 1);
    if (this.earliest === null || this.compareIssues(issue, this.earliest) < 0) this.earliest = issue;
    if (this.issues.length < ISSUES_KEPT) this.issues.push(issue);
    else this.truncated++;
  };

  get total(): number {
    return this.issues.length + this.truncated;
  }

  /** Order of issues by file (in the order read; a file not added yet after them) and line. */
  compareIssues(a: RowIssue, b: RowIssue): number {
    const order = (file: string): number => this.fileOrder.get(file) ?? this.fileOrder.size;
    return order(a.file) - order(b.file) || a.line - b.line;
  }

  private readonly fileOrder = new Map<string, number>();

  addInput(summary: InputSummary): void {
    if (!this.fileOrder.has(summary.file)) this.fileOrder.set(summary.file, this.fileOrder.size);
    this.inputs.push(summary);
    this.inputsByFile.set(summary.file, summary);
  }

  /** Which header each canonical field of `file` was read from (the reader says, once per file). */
  setHeaders(file: string, mapping: Readonly<Record<string, string>>): void {
    this.headersByFile.set(file, mapping);
  }

  /**
   * The column an issue about `file` names: the header the first of `fields` it has was read from,
   * else the generic format's name for the first (`solvedAt` → `solved_at`), what the file needs.
   */
  columnOf(file: string, ...fields: string[]): string {
    const headers = this.headersByFile.get(file);
    for (const field of fields) {
      const header = headers?.[field];
      if (header !== undefined) return header;
    }
    return fields[0].replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  }

  /** A row that was read as used turned out to hold nothing the report can use (every answer outside its scale). */
  markSkipped(file: string): void {
    this.moveUsedRow(file, 'rowsSkipped');
  }

  /** A row that was read as used turned out to repeat an earlier one (or to be superseded by a later one). */
  markDuplicate(file: string): void {
    this.moveUsedRow(file, 'rowsDuplicate');
  }

  private moveUsedRow(file: string, to: 'rowsSkipped' | 'rowsDuplicate'): void {
    const input = this.inputsByFile.get(file);
    if (input === undefined) return;
    input.rowsUsed--;
    input[to]++;
  }
}
