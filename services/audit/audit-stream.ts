// The trail's store: stream TIPNODE_AUDIT on the state's own leaf (its own JetStream domain, as
// the node's inbox and buckets), file storage, no age or size limit, and deny_delete/deny_purge
// so that the JetStream API refuses to remove single entries (nats-server also refuses to turn
// either off again). Deleting the whole stream stays possible for an administrator of the leaf:
// that is what the chain and the checkpoints are for.
import { DeliverPolicy, DiscardPolicy, jetstream, jetstreamManager, RetentionPolicy, StorageType, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { hasJetStreamCode, JetStreamApiCodes, NODE_STREAMS, subjects, type Logger } from '../core/mod.ts';
import { AuditError } from './audit-errors.ts';

/** An entry is well under 2 KiB; a bigger message is not one of ours. */
const MAX_RECORD_BYTES = 8 * 1024;
/** Concurrent single-message reads when a range is read. */
const READ_CONCURRENCY = 64;

export const AUDIT_STREAM_CONFIG = Object.freeze({
  name: NODE_STREAMS.audit,
  subjects: [subjects.auditTrail()],
  storage: StorageType.File,
  num_replicas: 1,
  retention: RetentionPolicy.Limits,
  // Never drop an old entry to make room: when the leaf runs out, appends fail and are seen.
  discard: DiscardPolicy.New,
  max_age: 0,
  max_msgs: -1,
  max_bytes: -1,
  max_msg_size: MAX_RECORD_BYTES,
  deny_delete: true,
  deny_purge: true,
});

/** One stored record: its place in the stream and its content as parsed JSON (or, if it is not JSON, the raw text). */
export interface StoredRecord {
  readonly streamSequence: number;
  readonly value: unknown;
}

export function decodeRecord(data: Uint8Array): unknown {
  const text = new TextDecoder().decode(data);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export class AuditStore {
  private constructor(private readonly jsm: JetStreamManager, private readonly js: JetStreamClient) {}

  /** Opens the store, creating the stream if the leaf has none (or tightening an existing one). */
  static async ensure(nc: NatsConnection, logger?: Logger): Promise<AuditStore> {
    const store = await AuditStore.attach(nc);
    await store.guarded(() => store.ensureStream(logger));
    return store;
  }

  /** Opens an existing trail, for readers: a leaf without one is AUDIT_TRAIL_NOT_FOUND. */
  static async existing(nc: NatsConnection): Promise<AuditStore> {
    const store = await AuditStore.attach(nc);
    await store.bounds();
    return store;
  }

  private static async attach(nc: NatsConnection): Promise<AuditStore> {
    try {
      return new AuditStore(await jetstreamManager(nc), jetstream(nc));
    } catch (cause) {
      throw new AuditError('AUDIT_STORE_FAILED', { message: `JetStream is not available on this connection: ${(cause as Error).message}`, cause });
    }
  }

  private async ensureStream(logger?: Logger): Promise<void> {
    try {
      const info = await this.jsm.streams.info(NODE_STREAMS.audit);
      if (info.config.deny_delete && info.config.deny_purge) return;
      logger?.warn({ code: 'AUDIT_STREAM_TIGHTENED' }, 'the audit stream allowed deleting or purging entries; it no longer does');
      await this.jsm.streams.update(NODE_STREAMS.audit, { deny_delete: true, deny_purge: true });
    } catch (error) {
      if (!hasJetStreamCode(error, JetStreamApiCodes.StreamNotFound)) throw error;
      await this.jsm.streams.add({ ...AUDIT_STREAM_CONFIG, subjects: [...AUDIT_STREAM_CONFIG.subjects] });
    }
  }

  /** First and last stream sequence and the number of records. */
  async bounds(): Promise<{ first: number; last: number; count: number }> {
    const info = await this.guarded(() => this.jsm.streams.info(NODE_STREAMS.audit));
    return { first: info.state.first_seq, last: info.state.last_seq, count: info.state.messages };
  }

  async get(streamSequence: number): Promise<StoredRecord | undefined> {
    const stored = await this.guarded(() => this.jsm.streams.getMessage(NODE_STREAMS.audit, { seq: streamSequence }));
    return stored ? { streamSequence: stored.seq, value: decodeRecord(stored.data) } : undefined;
  }

  /** The newest record, in one request (every entry is on the one subject). */
  async newest(): Promise<StoredRecord | undefined> {
    const stored = await this.guarded(() => this.jsm.streams.getMessage(NODE_STREAMS.audit, { last_by_subj: subjects.auditTrail() }));
    return stored ? { streamSequence: stored.seq, value: decodeRecord(stored.data) } : undefined;
  }

  /** Records from..to inclusive, ascending; sequences with no record are left out. */
  async range(from: number, to: number): Promise<StoredRecord[]> {
    const records: StoredRecord[] = [];
    for (let start = from; start <= to; start += READ_CONCURRENCY) {
      const sequences = Array.from({ length: Math.min(READ_CONCURRENCY, to - start + 1) }, (_, index) => start + index);
      for (const record of await Promise.all(sequences.map((sequence) => this.get(sequence)))) if (record) records.push(record);
    }
    return records;
  }

  /** Every record in stream order, through an ordered consumer (one pass, no per-record round trip). */
  async all(): Promise<StoredRecord[]> {
    const { count } = await this.bounds();
    if (count === 0) return [];
    return this.guarded(async () => {
      const consumer = await this.js.consumers.get(NODE_STREAMS.audit, { deliver_policy: DeliverPolicy.All });
      const messages = await consumer.consume();
      const records: StoredRecord[] = [];
      try {
        for await (const message of messages) {
          records.push({ streamSequence: message.seq, value: decodeRecord(message.data) });
          if (message.info.pending === 0) break;
        }
      } finally {
        await messages.close();
      }
      return records;
    });
  }

  /** Appends only if the stream's last sequence is still `expectedLast`; returns the new sequence. */
  async publish(text: string, expectedLast: number): Promise<number> {
    const ack = await this.js.publish(subjects.auditTrail(), text, { expect: { lastSequence: expectedLast } });
    return ack.seq;
  }

  private async guarded<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (cause) {
      if (cause instanceof AuditError) throw cause;
      if (hasJetStreamCode(cause, JetStreamApiCodes.StreamNotFound)) {
        throw new AuditError('AUDIT_TRAIL_NOT_FOUND', { message: `this leaf holds no audit trail (no stream ${NODE_STREAMS.audit})`, cause });
      }
      throw new AuditError('AUDIT_STORE_FAILED', { message: `the audit stream ${NODE_STREAMS.audit} could not be read or written: ${(cause as Error).message}`, cause });
    }
  }
}
