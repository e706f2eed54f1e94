// The report as a plain-text table for the terminal; bench.json carries the same figures in full.
import { renderStoreTable } from './store-bench.ts';
import { renderSummary } from './summary-table.ts';
import type { LatencySummary } from './latency-summary.ts';
import type { BatchResult } from './measure-path.ts';
import type { BenchReport } from './run-bench.ts';

const ms = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? '-' : value.toFixed(value < 10 ? 2 : 1));
const count = (value: number) => Math.round(value).toLocaleString('en-US');
const pad = (cells: readonly string[], widths: readonly number[]) =>
  cells.map((cell, index) => (index === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[index] ?? 0))).join(' ');

export function renderBenchTable(report: BenchReport): string {
  const { options, environment, paths } = report;
  const bareP50 = paths.bareForward.unloaded.endToEnd?.p50Ms ?? Number.NaN;
  const lines: string[] = [
    `tipnet bench  ${report.startedAt}  hub nodes ${options.hubNodes}, count ${options.count}, concurrency ${options.concurrency}, one-at-a-time ${options.latencyCount}, hub services ${options.hubServices}`,
    `node ${environment.node}, nats-server ${environment.natsServer}, ${environment.cpus} CPUs, alert ${environment.alertBytes} bytes`,
    '',
  ];

  const microWidths = [46, 10, 9, 14];
  lines.push(pad(['Micro (this process, one at a time)', 'ops/s', 'µs/op', '% bare e2e p50'], microWidths));
  for (const row of report.micro) {
    lines.push(pad([`  ${row.name}`, count(row.perSecond), row.microsecondsEach.toFixed(1), `${((row.microsecondsEach / 1_000 / bareP50) * 100).toFixed(1)}%`], microWidths));
  }

  const roundTripWidths = [46, 8, 8, 8, 8];
  lines.push('', pad(['Hub round trips (one at a time, hub connection)', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'], roundTripWidths));
  const primitive = (name: string, summary: LatencySummary) =>
    pad([`  ${name}`, ms(summary.p50Ms), ms(summary.p95Ms), ms(summary.p99Ms), ms(summary.maxMs)], roundTripWidths);
  lines.push(
    primitive('KV get, missing key (forwarding check)', report.hubPrimitives.kvGetMissing),
    primitive('KV put (message index claim)', report.hubPrimitives.kvPut),
    primitive('stream publish (outbox copy, receipt)', report.hubPrimitives.streamPublish),
    primitive('hand-over into KHM inbox (dispatcher)', report.hubPrimitives.leafInboxHandOver),
  );

  const pathWidths = [22, 6, 8, 8, 8, 8, 8, 8, 8, 6, 18];
  lines.push(
    '',
    pad(['Path', 'window', 'ack p50', 'ack p99', 'e2e p50', 'e2e p95', 'e2e p99', 'e2e max', 'msg/s', 'loop', 'CPU µs/msg n/h/l'], pathWidths),
  );
  const batchRow = (name: string, batch: BatchResult) => {
    const cpu = batch.cpuPerMessage;
    return pad(
      [
        `  ${name}`,
        String(batch.window),
        ms(batch.ack.p50Ms),
        ms(batch.ack.p99Ms),
        ms(batch.endToEnd?.p50Ms),
        ms(batch.endToEnd?.p95Ms),
        ms(batch.endToEnd?.p99Ms),
        ms(batch.endToEnd?.maxMs),
        count(batch.perSecond),
        `${Math.round(batch.eventLoopBusy * 100)}%`,
        `${count(cpu.nodeUs)}/${count(cpu.hubServersUs)}/${count(cpu.leafServersUs)}`,
      ],
      pathWidths,
    );
  };
  for (const path of [paths.barePublish, paths.serialBareForward, paths.bareForward, paths.tipnet]) {
    lines.push(batchRow(path.name, path.unloaded), batchRow(path.name, path.loaded));
  }
  lines.push(
    '  ms; e2e = submitted at IDN until read from KHM inbox (tipnet: and verified there); loop = share of the time',
    "  this process's event loop was busy; CPU n/h/l = CPU time per message of this process/hub servers/leaf servers",
  );

  const stageWidths = [46, 10, 10, 10];
  lines.push('', pad(['Where a loaded message waits (sampled 100 ms)', 'backlog', 'max', 'ms there'], stageWidths));
  for (const stage of [...(paths.bareForward.loaded.stages ?? []), ...(paths.tipnet.loaded.stages ?? [])]) {
    lines.push(pad([`  ${stage.name}`, stage.meanBacklog.toFixed(1), String(stage.maxBacklog), ms(stage.meanMsThere)], stageWidths));
  }
  lines.push('  backlog = mean of undelivered + unacknowledged messages of the consumer; ms there = backlog / msg/s');

  const ratioWidths = [46, 12, 32, 12];
  lines.push('', pad(['Ratios, same run', 'tipnet', 'baseline', 'tipnet/base'], ratioWidths));
  for (const ratio of report.ratios) {
    const value = (figure: number) => (ratio.unit === 'ms' ? `${ms(figure)} ms` : `${count(figure)}/s`);
    lines.push(pad([`  ${ratio.name}`, value(ratio.tipnet), `${value(ratio.baseline)} ${ratio.baselineName}`, `${ratio.ratio.toFixed(2)}x`], ratioWidths));
  }
  lines.push('', ...renderSummary(report));
  lines.push('', `tipnet counters: ${Object.entries(report.tipnetCounters).map(([key, value]) => `${key}=${value}`).join(' ')}`);
  lines.push('', renderStoreTable(report.store));
  return lines.join('\n');
}
