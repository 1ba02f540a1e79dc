// Runs one fuzz case at a time for fuzz/run.mjs: the bytes are fed as stdin to the same
// buildReport + formatters `teamkpi report` uses, and the result is checked.
import { parentPort } from 'node:worker_threads';
import { Readable } from 'node:stream';
import { buildReport } from '../dist/cli/run-report.js';
import { TeamkpiError } from '../dist/errors.js';
import { REPORT_FORMATS } from '../dist/report/index.js';

const sink = { write: () => true, isTTY: false, columns: 100 };

parentPort.on('message', async ({ bytes, mode }) => {
  const buf = Buffer.from(bytes);
  const io = { stdout: sink, stderr: sink, stdin: Readable.from([buf]), env: {}, now: () => new Date('2026-11-23T07:00:00Z') };
  const flags = { quiet: true, format: 'html', by: 'agent,team', period: 'week', ...(mode === 'detect' ? {} : { [mode]: ['-'] }) };
  try {
    const { report, extras } = await buildReport(mode === 'detect' ? ['-'] : [], flags, io);
    const problems = [];
    for (const input of report.dataQuality.inputs) {
      if (input.rowsUsed + input.rowsSkipped + input.rowsDuplicate !== input.rowsRead || Math.min(input.rowsUsed, input.rowsSkipped, input.rowsDuplicate) < 0) {
        problems.push(`rows do not add up: read ${input.rowsRead}, used ${input.rowsUsed}, skipped ${input.rowsSkipped}, duplicate ${input.rowsDuplicate}`);
      }
    }
    for (const row of report.rows) {
      for (const [id, v] of Object.entries(row.kpis)) {
        if (v.value !== null && !Number.isFinite(v.value)) problems.push(`${id} is ${v.value}`);
      }
    }
    for (const [name, load] of Object.entries(REPORT_FORMATS)) {
      const format = await load();
      // A format gives one text or pieces to write in turn (the JSON report); joined, the text.
      const out = format(report, { color: name === 'table', tty: name === 'table', width: 100, metricsChosen: false, extras });
      const text = typeof out === 'string' ? out : [...out].join('');
      if (typeof text !== 'string' || text.length === 0) problems.push(`--format ${name} gave no text`);
      if (name === 'json') JSON.parse(text);
    }
    parentPort.postMessage(problems.length === 0 ? { outcome: 'report' } : { outcome: 'invariant', error: problems.join('; ') });
  } catch (error) {
    if (error instanceof TeamkpiError) parentPort.postMessage({ outcome: 'input-error' });
    else parentPort.postMessage({ outcome: 'crash', error: error instanceof Error ? `${error.name}: ${error.message} ${error.stack?.split('\n')[1]?.trim() ?? ''}` : String(error) });
  }
});
