// The baselines' hub: what tipnet's hub would be with every tipnet step taken out. A plain stream
// with the exact configuration of TIP_SUBMISSIONS (same subjects, replicas, work-queue retention,
// de-duplication), and a plain forwarder that moves each stored message into the recipient's
// TIP_INBOX the way the dispatcher does (a JetStream publish by request across the leaf
// connection), but without decoding, validating, verifying, routing policy, index or receipts.
// The forwarder keeps a window of forwards in flight (the bench's --concurrency, the same window
// the tipnet path is offered), or one at a time for the serial row.
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type JsMsg } from '@nats-io/jetstream';
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

/**
 * Moves each stored message into the recipient's inbox with up to `window` forwards in flight, and
 * acknowledges the source in arrival order, each only once its own forward is stored (so nothing
 * is acknowledged before it is durable, as in the router's first hop). Window 1 is the serial
 * forwarder: one message at a time, like the router's and the dispatcher's loops.
 */
export async function startBareForwarder(nc: NatsConnection, recipient: StateCode, window: number, timeoutMs = 5_000): Promise<RunningForwarder> {
  const jsm = await jetstreamManager(nc);
  await jsm.consumers.add(BARE_STREAM, {
    durable_name: BARE_FORWARDER,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: 30_000_000_000,
    // The router's setting, raised only when a wider window would otherwise be capped by it.
    max_ack_pending: Math.max(1_000, window),
  });
  const consumer = await jetstream(nc).consumers.get(BARE_STREAM, BARE_FORWARDER);
  const messages = await consumer.consume({ max_messages: Math.max(100, window) });
  const forwarded = { count: 0, refused: 0 };
  const target = subjects.deliver(recipient, 'real', 'case-alert');
  const loop = (async () => {
    // A closed connection (a signal mid-run) ends the loop here instead of as an unhandled rejection.
    try {
      await forwardInWindow(messages, window, (message) => forward(nc, target, message.data, copyHeaders(message), timeoutMs), forwarded);
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

type Settleable = Pick<JsMsg, 'ack' | 'nak'>;

/**
 * Starts a forward per message, at most `window` not yet settled; settles (ack or nak) each after
 * its own forward and after the message before it, so acknowledgements go out in arrival order.
 */
export async function forwardInWindow<M extends Settleable>(
  messages: AsyncIterable<M>,
  window: number,
  forwardOne: (message: M) => Promise<boolean>,
  forwarded: { count: number; refused: number },
): Promise<void> {
  const unsettled: Array<Promise<void>> = [];
  let previous: Promise<void> = Promise.resolve();
  for await (const message of messages) {
    const stored = forwardOne(message);
    const before = previous;
    previous = (async () => {
      const ok = await stored;
      await before;
      settle(message, ok, forwarded);
    })();
    unsettled.push(previous);
    if (unsettled.length >= window) await unsettled.shift();
  }
  await Promise.all(unsettled);
}

/** Never throws: a settle failing on a closing connection must not leave the next ones waiting. */
function settle(message: Settleable, stored: boolean, forwarded: { count: number; refused: number }): void {
  try {
    if (stored) {
      forwarded.count += 1;
      message.ack();
    } else {
      forwarded.refused += 1;
      message.nak(250);
    }
  } catch {
    forwarded.refused += 1;
  }
}

function copyHeaders(message: JsMsg): MsgHdrs {
  const h = headers();
  for (const [key, values] of message.headers ?? []) for (const value of values) h.append(key, value);
  return h;
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
