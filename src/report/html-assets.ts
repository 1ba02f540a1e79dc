/**
 * The HTML report's inline stylesheet and script. Kept as plain strings (no build step) so the
 * report stays one file; nothing here names a URL, a web font or an external resource.
 */

export const HTML_STYLE = `
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --panel: #f6f8fa;
  --bar: #2f6fbf; --bar-low: #9dbbe0; --hatch: #2f6fbf; --whisker: #1b1f24; --ref: #b35900;
  --good: #1a7f37; --bad: #cf222e; --flat: #57606a; --low-bg: #fff8c5;
  --s0: #1b1f24; --s1: #0072b2; --s2: #d55e00; --s3: #009e73; --s4: #cc79a7; --s5: #8a6d00; --s6: #56b4e9; --s7: #7f4f24; --s8: #6e40c9;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --fg: #e6edf3; --muted: #9aa4af; --line: #30363d; --panel: #161b22;
    --bar: #5b9be6; --bar-low: #2d4a6d; --hatch: #8ab8f0; --whisker: #e6edf3; --ref: #f0a050;
    --good: #3fb950; --bad: #ff7b72; --flat: #9aa4af; --low-bg: #3b2e00;
    --s0: #e6edf3; --s1: #56b4e9; --s2: #f08a4b; --s3: #3fc49a; --s4: #e89bc8; --s5: #e3c14f; --s6: #9fd3f5; --s7: #d2a679; --s8: #b392f0;
  }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 20px 40px; }
h1 { font-size: 1.7rem; margin: 0 0 4px; }
h2 { font-size: 1.25rem; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 0.95rem; margin: 0 0 4px; }
bdi { unicode-bidi: isolate; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9em; }
.muted, small { color: var(--muted); }
.nowrap { white-space: nowrap; }
.window { font-size: 1.15rem; margin: 0 0 10px; }
.window .label { color: var(--muted); }
.window .tz { color: var(--muted); margin-left: 4px; }
dl.facts { display: flex; flex-wrap: wrap; gap: 6px 22px; margin: 0 0 8px; font-size: 0.9rem; }
dl.facts div { display: flex; gap: 6px; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
.ok { color: var(--good); }
table { border-collapse: collapse; font-size: 0.9rem; }
caption { text-align: left; font-weight: 600; padding: 4px 0 6px; }
th, td { padding: 5px 9px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--line); white-space: nowrap; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
table.inputs, details table { margin: 6px 0; }
details { margin: 8px 0; }
summary { cursor: pointer; }
.cards { list-style: none; padding: 0; margin: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 10px; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; break-inside: avoid; }
.card .value { font-size: 1.7rem; font-weight: 650; margin: 2px 0; font-variant-numeric: tabular-nums; }
.card p { margin: 0; font-size: 0.85rem; }
.card .n, .card .ci { color: var(--muted); }
.card.low { border-style: dashed; }
.card.low .value { font-style: italic; }
.low-note { color: var(--muted); }
.mark { font-weight: 700; margin-left: 1px; }
.delta { font-weight: 600; white-space: nowrap; }
.delta.good { color: var(--good); }
.delta.bad { color: var(--bad); }
.delta.flat { color: var(--flat); }
.delta span { font-weight: 400; }
td .delta { display: block; font-size: 0.8rem; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(460px, 1fr)); gap: 16px 24px; }
figure { margin: 0; break-inside: avoid; }
figcaption { font-size: 0.85rem; color: var(--muted); margin-top: 2px; }
svg.chart { width: 100%; height: auto; display: block; overflow: visible; }
svg text { fill: var(--fg); font-family: inherit; }
svg .tick, svg .muted { fill: var(--muted); }
svg .grid { stroke: var(--line); stroke-width: 1; }
svg .axis { stroke: var(--muted); stroke-width: 1; }
svg .bar { fill: var(--bar); }
svg .bar-low { stroke: var(--hatch); stroke-width: 1; }
svg .hatch-bg { fill: var(--bar-low); }
svg .hatch-line { stroke: var(--hatch); stroke-width: 2; }
svg .low .value { font-style: italic; }
svg .whisker { stroke: var(--whisker); stroke-width: 1.5; fill: none; }
svg .reference line { stroke: var(--ref); stroke-width: 1.5; stroke-dasharray: 4 3; }
svg .reference text { fill: var(--ref); font-size: 11px; }
svg .line { fill: none; stroke-width: 1.8; }
svg .emphasis .line { stroke-width: 3.2; }
svg .marker { stroke-width: 1.5; }
${[0, 1, 2, 3, 4, 5, 6, 7, 8].map((i) => `svg .series-${i} .line, svg .series-${i} .marker { stroke: var(--s${i}); } svg .series-${i} .marker { fill: var(--s${i}); } svg text.series-${i} { fill: var(--s${i}); }`).join('\n')}
svg .marker.open { fill: var(--bg); }
svg .end-label { font-size: 11px; }
.legend { font-size: 0.85rem; color: var(--muted); display: flex; align-items: center; gap: 6px; flex-wrap: wrap; }
.swatch { display: inline-block; width: 22px; height: 11px; border: 1px solid var(--hatch); vertical-align: middle; }
.swatch.solid { background: var(--bar); }
.swatch.hatched { background: repeating-linear-gradient(45deg, var(--hatch) 0 2px, var(--bar-low) 2px 5px); margin-left: 10px; }
.chart-data { font-size: 0.85rem; }
.reasons table { width: 100%; }
.reasons .field { color: var(--muted); font-weight: 400; font-size: 0.8rem; }
td.share { position: relative; min-width: 120px; }
.meter { position: absolute; left: 0; top: 20%; height: 60%; background: var(--bar-low); z-index: 0; border-radius: 2px; }
td.share .pct { position: relative; }
.table-wrap { overflow-x: auto; }
table.kpis { width: 100%; }
table.kpis th, table.kpis td:not(.num) { white-space: nowrap; }
table.kpis td small { display: block; font-size: 0.72rem; white-space: nowrap; }
table.kpis td.low { background: var(--low-bg); font-style: italic; }
table.kpis td.none { color: var(--muted); }
table.kpis tr.overall th, table.kpis tr.overall td { font-weight: 650; background: var(--panel); }
table.kpis tbody.overall-rows tr:last-child > * { border-bottom: 2px solid var(--line); }
th button { font: inherit; font-weight: 600; color: inherit; background: none; border: 0; padding: 0; cursor: pointer; text-align: inherit; }
th[aria-sort="ascending"] button::after { content: " ▲"; }
th[aria-sort="descending"] button::after { content: " ▼"; }
th button:focus-visible { outline: 2px solid var(--bar); outline-offset: 2px; }
ul.notes { font-size: 0.85rem; color: var(--muted); padding-left: 18px; }
footer { margin-top: 32px; font-size: 0.9rem; }
@page { margin: 12mm; }
@media print {
  :root {
    --bg: #ffffff; --fg: #000000; --muted: #444444; --line: #bbbbbb; --panel: #f3f3f3;
    --bar: #3b6ea8; --bar-low: #c7d7ea; --hatch: #3b6ea8; --whisker: #000000; --ref: #8a4500;
    --good: #106b2b; --bad: #a4161f; --flat: #444444; --low-bg: #f4f1d8;
    --s0: #000000; --s1: #0072b2; --s2: #d55e00; --s3: #009e73; --s4: #cc79a7; --s5: #8a6d00; --s6: #3a8cc0; --s7: #7f4f24; --s8: #6e40c9;
  }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; margin-top: 18px; }
  .charts { grid-template-columns: 1fr 1fr; }
  .charts figure { break-inside: avoid; }
  details.chart-data, th button::after { display: none; }
  details:not([open]) > :not(summary) { display: none; }
  .table-wrap { overflow: visible; }
  table.kpis { font-size: 8pt; }
  table.kpis th, table.kpis td { padding: 3px 4px; }
  thead { display: table-header-group; }
  tr, .card { break-inside: avoid; }
}
`.trim();

