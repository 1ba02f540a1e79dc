import { InputError, UsageError } from '../errors.js';
import type { IssueLog } from '../model/issue-log.js';
import type { InputKind, SurveyResponse, Ticket } from '../model/types.js';
import type { Zone } from '../time/zone.js';
import type { Preset } from './preset.js';
import { PRESETS, findPreset } from './presets/index.js';
import { readCsv } from './read-csv.js';

export interface InputSpec {
  file: string;
  /** Forced by `--tickets`/`--surveys`; otherwise detected from the headers. */
  kind?: InputKind;
}

export interface ReadOptions {
  inputZone: Zone;
  /** Preset name from `--source`; detected per file when absent. */
  source?: string;
  log: IssueLog;
  stdin?: NodeJS.ReadableStream;
}

export interface RecordSink {
  ticket(ticket: Ticket): void;
  survey(survey: SurveyResponse): void;
}

/** Stream every input file into the sink, batch by batch, accounting for every row in `log`. */
export async function readInputs(inputs: InputSpec[], options: ReadOptions, sink: RecordSink): Promise<void> {
  for (const input of inputs) await readInput(input, options, sink);
}

async function readInput(input: InputSpec, options: ReadOptions, sink: RecordSink): Promise<void> {
  const csv = await readCsv(input.file, options.stdin);
  const { preset, kind } = choosePreset(input, csv.header, options.source);
  const mapper = preset.compile(csv.header, kind, { file: input.file, inputZone: options.inputZone, report: options.log.report });
  const summary = { file: input.file, kind, source: preset.name, rowsRead: 0, rowsUsed: 0, rowsSkipped: 0, rowsDuplicate: 0 };
  options.log.addInput(summary);
  const width = csv.header.length;
  for await (const batch of csv.batches) {
    const { records, lines } = batch;
    for (let i = 0; i < records.length; i++) {
      const record = records[i];
      summary.rowsRead++;
      if (record.length !== width) {
        options.log.report({
          code: 'RAGGED_ROW', file: input.file, line: lines[i], column: null, value: null,
          message: `the row has ${record.length} fields but the header has ${width}; the row is skipped (check for an unquoted delimiter or a truncated line)`,
        });
        summary.rowsSkipped++;
        continue;
      }
      const row = mapper.map(record, lines[i]);
      if (row.skipped) {
        summary.rowsSkipped++;
        continue;
      }
      summary.rowsUsed++;
      if (row.ticket !== null) sink.ticket(row.ticket);
      for (const survey of row.surveys) sink.survey(survey);
    }
  }
}

function choosePreset(input: InputSpec, header: string[], source: string | undefined): { preset: Preset; kind: InputKind } {
  if (source !== undefined) {
    const preset = findPreset(source);
    if (preset === undefined) {
      throw new UsageError(`unknown source "${source}"`, { hint: `valid sources: ${PRESETS.map((p) => p.name).join(', ')}` });
    }
    const kind = input.kind ?? preset.detect(header);
    if (kind === null) throw undetectable(input.file, header, `as ${source}`);
    return { preset, kind };
  }
  for (const preset of PRESETS) {
    const kind = preset.detect(header);
    if (kind !== null) return { preset, kind: input.kind ?? kind };
  }
  if (input.kind !== undefined) return { preset: PRESETS[PRESETS.length - 1], kind: input.kind };
  throw undetectable(input.file, header, '');
}

function undetectable(file: string, header: string[], as: string): InputError {
  return new InputError(
    `${file}: cannot tell whether this file holds tickets or surveys${as ? ' ' + as : ''}; headers found: ${header.map((h) => JSON.stringify(h)).join(', ')}`,
    {
      location: file,
      hint: 'tickets need "ticket_id" and "created_at"; surveys need "csat", "nps" or "ces"; or force the kind with --tickets FILE / --surveys FILE',
    },
  );
}
