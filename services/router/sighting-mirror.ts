// The hit index's sightings, one key per identifier and state (`seen.<identifier>.<state>`), held
// in the router's memory as well as in the bucket. One key per state means a new state's sighting
// is the create of a fresh key: nats-server 2.9.10's file store never loads the cold block of an
// old value for it (tens of ms at a million identifiers). Which of two concurrent sightings came
// second is settled by the bucket's stream order, which the mirror follows (a KV watch): after its
// write at revision R, a router waits until its mirror has seen R, so it has seen every sighting
// written before, and the later of two always finds the earlier. Both may find each other; a hit's
// id comes from the two message ids, so its notices are the same and de-duplicated.
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import type { KV, KvEntry } from '@nats-io/kv';
import type { IdentifierSighting } from './hit-matching.ts';

/** The one shared list per identifier that releases before per-state keys wrote (`seen.<identifier>`). */
export const SHARED_SLOT = '';

/** One key's value: a state's sightings of the identifier (or the shared list), at a revision. */
export interface SlotEntry {
  readonly slot: string;
  readonly revision: number;
  readonly json: string;
}

export function sightingSubject(prefix: string, identifier: string, slot: string): string {
  return slot === SHARED_SLOT ? `${prefix}${identifier}` : `${prefix}${identifier}.${slot}`;
}

/** The identifier and slot a bucket key names, or undefined for a key that is no sighting. */
export function parseSightingKey(prefix: string, key: string): { identifier: string; slot: string } | undefined {
  if (!key.startsWith(prefix)) return undefined;
  const [identifier, slot = SHARED_SLOT, ...rest] = key.slice(prefix.length).split('.');
  return identifier && rest.length === 0 ? { identifier, slot } : undefined;
}

export function sightingsIn(entry: SlotEntry): IdentifierSighting[] {
  return JSON.parse(entry.json) as IdentifierSighting[];
}

/**
 * A million identifiers are held per router, so each costs as little as it can: a SHA-256 hex
 * identifier is kept as its 32 bytes in a one-byte string (half the size, and no slice of the
 * bucket key kept alive), a lone state's entry without an array, state names shared.
 */
function compactIdentifier(identifier: string): string {
  return /^[0-9a-f]{64}$/.test(identifier) ? Buffer.from(identifier, 'hex').toString('latin1') : identifier;
}

/** The mirror's map and the rules that keep it from going backwards. Pure: entries in, answers out. */
export class SightingCache {
  private readonly byIdentifier = new Map<string, SlotEntry | SlotEntry[]>();
  /** Revisions of deleted keys, so an older value arriving late cannot bring one back. */
  private readonly deletedAt = new Map<string, number>();
  private readonly slotNames = new Map<string, string>();
  /** The newest revision the watch has delivered: everything before it is in the map. */
  private watched = 0;

  get size(): number {
    return this.byIdentifier.size;
  }
  get watchedRevision(): number {
    return this.watched;
  }
  slot(identifier: string, slot: string): SlotEntry | undefined {
    return this.slotsOf(identifier).find((entry) => entry.slot === slot);
  }
  slotsOf(identifier: string): readonly SlotEntry[] {
    const held = this.byIdentifier.get(compactIdentifier(identifier));
    return held === undefined ? [] : Array.isArray(held) ? held : [held];
  }
  /** Every sighting of the identifier: the shared list first, then each state's, in the order they were written. */
  sightingsOf(identifier: string, exceptSlot?: string): IdentifierSighting[] {
    const entries = this.slotsOf(identifier).filter((entry) => entry.slot !== exceptSlot);
    const ordered = entries.sort((a, b) => (a.slot === SHARED_SLOT ? -1 : b.slot === SHARED_SLOT ? 1 : a.revision - b.revision));
    return ordered.flatMap(sightingsIn);
  }
  /** A value written at this revision (seen by the watch, or acknowledged to this router's own write). */
  put(identifier: string, entry: SlotEntry): void {
    if (entry.revision <= this.newestRevision(identifier, entry.slot)) return;
    this.deletedAt.delete(`${identifier}.${entry.slot}`);
    const slot = this.slotNames.get(entry.slot) ?? (this.slotNames.set(entry.slot, entry.slot), entry.slot);
    this.store(identifier, [...this.slotsOf(identifier).filter((old) => old.slot !== slot), { slot, revision: entry.revision, json: entry.json }]);
  }
  /** A delete or purge of the key at this revision. */
  remove(identifier: string, slot: string, revision: number): void {
    if (revision <= this.newestRevision(identifier, slot)) return;
    this.store(identifier, this.slotsOf(identifier).filter((old) => old.slot !== slot));
    this.deletedAt.set(`${identifier}.${slot}`, revision);
  }
  /** The watch delivered this revision: the map holds everything up to it. */
  watchedUpTo(revision: number): void {
    this.watched = Math.max(this.watched, revision);
  }
  private store(identifier: string, entries: SlotEntry[]): void {
    const key = compactIdentifier(identifier);
    if (entries.length === 0) this.byIdentifier.delete(key);
    else this.byIdentifier.set(key, entries.length === 1 ? entries[0]! : entries);
  }
  private newestRevision(identifier: string, slot: string): number {
    return this.slot(identifier, slot)?.revision ?? this.deletedAt.get(`${identifier}.${slot}`) ?? 0;
  }
}

