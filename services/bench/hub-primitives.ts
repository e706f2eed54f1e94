// The round trips the hub services make for each alert, timed one at a time from the hub's
// connection: a KV get and a KV put on a bucket like the message index, a publish into a stream
// like TIP_DELIVERIES, and a hand-over into KHM's TIP_INBOX across its leaf connection. They
// explain the tipnet figures: the router awaits several of these in a row for every alert.
import { jetstream, jetstreamManager, StorageType } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { headers, type NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { HEADERS, type StateCode, STREAMS, subjects } from '../core/mod.ts';
import { summarizeLatencies, type LatencySummary } from './latency-summary.ts';

const PRIMITIVES_STREAM = 'BENCH_PRIMITIVES';
const PRIMITIVES_BUCKET = 'BENCH_PRIMITIVES_INDEX';

export interface HubPrimitives {
  readonly kvGetMissing: LatencySummary;
  readonly kvPut: LatencySummary;
  readonly streamPublish: LatencySummary;
  readonly leafInboxHandOver: LatencySummary;
}

export async function measureHubPrimitives(
  nc: NatsConnection,
  options: { replicas: number; count: number; recipient: StateCode; recipientNc: NatsConnection; payload: Uint8Array },
): Promise<HubPrimitives> {
  const jsm = await jetstreamManager(nc);
  const js = jetstream(nc);
  await jsm.streams.add({ name: PRIMITIVES_STREAM, subjects: ['bench.primitives.>'], num_replicas: options.replicas, storage: StorageType.File });
  const kvm = new Kvm(nc);
  const kv = await kvm.create(PRIMITIVES_BUCKET, { replicas: options.replicas, history: 1, storage: StorageType.File });
  try {
    const entry = JSON.stringify({ messageId: randomUUID(), sender: 'IDN', recipients: ['KHM'], payloadName: 'case-alert', handling: 2, exercise: false, drillId: '' });
    const inboxSubject = subjects.deliver(options.recipient, 'real', 'case-alert');
    const result = {
      kvGetMissing: await timeEach(options.count, () => kv.get(`strict.${randomUUID()}`)),
      kvPut: await timeEach(options.count, () => kv.put(`msg.${randomUUID()}`, entry)),
      streamPublish: await timeEach(options.count, () => js.publish('bench.primitives.outbox', options.payload, { msgID: randomUUID() })),
      leafInboxHandOver: await timeEach(options.count, async () => {
        const h = headers();
        h.set(HEADERS.msgId, randomUUID());
        const reply = await nc.request(inboxSubject, options.payload, { headers: h, timeout: 5_000 });
        if (reply.json<{ error?: unknown }>().error !== undefined) throw new Error(`${STREAMS.inbox} refused a hand-over`);
      }),
    };
    return result;
  } finally {
    await kv.destroy();
    await jsm.streams.delete(PRIMITIVES_STREAM);
    // The hand-overs landed in the recipient's inbox; the tipnet batch must find it empty.
    await (await jetstreamManager(options.recipientNc)).streams.purge(STREAMS.inbox);
  }
}

async function timeEach(count: number, operation: () => Promise<unknown>): Promise<LatencySummary> {
  await operation();
  const samples: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const startedAt = performance.now();
    await operation();
    samples.push(performance.now() - startedAt);
  }
  return summarizeLatencies(samples);
}
