// The baselines' hub: what tipnet's hub would be with every tipnet step taken out. A plain stream
// with the exact configuration of TIP_SUBMISSIONS (same subjects, replicas, work-queue retention,
// de-duplication), and a plain forwarder that moves each stored message into the recipient's
// TIP_INBOX the way the dispatcher does (a JetStream publish by request across the leaf
// connection), but without decoding, validating, verifying, routing policy, index or receipts.
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { headers, type MsgHdrs, type NatsConnection } from '@nats-io/transport-node';
import { hubStreamConfigs, type StateCode, STREAMS, subjects } from '../core/mod.ts';

export const BARE_STREAM = 'BENCH_BARE_SUBMISSIONS';
export const BARE_FORWARDER = 'bench-bare-forwarder';

export interface BareStream {
  /** Empties the stream between batches. */
  purge(): Promise<void>;
  /** Deletes it, so TIP_SUBMISSIONS can take its subjects. */
  remove(): Promise<void>;
}

export async function createBareStream(nc: NatsConnection, replicas: number): Promise<BareStream> {
  const submissions = hubStreamConfigs({ replicas }).find((config) => config.name === STREAMS.submissions);
  if (!submissions) throw new Error(`hubStreamConfigs has no ${STREAMS.submissions}`);
  const jsm = await jetstreamManager(nc);
  await jsm.streams.add({ ...submissions, name: BARE_STREAM });
  return {
    async purge() {
      await jsm.streams.purge(BARE_STREAM);
    },
    async remove() {
      await jsm.streams.delete(BARE_STREAM);
    },
  };
}

export interface RunningForwarder {
  readonly forwarded: { count: number; refused: number };
  stop(): Promise<void>;
}

/** One message at a time, like the router's and the dispatcher's loops, with the router's consumer settings. */
export async function startBareForwarder(nc: NatsConnection, recipient: StateCode, timeoutMs = 5_000): Promise<RunningForwarder> {
  const jsm = await jetstreamManager(nc);
  await jsm.consumers.add(BARE_STREAM, {
    durable_name: BARE_FORWARDER,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: 30_000_000_000,
    max_ack_pending: 1_000,
  });
  const consumer = await jetstream(nc).consumers.get(BARE_STREAM, BARE_FORWARDER);
  const messages = await consumer.consume({ max_messages: 100 });
  const forwarded = { count: 0, refused: 0 };
  const target = subjects.deliver(recipient, 'real', 'case-alert');
  const loop = (async () => {
    // A closed connection (a signal mid-run) ends the loop here instead of as an unhandled rejection.
    try {
      for await (const message of messages) {
        const h = headers();
        for (const [key, values] of message.headers ?? []) for (const value of values) h.append(key, value);
        if (await forward(nc, target, message.data, h, timeoutMs)) {
          forwarded.count += 1;
          message.ack();
        } else {
          forwarded.refused += 1;
          message.nak(250);
        }
      }
    } catch {
      forwarded.refused += 1;
    }
  })();
  let stopped: Promise<void> | undefined;
  return {
    forwarded,
    stop() {
      stopped ??= (async () => {
        await messages.close();
        await loop;
        await jsm.consumers.delete(BARE_STREAM, BARE_FORWARDER);
      })();
      return stopped;
    },
  };
}

/** A JetStream publish, by request, into the recipient's inbox; true once it is stored. */
async function forward(nc: NatsConnection, subject: string, data: Uint8Array, h: MsgHdrs, timeoutMs: number): Promise<boolean> {
  try {
    const reply = await nc.request(subject, data, { headers: h, timeout: timeoutMs });
    const ack = reply.json<{ stream?: string; error?: unknown }>();
    return ack.error === undefined && ack.stream !== undefined;
  } catch {
    return false;
  }
}
