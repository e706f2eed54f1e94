// The hit index's sightings held in the router's memory as well as in the bucket. At a million
// identifiers, reading an entry written hours ago costs nats-server 2.9.10's file store a cold block
// load (tens of ms); a router that already knows the entry and its revision writes once, with the
// revision as its compare-and-set guard. The mirror is only ever a guess: every write is checked by
// the bucket against the revision the mirror gave, and a write that loses reads the bucket afresh,
// so a stale or incomplete mirror costs a retry, never a lost or missed sighting.
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import type { KV, KvEntry } from '@nats-io/kv';

/** What the mirror knows of one key: the entry's revision and its JSON value. */
export interface MirroredEntry {
  readonly revision: number;
  readonly json: string;
}

/**
 * What the mirror says of a key: the entry, `absent` when it has read the whole bucket and holds
 * no entry for it, `unknown` while it is still loading (the bucket must be asked).
 */
export type MirrorAnswer = MirroredEntry | 'absent' | 'unknown';

/** The mirror's map and the rules that keep it from going backwards. Pure: entries in, answers out. */
export class SightingCache {
  private readonly entries = new Map<string, MirroredEntry>();
  /** Revisions of deleted keys, so an older value arriving late cannot bring one back. */
  private readonly deletedAt = new Map<string, number>();
  private loaded = false;

  get size(): number {
    return this.entries.size;
  }
  get isLoaded(): boolean {
    return this.loaded;
  }
  /** The whole bucket has been read once: from now on a key the mirror lacks is probably absent. */
  markLoaded(): void {
    this.loaded = true;
  }
  lookup(key: string): MirrorAnswer {
    const entry = this.entries.get(key);
    if (entry) return entry;
    return this.loaded ? 'absent' : 'unknown';
  }
  /** A value written at this revision (seen by the watch, or acknowledged to this router's own write). */
  put(key: string, revision: number, json: string): void {
    if (revision <= this.newestRevision(key)) return;
    this.deletedAt.delete(key);
    this.entries.set(key, { revision, json });
  }
  /** A delete or purge of the key at this revision. */
  remove(key: string, revision: number): void {
    if (revision <= this.newestRevision(key)) return;
    this.entries.delete(key);
    this.deletedAt.set(key, revision);
  }
  private newestRevision(key: string): number {
    return this.entries.get(key)?.revision ?? this.deletedAt.get(key) ?? 0;
  }
}

export interface RunningSightingMirror {
  readonly cache: SightingCache;
  /** Resolves once the bucket's existing sightings are all in memory. */
  readonly loaded: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Follows every `prefix` key of the bucket with a KV watch (an ordered consumer: the last value of
 * each key, then every change). The initial values are loaded once the watch has passed the newest
 * entry under the prefix when it started (or its pending count reaches 0); with none, at once.
 */
export async function startSightingMirror(nc: NatsConnection, kv: KV, bucket: string, prefix: string): Promise<RunningSightingMirror> {
  const cache = new SightingCache();
  const newest = await newestRevisionUnder(nc, bucket, prefix);
  const watch = await kv.watch({ key: `${prefix}>` });
  let markLoaded = (): void => {};
  const loaded = new Promise<void>((resolve) => {
    markLoaded = () => {
      cache.markLoaded();
      resolve();
    };
  });
  if (newest === undefined) markLoaded();
  const following = (async () => {
    for await (const entry of watch) {
      apply(cache, entry);
      if (!cache.isLoaded && (entry.revision >= (newest ?? 0) || entry.delta === 0)) markLoaded();
    }
  })();
  return {
    cache,
    loaded,
    async stop() {
      watch.stop();
      await following;
    },
  };
}

/** The stream sequence of the newest entry under the prefix (nats-server takes a wildcard here), if any. */
async function newestRevisionUnder(nc: NatsConnection, bucket: string, prefix: string): Promise<number | undefined> {
  const jsm = await jetstreamManager(nc);
  const newest = await jsm.streams.getMessage(`KV_${bucket}`, { last_by_subj: `$KV.${bucket}.${prefix}>` });
  return newest?.seq;
}

function apply(cache: SightingCache, entry: KvEntry): void {
  if (entry.operation === 'PUT') cache.put(entry.key, entry.revision, entry.string());
  else cache.remove(entry.key, entry.revision);
}