/**
 * Sorts the group rows of `table.sortable` when a column heading is clicked (numbers from
 * `data-sort`, empty values last either way); the overall rows stay on top. Without scripts the
 * table still reads in report order.
 */
export const HTML_SCRIPT = `
(function () {
  var tables = document.querySelectorAll('table.sortable');
  Array.prototype.forEach.call(tables, function (table) {
    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(heads, function (th, col) {
      var button = th.querySelector('button');
      if (!button) return;
      button.addEventListener('click', function () {
        var body = table.querySelector('tbody.group-rows');
        if (!body) return;
        var numeric = th.classList.contains('num');
        var current = th.getAttribute('aria-sort');
        var dir = current === 'none' ? (numeric ? 'descending' : 'ascending') : current === 'ascending' ? 'descending' : 'ascending';
        Array.prototype.forEach.call(heads, function (h) { h.setAttribute('aria-sort', 'none'); });
        th.setAttribute('aria-sort', dir);
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[col].getAttribute('data-sort') || '';
          var y = b.cells[col].getAttribute('data-sort') || '';
          if (x === '' || y === '') return x === y ? 0 : x === '' ? 1 : -1;
          var c = numeric ? Number(x) - Number(y) : (x < y ? -1 : x > y ? 1 : 0);
          return dir === 'ascending' ? c : -c;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
})();
`.trim();
