// The hub's hit index at scale: --hit-identifiers sightings recorded in the real message index
// (the KV bucket the router uses, on the bench's hub), with the bench's window of them in flight,
// then new reports from another state matched one at a time against identifiers already held, as
// the router does for each keyed identifier of a submission: record the sighting (which returns
// the earlier ones) and find the hits. The matching index is opened after the fill, as a router
// starting on a full index would be: the time to load its in-memory mirror (sighting-mirror.ts)
// is measured too.
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { MESSAGE_INDEX_BUCKET } from '../core/mod.ts';
import { findHits, KvMessageIndex, type IdentifierSighting } from '../router/mod.ts';
import { BenchError, BenchErrorCode } from './bench-error.ts';
import { RECIPIENT, SENDER } from './bench-hub.ts';
import type { HitIndexFigures } from './bench-summary.ts';
import { summarizeLatencies } from './latency-summary.ts';
import { runWindowed } from './windowed-run.ts';

/** New reports matched one at a time after the index is filled. */
const MATCHES = 50;
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
    const held = await timeMatches(router, (match) => keys[Math.floor((match * keys.length) / MATCHES)]!, 1, nowMs, sighting);
    const fresh = await timeMatches(router, () => randomBytes(32).toString('hex'), 0, nowMs, sighting);
    return await figures(nc, keys.length, recorded, { held, fresh, mirrorLoadMs, mirrorHeapMb });
  } finally {
    await router.close();
  }
}

interface MatchRuns {
  readonly held: Latencies;
  readonly fresh: Latencies;
  readonly mirrorLoadMs: number;
  readonly mirrorHeapMb: number;
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
    bucketBytes: stream.state.bytes,
    bucketMessages: stream.state.messages,
  };
}

/** MATCHES reports of KHM, one at a time, each recording its sighting and finding the hits: `hits` each. */
async function timeMatches(
  index: KvMessageIndex, keyOf: (match: number) => string, hits: number, nowMs: number,
  sighting: (state: string) => IdentifierSighting,
): Promise<Latencies> {
  const matchMs: number[] = [];
  for (let match = 0; match < MATCHES; match += 1) {
    const report = sighting(RECIPIENT);
    const startedAt = performance.now();
    const earlier = await index.addSighting(keyOf(match), report, nowMs);
    const found = findHits(report, [{ identifierKind: PASSPORT_KIND, earlier }], nowMs);
    matchMs.push(performance.now() - startedAt);
    if (found.length !== hits) throw new BenchError(BenchErrorCode.deliveryFailed, `hit index: a report found ${found.length} hits, not ${hits}`);
  }
  return summarizeLatencies(matchMs);
}
