// The whole benchmark in one run, so every ratio compares figures taken on the same machine, under
// the same load, minutes apart: micro steps, baseline A (bare publish), baseline B (bare forward,
// serial and then with the same window as the tipnet path) and its catch-up drain, the hub's round
// trips, then tipnet's real hub services on the same servers, and tipnet's catch-up drain.
import { cpus, loadavg } from 'node:os';
import { CONSUMERS, encodeEnvelope, STREAMS } from '../core/mod.ts';
import { openDelivery } from '../node/mod.ts';
import { ArrivalTracker } from './arrival-tracker.ts';
import { BenchError, BenchErrorCode } from './bench-error.ts';
import { untilServersQuiet } from './cpu-usage.ts';
import { BENCH_STATES, RECIPIENT, SENDER, startBenchHub, type BenchHub } from './bench-hub.ts';
import { hubServiceCounters, startBenchHubServices } from './bench-hub-services.ts';
import type { BenchOptions } from './bench-options.ts';
import { tipnetRatios, type BenchPaths, type Ratio } from './bench-ratios.ts';
import { buildBenchSummary, type BenchSummary, type CatchUpFigures, type HitIndexFigures, type MemoryFigures, type RateLatency } from './bench-summary.ts';
import { bareCatchUpSeconds, tipnetCatchUpSeconds } from './catch-up.ts';
import { measureMemory } from './memory-run.ts';
import { BARE_FORWARDER, BARE_STREAM, createBareStream, startBareForwarder, type BareStream } from './bare-hub.ts';
import type { CleanupStack } from '../deployment/mod.ts';
import { measureHitIndex } from './hit-index-bench.ts';
import { measureHubPrimitives, type HubPrimitives } from './hub-primitives.ts';
import { measureOfferedRates } from './offered-rates.ts';
import { identifyByMessageIdHeader, startInboxArrivals, type RunningInboxArrivals } from './inbox-arrivals.ts';
import { measurePath } from './measure-path.ts';
import { measureMicro, type MicroResult } from './micro.ts';
import { signedAlerts } from './signed-alerts.ts';
import { measureNodeStore, type StoreBenchResult } from './store-bench.ts';

const BARE_READER = 'bench-bare-reader';
const TIPNET_READER = 'bench-khm-node';

/** The summary of issue 15 (throughput, latency, ..., machine) first, then every figure in detail. */
export interface BenchReport extends BenchSummary {
  readonly startedAt: string;
  readonly options: BenchOptions;
  readonly environment: { readonly node: string; readonly natsServer: string; readonly cpus: number; readonly alertBytes: number };
  readonly micro: readonly MicroResult[];
  readonly hubPrimitives: HubPrimitives;
  readonly paths: BenchPaths;
  readonly ratios: readonly Ratio[];
  /** From the hub services after the tipnet batches: all delivered, none rejected or retried. */
  readonly tipnetCounters: Readonly<Record<string, number>>;
  /** A node's store at a year's volume. */
  readonly store: StoreBenchResult;
}

