// What the hub remembers about each message it delivered, so it can route what refers back to it:
// receipts and answers go to the original sender, a retraction reaches every original recipient,
// a message id stays bound to its first sender, and TLP:RED or AMBER+STRICT content cannot be
// passed on by a recipient. Routing metadata only: no payload, no victim data.
import type { NatsConnection } from '@nats-io/transport-node';
import { Kvm, type KV } from '@nats-io/kv';
import { StorageType } from '@nats-io/jetstream';
import { MESSAGE_INDEX_BUCKET } from '../core/mod.ts';
import type { QueryRate } from './routing-policy.ts';
import type { IdentifierSighting } from './hit-matching.ts';
import { drillKey, type DrillRecord } from './drill-registry.ts';
import { KvSightings, SIGHTING_PREFIX } from './kv-sightings.ts';
import { isWriteConflict, withSighting } from './sighting-lists.ts';
import { startSightingMirror, type RunningSightingMirror } from './sighting-mirror.ts';
import { hasLiveValue, publishExpectingNone, type Requests } from './lean-requests.ts';

// Defined with the sighting keys, where the bucket's writes need them; exported here as before.
export { isWriteConflict, withSighting };

export interface IndexedMessage {
  readonly messageId: string;
  readonly sender: string;
  readonly recipients: readonly string[];
  readonly payloadName: string;
  readonly handling: number;
  readonly exercise: boolean;
  readonly drillId: string;
  /** SHA-256 of the envelope bytes: the same sender resending the same bytes is a resend, anything else a reuse. */
  readonly envelopeDigest?: string;
  /** Sighting keys (hit-matching.ts) of the keyed identifiers it carried, so a retraction can remove them. */
  readonly sightingKeys?: readonly string[];
}

/** The outcome of binding a message id to a message: first claim, the same message again, or someone else's. */
export type ClaimResult =
  | { readonly kind: 'claimed' }
  | { readonly kind: 'conflict'; readonly code: 'MESSAGE_ID_TAKEN' | 'MESSAGE_ID_REUSED'; readonly owner: string };

/** One side of a hit: the state, its message (or query) and whether the hub told it of the hit. */
export interface HitParty {
  readonly state: string;
  readonly messageId: string;
  readonly told: boolean;
}

/** What the hub keeps of a hit (key `hit.<hitId>`), so a follow-up can be checked against it. */
export interface HitRecord {
  readonly hitId: string;
  readonly parties: readonly HitParty[];
  readonly fromQuery: boolean;
  readonly traffic: string;
}


/** A state's query count in the current window (key `quota.<STATE>`). */
export interface QueryWindow {
  readonly windowStartMs: number;
  readonly ids: readonly string[];
}

export interface MessageIndex {
  get(messageId: string): Promise<IndexedMessage | undefined>;
  /**
   * Binds the message id to this message, atomically: of two states claiming one id at once,
   * exactly one wins. Claiming again with the same sender and envelope bytes (a redo after a
   * crash, a resend) succeeds.
   */
  claim(message: IndexedMessage): Promise<ClaimResult>;
  /** Whether the state received TLP:RED or AMBER+STRICT content with this content digest. */
  holdsRestricted(contentDigest: string, state: string): Promise<boolean>;
  addRestrictedHolders(contentDigest: string, states: readonly string[]): Promise<void>;
  /**
   * Records a sighting of the identifier with this key and returns the sightings recorded before
   * it, atomically: of two messages routed at once, the second always sees the first. Idempotent
   * for the same message (a redo returns the same earlier sightings).
   */
  addSighting(key: string, sighting: IdentifierSighting, nowMs: number): Promise<readonly IdentifierSighting[]>;
  /** Removes the sightings a message recorded under this key (it was retracted). */
  removeSightings(key: string, messageId: string): Promise<void>;
  /** The sightings recorded under this key, without recording any (a query is not a holding). */
  sightingsOf(key: string): Promise<readonly IdentifierSighting[]>;
  /** Records a hit's parties; the same hit again (a redo) overwrites it with the same content. */
  recordHit(record: HitRecord): Promise<void>;
  getHit(hitId: string): Promise<HitRecord | undefined>;
  /**
   * Counts a query of this state against its rate, atomically; false when the window is full.
   * A message id already counted in the window is allowed again (a redo is not counted twice).
   */
  countQuery(state: string, messageId: string, nowMs: number, rate: QueryRate): Promise<boolean>;
  /** A drill started at run time (drill-registry.ts), by its id. */
  getDrill(drillId: string): Promise<DrillRecord | undefined>;
  /** Written by the router carrying out a control message of that drill (one sender, in order). */
  putDrill(record: DrillRecord): Promise<void>;
}

/**
 * A query counted against a state's window: whether it is allowed, and the window to write (undefined
 * when nothing changes: a redo of a counted id, or a refusal). A window older than windowMs starts afresh. Pure.
 */
