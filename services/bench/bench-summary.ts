// The headline figures of issue 15 in one fixed shape at the top of bench.json, built from what
// the run measured. A figure the bench does not measure yet is null, with a note saying so in
// `notMeasured`: never a guess. Pure: results in, summary out.
import type { BenchPaths } from './bench-ratios.ts';
import type { LatencySummary } from './latency-summary.ts';

export interface Machine {
  readonly cores: number;
  readonly node: string;
  readonly natsServer: string;
  /** os.loadavg() (1, 5 and 15 minutes) when the run started and when it ended. */
  readonly loadAverageStart: readonly number[];
  readonly loadAverageEnd: readonly number[];
}

export interface Throughput {
  /** The fair baseline: bare forward with `window` forwards in flight. */
  readonly baselineMsgsPerSec: number;
  readonly tipnetMsgsPerSec: number;
  /** tipnet / windowed baseline. */
  readonly ratio: number;
  /** Messages in flight, the same for the windowed baseline and tipnet (--concurrency). */
  readonly window: number;
  /** The bare forward one message at a time (the bench's baseline B before issue 15). */
  readonly serialBaselineMsgsPerSec: number;
  /** tipnet / serial baseline, for comparison with older runs. */
  readonly serialRatio: number;
}

/** End-to-end latency at one offered rate, open loop. */
export interface RateLatency {
  readonly offeredPerSec: number;
  readonly sent: number;
  /** Messages per second actually sent (below the offered rate when the sender fell behind). */
  readonly achievedSendPerSec: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

export interface HitIndexFigures {
  /** Identifiers recorded in the hub's index before matching. */
  readonly identifiers: number;
  /** Mean time to record one identifier's sighting, with the bench's window of them in flight. */
  readonly addMs: number;
  readonly addPerSec: number;
  /**
   * Median time to match one identifier of a new report against the index (record and find hits),
   * as a router does it: a write to the reporting state's own key, the others' sightings from the
   * router's in-memory mirror, loaded after the fill.
   */
  readonly matchMs: number;
  readonly matchP95Ms: number;
  readonly matchP99Ms: number;
  readonly matches: number;
  /** The same for identifiers nobody holds yet (no hit: the common case). */
  readonly newIdentifierMatchMs: number;
  readonly newIdentifierMatchP99Ms: number;
  /** A router starting on the filled index: time until its mirror held every sighting, and the heap it took (after a GC). */
  readonly mirrorLoadMs: number;
  readonly mirrorHeapMb: number;
  /** Of the timed matches (held and new): how many overlapped a garbage collection, the slowest one, and the collection time inside it. */
  readonly matchesWithGc: number;
  readonly slowestMatchMs: number;
  readonly slowestMatchGcMs: number;
  /** A fresh sighting key's write alone (create to PubAck), median and p99 of as many writes as matches. */
  readonly freshKeyWriteMs: number;
  readonly freshKeyWriteP99Ms: number;
  /** The index bucket's stream after the run: bytes stored (per server) and entries. */
  readonly bucketBytes: number;
  readonly bucketMessages: number;
}

/** A state back after an outage: its backlog drained into its inbox, tipnet against a bare forwarder. */
export interface CatchUpFigures {
  /** Alerts addressed to the state while it was away. */
  readonly alerts: number;
  /** From the state's dispatcher starting until the last alert was read (and verified) in its inbox. */
  readonly tipnetSeconds: number;
  /** The same backlog in a bare stream, from the windowed bare forwarder starting until the last arrival. */
  readonly baselineSeconds: number;
  /** tipnet's drain rate over the bare one (baselineSeconds / tipnetSeconds): 1 drains as fast. */
  readonly ratio: number;
}

/** Resident memory over a steady open-loop run of the hub services. */
export interface MemoryFigures {
  readonly seconds: number;
  readonly offeredPerSec: number;
  readonly hubServicesRssStartMb: number;
  /** After one minute, when the run lasts that long; the reference point. */
  readonly hubServicesRssOneMinuteMb: number | null;
  readonly hubServicesRssEndMb: number;
  /** What the figure is the RSS of. */
  readonly process: string;
}

export interface BenchSummary {
  readonly throughput: Throughput;
  /** Keyed by offered rate per second. */
  readonly latency: Readonly<Record<string, RateLatency>> | null;
  readonly catchUp: CatchUpFigures | null;
  readonly hitIndex: HitIndexFigures | null;
  readonly memory: MemoryFigures | null;
  readonly machine: Machine;
  /** Why a figure above is null. */
  readonly notMeasured: Readonly<Record<string, string>>;
}

export interface SummaryInput {
  readonly paths: Pick<BenchPaths, 'bareForward' | 'serialBareForward' | 'tipnet'>;
  readonly machine: Machine;
  readonly latencyByRate?: readonly RateLatency[];
  readonly hitIndex?: HitIndexFigures;
  readonly catchUp?: CatchUpFigures;
  readonly memory?: MemoryFigures;
}

const NOT_MEASURED = {
  latency: 'not measured in this run (--rates none)',
  catchUp: 'not measured in this run (--catch-up 0)',
  hitIndex: 'not measured in this run (--hit-identifiers 0)',
  memory: 'not measured in this run (--memory-seconds 0; 300 for the 5-minute steady run)',
} as const;

export function buildBenchSummary(input: SummaryInput): BenchSummary {
  const { bareForward, serialBareForward, tipnet } = input.paths;
  const tipnetRate = tipnet.loaded.perSecond;
  const latency = input.latencyByRate && input.latencyByRate.length > 0
    ? Object.fromEntries(input.latencyByRate.map((figures) => [String(figures.offeredPerSec), figures]))
    : null;
  const hitIndex = input.hitIndex ?? null;
  const catchUp = input.catchUp ?? null;
  const memory = input.memory ?? null;
  const notMeasured: Record<string, string> = {};
  if (latency === null) notMeasured.latency = NOT_MEASURED.latency;
  if (catchUp === null) notMeasured.catchUp = NOT_MEASURED.catchUp;
  if (hitIndex === null) notMeasured.hitIndex = NOT_MEASURED.hitIndex;
  if (memory === null) notMeasured.memory = NOT_MEASURED.memory;
  return {
    throughput: {
      baselineMsgsPerSec: bareForward.loaded.perSecond,
      tipnetMsgsPerSec: tipnetRate,
      ratio: tipnetRate / bareForward.loaded.perSecond,
      window: tipnet.loaded.window,
      serialBaselineMsgsPerSec: serialBareForward.loaded.perSecond,
      serialRatio: tipnetRate / serialBareForward.loaded.perSecond,
    },
    latency,
    catchUp,
    hitIndex,
    memory,
    machine: input.machine,
    notMeasured,
  };
}

/** The percentiles of an open-loop run at one rate, in the summary's field names. */
export function rateLatency(offeredPerSec: number, achievedSendPerSec: number, endToEnd: LatencySummary): RateLatency {
  return {
    offeredPerSec,
    sent: endToEnd.samples,
    achievedSendPerSec,
    p50: endToEnd.p50Ms,
    p95: endToEnd.p95Ms,
    p99: endToEnd.p99Ms,
    max: endToEnd.maxMs,
  };
}
