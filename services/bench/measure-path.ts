// Measures one path the same way for the baselines and for tipnet: IDN's node submits prepared,
// signed alerts with publishSubmission (the only way a state sends), first a warm-up, then one at
// a time for unloaded latency, then a batch with `concurrency` in flight for throughput. Only what
// the hub does with them differs between paths.
import { performance } from 'node:perf_hooks';
import { publishSubmission } from '../node/mod.ts';
import type { ArrivalTracker } from './arrival-tracker.ts';
import type { BenchHub } from './bench-hub.ts';
import type { BenchOptions } from './bench-options.ts';
import { startCpuCount } from './cpu-usage.ts';
import { sampleQueueDepths, type QueueDepth, type QueueProbe } from './queue-depth.ts';
import { summarizeLatencies, type LatencySummary } from './latency-summary.ts';
import { signedAlerts } from './signed-alerts.ts';
import { runWindowed, type WindowedRunResult } from './windowed-run.ts';

export interface PathUnderTest {
  readonly name: string;
  /** Set for end-to-end paths: what arrives in KHM's inbox. Publish-only paths stop at the PubAck. */
  readonly arrivals?: ArrivalTracker;
  /** Consumers along the path whose backlog is sampled during the loaded batch. */
  readonly queues?: readonly QueueProbe[];
}

export interface BatchResult {
  readonly window: number;
  /** Submission to PubAck from the hub. */
  readonly ack: LatencySummary;
  /** Submission to arrival in KHM's inbox (and, for tipnet, verified there). */
  readonly endToEnd?: LatencySummary;
  /** Messages per second over the batch, first submission to last ack or arrival. */
  readonly perSecond: number;
  readonly elapsedMs: number;
  /** Share of the batch this process's event loop was busy (1 = saturated: a CPU bound here). */
  readonly eventLoopBusy: number;
  /** CPU time per message, by this process and by the servers. */
  readonly cpuPerMessage: CpuPerMessage;
  /** Backlog at each stage, with the time a message spends there by Little's law. */
  readonly stages?: ReadonlyArray<QueueDepth & { readonly meanMsThere: number }>;
}

export interface CpuPerMessage {
  /** This process: client, reader and (for tipnet) router and dispatcher. */
  readonly nodeUs: number;
  readonly hubServersUs: number;
  readonly leafServersUs: number;
}

export interface PathResult {
  readonly name: string;
  readonly unloaded: BatchResult;
  readonly loaded: BatchResult;
}

export async function measurePath(hub: BenchHub, options: BenchOptions, path: PathUnderTest): Promise<PathResult> {
  if (options.warmupCount > 0) await batch(hub, options, path, 'warm-up', options.warmupCount, Math.min(8, options.concurrency));
  const unloaded = await batch(hub, options, path, 'unloaded', options.latencyCount, 1);
  const loaded = await batch(hub, options, path, 'loaded', options.count, options.concurrency, path.queues);
  return { name: path.name, unloaded, loaded };
}

async function batch(
  hub: BenchHub,
  options: BenchOptions,
  path: PathUnderTest,
  label: string,
  count: number,
  window: number,
  queues: readonly QueueProbe[] = [],
): Promise<BatchResult> {
  const alerts = signedAlerts(count, hub.senderKey, hub.matchingKey);
  const arrivals = path.arrivals;
  const cpuSpent = startCpuCount(hub.serverPids);
  const loopAtStart = performance.eventLoopUtilization();
  const sampler = queues.length > 0 ? await sampleQueueDepths(queues) : undefined;
  const result: WindowedRunResult = await runWindowed({
    name: `${path.name} ${label}`,
    count,
    window,
    timeoutMs: options.phaseTimeoutMs,
    send: (index) => publishSubmission(hub.sender, alerts[index]!),
    ...(arrivals ? { expectArrival: (index: number) => arrivals.expect(alerts[index]!.messageId) } : {}),
  });
  const cpu = cpuSpent();
  const depths = await sampler?.stop();
  const loop = performance.eventLoopUtilization(loopAtStart);
  const perMessageUs = (ms: number) => (ms * 1_000) / count;
  const perSecond = (count * 1_000) / result.elapsedMs;
  return {
    window,
    ack: summarizeLatencies(result.ackMs),
    ...(arrivals ? { endToEnd: summarizeLatencies(result.endToEndMs) } : {}),
    perSecond,
    elapsedMs: result.elapsedMs,
    eventLoopBusy: loop.utilization,
    cpuPerMessage: {
      nodeUs: perMessageUs(cpu.nodeMs),
      hubServersUs: perMessageUs(cpu.hubServersMs),
      leafServersUs: perMessageUs(cpu.leafServersMs),
    },
    ...(depths ? { stages: depths.map((depth) => ({ ...depth, meanMsThere: (depth.meanBacklog * 1_000) / perSecond })) } : {}),
  };
}
