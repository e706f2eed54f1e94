// tipnet against its baselines, from figures of the same run: how many times slower (latency) or
// what fraction of the speed (throughput) the real hub services give, over a bare hub.
import type { BatchResult, PathResult } from './measure-path.ts';

export interface Ratio {
  readonly name: string;
  readonly baselineName: string;
  readonly unit: 'ms' | 'msg/s';
  readonly tipnet: number;
  readonly baseline: number;
  /** tipnet / baseline. */
  readonly ratio: number;
}

export interface BenchPaths {
  /** Baseline A: publish into a plain hub stream, PubAck only. */
  readonly barePublish: PathResult;
  /** Baseline B: plain stream and plain forwarder into KHM's inbox, as many in flight as tipnet. */
  readonly bareForward: PathResult;
  /** Baseline B with one forward at a time: the serial row, kept for comparison with older runs. */
  readonly serialBareForward: PathResult;
  readonly tipnet: PathResult;
}

type Load = 'unloaded' | 'loaded';
type Figure = (batch: BatchResult) => number | undefined;
const endToEnd = (key: 'p50Ms' | 'p95Ms' | 'p99Ms'): Figure => (batch) => batch.endToEnd?.[key];

export function tipnetRatios(paths: BenchPaths): Ratio[] {
  const { barePublish, bareForward, serialBareForward, tipnet } = paths;
  const rows: Array<[string, Ratio['unit'], PathResult, Load, Figure]> = [
    ['end-to-end p50, one at a time', 'ms', bareForward, 'unloaded', endToEnd('p50Ms')],
    ['end-to-end p95, one at a time', 'ms', bareForward, 'unloaded', endToEnd('p95Ms')],
    ['end-to-end p99, one at a time', 'ms', bareForward, 'unloaded', endToEnd('p99Ms')],
    ['end-to-end p50, loaded', 'ms', bareForward, 'loaded', endToEnd('p50Ms')],
    ['end-to-end p99, loaded', 'ms', bareForward, 'loaded', endToEnd('p99Ms')],
    ['end-to-end throughput, loaded', 'msg/s', bareForward, 'loaded', (batch) => batch.perSecond],
    ['end-to-end throughput vs serial bare forward', 'msg/s', serialBareForward, 'loaded', (batch) => batch.perSecond],
    ['submission PubAck p50, one at a time', 'ms', barePublish, 'unloaded', (batch) => batch.ack.p50Ms],
    ['end-to-end throughput vs bare publish rate', 'msg/s', barePublish, 'loaded', (batch) => batch.perSecond],
  ];
  return rows.map(([name, unit, baselinePath, load, figure]) => {
    const tipnetValue = figure(tipnet[load]) ?? Number.NaN;
    const baselineValue = figure(baselinePath[load]) ?? Number.NaN;
    return { name, baselineName: baselinePath.name, unit, tipnet: tipnetValue, baseline: baselineValue, ratio: tipnetValue / baselineValue };
  });
}

