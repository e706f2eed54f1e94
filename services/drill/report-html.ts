// report.html: one self-contained page (inline CSS and SVG, no script, no network) a drill
// controller can open, print or mail.
import type { DrillReport } from './drill-report.ts';
import { barChart, timeSeriesChart } from './svg-charts.ts';

function escape(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);
}

function row(cells: readonly (string | number)[], header = false): string {
  const tag = header ? 'th' : 'td';
  return `<tr>${cells.map((cell) => `<${tag}>${escape(String(cell))}</${tag}>`).join('')}</tr>`;
}

export function renderReportHtml(report: DrillReport): string {
  const latencyBars = report.series.latencyHistogram.map((bucket) => ({
    label: Number.isFinite(bucket.upToMs) ? `≤${bucket.upToMs >= 1000 ? `${bucket.upToMs / 1000}s` : `${bucket.upToMs}ms`}` : 'more',
    value: bucket.count,
  }));
  const bands = report.faults.map((fault) => ({ from: fault.windowWallMs[0] / 1000, to: fault.windowWallMs[1] / 1000, label: `${fault.kind} ${fault.target}` }));
  const ackBars = Object.entries(report.ackMs).map(([state, times]) => ({ label: state, value: Math.round(times.read.p50), secondary: Math.round(times.actioned.p50) }));
  const verdict = report.passed ? 'PASSED' : 'FAILED';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>tipnet drill ${escape(report.drillId)}: ${verdict}</title>
<style>
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d232b;background:#f6f7f9}
header{background:#7a1f1f;color:#fff;padding:14px 24px}header h1{margin:0;font-size:20px}
.banner{background:#ffd24d;color:#3b2b00;font-weight:700;text-align:center;padding:6px;letter-spacing:.08em}
main{max-width:900px;margin:0 auto;padding:16px 24px}section{background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:12px 16px;margin:14px 0}
h2{font-size:17px;margin:4px 0 10px}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eceef1;font-variant-numeric:tabular-nums}
.verdict{display:inline-block;padding:2px 10px;border-radius:4px;font-weight:700}.passed{background:#d8f3dc;color:#114b1f}.failed{background:#ffd9d9;color:#7a1f1f}
.chart{width:100%;height:auto}.chart text{font-size:11px;fill:#4a525c}.grid{stroke:#eceef1}.bar{fill:#2f6fb3}.bar.secondary{fill:#e08a2c}
.line{fill:none;stroke:#2f6fb3;stroke-width:2}.band{fill:#c0392b;opacity:.14}.band-label{fill:#7a1f1f;font-size:10px}
</style></head><body>
<div class="banner">EXERCISE · EXERCISE · EXERCISE</div>
<header><h1>tipnet drill report: ${escape(report.scenario)}</h1></header>
<main>
<section><h2>Result <span class="verdict ${report.passed ? 'passed' : 'failed'}">${verdict}</span></h2>
<table>${row(['Drill id', report.drillId])}${row(['Seed / speed', `${report.seed} / ${report.speed}x`])}${row(['States taking part', report.states.join(', ')])}
${row(['Wall time', `${(report.wallDurationMs / 1000).toFixed(1)} s`])}${row(['Sent', report.sent])}${row(['Expected deliveries', report.expectedDeliveries])}
${row(['Delivered', report.delivered])}${row(['Lost', report.lost])}${row(['Duplicates', report.duplicates])}
${row(['Latency p50 / p95 / p99 / max (submit to verified at recipient)', `${report.latencyMs.p50} / ${report.latencyMs.p95} / ${report.latencyMs.p99} / ${report.latencyMs.max} ms`])}
${row(['Deadlines met / missed / escalated', `${report.deadlines.met} / ${report.deadlines.missed} / ${report.deadlines.escalated} of ${report.deadlines.total}`])}
${row(['Hit notices (matches between states)', `${report.hits.notified} of ${report.hits.expected}`])}
${row(['Exercise deliveries outside the drill', report.exerciseLeakage])}</table>
${report.failures.length > 0 ? `<h2>Failures</h2><ul>${report.failures.map((f) => `<li>${escape(f)}</li>`).join('')}</ul>` : ''}</section>
<section><h2>Latency distribution</h2>${barChart('latency-chart', 'Deliveries by latency, submit to verified at the recipient', latencyBars, 'deliveries')}</section>
<section><h2>Deliveries over time, fault windows shaded</h2>${timeSeriesChart('deliveries-chart', 'Deliveries per second of wall time', report.series.deliveriesPerBucket, report.series.bucketMs / 1000, bands, 'deliveries / s')}</section>
<section><h2>Acknowledgement times per state (p50, submit to receipt at the sender)</h2>${barChart('ack-chart', 'Acknowledgement time p50 per state', ackBars, 'ms (wall)', ['read', 'actioned'])}
<table>${row(['State', 'read p50', 'read p95', 'actioned p50', 'actioned p95', 'count'], true)}${Object.entries(report.ackMs).map(([state, t]) => row([state, `${t.read.p50} ms`, `${t.read.p95} ms`, `${t.actioned.p50} ms`, `${t.actioned.p95} ms`, t.read.count])).join('')}</table></section>
<section><h2>Liaison officers (simulated)</h2><table>${row(['State', 'read', 'actioned', 'assistance answered', 'left unanswered (scenario)'], true)}${Object.entries(report.officers).map(([state, o]) => row([state, o.read, o.actioned, o.answered, o.leftUnanswered])).join('')}</table></section>
<section><h2>Faults</h2><table>${row(['Fault', 'Target', 'At (drill min)', 'What happened', 'Recovered', 'Evidence'], true)}
${report.faults.map((f) => row([f.kind, f.target, f.atDrillMinutes, f.happened, f.recovered ? 'yes' : 'NO', f.evidence])).join('')}</table></section>
<section><h2>Rejected, by reason</h2><table>${row(['Reason', 'Count'], true)}${Object.entries(report.rejected.byReason).map(([reason, count]) => row([reason, count])).join('')}</table>
<h2>Malformed and spoofed injects</h2><table>${row(['Variant', 'From', 'Expected', 'Outcome'], true)}${report.badInjects.items.map((i) => row([i.variant, i.from, i.expected, i.outcome])).join('')}</table></section>
</main></body></html>
`;
}
