// The hub's hit index at scale: --hit-identifiers sightings recorded in the real message index
// (the KV bucket the router uses, on the bench's hub), with the bench's window of them in flight,
// then new reports from another state matched one at a time against identifiers already held, as
// the router does for each keyed identifier of a submission: record the sighting (which returns
// the earlier ones) and find the hits.
import type { NatsConnection } from '@nats-io/transport-node';
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
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
  options: { replicas: number; identifiers: number; window: number; timeoutMs: number },
): Promise<HitIndexFigures> {
  const index = await KvMessageIndex.open(nc, { replicas: options.replicas });
  const nowMs = Date.now();
  const sighting = (state: string): IdentifierSighting =>
    ({ state, messageId: randomUUID(), traffic: 'real', identifierKind: PASSPORT_KIND, expiresAtUnixMs: nowMs + DAY_MS });
  // Sighting keys are SHA-256 hex, as core's sightingKey makes them.
  const keys = Array.from({ length: options.identifiers }, () => randomBytes(32).toString('hex'));
  const recorded = await runWindowed({
    name: 'hit index: recording identifiers',
    count: options.identifiers,
    window: options.window,
    timeoutMs: options.timeoutMs,
    send: (position) => index.addSighting(keys[position]!, sighting(SENDER), nowMs),
  });
  const matchMs: number[] = [];
  for (let match = 0; match < MATCHES; match += 1) {
    const key = keys[Math.floor((match * keys.length) / MATCHES)]!;
    const report = sighting(RECIPIENT);
    const startedAt = performance.now();
    const earlier = await index.addSighting(key, report, nowMs);
    const hits = findHits(report, [{ identifierKind: PASSPORT_KIND, earlier }], nowMs);
    matchMs.push(performance.now() - startedAt);
    if (hits.length !== 1) throw new BenchError(BenchErrorCode.deliveryFailed, `hit index: a report of a held identifier found ${hits.length} hits, not 1`);
  }
  const matching = summarizeLatencies(matchMs);
  return {
    identifiers: options.identifiers,
    addMs: summarizeLatencies(recorded.ackMs).meanMs,
    addPerSec: (options.identifiers * 1_000) / recorded.elapsedMs,
    matchMs: matching.p50Ms,
    matchP99Ms: matching.p99Ms,
    matches: MATCHES,
  };
}