export function withQuery(current: QueryWindow | undefined, messageId: string, nowMs: number, rate: QueryRate): { allowed: boolean; next?: QueryWindow } {
  const fresh = current === undefined || nowMs - current.windowStartMs >= rate.windowMs || nowMs < current.windowStartMs;
  const window = fresh ? { windowStartMs: nowMs, ids: [] } : current;
  if (window.ids.includes(messageId)) return { allowed: true };
  if (window.ids.length >= rate.queriesPerWindow) return { allowed: false };
  return { allowed: true, next: { windowStartMs: window.windowStartMs, ids: [...window.ids, messageId] } };
}

/** Whether an existing entry stops this claim, and why. Pure. */
export function claimConflict(existing: IndexedMessage, claim: IndexedMessage): ClaimResult {
  if (existing.sender !== claim.sender) return { kind: 'conflict', code: 'MESSAGE_ID_TAKEN', owner: existing.sender };
  // Entries of older releases have no digest: the same sender is all that can be checked.
  if (existing.envelopeDigest !== undefined && existing.envelopeDigest !== claim.envelopeDigest) {
    return { kind: 'conflict', code: 'MESSAGE_ID_REUSED', owner: existing.sender };
  }
  return { kind: 'claimed' };
}

/** What was there before this message's sighting. */
function before(list: readonly IdentifierSighting[], sighting: IdentifierSighting): IdentifierSighting[] {
  const at = list.findIndex((s) => s.messageId === sighting.messageId);
  return at === -1 ? [...list] : list.slice(0, at);
}


/** For unit tests and single-process tools. */
export class InMemoryMessageIndex implements MessageIndex {
  private readonly messages = new Map<string, IndexedMessage>();
  private readonly restricted = new Set<string>();
  private readonly seen = new Map<string, readonly IdentifierSighting[]>();
  private readonly hits = new Map<string, HitRecord>();
  private readonly drills = new Map<string, DrillRecord>();
  private readonly quotas = new Map<string, QueryWindow>();

  async get(messageId: string) {
    return this.messages.get(messageId);
  }
  async claim(message: IndexedMessage) {
    const existing = this.messages.get(message.messageId);
    if (existing) return claimConflict(existing, message);
    this.messages.set(message.messageId, message);
    return { kind: 'claimed' } as const;
  }
  async holdsRestricted(contentDigest: string, state: string) {
    return this.restricted.has(`${contentDigest}.${state}`);
  }
  async addRestrictedHolders(contentDigest: string, states: readonly string[]) {
    for (const state of states) this.restricted.add(`${contentDigest}.${state}`);
  }
  async addSighting(key: string, sighting: IdentifierSighting, nowMs: number) {
    const current = this.seen.get(key) ?? [];
    const next = withSighting(current, sighting, nowMs);
    if (next) this.seen.set(key, next);
    return before(current, sighting);
  }
  async removeSightings(key: string, messageId: string) {
    const current = this.seen.get(key) ?? [];
    this.seen.set(key, current.filter((s) => s.messageId !== messageId));
  }
  async sightingsOf(key: string) {
    return this.seen.get(key) ?? [];
  }
  async recordHit(record: HitRecord) {
    this.hits.set(record.hitId, record);
  }
  async getHit(hitId: string) {
    return this.hits.get(hitId);
  }
  async getDrill(drillId: string) {
    return this.drills.get(drillId);
  }
  async putDrill(record: DrillRecord) {
    this.drills.set(record.drillId, record);
  }
  async countQuery(state: string, messageId: string, nowMs: number, rate: QueryRate) {
    const { allowed, next } = withQuery(this.quotas.get(state), messageId, nowMs, rate);
    if (next) this.quotas.set(state, next);
    return allowed;
  }
}

/** How long a claim or a forwarding check may take before the routing step fails and is retried. */
const KV_TIMEOUT_MS = 5_000;

/** The subject a key of the index bucket is written on (the bucket is neither a mirror nor sourced). */
function keySubject(key: string): string {
  return `$KV.${MESSAGE_INDEX_BUCKET}.${key}`;
}

/** The shared index of every router instance: a JetStream key-value bucket in the hub's account. */
export class KvMessageIndex implements MessageIndex {
  private readonly sightings: KvSightings;
  private constructor(private readonly kv: KV, private readonly mirror: RunningSightingMirror, private readonly requests: Requests) {
    this.sightings = new KvSightings(kv, mirror);
  }

  /**
   * Opens the bucket and starts following its sightings into memory (sighting-mirror.ts); close()
   * stops that. The claim and the forwarding check, once per message, go by `requests`
   * (lean-requests.ts) when given.
   */
  static async open(nc: NatsConnection, options: { replicas: number; maxAgeMs?: number; requests?: Requests }): Promise<KvMessageIndex> {
    const kv = await new Kvm(nc).create(MESSAGE_INDEX_BUCKET, {
      replicas: options.replicas,
      history: 1,
      storage: StorageType.File,
      // Long enough to outlive any message's lifetime and the replies to it; also how long an id stays bound.
      ttl: options.maxAgeMs ?? 400 * 24 * 3_600_000,
    });
    return new KvMessageIndex(kv, await startSightingMirror(nc, kv, MESSAGE_INDEX_BUCKET, SIGHTING_PREFIX), options.requests ?? nc);
  }

