// The year replay's figures as lines for the terminal; bench.json carries them as `yearReplay`.
import type { YearReplayReport } from './year-replay.ts';

const whole = (value: number) => Math.round(value).toLocaleString('en-US');
const fixed = (value: number, digits = 1) => (Number.isNaN(value) ? '-' : value.toFixed(digits));

export function renderYearReplayTable(report: YearReplayReport): string {
  const { yearReplay: year, machine, options } = report;
  const load = (values: readonly number[]) => values.map((value) => value.toFixed(2)).join(' ');
  const rows: Array<[string, string]> = [
    ['cases (IDN rescue requests)', whole(year.cases)],
    ['destinations', Object.entries(year.destinations).map(([state, count]) => `${state} ${whole(count)}`).join(', ')],
    ['cases open at once', whole(year.window)],
    ['wall time, first submission to last arrival', `${fixed(year.wallSeconds, 2)} s`],
    ['last rescue request acknowledged by the hub', `${fixed(year.sendSeconds, 2)} s`],
    ['last reply (READ or response) at IDN', `${fixed(year.lastReplySeconds, 2)} s`],
    ['cases per second', fixed(year.casesPerSec)],
    ['replies per second (READ + responses)', fixed(year.repliesPerSec)],
    ['deliveries per second (receipts included)', fixed(year.deliveriesPerSec)],
    ['signed submissions / deliveries', `${whole(year.submissions)} / ${whole(year.deliveries)}`],
    ['lost / duplicated / unexpected', `${year.lost} / ${year.duplicated} / ${year.unexpected}`],
    ['CPU µs per case: bench process / hub servers / leaves', `${whole(year.cpuPerCaseUs.benchProcess)} / ${whole(year.cpuPerCaseUs.hubServers)} / ${whole(year.cpuPerCaseUs.leafServers)}`],
    ['bench process event loop busy', `${fixed(year.eventLoopBusy * 100)}%`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return [
    `tipnet year replay  ${report.startedAt}  hub nodes ${options.hubNodes}, hub services ${options.hubServices}`,
    `machine: ${machine.cores} cores, node ${machine.node}, nats-server ${machine.natsServer}, load average ${load(machine.loadAverageStart)} at start, ${load(machine.loadAverageEnd)} at end`,
    '',
    ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`),
  ].join('\n');
}
