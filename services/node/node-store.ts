// A node's own state, in JetStream key-value buckets on its leaf server (its own domain), so it
// survives a restart of the node and never leaves the state. Each bucket is mirrored in memory at
// start (this process is the only writer); `create` is the one atomic step, used where two writers
// must not both win: de-duplication of deliveries, idempotency keys and escalations.
import { createHash } from 'node:crypto';
import { JetStreamApiCodes, JetStreamApiError, StorageType } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { NODE_BUCKETS } from '../core/mod.ts';
import type { EscalationRecord, IdempotencyRecord, ReceivedRecord, RefusedDelivery, SentRecord } from './node-records.ts';

/** One bucket: a typed map kept in step with KV, writes to one key applied in order. */
class Bucket<T> {
  readonly entries = new Map<string, T>();
  private readonly pending = new Map<string, Promise<unknown>>();

  constructor(private readonly kv: KV) {}

  static async open<T>(nc: NatsConnection, name: string): Promise<Bucket<T>> {
    const kv = await new Kvm(nc).create(name, { history: 1, storage: StorageType.File });
    const bucket = new Bucket<T>(kv);
    await bucket.load();
    return bucket;
  }

  private async load(): Promise<void> {
    const keys: string[] = [];
    for await (const key of await this.kv.keys()) keys.push(key);
    for (const key of keys) {
      const entry = await this.kv.get(key);
      if (entry && entry.operation === 'PUT') this.entries.set(key, entry.json<T>());
    }
  }

  get(key: string): T | undefined {
    return this.entries.get(key);
  }

  /** Reads KV itself, for a key another writer (a second node process) may have created. */
  async fetch(key: string): Promise<T | undefined> {
    const entry = await this.kv.get(key);
    if (!entry || entry.operation !== 'PUT') return undefined;
    const value = entry.json<T>();
    this.entries.set(key, value);
    return value;
  }

  put(key: string, value: T): Promise<void> {
    this.entries.set(key, value);
    return this.serially(key, () => this.kv.put(key, JSON.stringify(value)));
  }

  /** Writes only if the key does not exist yet; false if another write got there first. */
  async create(key: string, value: T): Promise<boolean> {
    try {
      await this.serially(key, () => this.kv.create(key, JSON.stringify(value)));
    } catch (error) {
      if (isWrongLastSequence(error)) {
        await this.fetch(key);
        return false;
      }
      throw error;
    }
    this.entries.set(key, value);
    return true;
  }

  values(): T[] {
    return [...this.entries.values()];
  }

  private serially(key: string, write: () => Promise<unknown>): Promise<void> {
    const previous = this.pending.get(key) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(write);
    this.pending.set(key, next);
    void next.finally(() => {
      if (this.pending.get(key) === next) this.pending.delete(key);
    }).catch(() => undefined);
    return next.then(() => undefined);
  }
}

function isWrongLastSequence(error: unknown): boolean {
  return error instanceof JetStreamApiError
    && (error.code === JetStreamApiCodes.StreamWrongLastSequence || error.code === JetStreamApiCodes.StreamWrongLastSequenceUnknown);
}

/** Client idempotency keys are the client's text: stored only as a digest. */
export function idempotencyKeyDigest(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export class NodeStore {
  private constructor(
    readonly sent: Bucket<SentRecord>,
    readonly received: Bucket<ReceivedRecord>,
    readonly idempotency: Bucket<IdempotencyRecord>,
    readonly escalations: Bucket<EscalationRecord>,
    readonly refused: Bucket<RefusedDelivery>,
  ) {}

  static async open(nc: NatsConnection): Promise<NodeStore> {
    return new NodeStore(
      await Bucket.open<SentRecord>(nc, NODE_BUCKETS.sent),
      await Bucket.open<ReceivedRecord>(nc, NODE_BUCKETS.received),
      await Bucket.open<IdempotencyRecord>(nc, NODE_BUCKETS.idempotency),
      await Bucket.open<EscalationRecord>(nc, NODE_BUCKETS.escalations),
      await Bucket.open<RefusedDelivery>(nc, NODE_BUCKETS.refused),
    );
  }
}

export type { Bucket };