  /** Resolves once the mirror holds every sighting the bucket had when it was opened. */
  async sightingsLoaded(): Promise<void> {
    await this.mirror.loaded;
  }
  /** How many identifiers the mirror holds. */
  get mirroredSightings(): number {
    return this.mirror.cache.size;
  }
  async close(): Promise<void> {
    await this.mirror.stop();
  }

  async get(messageId: string) {
    const entry = await this.kv.get(`msg.${messageId}`);
    if (!entry || entry.operation !== 'PUT') return undefined;
    return entry.json<IndexedMessage>();
  }
  /** `create` fails when the key exists, so the first claim wins even across router instances. */
  async claim(message: IndexedMessage): Promise<ClaimResult> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await publishExpectingNone(this.requests, keySubject(`msg.${message.messageId}`), new TextEncoder().encode(JSON.stringify(message)), KV_TIMEOUT_MS);
        return { kind: 'claimed' };
      } catch (error) {
        if (!isWriteConflict(error)) throw error;
        const existing = await this.get(message.messageId);
        if (existing) return claimConflict(existing, message);
        // The key was there and is gone again (deleted or aged out in between): claim it afresh.
        if (attempt === 3) throw error;
        // A delete leaves a marker, which an expect-nothing publish counts as a value: overwrite it.
        if (await this.claimOverDeleteMarker(message)) return { kind: 'claimed' };
      }
    }
  }
  /** True once a claim replaced a delete marker left under the message id; false when the key holds none. */
  private async claimOverDeleteMarker(message: IndexedMessage): Promise<boolean> {
    const entry = await this.kv.get(`msg.${message.messageId}`);
    if (!entry || entry.operation === 'PUT') return false;
    await this.kv.update(`msg.${message.messageId}`, JSON.stringify(message), entry.revision);
    return true;
  }
  async holdsRestricted(contentDigest: string, state: string) {
    return await hasLiveValue(this.requests, `KV_${MESSAGE_INDEX_BUCKET}`, keySubject(`held.${contentDigest}.${state}`), KV_TIMEOUT_MS);
  }
  /** One key per holder: writes never race, and the check is one read. */
  async addRestrictedHolders(contentDigest: string, states: readonly string[]) {
    await Promise.all(states.map((state) => this.kv.put(`held.${contentDigest}.${state}`, '1')));
  }
  /** Per identifier and state, with the other states' sightings from the mirror (kv-sightings.ts). */
  async addSighting(key: string, sighting: IdentifierSighting, nowMs: number) {
    return await this.sightings.add(key, sighting, nowMs);
  }
  async removeSightings(key: string, messageId: string) {
    await this.sightings.remove(key, messageId);
  }
  async sightingsOf(key: string) {
    return await this.sightings.of(key);
  }
  async recordHit(record: HitRecord) {
    await this.kv.put(`hit.${record.hitId}`, JSON.stringify(record));
  }
  async getDrill(drillId: string) {
    const entry = await this.kv.get(drillKey(drillId));
    if (!entry || entry.operation !== 'PUT') return undefined;
    const record = entry.json<DrillRecord>();
    // A hash prefix names the key: the record says which drill it is.
    return record.drillId === drillId ? record : undefined;
  }
  async putDrill(record: DrillRecord) {
    await this.kv.put(drillKey(record.drillId), JSON.stringify(record));
  }
  async getHit(hitId: string) {
    // Hit ids come from senders (follows_up_hit_id): only a key-safe one can name a hit.
    if (!/^[A-Za-z0-9_=-]{1,128}$/.test(hitId)) return undefined;
    const entry = await this.kv.get(`hit.${hitId}`);
    return entry && entry.operation === 'PUT' ? entry.json<HitRecord>() : undefined;
  }
  /** Compare-and-set like addSighting: two routers counting at once never both take the last place. */
  async countQuery(state: string, messageId: string, nowMs: number, rate: QueryRate) {
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const entry = await this.kv.get(`quota.${state}`);
      const current = entry && entry.operation === 'PUT' ? entry.json<QueryWindow>() : undefined;
      const { allowed, next } = withQuery(current, messageId, nowMs, rate);
      if (!next) return allowed;
      try {
        if (entry && entry.operation === 'PUT') await this.kv.update(`quota.${state}`, JSON.stringify(next), entry.revision);
        else await this.kv.create(`quota.${state}`, JSON.stringify(next));
        return allowed;
      } catch (error) {
        if (!isWriteConflict(error)) throw error;
      }
    }
    throw new Error(`could not count a query of ${state} after 10 attempts`);
  }
}