export interface RunningSightingMirror {
  readonly cache: SightingCache;
  /** Resolves once the bucket's existing sightings are all in memory. */
  readonly loaded: Promise<void>;
  /** Resolves once the watch has delivered this revision; rejects after timeoutMs (the watch is stuck). */
  caughtUpTo(revision: number, timeoutMs?: number | null): Promise<void>;
  /** Resolves once the mirror holds every sighting stored before the call (one read of the newest revision). */
  caughtUpToNow(): Promise<void>;
  stop(): Promise<void>;
}

interface Waiter {
  readonly revision: number;
  settle(error?: Error): void;
}

/** How long a router waits for its own write to come back through the watch before giving up on the step. */
const CATCH_UP_TIMEOUT_MS = 10_000;

/**
 * Follows every `prefix` key of the bucket with a KV watch (an ordered consumer: the last value of
 * each key, then every change). Loaded once the watch has passed the newest entry under the prefix
 * when it started; with none, at once.
 */
export async function startSightingMirror(nc: NatsConnection, kv: KV, bucket: string, prefix: string): Promise<RunningSightingMirror> {
  const cache = new SightingCache();
  const newest = (await newestRevisionUnder(nc, bucket, prefix)) ?? 0;
  const watch = await kv.watch({ key: `${prefix}>` });
  const waiters = new Set<Waiter>();
  const caughtUpTo = (revision: number, timeoutMs: number | null = CATCH_UP_TIMEOUT_MS) => new Promise<void>((resolve, reject) => {
    if (cache.watchedRevision >= revision) { resolve(); return; }
    const waiter: Waiter = { revision, settle: (error) => { clearTimeout(timer); waiters.delete(waiter); if (error) reject(error); else resolve(); } };
    const timer = timeoutMs === null ? undefined : setTimeout(() => waiter.settle(
      new Error(`the hit index mirror did not reach revision ${revision} within ${timeoutMs} ms (at ${cache.watchedRevision})`)), timeoutMs);
    waiters.add(waiter);
  });
  const following = (async () => {
    for await (const entry of watch) {
      apply(cache, prefix, entry);
      cache.watchedUpTo(entry.revision);
      for (const waiter of waiters) if (cache.watchedRevision >= waiter.revision) waiter.settle();
    }
  })();
  // Loading a million takes seconds: no timeout, the watch's pace is the bucket's size.
  const loaded = caughtUpTo(newest, null);
  // Stopped before it loaded: whoever waits hears why; nobody waiting is no crash.
  loaded.catch(() => undefined);
  return {
    cache,
    loaded,
    caughtUpTo,
    async caughtUpToNow() {
      await caughtUpTo((await newestRevisionUnder(nc, bucket, prefix)) ?? 0);
    },
    async stop() {
      watch.stop();
      await following;
      for (const waiter of waiters) waiter.settle(new Error('the hit index mirror stopped'));
    },
  };
}

/** The stream sequence of the newest entry under the prefix (nats-server takes a wildcard here), if any. */
async function newestRevisionUnder(nc: NatsConnection, bucket: string, prefix: string): Promise<number | undefined> {
  const jsm = await jetstreamManager(nc);
  const newest = await jsm.streams.getMessage(`KV_${bucket}`, { last_by_subj: `$KV.${bucket}.${prefix}>` });
  return newest?.seq;
}

function apply(cache: SightingCache, prefix: string, entry: KvEntry): void {
  const named = parseSightingKey(prefix, entry.key);
  if (!named) return;
  if (entry.operation === 'PUT') cache.put(named.identifier, { slot: named.slot, revision: entry.revision, json: entry.string() });
  else cache.remove(named.identifier, named.slot, entry.revision);
}
