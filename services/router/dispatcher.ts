// Hands the hub's durable copies (TIP_DELIVERIES, outbox subjects) to each recipient's own inbox
// on its leaf server. One durable consumer per state: a state whose leaf is down only delays its
// own queue, and catches up in order when it is back. A copy leaves the hub's queue only after the
// leaf's JetStream acknowledged storing it; the inbox de-duplicates by Nats-Msg-Id. A copy whose
// message expired while the leaf was away is not handed over: its sender is told EXPIRED instead.
import { AckPolicy, DeliverPolicy, jetstream, type JsMsg } from '@nats-io/jetstream';
import { headers, type NatsConnection } from '@nats-io/transport-node';
import type { StateCode } from '../core/member-states.ts';
import type { Logger } from '../core/logging/mod.ts';
import type { SigningKey } from '../core/signing/mod.ts';
import { HEADERS, STREAMS, deliverySubjectForOutbox, subjects } from '../core/subjects.ts';
import { answerExpiredCopy } from './expired-copies.ts';
import { hubIdentity } from './hub-outbox.ts';
import { ACK_WAIT_NANOS, ensureDurableConsumer, PULL_EXPIRES_MS } from './router-service.ts';

export function dispatcherConsumerName(state: StateCode): string {
  return `dispatch-${state}`;
}

export interface DispatcherOptions {
  readonly nc: NatsConnection;
  readonly states: readonly StateCode[];
  readonly logger: Logger;
  /** Signs the EXPIRED answers for copies that expired before their leaf could store them. */
  readonly hubKey: SigningKey;
  /** How long to wait for a leaf's PubAck before trying again later. */
  readonly requestTimeoutMs?: number;
  readonly now?: () => number;
}

export interface DispatcherStats {
  handedOver: number;
  retries: number;
  /** Copies not handed over because their message expired first. */
  expired: number;
}

export interface RunningDispatcher {
  readonly stats: Readonly<DispatcherStats>;
  stop(): Promise<void>;
}

export async function ensureDispatcherConsumers(nc: NatsConnection, states: readonly StateCode[]): Promise<void> {
  for (const state of states) {
    await ensureDurableConsumer(nc, STREAMS.deliveries, {
      durable_name: dispatcherConsumerName(state),
      filter_subject: subjects.outboxAll(state),
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: ACK_WAIT_NANOS,
      max_ack_pending: 256,
    });
  }
}

export async function startDispatcher(options: DispatcherOptions): Promise<RunningDispatcher> {
  await ensureDispatcherConsumers(options.nc, options.states);
  const js = jetstream(options.nc);
  const stats: DispatcherStats = { handedOver: 0, retries: 0, expired: 0 };
  const timeout = options.requestTimeoutMs ?? 5_000;
  const now = options.now ?? Date.now;
  const expiredContext = { js, hub: hubIdentity(options.hubKey), logger: options.logger };
  const running = await Promise.all(
    options.states.map(async (state) => {
      const consumer = await js.consumers.get(STREAMS.deliveries, dispatcherConsumerName(state));
      const messages = await consumer.consume({ max_messages: 64, expires: PULL_EXPIRES_MS });
      const loop = (async () => {
        for await (const message of messages) {
          if (hasExpired(message, now())) {
            try {
              await answerExpiredCopy(expiredContext, message, state, now());
              stats.expired += 1;
              message.ack();
            } catch (error) {
              options.logger.error({ err: error, state, streamSequence: message.info.streamSequence }, 'could not answer an expired copy; will retry');
              message.nak(1_000);
            }
            continue;
          }
          if (await handOver(options.nc, message, timeout)) {
            stats.handedOver += 1;
            message.ack();
          } else {
            stats.retries += 1;
            // The leaf is unreachable: back off, up to 10 s, so an outage costs little.
            message.nak(Math.min(10_000, 250 * 2 ** Math.min(message.info.deliveryCount, 6)));
            options.logger.debug({ state, streamSequence: message.info.streamSequence, attempt: message.info.deliveryCount }, 'leaf unreachable; will retry');
          }
        }
      })();
      return { messages, loop };
    }),
  );
  return {
    stats,
    async stop() {
      await Promise.all(running.map(({ messages }) => messages.close()));
      await Promise.all(running.map(({ loop }) => loop));
    },
  };
}

/** Copies written before the expiry header existed carry none, and are handed over as before. */
function hasExpired(message: JsMsg, nowMs: number): boolean {
  const expiresAt = Number(message.headers?.get(HEADERS.expiresAt) || Number.NaN);
  return Number.isFinite(expiresAt) && expiresAt <= nowMs;
}

/** A JetStream publish, by request, into the recipient's TIP_INBOX; true once it is stored. */
async function handOver(nc: NatsConnection, message: JsMsg, timeoutMs: number): Promise<boolean> {
  const h = headers();
  for (const [key, values] of message.headers ?? []) for (const value of values) h.append(key, value);
  if (!h.has(HEADERS.msgId)) return false;
  try {
    const reply = await nc.request(deliverySubjectForOutbox(message.subject), message.data, { headers: h, timeout: timeoutMs });
    const ack = reply.json<{ stream?: string; error?: { description?: string } }>();
    return ack.error === undefined && ack.stream !== undefined;
  } catch {
    return false;
  }
}