export async function runBench(options: BenchOptions, cleanup: CleanupStack, progress: (line: string) => void): Promise<BenchReport> {
  const startedAt = new Date().toISOString();
  const loadAverageStart = loadavg();
  progress(`starting a ${options.hubNodes}-node hub with leaves ${BENCH_STATES.join(', ')}`);
  const hub = await startBenchHub(options.hubNodes, cleanup);
  const sample = encodeEnvelope(signedAlerts(1, hub.senderKey, hub.matchingKey)[0]!);

  progress('micro: sign, verify, encode, decode, validate');
  const micro = await measureMicro(hub);
  progress('baseline A: bare publish into a plain hub stream');
  const { path: barePublish, bareStream } = await measureBarePublish(hub, options);
  progress('baseline B serial: bare forward, one message at a time, into KHM inbox');
  const serialBareForward = await measureBareForward(hub, options, cleanup, { name: 'B serial forward', window: 1 });
  // Whatever the serial forwarder had not acknowledged when it stopped must not be forwarded again.
  await bareStream.purge();
  await untilServersQuiet(hub.serverPids);
  progress(`baseline B windowed: bare forward, ${options.concurrency} in flight, into KHM inbox`);
  const bareForward = await measureBareForward(hub, options, cleanup, { name: 'B windowed forward', window: options.concurrency });
  await bareStream.purge();
  if (options.catchUp > 0) progress(`baseline catch-up: ${options.catchUp} alerts queued in the bare stream, then drained into KHM inbox`);
  const bareCatchUp = options.catchUp > 0 ? await bareCatchUpSeconds(hub, options) : undefined;
  await bareStream.remove();
  progress('hub round trips: KV get, KV put, stream publish, leaf inbox hand-over');
  const hubPrimitives = await measureHubPrimitives(hub.hub, {
    replicas: options.hubNodes,
    count: Math.min(200, options.latencyCount),
    recipient: RECIPIENT,
    recipientNc: hub.recipient,
    payload: sample,
  });
  const settled = await untilServersQuiet(hub.serverPids);
  progress(`servers ${settled.quiet ? 'quiet' : 'still busy'} after ${(settled.waitedMs / 1000).toFixed(1)} s`);
  progress('tipnet: real router and dispatcher, verified at KHM');
  const tipnet = await measureTipnet(hub, options, cleanup, progress);
  if (options.catchUp > 0) progress(`tipnet catch-up: ${options.catchUp} alerts routed while KHM's dispatcher is away, then drained into KHM inbox`);
  const catchUp = bareCatchUp === undefined ? undefined : catchUpFigures(options.catchUp, await tipnetCatchUpSeconds(hub, options), bareCatchUp);
  const hitIndex = await measureHitIndexIfAsked(hub, options, progress);

  progress(`node store: ${options.storeMessages} received messages, then open, first page, search, a node restart on a real leaf`);
  const store = await measureNodeStore(options.storeMessages, hub.matchingKey, progress);

  const paths = { barePublish, bareForward, serialBareForward, tipnet: tipnet.path };
  const environment = { node: process.version, natsServer: hub.hub.info?.version ?? 'unknown', cpus: cpus().length, alertBytes: sample.byteLength };
  const machine = { cores: environment.cpus, node: environment.node, natsServer: environment.natsServer, loadAverageStart, loadAverageEnd: loadavg() };
  return {
    startedAt,
    ...buildBenchSummary({
      paths, machine, latencyByRate: tipnet.latencyByRate,
      ...(hitIndex ? { hitIndex } : {}), ...(catchUp ? { catchUp } : {}), ...(tipnet.memory ? { memory: tipnet.memory } : {}),
    }),
    options,
    environment,
    micro,
    hubPrimitives,
    paths,
    ratios: tipnetRatios(paths),
    tipnetCounters: tipnet.counters,
    store,
  };
}

function catchUpFigures(alerts: number, tipnetSeconds: number, baselineSeconds: number): CatchUpFigures {
  return { alerts, tipnetSeconds, baselineSeconds, ratio: baselineSeconds / tipnetSeconds };
}

type PathResult = Awaited<ReturnType<typeof measurePath>>;

/** Baseline A: the same alerts published into a plain hub stream, nothing read. */
async function measureBarePublish(hub: BenchHub, options: BenchOptions): Promise<{ path: PathResult; bareStream: BareStream }> {
  const bareStream = await createBareStream(hub.hub, options.hubNodes);
  const path = await measurePath(hub, options, { name: 'A bare publish' });
  await bareStream.purge();
  return { path, bareStream };
}

/**
 * Baseline B: a plain forwarder moves them into KHM's inbox, with no checks at all, `window`
 * forwards in flight (1: the serial row; the bench's concurrency: the fair baseline).
 */
async function measureBareForward(hub: BenchHub, options: BenchOptions, cleanup: CleanupStack, forwarding: { name: string; window: number }): Promise<PathResult> {
  const bareArrivals = new ArrivalTracker();
  const forwarder = await startBareForwarder(hub.hub, RECIPIENT, forwarding.window);
  cleanup.defer('stop the bare forwarder', () => forwarder.stop());
  const bareReader = await startInboxArrivals(hub.recipient, BARE_READER, identifyByMessageIdHeader, bareArrivals);
  cleanup.defer('stop the bare KHM reader', () => bareReader.stop());
  const bareForward = await measurePath(hub, options, {
    name: forwarding.name,
    arrivals: bareArrivals,
    queues: [
      { name: `${forwarding.name}: forwarder (bare stream)`, nc: hub.hub, stream: BARE_STREAM, consumer: BARE_FORWARDER },
      { name: `${forwarding.name}: KHM reader (TIP_INBOX)`, nc: hub.recipient, stream: STREAMS.inbox, consumer: BARE_READER },
    ],
  });
  await forwarder.stop();
  await stopReader(bareReader, forwarding.name);
  return bareForward;
}

