// The node's reader of its own inbox: one durable consumer (CONSUMERS.node), one message at a time,
// so receipts apply in order. A delivery that cannot be trusted is refused inside processDelivery
// (recorded and answered); what fails here is the node's own side (its KV store, a bug). Such a
// failure follows core's failure policy for nodes: retried with a growing delay, and after
// NODE_RETRY_POLICY.maxAttempts (or at once, for a failure that cannot pass) given up: logged at
// error with stream sequence, message id and reason, and terminated so it is not redelivered
// forever. It stays in TIP_INBOX, where an operator finds it by its sequence (README, "Failures").
import type { JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { CONSUMERS, type FailureVerdict, judgeFailure, type Logger, NODE_RETRY_POLICY, type RetryPolicy, tryDecodeEnvelope } from '../core/mod.ts';
import { openInboxReader } from './inbox.ts';
import { processDelivery, type InboxContext } from './inbox-processor.ts';

export interface InboxLoop {
  /** Stops reading and resolves once the message in hand is done. */
  stop(): Promise<void>;
}

export async function startInboxLoop(nc: NatsConnection, context: InboxContext, policy: RetryPolicy = NODE_RETRY_POLICY): Promise<InboxLoop> {
  const consumer = await openInboxReader(nc, CONSUMERS.node);
  const messages = await consumer.consume({ max_messages: 64 });
  const loop = (async () => {
    for await (const message of messages) {
      try {
        await processDelivery(message, context);
        message.ack();
      } catch (error) {
        settleFailure(message, judgeFailure(error, message.info.deliveryCount, policy), error, context.logger);
      }
    }
  })();
  return {
    async stop() {
      await messages.close();
      await loop;
    },
  };
}

/** Naks a delivery that may succeed later, terminates one the node gives up on; logs either way. */
export function settleFailure(message: Pick<JsMsg, 'data' | 'seq' | 'nak' | 'term'>, verdict: FailureVerdict, error: unknown, logger: Logger): void {
  if (verdict.action === 'retry') {
    logger.warn({ err: error, streamSequence: message.seq, attempt: verdict.attempt, retryInMs: verdict.delayMs }, 'delivery not processed; will retry');
    message.nak(verdict.delayMs);
    return;
  }
  const messageId = tryDecodeEnvelope(message.data)?.messageId;
  logger.error(
    { err: error, streamSequence: message.seq, messageId, attempt: verdict.attempt, reason: verdict.why },
    'delivery given up: not processed, not redelivered; it stays in TIP_INBOX at this sequence',
  );
  message.term(`node gave up: ${verdict.why}`);
}
