// The hub's hit index at scale: --hit-identifiers sightings recorded in the real message index
// (the KV bucket the router uses, on the bench's hub), with the bench's window of them in flight,
// then new reports from another state matched one at a time against identifiers already held, as
// the router does for each keyed identifier of a submission: record the sighting (which returns
// the earlier ones) and find the hits. The matching index is opened after the fill, as a router
// starting on a full index would be: the time to load its in-memory mirror (sighting-mirror.ts)
// is measured too.
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { randomBytes, randomUUID } from 'node:crypto';
import { performance, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { MESSAGE_INDEX_BUCKET } from '../core/mod.ts';
import { findHits, KvMessageIndex, type IdentifierSighting } from '../router/mod.ts';
import { BenchError, BenchErrorCode } from './bench-error.ts';
import { RECIPIENT, SENDER } from './bench-hub.ts';
import type { HitIndexFigures } from './bench-summary.ts';
import { summarizeLatencies } from './latency-summary.ts';
import { runWindowed } from './windowed-run.ts';

/** New reports matched one at a time after the index is filled (of each kind): p99 is the second slowest. */
const MATCHES = 200;
const PASSPORT_KIND = 1;
const DAY_MS = 24 * 3_600_000;

export async function measureHitIndex(
  nc: NatsConnection,
  options: { replicas: number; identifiers: number; window: number; timeoutMs: number; progress?: (line: string) => void },
): Promise<HitIndexFigures> {
  // Sighting keys are SHA-256 hex, as core's sightingKey makes them.
  const keys = Array.from({ length: options.identifiers }, () => randomBytes(32).toString('hex'));
  const recorded = await fill(nc, keys, options);
  return await matchAfterRestart(nc, options.replicas, keys, recorded);
}

/** The past traffic: every key recorded for SENDER by an index instance that is then closed (its memory freed). */
async function fill(
  nc: NatsConnection, keys: readonly string[],
  options: { replicas: number; window: number; timeoutMs: number; progress?: (line: string) => void },
): Promise<{ ackMs: number[]; elapsedMs: number }> {
  const index = await KvMessageIndex.open(nc, { replicas: options.replicas });
  const nowMs = Date.now();
  // A million recordings take minutes: say how far it got every 100,000.
  const step = 100_000;
  try {
    return await runWindowed({
      name: 'hit index: recording identifiers',
      count: keys.length,
      window: options.window,
      timeoutMs: options.timeoutMs,
      send: async (position) => {
        await index.addSighting(keys[position]!, { state: SENDER, messageId: randomUUID(), traffic: 'real', identifierKind: PASSPORT_KIND, expiresAtUnixMs: nowMs + DAY_MS }, nowMs);
        if ((position + 1) % step === 0) options.progress?.(`hit index: ${position + 1} identifiers recorded`);
      },
    });
  } finally {
    await index.close();
  }
}

/** The heap in use once garbage is collected (`npm run bench` exposes the collector), in MB. */
function heapInUseMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1_048_576;
}

/** A router starting on the filled index: its mirror loaded, then the matches timed. */
async function matchAfterRestart(
  nc: NatsConnection, replicas: number, keys: readonly string[], recorded: { ackMs: number[]; elapsedMs: number },
): Promise<HitIndexFigures> {
  const nowMs = Date.now();
  const sighting = (state: string): IdentifierSighting =>
    ({ state, messageId: randomUUID(), traffic: 'real', identifierKind: PASSPORT_KIND, expiresAtUnixMs: nowMs + DAY_MS });
  const heapBefore = heapInUseMb();
  const loadStartedAt = performance.now();
  const router = await KvMessageIndex.open(nc, { replicas });
  try {
    await router.sightingsLoaded();
    const mirrorLoadMs = performance.now() - loadStartedAt;
    const mirrorHeapMb = heapInUseMb() - heapBefore;
    // Held identifiers spread over the whole index (old and recent blocks), then identifiers nobody holds.
    const collections = watchCollections();
    try {
      const held = await timeMatches(router, (match) => keys[Math.floor((match * keys.length) / MATCHES)]!, 1, nowMs, sighting);
      const fresh = await timeMatches(router, () => randomBytes(32).toString('hex'), 0, nowMs, sighting);
      const gc = collections.during([...held.spans, ...fresh.spans]);
      const writes = await timeFreshWrites(nc, sighting);
      return await figures(nc, keys.length, recorded, { held: held.latencies, fresh: fresh.latencies, mirrorLoadMs, mirrorHeapMb, gc, writes });
    } finally {
      collections.stop();
    }
  } finally {
    await router.close();
  }
}

interface MatchRuns {
  readonly held: Latencies;
  readonly fresh: Latencies;
  readonly mirrorLoadMs: number;
  readonly mirrorHeapMb: number;
  readonly gc: GcDuringMatches;
  readonly writes: Latencies;
}
type Latencies = ReturnType<typeof summarizeLatencies>;

