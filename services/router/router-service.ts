// Wiring of the router: a durable pull consumer on the submissions stream, the pure decision, and
// the writes it implies. A submission is acknowledged only after every write it caused has a
// JetStream PubAck, so a crash at any point means redelivery, and Nats-Msg-Id de-duplication
// turns the redone writes into no-ops.
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type ConsumerConfig, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { CONSUMERS, createKeyedOrderScheduler, hasJetStreamCode, JetStreamApiCodes, type Logger, type SigningKey, STREAMS } from '../core/mod.ts';
import { carryOut, handleFailure, type CarryOutContext } from './carry-out-decision.ts';
import { decideSubmission, type RouterContext } from './decide-submission.ts';
import { stateInboxes } from './direct-hand-overs.ts';
import type { Requests } from './lean-requests.ts';
import { hubIdentity } from './hub-outbox.ts';
import { orderingKeys } from './ordering-keys.ts';

/**
 * A pull request waiting on a consumer whose leader moves (a hub node stopping) is lost with it,
 * and the client only notices when the request expires. Short pulls bound that stall to ~2 s.
 */
export const PULL_EXPIRES_MS = 2_000;
/** Submissions handled at once by one router instance (across senders, and within one sender). */
const MAX_IN_FLIGHT = 32;
/** A reply to a message the index does not know yet is looked at again this often before refusal. */
const UNKNOWN_MESSAGE_ATTEMPTS = 4;
const UNKNOWN_MESSAGE_RETRY_MS = 500;

export interface RouterOptions {
  readonly nc: NatsConnection;
  readonly context: RouterContext;
  readonly hubKey: SigningKey;
  readonly logger: Logger;
  readonly now?: () => number;
  /**
   * The states whose copies and receipts the router hands straight into their inbox when their
   * leaf takes them (direct-hand-overs.ts); every state when absent, none when empty.
   */
  readonly handOverTo?: readonly string[];
  /** How hand-overs are requested (lean-requests.ts); the connection's own requests when absent. */
  readonly requests?: Requests;
}

export interface RouterStats {
  submissions: number;
  /** Recipients' copies handed straight into their inbox (the others went to the outbox). */
  handedOverDirectly: number;
  /** Replies put back because the message they refer to was not indexed yet. */
  postponed: number;
  delivered: number;
  rejected: number;
  failures: number;
}

export interface RunningRouter {
  readonly stats: Readonly<RouterStats>;
  /** Stops pulling, lets the message in hand finish, and returns. */
  stop(): Promise<void>;
}

/** Creates the router's durable consumer if missing; every router instance shares it. */
export async function ensureRouterConsumer(nc: NatsConnection): Promise<void> {
  await ensureDurableConsumer(nc, STREAMS.submissions, {
    durable_name: CONSUMERS.router,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: ACK_WAIT_NANOS,
    max_ack_pending: 1_000,
  });
}

/**
 * How long a message pulled by an instance that died stays invisible to the others. Routing one
 * submission takes milliseconds, so 10 s is ample, and a SIGKILLed router's work resumes soon.
 */
export const ACK_WAIT_NANOS = 10_000_000_000;

/** Creates a durable consumer, or brings an existing one (from an older release) to this config. */
export async function ensureDurableConsumer(nc: NatsConnection, stream: string, config: Partial<ConsumerConfig> & { durable_name: string }): Promise<void> {
  const jsm = await jetstreamManager(nc);
  try {
    await jsm.consumers.add(stream, config);
  } catch (error) {
    // The add failed because the durable exists (with an older config), or for a reason of its
    // own: only a consumer the server says is there is updated; a missing one rethrows the add's error.
    const exists = await jsm.consumers.info(stream, config.durable_name).then(
      () => true,
      (infoError: unknown) => {
        if (hasJetStreamCode(infoError, JetStreamApiCodes.ConsumerNotFound)) return false;
        throw infoError;
      },
    );
    if (!exists) throw error;
    await jsm.consumers.update(stream, config.durable_name, config);
  }
}

export async function startRouter(options: RouterOptions): Promise<RunningRouter> {
  const now = options.now ?? Date.now;
  const js = jetstream(options.nc);
  await ensureRouterConsumer(options.nc);
  const consumer = await js.consumers.get(STREAMS.submissions, CONSUMERS.router);
  const messages = await consumer.consume({ max_messages: 100, expires: PULL_EXPIRES_MS });
  const stats: RouterStats = { submissions: 0, handedOverDirectly: 0, postponed: 0, delivered: 0, rejected: 0, failures: 0 };
  const carryOutContext: CarryOutContext = {
    js, index: options.context.index, hub: hubIdentity(options.hubKey), logger: options.logger,
    inboxes: stateInboxes(options.requests ?? options.nc, { now, ...(options.handOverTo ? { states: options.handOverTo } : {}) }),
    counted: stats,
  };

  const handle = async (message: JsMsg) => {
    stats.submissions += 1;
    try {
      const decision = await decideSubmission({ subject: message.subject, data: message.data, nowMs: now() }, options.context);
      if (decision.kind === 'reject' && decision.code === 'UNKNOWN_MESSAGE' && message.info.deliveryCount < UNKNOWN_MESSAGE_ATTEMPTS) {
        // Another router instance may still be routing the original: look again shortly.
        stats.postponed += 1;
        message.nak(UNKNOWN_MESSAGE_RETRY_MS * message.info.deliveryCount);
        return;
      }
      const outcome = await carryOut(carryOutContext, decision, message, now());
      if (outcome === 'deliver') stats.delivered += 1;
      else stats.rejected += 1;
      message.ack();
    } catch (error) {
      stats.failures += 1;
      await handleFailure(carryOutContext, message, error, now());
    }
  };

  // A submission waits only for those it refers to or shares its message id with (ordering-keys.ts):
  // a retraction after its alert, a reply after what it answers. Everything else overlaps, up to
  // MAX_IN_FLIGHT, one sender's alerts included, because each waits mostly on round trips.
  const lanes = createKeyedOrderScheduler({
    maxInFlight: MAX_IN_FLIGHT,
    onError: (error, key) => options.logger.error({ err: error, key }, 'submission handling failed'),
  });
  const loop = (async () => {
    for await (const message of messages) await lanes.add(orderingKeys(message.data, message.info.streamSequence), () => handle(message));
    await lanes.idle();
  })();

  return {
    stats,
    async stop() {
      await messages.close();
      await loop;
    },
  };
}
