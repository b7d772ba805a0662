extension ReportPage {
    /// The page's style sheet: system fonts only (nothing is fetched), print-friendly.
    static let style: StaticString = #"""

:root {
  --ink: #1c2430; --muted: #5b6676; --line: #e3e7ee; --paper: #f5f7fa; --card: #ffffff;
  --brand: #17324d; --brand-2: #24507a; --accent: #2f7ebf;
  --good: #1f7a4d; --warn: #b3261e; --warn-bg: #fdecea; --good-bg: #e8f5ee;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--ink); background: var(--paper);
}
* { box-sizing: border-box; }
body { margin: 0; line-height: 1.45; font-size: 15px; }
.wrap { max-width: 1280px; margin: 0 auto; padding: 0 28px; }
.masthead { background: linear-gradient(120deg, var(--brand), var(--brand-2)); color: #fff; padding: 26px 0 0; }
.eyebrow { text-transform: uppercase; letter-spacing: .12em; font-size: 12px; opacity: .75; margin: 0; }
.masthead h1 { margin: 4px 0 6px; font-size: 30px; font-weight: 650; }
.masthead .meta { margin: 0 0 18px; opacity: .85; }
nav.toc { display: flex; flex-wrap: wrap; gap: 4px; }
nav.toc a { color: #fff; text-decoration: none; padding: 9px 14px; border-radius: 8px 8px 0 0; font-size: 14px; opacity: .85;
  max-width: 230px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
nav.toc a:hover, nav.toc a:focus { background: rgba(255,255,255,.14); opacity: 1; }
main { padding-bottom: 40px; }
section.section { background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 22px 24px;
  margin: 22px 0; box-shadow: 0 1px 2px rgba(16,24,40,.04); }
section.section h2 { margin: 0 0 4px; font-size: 21px; }
p.answers { margin: 0 0 16px; color: var(--muted); max-width: 900px; }
p.paragraph { margin: 0 0 12px; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(190px, 1fr)); gap: 14px; margin: 6px 0 18px; }
.figure { border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; background: #fbfcfe; border-top: 4px solid var(--accent); }
.figure.tone-warning { border-top-color: var(--warn); }
.figure.tone-good { border-top-color: var(--good); }
.figure-label { color: var(--muted); font-size: 13px; text-transform: uppercase; letter-spacing: .05em; }
.figure-value { font-size: 30px; font-weight: 700; margin: 2px 0; font-variant-numeric: tabular-nums; }
.figure.tone-warning .figure-value { color: var(--warn); }
.figure-note { color: var(--muted); font-size: 13px; }
.rankings { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 18px; }
.ranking h3 { font-size: 15px; margin: 0 0 8px; }
.ranking ol { list-style: none; margin: 0; padding: 0; counter-reset: rank; }
.ranking li { counter-increment: rank; display: grid; grid-template-columns: 28px 1fr auto; gap: 8px; align-items: baseline;
  padding: 8px 10px; border-radius: 8px; cursor: pointer; border: 1px solid transparent; }
.ranking li::before { content: counter(rank); color: var(--muted); font-weight: 600; }
.ranking li:hover, .ranking li:focus { background: #eef4fb; border-color: #d6e4f3; outline: none; }
.rank-name { font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.rank-id { display: block; font-weight: 400; color: var(--muted); font-size: 12px; font-family: ui-monospace, Menlo, Consolas, monospace; }
.rank-value { font-variant-numeric: tabular-nums; font-weight: 700; }
figure.map { margin: 0; }
.map-toolbar, .table-tools { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin-bottom: 10px; }
input[type=search] { font: inherit; padding: 7px 11px; border: 1px solid #c9d1dc; border-radius: 8px; min-width: 260px; background: #fff; }
input[type=search]:focus { outline: 2px solid #9cc3e6; border-color: var(--accent); }
button { font: inherit; font-size: 14px; padding: 6px 11px; border: 1px solid #c9d1dc; border-radius: 8px; background: #fff; cursor: pointer; color: var(--ink); }
button:hover { background: #eef4fb; }
button:disabled { opacity: .45; cursor: default; }
.map-count, .table-count, .map-status { color: var(--muted); font-size: 13px; }
.map-status { color: var(--warn); }
.map-viewport { height: 68vh; min-height: 360px; border: 1px solid var(--line); border-radius: 10px; background: #fff; overflow: hidden;
  touch-action: none; cursor: grab; }
.map-viewport.dragging { cursor: grabbing; }
.map-viewport svg { width: 100%; height: 100%; display: block; user-select: none; }
.map-viewport g[data-supplier] { cursor: pointer; }
.map-viewport g.is-selected polygon, .map-viewport g.is-selected ellipse, .map-viewport g.is-selected path {
  stroke: #e6007e; stroke-width: 5px; }
figure.map figcaption, figure.chart figcaption { color: var(--muted); font-size: 13px; margin-top: 8px; }
figure.chart { margin: 0; }
figure.chart svg { width: 100%; height: auto; display: block; border: 1px solid var(--line); border-radius: 10px; background: #fff; }
.table-scroll { overflow-x: auto; border: 1px solid var(--line); border-radius: 10px; }
table.data { border-collapse: collapse; width: 100%; font-size: 14px; }
table.data th { text-align: left; background: #f1f4f8; position: sticky; top: 0; padding: 0; border-bottom: 1px solid var(--line); white-space: nowrap; }
table.data th button { border: 0; background: none; width: 100%; text-align: inherit; padding: 9px 12px; font-weight: 650; border-radius: 0; }
table.data th[aria-sort=ascending] button::after { content: " ▲"; color: var(--accent); }
table.data th[aria-sort=descending] button::after { content: " ▼"; color: var(--accent); }
table.data th.num, table.data td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.data td { padding: 7px 12px; border-bottom: 1px solid #eef1f5; max-width: 380px; overflow-wrap: anywhere; }
table.data td.num { white-space: nowrap; }
.table-block { margin-top: 22px; }
.table-block:first-of-type { margin-top: 0; }
h3.table-title { font-size: 16px; margin: 0 0 10px; }
table.data tbody tr:nth-child(even) { background: #fafbfd; }
table.data tbody tr[data-supplier] { cursor: pointer; }
table.data tbody tr[data-supplier]:hover, table.data tbody tr:focus { background: #eef4fb; outline: none; }
table.data td.empty { color: var(--muted); font-style: italic; text-align: center; padding: 16px; }
td.trust-low { color: var(--warn); font-weight: 650; }
td.delta-neg { color: var(--warn); }
td.delta-pos { color: var(--good); }
.pager { display: flex; align-items: center; gap: 8px; margin-top: 10px; color: var(--muted); font-size: 13px; }
.pager .page-info { margin: 0 6px; }
aside#details { position: fixed; top: 0; right: 0; height: 100vh; width: min(600px, 100vw); background: #fff; z-index: 10;
  box-shadow: -8px 0 30px rgba(16,24,40,.18); padding: 22px 24px; overflow-y: auto; transform: translateX(105%);
  transition: transform .18s ease-out; }
aside#details.open { transform: none; }
#details h3 { margin: 0 28px 2px 0; font-size: 20px; }
#details .details-id { font-family: ui-monospace, Menlo, Consolas, monospace; color: var(--muted); font-size: 13px; margin: 0 0 14px; }
#details .close { position: absolute; top: 16px; right: 16px; }
#details dl { display: grid; grid-template-columns: auto 1fr; gap: 4px 16px; margin: 0 0 16px; }
#details dt { color: var(--muted); }
#details dd { margin: 0; font-weight: 650; font-variant-numeric: tabular-nums; }
#details h4 { margin: 16px 0 6px; font-size: 14px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); }
#details ul.certificates { margin: 0; padding-left: 18px; }
#details ul.certificates li { margin-bottom: 4px; }
#details pre { white-space: pre; overflow-x: auto; font-size: 11.5px; line-height: 1.4; background: #f6f8fb; border: 1px solid var(--line); border-radius: 8px; padding: 10px; }
footer.footer { color: var(--muted); font-size: 13px; padding: 18px 0 36px; border-top: 1px solid var(--line); }
.noscript { background: var(--warn-bg); padding: 10px 14px; border-radius: 8px; }
@media (min-width: 1900px) {
  /* Wide screens keep the page beside the open panel instead of under it. */
  body.details-open .wrap { margin-left: 24px; margin-right: 630px; }
}
@media print {
  .masthead { background: none; color: var(--ink); }
  nav.toc, .map-toolbar, .table-tools, .pager, aside#details { display: none; }
  section.section { break-inside: avoid; box-shadow: none; }
  .map-viewport { height: auto; }
}

"""#
}