/**
 * tipnet's real router and dispatcher on the same servers, every delivery opened and verified at
 * KHM: the closed-loop batches, then the open-loop offered rates.
 */
async function measureTipnet(
  hub: BenchHub,
  options: BenchOptions,
  cleanup: CleanupStack,
  progress: (line: string) => void,
): Promise<{ path: PathResult; latencyByRate: RateLatency[]; memory: MemoryFigures | undefined; counters: BenchReport['tipnetCounters'] }> {
  const services = await startBenchHubServices(hub, options, cleanup);
  const tipnetArrivals = new ArrivalTracker();
  const tipnetReader = await startInboxArrivals(
    hub.recipient,
    TIPNET_READER,
    (message) => openDelivery(message.data, hub.directory).envelope.messageId,
    tipnetArrivals,
  );
  cleanup.defer('stop the tipnet KHM reader', () => tipnetReader.stop());
  const path = await measurePath(hub, options, {
    name: 'tipnet',
    arrivals: tipnetArrivals,
    queues: [
      { name: 'tipnet router (TIP_SUBMISSIONS)', nc: hub.hub, stream: STREAMS.submissions, consumer: CONSUMERS.router },
      { name: 'tipnet dispatcher KHM (TIP_DELIVERIES)', nc: hub.hub, stream: STREAMS.deliveries, consumer: CONSUMERS.dispatcher(RECIPIENT) },
      { name: 'tipnet dispatcher IDN, receipts', nc: hub.hub, stream: STREAMS.deliveries, consumer: CONSUMERS.dispatcher(SENDER) },
      { name: 'tipnet KHM node (TIP_INBOX)', nc: hub.recipient, stream: STREAMS.inbox, consumer: TIPNET_READER },
    ],
  });
  const latencyByRate = await measureOfferedRates(hub, options, tipnetArrivals, progress);
  if (options.memorySeconds > 0) progress(`tipnet memory: ${options.memorySeconds} s at ${options.memoryRate}/s offered, RSS sampled`);
  const memory = options.memorySeconds > 0 ? await measureMemory(hub, options, tipnetArrivals) : undefined;
  await stopReader(tipnetReader, 'tipnet');
  const counters = { ...hubServiceCounters(services), khmUnexpectedArrivals: tipnetArrivals.unexpected };
  // The catch-up starts its own services, with KHM's dispatcher held back.
  for (const running of services) await running.stop();
  return { path, latencyByRate, memory, counters };
}

/** `--only hit-index`: the hub's hit index alone, on a fresh hub (e.g. 1,000,000 identifiers). */
export interface HitIndexReport {
  readonly startedAt: string;
  readonly options: BenchOptions;
  readonly machine: BenchSummary['machine'];
  readonly hitIndex: HitIndexFigures;
}

export async function runHitIndexBench(options: BenchOptions, cleanup: CleanupStack, progress: (line: string) => void): Promise<HitIndexReport> {
  const startedAt = new Date().toISOString();
  const loadAverageStart = loadavg();
  progress(`starting a ${options.hubNodes}-node hub for the hit index`);
  const hub = await startBenchHub(options.hubNodes, cleanup);
  const hitIndex = await measureHitIndexIfAsked(hub, { ...options, hitIdentifiers: Math.max(1, options.hitIdentifiers) }, progress);
  const machine = { cores: cpus().length, node: process.version, natsServer: hub.hub.info?.version ?? 'unknown', loadAverageStart, loadAverageEnd: loadavg() };
  return { startedAt, options, machine, hitIndex: hitIndex! };
}

async function measureHitIndexIfAsked(hub: BenchHub, options: BenchOptions, progress: (line: string) => void): Promise<HitIndexFigures | undefined> {
  if (options.hitIdentifiers === 0) return undefined;
  progress(`hit index: ${options.hitIdentifiers} identifiers recorded (${options.concurrency} in flight), then new reports matched one at a time`);
  return measureHitIndex(hub.hub, { replicas: options.hubNodes, identifiers: options.hitIdentifiers, window: options.concurrency, timeoutMs: options.phaseTimeoutMs, progress });
}

async function stopReader(reader: RunningInboxArrivals, path: string): Promise<void> {
  await reader.stop();
  if (reader.failures.length > 0) {
    throw new BenchError(BenchErrorCode.deliveryFailed, `${path}: ${reader.failures.length} arrivals failed, first: ${reader.failures[0]}`);
  }
}
