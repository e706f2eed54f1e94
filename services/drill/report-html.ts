// report.html: one self-contained page (inline CSS and SVG, no script, no network) a drill
// controller can open, print on A4 or mail, and a minister can read from the top: the verdict,
// the summary in words, the figures per state, the faults, then the detail. Drill time is the
// one time base; wall time is in brackets where it says how long the machines took.
import type { DrillReport } from './drill-report.ts';
import { formatDuration } from './duration.ts';
import { REPORT_CSS } from './report-style.ts';
import { drillMoment } from './report-time.ts';
import { faultTable, keyFiguresTable, refusalTables, stateTable, text } from './report-tables.ts';
import { barChart, timeSeriesChart } from './svg-charts.ts';

export function renderReportHtml(report: DrillReport): string {
  const verdict = report.passed ? 'PASSED' : 'FAILED';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>tipnet drill ${text(report.drillId)}: ${verdict}</title>
<style>${REPORT_CSS}</style></head><body>
<div class="banner">EXERCISE · EXERCISE · EXERCISE</div>
<header><h1>tipnet drill report: ${text(report.scenario)}</h1></header>
<main>
<section id="summary"><h2>Result <span class="verdict ${report.passed ? 'passed' : 'failed'}">${verdict}</span></h2>
<ul class="summary">${report.summary.map((sentence) => `<li>${text(sentence)}</li>`).join('')}</ul>
${report.failures.length > 0 ? `<h3>Why it failed</h3><ul>${report.failures.map((f) => `<li>${text(f)}</li>`).join('')}</ul>` : ''}
${keyFiguresTable(report)}</section>
<section id="states"><h2>Each state</h2>${stateTable(report)}
<p class="note">Times are drill time (the exercise's clock, ${text(report.speed)}× real time); wall time, how long the machines really took, in brackets. Read and actioned: from sending to the state's receipt reaching the sender.</p></section>
<section id="faults"><h2>Faults</h2>${faultTable(report)}</section>
${charts(report)}
<section id="refused"><h2>What the hub refused</h2>${refusalTables(report)}</section>
<section id="terms"><h2>How the figures are counted</h2>${TERMS}</section>
</main></body></html>
`;
}

function charts(report: DrillReport): string {
  const { speed } = report;
  const latencyBars = report.series.latencyHistogram.map((bucket) => ({
    label: Number.isFinite(bucket.upToMs) ? `≤${formatDuration(bucket.upToMs)}` : 'more',
    value: bucket.count,
  }));
  const bands = report.faults.map((fault) => ({ from: fault.windowDrillMs[0] / 1000, to: fault.windowDrillMs[1] / 1000, label: `${fault.kind} ${fault.target}` }));
  const minutes = (wallMs: number) => Math.round((wallMs * speed) / 6_000) / 10;
  const ackBars = Object.entries(report.byState).filter(([, s]) => s.ack.read.count > 0)
    .map(([state, s]) => ({ label: state, value: minutes(s.ack.read.p50), secondary: minutes(s.ack.actioned.p50) }));
  const bucketDrillSeconds = (report.series.bucketMs * speed) / 1000;
  return `<section id="charts-time"><h2>Deliveries over drill time, fault windows shaded</h2>${timeSeriesChart('deliveries-chart', 'Deliveries per second of wall time, against drill time', report.series.deliveriesPerBucket, bucketDrillSeconds, bands, 'deliveries / wall s', (seconds) => drillMoment(Math.round(seconds / 60) * 60_000))}</section>
<section id="charts-ack"><h2>Acknowledgement time per state (median, drill minutes)</h2>${barChart('ack-chart', 'Median time to the read and actioned receipts per state, drill minutes', ackBars, 'drill minutes', ['read', 'actioned'])}</section>
<section id="charts-latency"><h2>Delivery time (wall time: how long the network took)</h2>${barChart('latency-chart', 'Deliveries by wall-clock time from sending to verified at the recipient', latencyBars, 'deliveries')}</section>`;
}

const TERM_LIST: readonly (readonly [string, string])[] = [
  ['Drill time', 'The exercise clock: the scenario runs faster than real time, so one wall second is several drill minutes. T+18m is 18 minutes of drill time after the start.'],
  ['Expected delivery', 'A message and one state that must receive it. A message to three states is three expected deliveries.'],
  ['Delivered', 'The message reached that state\'s inbox and its signature verified. Lost: an expected delivery that never arrived. Arrived twice: a second copy at the same state.'],
  ['Read, actioned', 'The state\'s liaison officer acknowledged the message as read, or as acted on; timed from sending to the receipt reaching the sender.'],
  ['Answered by the deadline', 'An assistance request whose answer from the requested state reached the requester before the deadline it carried.'],
  ['Missed the deadline', 'Answered late (the answer came after the deadline) plus never answered (no answer by the end of the drill). Some requests are left unanswered on purpose: the scenario tells some states to answer only a share.'],
  ['Escalated', 'The requesting state\'s node flagged an overdue request to its supervisors.'],
  ['Traffic caught up', 'After a fault ended, how long until everything sent during it had arrived.'],
  ['Faults involving it', "Faults aimed at the state: its leaf or node stopped, or forged and broken submissions sent from its leaf or in its name. A stopped hub node or hub services affect every state and are listed on the total row."],
];
const TERMS = `<dl class="terms">${TERM_LIST.map(([term, meaning]) => `<div><dt>${text(term)}</dt><dd>${text(meaning)}</dd></div>`).join('')}</dl>`;
