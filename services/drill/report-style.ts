// The report page's CSS: on screen, readable down to 1366 px without a sideways scroll (cells
// wrap, long evidence included); in print, A4 portrait with no dark backgrounds, header rows
// repeated on each page, rows and charts never cut in two.
export const REPORT_CSS = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d232b;background:#f6f7f9}
header{background:#7a1f1f;color:#fff;padding:14px 24px}header h1{margin:0;font-size:20px}
.banner{background:#ffd24d;color:#3b2b00;font-weight:700;text-align:center;padding:6px;letter-spacing:.08em}
main{max-width:1180px;margin:0 auto;padding:16px 24px;box-sizing:border-box}
section{background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:12px 16px;margin:14px 0}
h2{font-size:17px;margin:4px 0 10px}h3{font-size:15px;margin:12px 0 6px}
.summary{font-size:16px;margin:0 0 12px;padding-left:20px}.summary li{margin:3px 0}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:4px 8px;border-bottom:1px solid #eceef1;font-variant-numeric:tabular-nums;overflow-wrap:break-word}
.nowrap{white-space:nowrap}.evidence{overflow-wrap:anywhere}
th{font-weight:600;background:#f1f3f5}td.number,th.number{text-align:right}
tr.total td{font-weight:600;border-top:2px solid #c9ced6}
.evidence{font-size:13px;color:#4a525c}.note{font-size:13px;color:#4a525c;margin:6px 0}
.verdict{display:inline-block;padding:2px 10px;border-radius:4px;font-weight:700}.passed{background:#d8f3dc;color:#114b1f}.failed{background:#ffd9d9;color:#7a1f1f}
.bad{color:#a11d1d;font-weight:700}
dl.terms{display:grid;grid-template-columns:minmax(140px,220px) 1fr;gap:4px 16px;margin:0}dl.terms div{display:contents}dl.terms dt{font-weight:600}dl.terms dd{margin:0}
.chart{width:100%;height:auto;display:block}.chart text{font-size:11px;fill:#4a525c}.grid{stroke:#eceef1}.bar{fill:#2f6fb3}.bar.secondary{fill:#e08a2c}
.line{fill:none;stroke:#2f6fb3;stroke-width:2}.band{fill:#c0392b;opacity:.14}.band-label{fill:#7a1f1f;font-size:10px}
@page{size:A4 portrait;margin:14mm 12mm}
@media print{
  body{background:#fff;color:#000;font-size:10pt}
  th,td{padding:2px 4px;font-size:9pt}
  header{background:none;color:#000;padding:0 0 3mm;border-bottom:2px solid #000}
  .banner{background:none;color:#000;border:1px solid #000;padding:1mm}
  main{max-width:none;padding:0}
  section{border:none;border-radius:0;padding:0;margin:0 0 5mm}
  h2,h3{break-after:avoid}
  th{background:none;border-bottom:1px solid #000}
  thead{display:table-header-group}
  tr,.chart,dl.terms div,.summary li{break-inside:avoid}
  .chart{max-height:75mm}
  .verdict{border:1px solid #000}.passed,.failed{background:none;color:#000}
  .evidence,.note{color:#333}
}
`;