async function figures(
  nc: NatsConnection, identifiers: number, recorded: { ackMs: number[]; elapsedMs: number }, runs: MatchRuns,
): Promise<HitIndexFigures> {
  const { held, fresh } = runs;
  const stream = await (await jetstreamManager(nc)).streams.info(`KV_${MESSAGE_INDEX_BUCKET}`);
  return {
    identifiers,
    addMs: summarizeLatencies(recorded.ackMs).meanMs,
    addPerSec: (identifiers * 1_000) / recorded.elapsedMs,
    matchMs: held.p50Ms,
    matchP95Ms: held.p95Ms,
    matchP99Ms: held.p99Ms,
    matches: MATCHES,
    newIdentifierMatchMs: fresh.p50Ms,
    newIdentifierMatchP99Ms: fresh.p99Ms,
    mirrorLoadMs: runs.mirrorLoadMs,
    mirrorHeapMb: runs.mirrorHeapMb,
    matchesWithGc: runs.gc.matchesWithGc,
    slowestMatchMs: runs.gc.slowestMatchMs,
    slowestMatchGcMs: runs.gc.slowestMatchGcMs,
    freshKeyWriteMs: runs.writes.p50Ms,
    freshKeyWriteP99Ms: runs.writes.p99Ms,
    bucketBytes: stream.state.bytes,
    bucketMessages: stream.state.messages,
  };
}

/** MATCHES reports of KHM, one at a time, each recording its sighting and finding the hits: `hits` each. */
async function timeMatches(
  index: KvMessageIndex, keyOf: (match: number) => string, hits: number, nowMs: number,
  sighting: (state: string) => IdentifierSighting,
): Promise<{ latencies: Latencies; spans: Span[] }> {
  const matchMs: number[] = [];
  const spans: Span[] = [];
  for (let match = 0; match < MATCHES; match += 1) {
    const report = sighting(RECIPIENT);
    const startedAt = performance.now();
    const earlier = await index.addSighting(keyOf(match), report, nowMs);
    const found = findHits(report, [{ identifierKind: PASSPORT_KIND, earlier }], nowMs);
    const endedAt = performance.now();
    matchMs.push(endedAt - startedAt);
    spans.push({ startedAt, endedAt });
    if (found.length !== hits) throw new BenchError(BenchErrorCode.deliveryFailed, `hit index: a report found ${found.length} hits, not ${hits}`);
  }
  return { latencies: summarizeLatencies(matchMs), spans };
}

/**
 * The write alone: MATCHES creates of a fresh sighting key in the full bucket, timed to the PubAck,
 * so a slow match can be told from a slow write (the rest of a match is the mirror's echo).
 */
async function timeFreshWrites(nc: NatsConnection, sighting: (state: string) => IdentifierSighting): Promise<Latencies> {
  const kv = await new Kvm(nc).open(MESSAGE_INDEX_BUCKET);
  const writeMs: number[] = [];
  for (let write = 0; write < MATCHES; write += 1) {
    const value = JSON.stringify([sighting(RECIPIENT)]);
    const startedAt = performance.now();
    await kv.create(`seen.${randomBytes(32).toString('hex')}.${RECIPIENT}`, value);
    writeMs.push(performance.now() - startedAt);
  }
  return summarizeLatencies(writeMs);
}

interface Span {
  readonly startedAt: number;
  readonly endedAt: number;
}

export interface GcDuringMatches {
  /** Matches during which this process collected garbage (the mirror is a heap of hundreds of MB). */
  readonly matchesWithGc: number;
  readonly slowestMatchMs: number;
  /** Collection time inside the slowest match: what of it was the heap, not the index. */
  readonly slowestMatchGcMs: number;
}

/** Records the process's garbage collections, to tell which slow matches were pauses. */
function watchCollections(): { during(spans: readonly Span[]): GcDuringMatches; stop(): void } {
  const pauses: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => pauses.push(...list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  const gcIn = (span: Span) => pauses.reduce((sum, pause) =>
    sum + Math.max(0, Math.min(span.endedAt, pause.startTime + pause.duration) - Math.max(span.startedAt, pause.startTime)), 0);
  return {
    during(spans) {
      const slowest = spans.reduce((a, b) => (b.endedAt - b.startedAt > a.endedAt - a.startedAt ? b : a), spans[0] ?? { startedAt: 0, endedAt: 0 });
      return {
        matchesWithGc: spans.filter((span) => gcIn(span) > 0).length,
        slowestMatchMs: slowest.endedAt - slowest.startedAt,
        slowestMatchGcMs: gcIn(slowest),
      };
    },
    stop: () => observer.disconnect(),
  };
}
