// Hands the hub's durable copies (TIP_DELIVERIES, outbox subjects) to each recipient's own inbox
// on its leaf server. One durable consumer per state: a state whose leaf is down only delays its
// own queue, and catches up in order when it is back. A copy leaves the hub's queue only after the
// leaf's JetStream acknowledged storing it; the inbox de-duplicates by Nats-Msg-Id. Up to
// DISPATCH_WINDOW hand-overs per state are in flight, settled in stream order. A copy whose
// message expired while the leaf was away is not handed over: its sender is told EXPIRED instead.
import { AckPolicy, DeliverPolicy, jetstream, type JsMsg } from '@nats-io/jetstream';
import { headers, type NatsConnection } from '@nats-io/transport-node';
import { CONSUMERS, deliverySubjectForOutbox, HEADERS, HUB_RETRY_POLICY, judgeFailure, type Logger, type SigningKey, type StateCode, STREAMS, subjects } from '../core/mod.ts';
import { answerExpiredCopy } from './expired-copies.ts';
import { handOverToInbox, type HandOverResult } from './inbox-hand-over.ts';
import { inOrderWindow } from './in-order-window.ts';
import type { Requests } from './lean-requests.ts';
import { hubIdentity } from './hub-outbox.ts';
import { ACK_WAIT_NANOS, ensureDurableConsumer, PULL_EXPIRES_MS } from './router-service.ts';

export interface DispatcherOptions {
  readonly nc: NatsConnection;
  readonly states: readonly StateCode[];
  readonly logger: Logger;
  /** Signs the EXPIRED answers for copies that expired before their leaf could store them. */
  readonly hubKey: SigningKey;
  /** How long to wait for a leaf's PubAck before trying again later. */
  readonly requestTimeoutMs?: number;
  readonly now?: () => number;
  /** How hand-overs are requested (lean-requests.ts); the connection's own requests when absent. */
  readonly requests?: Requests;
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
      durable_name: CONSUMERS.dispatcher(state),
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
  const context: DispatchContext = {
    requests: options.requests ?? options.nc, stats, timeoutMs: timeout, now, logger: options.logger,
    expired: { js, hub: hubIdentity(options.hubKey), logger: options.logger },
  };
  const running = await Promise.all(
    options.states.map(async (state) => {
      const consumer = await js.consumers.get(STREAMS.deliveries, CONSUMERS.dispatcher(state));
      const messages = await consumer.consume({ max_messages: 64, expires: PULL_EXPIRES_MS });
      const loop = inOrderWindow(messages, DISPATCH_WINDOW, (message) => dispatchOne(context, message, state), (error, message) =>
        options.logger.error({ err: error, state, streamSequence: message.info.streamSequence }, 'copy not settled; it comes back after its ack wait'));
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

interface DispatchContext {
  readonly requests: Requests;
  readonly stats: DispatcherStats;
  readonly timeoutMs: number;
  readonly now: () => number;
  readonly logger: Logger;
  readonly expired: Parameters<typeof answerExpiredCopy>[0];
}

/**
 * Hand-overs to one leaf in flight at once. Each is a request on the same connection, so they reach
 * the leaf's inbox in stream order, and the queue no longer waits a round trip per copy.
 */
const DISPATCH_WINDOW = 32;

/**
 * Starts one copy's hand-over (or its EXPIRED answer) and returns how to settle it. Nothing is
 * acknowledged here: the window settles copies in stream order, each after its own outcome.
 */
async function dispatchOne(context: DispatchContext, message: JsMsg, state: StateCode): Promise<() => void> {
  if (hasExpired(message, context.now())) return answerExpired(context, message, state);
  const handed = await handOver(context.requests, message, context.timeoutMs);
  return () => settleHandOver(context, message, state, handed);
}

function settleHandOver(context: DispatchContext, message: JsMsg, state: StateCode, handed: HandOverResult): void {
  if (handed.kind === 'stored') {
    context.stats.handedOver += 1;
    message.ack();
    return;
  }
  const where = { state, streamSequence: message.info.streamSequence, attempt: message.info.deliveryCount };
  if (handed.kind === 'unusable') {
    // The hub writes every copy with a Nats-Msg-Id; one without could never be stored idempotently.
    context.logger.error({ ...where, why: handed.why }, 'copy cannot be handed over; dropping it');
    message.term();
    return;
  }
  context.stats.retries += 1;
  // A leaf that is away is the one failure the dispatcher waits out, however long: the copy has
  // nowhere else to go, and its queue is the state's own. Back off, up to 10 s, so an outage costs little.
  message.nak(Math.min(10_000, 250 * 2 ** Math.min(message.info.deliveryCount, 6)));
  const log = { ...where, err: handed.cause, why: handed.why };
  if (message.info.deliveryCount % LOUD_EVERY === 1) context.logger.warn(log, 'leaf did not store the copy; will retry');
  else context.logger.debug(log, 'leaf did not store the copy; will retry');
}

/** A lasting outage is logged at warn on the first try and every this many tries after. */
const LOUD_EVERY = 20;

async function answerExpired(context: DispatchContext, message: JsMsg, state: StateCode): Promise<() => void> {
  try {
    await answerExpiredCopy(context.expired, message, state, context.now());
    return () => {
      context.stats.expired += 1;
      message.ack();
    };
  } catch (error) {
    const attempt = message.info.deliveryCount;
    const verdict = judgeFailure(error, attempt, HUB_RETRY_POLICY);
    const where = { err: error, state, streamSequence: message.info.streamSequence, attempt };
    if (verdict.action === 'retry') {
      context.logger.error({ ...where, retryInMs: verdict.delayMs }, 'could not answer an expired copy; will retry');
      return () => message.nak(verdict.delayMs);
    }
    // The copy expired, so it is never handed over either way; only its EXPIRED answer is lost.
    context.logger.error({ ...where, why: verdict.why }, 'could not answer an expired copy; giving up on it');
    return () => message.term();
  }
}

/** The copy's own bytes and headers (its Nats-Msg-Id included) into the recipient's TIP_INBOX. */
async function handOver(requests: Requests, message: JsMsg, timeoutMs: number): Promise<HandOverResult> {
  const h = headers();
  for (const [key, values] of message.headers ?? []) for (const value of values) h.append(key, value);
  if (!h.has(HEADERS.msgId)) return { kind: 'unusable', why: 'copy without a Nats-Msg-Id' };
  return handOverToInbox(requests, deliverySubjectForOutbox(message.subject), message.data, h, timeoutMs);
}
