// A node upgraded from the KV-bucket store finds its records where they were: the first start
// with an empty SQLite store copies every entry of the old TIPNODE_* buckets on its leaf into it,
// once (the buckets are left as they are, for the operator to remove). Messages come over as the
// summaries the buckets held: their full payload was never kept, so their detail shows the
// summary's facts only. A store that holds anything is never touched.
import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { type Logger, NODE_BUCKETS } from '../../core/mod.ts';
import type { EscalationRecord, IdempotencyRecord, ReceivedRecord, RefusedDelivery, SentRecord } from '../node-records.ts';
import type { NodeStore } from '../node-store.ts';

/** Every PUT entry of a bucket, or nothing when the bucket does not exist. */
async function entriesOf<T>(nc: NatsConnection, name: string): Promise<[string, T][]> {
  let kv: KV;
  try {
    kv = await new Kvm(nc).open(name);
    await kv.status();
  } catch {
    return [];
  }
  const keys: string[] = [];
  for await (const key of await kv.keys()) keys.push(key);
  const entries: [string, T][] = [];
  for (const key of keys) {
    const entry = await kv.get(key);
    if (entry && entry.operation === 'PUT') entries.push([key, entry.json<T>()]);
  }
  return entries;
}

/** Copies the old buckets into an empty store; returns how many entries it copied (0: nothing to do). */
export async function importLegacyBuckets(nc: NatsConnection, store: NodeStore, logger: Logger): Promise<number> {
  if (!store.isEmpty()) return 0;
  const sent = await entriesOf<SentRecord>(nc, NODE_BUCKETS.sent);
  const received = await entriesOf<ReceivedRecord>(nc, NODE_BUCKETS.received);
  const idempotency = await entriesOf<IdempotencyRecord>(nc, NODE_BUCKETS.idempotency);
  const escalations = await entriesOf<EscalationRecord>(nc, NODE_BUCKETS.escalations);
  const refused = await entriesOf<RefusedDelivery>(nc, NODE_BUCKETS.refused);
  const total = sent.length + received.length + idempotency.length + escalations.length + refused.length;
  if (total === 0) return 0;
  // One commit: a crash half-way leaves the store empty, and the next start imports again.
  store.received.batch(() => {
    for (const [, record] of sent) store.sent.insert(record);
    for (const [, record] of received) store.received.insert(record);
    for (const [key, record] of idempotency) store.idempotency.insert(key, record);
    for (const [key, record] of escalations) store.escalations.insert(key, record);
    for (const [key, record] of refused) store.refused.insert(key, record);
  });
  logger.info({ sent: sent.length, received: received.length, idempotency: idempotency.length, escalations: escalations.length, refused: refused.length },
    'imported the records of the old KV buckets into the node store');
  return total;
}
