// The report's tables, as HTML. Every number that stands for a report figure is marked with the
// figure it shows (data-figure="deadlines.missed"), so a test can check that a figure reads the
// same wherever it appears, and the per-state rows add up to the totals.
import type { DrillReport } from './drill-report.ts';
import { formatDuration } from './duration.ts';
import { drillAndWall, drillMoment, drillTime } from './report-time.ts';
import { reasonInWords } from './reason-words.ts';
import type { Percentiles } from './percentiles.ts';

export function text(value: string | number): string {
  return String(value).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);
}

/** A number that is a report figure, marked with the figure's name. */
export function fig(key: string, value: string | number): string {
  return `<span data-figure="${text(key)}">${text(value)}</span>`;
}

function tr(cells: readonly string[], className?: string): string {
  return `<tr${className ? ` class="${className}"` : ''}>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`;
}

export function table(id: string, headers: readonly string[], rows: readonly string[]): string {
  return `<table id="${id}"><thead><tr>${headers.map((h) => `<th scope="col">${text(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function p50p95(key: string, times: Percentiles, speed: number): string {
  if (times.count === 0) return '–';
  return `${fig(`${key}.p50`, drillTime(times.p50, speed))} / ${fig(`${key}.p95`, drillTime(times.p95, speed))} <span class="evidence">(${text(`${formatDuration(times.p50)} / ${formatDuration(times.p95)} wall`)})</span>`;
}

function withCount(key: string, times: Percentiles, speed: number): string {
  return times.count === 0 ? '–' : `${fig(`${key}.p50`, drillTime(times.p50, speed))} <span class="evidence">(${fig(`${key}.count`, times.count)} receipts)</span>`;
}

/** The headline figures, each with what it counts. */
export function keyFiguresTable(r: DrillReport): string {
  const d = r.deadlines;
  const rows: [string, string][] = [
    ['Drill', `${text(r.drillId)}; seed ${text(r.seed)}, ${text(r.speed)}× real time; states taking part: ${text(r.states.join(', '))}`],
    ['Drill time', `${text(formatDuration(r.trafficDrillMs))} of traffic (the whole run took ${text(formatDuration(r.wallDurationMs))} of wall time)`],
    ['Messages sent', `${fig('sent', r.sent)}${r.notSent > 0 ? `; <span class="bad">${fig('notSent', r.notSent)} could not be sent</span>` : ''}`],
    ['Deliveries', `${fig('delivered', r.delivered)} of ${fig('expectedDeliveries', r.expectedDeliveries)} expected arrived; lost ${fig('lost', r.lost)}; arrived twice ${fig('duplicates', r.duplicates)}`],
    ['Delivery time, sending to verified at the recipient', r.latencyMs.count === 0 ? '–' : `half within ${text(drillAndWall(r.latencyMs.p50, r.speed))}; 95% within ${text(drillAndWall(r.latencyMs.p95, r.speed))}; slowest ${text(drillAndWall(r.latencyMs.max, r.speed))}`],
    ['Assistance requests', `${fig('deadlines.total', d.total)}: answered by the deadline ${fig('deadlines.met', d.met)}; missed ${fig('deadlines.missed', d.missed)} = answered late ${fig('deadlines.answeredLate', d.answeredLate)} + never answered ${fig('deadlines.neverAnswered', d.neverAnswered)} (of which left unanswered by the scenario's design ${fig('deadlines.leftUnansweredByScenario', d.leftUnansweredByScenario)}); escalated by the requesting node ${fig('deadlines.escalated', d.escalated)}`],
    ['Hit notices (the hub telling two states they hold the same victims)', `${fig('hits.notified', r.hits.notified)} of ${fig('hits.expected', r.hits.expected)} expected`],
    ['Malformed or spoofed submissions', `${fig('badInjects.rejected', r.badInjects.rejected)} of ${fig('badInjects.total', r.badInjects.total)} refused; ${fig('badInjects.leaked', r.badInjects.leaked)} reached a recipient`],
    ['Exercise deliveries to states outside the drill', fig('exerciseLeakage', r.exerciseLeakage)],
  ];
  return `<table id="key-figures"><tbody>${rows.map(([label, value]) => `<tr><th scope="row">${text(label)}</th><td>${value}</td></tr>`).join('')}</tbody></table>`;
}

function deadlineCells(key: string, d: DrillReport['deadlines']): string[] {
  if (d.total === 0) return ['–', '–'];
  const detail = d.missed === 0 ? '' : ` <span class="evidence">(${fig(`${key}.answeredLate`, d.answeredLate)} late, ${fig(`${key}.neverAnswered`, d.neverAnswered)} never answered${d.leftUnansweredByScenario > 0 ? `, ${fig(`${key}.leftUnansweredByScenario`, d.leftUnansweredByScenario)} of them by design` : ''})</span>`;
  return [`${fig(`${key}.met`, d.met)} of ${fig(`${key}.total`, d.total)}`, `${fig(`${key}.missed`, d.missed)}${detail}`];
}

/** One row per state, and a total row whose figures are the report's totals. */
export function stateTable(r: DrillReport): string {
  const rows = Object.entries(r.byState).map(([state, s]) => tr([
    `<strong>${text(state)}</strong>`,
    `${fig(`state.${state}.delivered`, s.delivered)} of ${fig(`state.${state}.expectedDeliveries`, s.expectedDeliveries)}`,
    p50p95(`state.${state}.deliveryMs`, s.deliveryMs, r.speed),
    withCount(`state.${state}.read`, s.ack.read, r.speed),
    withCount(`state.${state}.actioned`, s.ack.actioned, r.speed),
    ...deadlineCells(`state.${state}.deadlines`, s.deadlines),
    s.faults.length === 0 ? '–' : text(s.faults.join('; ')),
  ]));
  const hubWide = r.faults.filter((f) => f.states.length === 0).map((f) => `${f.kind} ${f.target}`);
  const total = tr([
    'All states',
    `${fig('delivered', r.delivered)} of ${fig('expectedDeliveries', r.expectedDeliveries)}`,
    p50p95('latencyMs', r.latencyMs, r.speed), '', '',
    ...deadlineCells('deadlines', r.deadlines),
    hubWide.length === 0 ? '' : `${text(hubWide.join('; '))} <span class="evidence">(hub-wide: every state)</span>`,
  ], 'total');
  return table('state-table', ['State', 'Deliveries received', 'Delivery time p50 / p95', 'Read, median', 'Actioned, median', 'Assistance requests to it answered by the deadline', 'Missed the deadline', 'Faults involving it'], [...rows, total]);
}

export function faultTable(r: DrillReport): string {
  return table('fault-table', ['Fault', 'When', 'Lasted, until restored', 'What happened', 'Traffic caught up', 'Recovered', 'Evidence'], r.faults.map((f) => tr([
    `<strong>${text(f.kind)}</strong> ${text(f.target)}`,
    `<span class="nowrap">${text(drillMoment(f.windowDrillMs[0]))}</span>`,
    // Injected submissions are sent at once; their window is only how long sending took.
    f.injects ? 'at once' : `<span class="nowrap">${text(drillTime(f.windowWallMs[1] - f.windowWallMs[0], r.speed))}</span>`,
    text(f.happened),
    caughtUpCell(f.caughtUpWallMs, r.speed),
    f.recovered ? 'yes' : '<span class="bad">NO</span>',
    `<span class="evidence">${text(f.evidence)}</span>`,
  ])));
}

function caughtUpCell(caughtUpWallMs: number | undefined, speed: number): string {
  if (caughtUpWallMs === undefined) return '–';
  return caughtUpWallMs === 0 ? 'before it ended' : text(`within ${drillAndWall(caughtUpWallMs, speed)} of its end`);
}

export function refusalTables(r: DrillReport): string {
  const reasons = table('reason-table', ['Reason', 'Count', 'What it means'], Object.entries(r.rejected.byReason).map(([reason, count]) => tr([
    `<code>${text(reason)}</code>`, fig(`rejected.byReason.${reason}`, count), text(reasonInWords(reason)),
  ])));
  const injects = table('inject-table', ['Variant', 'From', 'Should be stopped by', 'Stopped by', 'As expected'], r.badInjects.items.map((i) => tr([
    text(i.variant), text(i.from), `<code>${text(i.expected)}</code>`, `<code>${text(i.outcome)}</code>`, i.outcome === i.expected ? 'yes' : '<span class="bad">no</span>',
  ])));
  return `<h3>Refused, by reason</h3>${reasons}<p class="note">Total refused: ${fig('rejected.total', r.rejected.total)}; valid drill messages refused: ${fig('rejected.validTrafficRejected', r.rejected.validTrafficRejected)}.</p><h3>Malformed and spoofed submissions</h3>${injects}`;
}
