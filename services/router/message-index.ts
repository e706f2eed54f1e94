// What the hub remembers about each message it delivered, so it can route what refers back to it:
// receipts and answers go to the original sender, a retraction reaches every original recipient,
// and TLP:AMBER+STRICT content cannot be passed on by a recipient. Routing metadata only: no
// payload, no victim data.
import { createHash } from 'node:crypto';
import type { NatsConnection } from '@nats-io/transport-node';
import { Kvm, type KV } from '@nats-io/kv';
import { StorageType } from '@nats-io/jetstream';
import type { IdentifierSighting } from './hit-matching.ts';

export interface IndexedMessage {
  readonly messageId: string;
  readonly sender: string;
  readonly recipients: readonly string[];
  readonly payloadName: string;
  readonly handling: number;
  readonly exercise: boolean;
  readonly drillId: string;
}

export interface MessageIndex {
  get(messageId: string): Promise<IndexedMessage | undefined>;
  put(message: IndexedMessage): Promise<void>;
  /** States that received AMBER+STRICT content with these exact payload bytes. */
  strictHolders(payload: Uint8Array): Promise<readonly string[]>;
  putStrictHolders(payload: Uint8Array, holders: readonly string[]): Promise<void>;
  /**
   * Records a sighting of the identifier with this key (hit-matching.ts) and returns the sightings
   * recorded before it, atomically: of two messages routed at once, the second always sees the
   * first. Idempotent for the same message (a redo returns the same earlier sightings).
   */
  addSighting(key: string, sighting: IdentifierSighting): Promise<readonly IdentifierSighting[]>;
}

/** Sightings kept per identifier, one per state and traffic class: enough to tell every state that holds it. */
const MAX_SIGHTINGS = 64;

/**
 * The list with this sighting added, or undefined when nothing needs writing: the message is
 * there already (a redo), or its state already holds the identifier in this traffic class. One
 * entry per state is all a hit needs, and it keeps the common case (a state reporting the same
 * person again) to a single read.
 */
function withSighting(list: readonly IdentifierSighting[], sighting: IdentifierSighting): IdentifierSighting[] | undefined {
  if (list.some((s) => s.messageId === sighting.messageId || (s.state === sighting.state && s.traffic === sighting.traffic))) return undefined;
  return [...list, sighting].slice(-MAX_SIGHTINGS);
}

/** What was there before this message's sighting. */
function before(list: readonly IdentifierSighting[], sighting: IdentifierSighting): IdentifierSighting[] {
  const at = list.findIndex((s) => s.messageId === sighting.messageId);
  return at === -1 ? [...list] : list.slice(0, at);
}

export const MESSAGE_INDEX_BUCKET = 'TIP_MESSAGE_INDEX';

export function payloadDigest(payload: Uint8Array): string {
  return createHash('sha256').update(payload).digest('hex');
}

/** For unit tests and single-process tools. */
export class InMemoryMessageIndex implements MessageIndex {
  private readonly messages = new Map<string, IndexedMessage>();
  private readonly strict = new Map<string, readonly string[]>();

  async get(messageId: string) {
    return this.messages.get(messageId);
  }
  async put(message: IndexedMessage) {
    this.messages.set(message.messageId, message);
  }
  async strictHolders(payload: Uint8Array) {
    return this.strict.get(payloadDigest(payload)) ?? [];
  }
  async putStrictHolders(payload: Uint8Array, holders: readonly string[]) {
    this.strict.set(payloadDigest(payload), holders);
  }
  private readonly seen = new Map<string, readonly IdentifierSighting[]>();
  async addSighting(key: string, sighting: IdentifierSighting) {
    const current = this.seen.get(key) ?? [];
    const next = withSighting(current, sighting);
    if (next) this.seen.set(key, next);
    return before(current, sighting);
  }
}

/** The shared index of every router instance: a JetStream key-value bucket in the hub's account. */
export class KvMessageIndex implements MessageIndex {
  private constructor(private readonly kv: KV) {}

  static async open(nc: NatsConnection, options: { replicas: number; maxAgeMs?: number }): Promise<KvMessageIndex> {
    const kv = await new Kvm(nc).create(MESSAGE_INDEX_BUCKET, {
      replicas: options.replicas,
      history: 1,
      storage: StorageType.File,
      // Long enough to outlive any message's lifetime and the replies to it.
      ttl: options.maxAgeMs ?? 400 * 24 * 3_600_000,
    });
    return new KvMessageIndex(kv);
  }

  async get(messageId: string) {
    const entry = await this.kv.get(`msg.${messageId}`);
    if (!entry || entry.operation !== 'PUT') return undefined;
    return entry.json<IndexedMessage>();
  }
  async put(message: IndexedMessage) {
    await this.kv.put(`msg.${message.messageId}`, JSON.stringify(message));
  }
  async strictHolders(payload: Uint8Array) {
    const entry = await this.kv.get(`strict.${payloadDigest(payload)}`);
    if (!entry || entry.operation !== 'PUT') return [];
    return entry.json<string[]>();
  }
  async putStrictHolders(payload: Uint8Array, holders: readonly string[]) {
    await this.kv.put(`strict.${payloadDigest(payload)}`, JSON.stringify(holders));
  }
  /** Compare-and-set on the entry's revision: concurrent routers never lose or miss a sighting. */
  async addSighting(key: string, sighting: IdentifierSighting) {
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const entry = await this.kv.get(`seen.${key}`);
      const current = entry && entry.operation === 'PUT' ? entry.json<IdentifierSighting[]>() : [];
      const next = withSighting(current, sighting);
      if (!next) return before(current, sighting);
      try {
        if (entry && entry.operation === 'PUT') await this.kv.update(`seen.${key}`, JSON.stringify(next), entry.revision);
        else await this.kv.create(`seen.${key}`, JSON.stringify(next));
        return current;
      } catch {
        // Another instance wrote first: read again and retry.
      }
    }
    throw new Error(`could not record an identifier sighting after 10 attempts (key ${key.slice(0, 12)}...)`);
  }
}
