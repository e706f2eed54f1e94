// How everything the node sends goes out (national submissions, acknowledgements, refusals,
// reminders): idempotency key checked first, then the message prepared (validated and signed), its
// message id claimed, recorded, published. If the hub does not confirm in time (UNAVAILABLE), the
// idempotency record keeps the signed envelope unpublished, so a retry with the same key resends
// the same bytes.
import type { NatsConnection } from '@nats-io/transport-node';
import { decodeEnvelope, type Logger } from '../core/mod.ts';
import { NodeRequestError } from './node-errors.ts';
import type { IdempotencyRecord } from './node-records.ts';
import { idempotencyKeyDigest, type NodeStore } from './node-store.ts';
import type { PreparedSubmission } from './prepare-submission.ts';
import { publishSubmission } from './publish-submission.ts';
import { newSentRecord } from './receipt-status.ts';

export interface SubmitResult {
  readonly messageId: string;
  /** True when the idempotency key was seen before: nothing new was published. */
  readonly duplicate: boolean;
}

export interface SubmitterContext {
  readonly nc: NatsConnection;
  readonly store: NodeStore;
  readonly logger: Logger;
  readonly now: () => number;
}

export interface Submitter {
  /** `prepare` runs only when the key is new; `reminderFor` marks a reminder in the sent record. */
  send(prepare: () => PreparedSubmission, idempotencyKey?: string, reminderFor?: string): Promise<SubmitResult>;
  /** From now on every send throws NodeRequestError NODE_STOPPED. */
  stop(): void;
}

export function createSubmitter(context: SubmitterContext): Submitter {
  const { nc, store, logger, now } = context;
  const claimedMessageIds = new Set<string>();
  let stopped = false;

  /**
   * A national system may choose its message id (`messageId` in the input), but never one this node
   * already used: the hub and every recipient know a message by its id, so reusing one would make
   * a new message pass for an old one. Held from this check until the sent record exists, so two
   * submissions racing with the same id cannot both pass.
   */
  function claimMessageId(messageId: string): void {
    const sentHere = store.sent.get(messageId) !== undefined || claimedMessageIds.has(messageId);
    const usedBy = sentHere ? 'sent' : store.received.get(messageId) !== undefined ? 'received' : undefined;
    if (usedBy) {
      throw new NodeRequestError('MESSAGE_ID_IN_USE', `messageId ${messageId} is already the id of a message this node ${usedBy}; leave messageId out or choose a new one. Nothing was sent.`);
    }
    claimedMessageIds.add(messageId);
  }

  /** A key seen before: publish its stored envelope if the first attempt did not finish, nothing else. */
  async function finishKnown(digest: string, known: IdempotencyRecord): Promise<SubmitResult> {
    if (!known.published) {
      await publishSubmission(nc, decodeEnvelope(Buffer.from(known.envelope, 'base64')));
      await store.idempotency.put(digest, { ...store.idempotency.get(digest)!, published: true });
    }
    return { messageId: known.messageId, duplicate: true };
  }

  /** Claims the id and writes the idempotency and sent records; a known result when another writer won the key. */
  async function record(prepared: PreparedSubmission, digest: string | undefined, reminderFor: string | undefined): Promise<SubmitResult | undefined> {
    const { envelope, summary } = prepared;
    claimMessageId(envelope.messageId);
    try {
      if (digest) {
        const entry = { messageId: envelope.messageId, envelope: Buffer.from(prepared.bytes).toString('base64'), published: false, createdAtUnixMs: now() };
        if (!(await store.idempotency.create(digest, entry))) {
          const winner = store.idempotency.get(digest);
          if (winner) return await finishKnown(digest, winner);
        }
      }
      await store.sent.put(envelope.messageId, newSentRecord(envelope, summary, now(), reminderFor));
      return undefined;
    } finally {
      claimedMessageIds.delete(envelope.messageId);
    }
  }

  async function send(prepare: () => PreparedSubmission, idempotencyKey?: string, reminderFor?: string): Promise<SubmitResult> {
    if (stopped) throw new NodeRequestError('NODE_STOPPED');
    const digest = idempotencyKey === undefined ? undefined : idempotencyKeyDigest(idempotencyKey);
    const known = digest === undefined ? undefined : store.idempotency.get(digest) ?? (await store.idempotency.fetch(digest));
    if (known && digest) return finishKnown(digest, known);
    const prepared = prepare();
    const winner = await record(prepared, digest, reminderFor);
    if (winner) return winner;
    await publishSubmission(nc, prepared.envelope, { encoded: prepared.bytes });
    if (digest) await store.idempotency.put(digest, { ...store.idempotency.get(digest)!, published: true });
    const { summary } = prepared;
    logger.info({ messageId: summary.messageId, payload: summary.payloadName, recipients: summary.recipients }, 'submitted');
    return { messageId: summary.messageId, duplicate: false };
  }

  return {
    send,
    stop() {
      stopped = true;
    },
  };
}
