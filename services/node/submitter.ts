// How everything the node sends goes out (national submissions, acknowledgements, refusals,
// reminders): idempotency key checked first, then the message prepared (validated and signed), its
// message id claimed, recorded, published. If the hub does not confirm in time (UNAVAILABLE), the
// idempotency record keeps the signed envelope unpublished, so a retry with the same key resends
// the same bytes. A client's key is bound to the request it was first used for (its digest): the
// same key with another request is refused with IDEMPOTENCY_KEY_CONFLICT, and nothing is sent.
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

/** How a send is de-duplicated. */
export interface IdempotencyClaim {
  /** A key of the node's own (NODE_IDEMPOTENCY_KEYS) or a client's in its namespace (clientIdempotencyKey). */
  readonly key: string;
  /** A client's request only: SHA-256 of the canonical request, compared with the one the key was first used for. */
  readonly requestDigest?: string;
  /** A client's key as it was stored before client keys had a namespace (see LEGACY_CLIENT_KEY_MAX_AGE_MS). */
  readonly legacyKey?: string;
}

/**
 * Client keys recorded before they had a namespace are still honoured for a day, so a national
 * system retrying across the upgrade (after a 503) gets its first message, not a second one;
 * older ones are no longer looked for, so the shared namespace of old dies out.
 */
const LEGACY_CLIENT_KEY_MAX_AGE_MS = 24 * 3_600_000;

/** A key seen before, and where its record is stored. */
interface KnownKey {
  readonly storeKey: string;
  readonly record: IdempotencyRecord;
}

export interface SubmitterContext {
  readonly nc: NatsConnection;
  readonly store: NodeStore;
  readonly logger: Logger;
  readonly now: () => number;
}

export interface Submitter {
  /**
   * `prepare` runs only when the key is new; `reminderFor` marks a reminder in the sent record.
   * Throws NodeRequestError IDEMPOTENCY_KEY_CONFLICT when the key was first used for another request.
   */
  send(prepare: () => PreparedSubmission, idempotency?: IdempotencyClaim, reminderFor?: string): Promise<SubmitResult>;
  /** From now on every send throws NodeRequestError NODE_STOPPED. */
  stop(): void;
}

/** The record of a key seen before: under the key, or under the client's key of old if that record is recent. */
async function findKnown(store: NodeStore, claim: IdempotencyClaim, nowMs: number): Promise<KnownKey | undefined> {
  const storeKey = idempotencyKeyDigest(claim.key);
  const record = store.idempotency.get(storeKey) ?? (await store.idempotency.fetch(storeKey));
  if (record) return { storeKey, record };
  if (claim.legacyKey === undefined) return undefined;
  const legacyStoreKey = idempotencyKeyDigest(claim.legacyKey);
  const legacy = store.idempotency.get(legacyStoreKey) ?? (await store.idempotency.fetch(legacyStoreKey));
  const recent = legacy !== undefined && nowMs - legacy.createdAtUnixMs < LEGACY_CLIENT_KEY_MAX_AGE_MS;
  return recent ? { storeKey: legacyStoreKey, record: legacy } : undefined;
}

/**
 * A key seen before: the same request gets the first answer (its stored envelope published if the
 * first attempt did not finish); another request is refused. A record without a digest (the
 * node's own, or written before digests were kept) matches any request.
 */
async function finishKnown({ nc, store }: SubmitterContext, claim: IdempotencyClaim, { storeKey, record }: KnownKey): Promise<SubmitResult> {
  if (claim.requestDigest !== undefined && record.requestDigest !== undefined && claim.requestDigest !== record.requestDigest) {
    throw new NodeRequestError('IDEMPOTENCY_KEY_CONFLICT', `This Idempotency-Key was first used for a different request (message ${record.messageId}). Nothing was sent; send new or corrected content under a new key.`);
  }
  if (!record.published) {
    await publishSubmission(nc, decodeEnvelope(Buffer.from(record.envelope, 'base64')));
    await store.idempotency.put(storeKey, { ...store.idempotency.get(storeKey)!, published: true });
  }
  return { messageId: record.messageId, duplicate: true };
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

  /** Claims the id and writes the idempotency and sent records; a known result when another writer won the key. */
  async function record(prepared: PreparedSubmission, claim: IdempotencyClaim | undefined, reminderFor: string | undefined): Promise<SubmitResult | undefined> {
    const { envelope, summary } = prepared;
    claimMessageId(envelope.messageId);
    try {
      if (claim) {
        const storeKey = idempotencyKeyDigest(claim.key);
        const entry: IdempotencyRecord = {
          messageId: envelope.messageId, envelope: Buffer.from(prepared.bytes).toString('base64'), published: false, createdAtUnixMs: now(),
          ...(claim.requestDigest === undefined ? {} : { requestDigest: claim.requestDigest }),
        };
        if (!(await store.idempotency.create(storeKey, entry))) {
          const winner = store.idempotency.get(storeKey);
          if (winner) return await finishKnown(context, claim, { storeKey, record: winner });
        }
      }
      await store.sent.put(envelope.messageId, newSentRecord(envelope, summary, now(), reminderFor), envelope);
      return undefined;
    } finally {
      claimedMessageIds.delete(envelope.messageId);
    }
  }

  async function send(prepare: () => PreparedSubmission, claim?: IdempotencyClaim, reminderFor?: string): Promise<SubmitResult> {
    if (stopped) throw new NodeRequestError('NODE_STOPPED');
    const known = claim && (await findKnown(store, claim, now()));
    if (claim && known) return finishKnown(context, claim, known);
    const prepared = prepare();
    const winner = await record(prepared, claim, reminderFor);
    if (winner) return winner;
    await publishSubmission(nc, prepared.envelope, { encoded: prepared.bytes });
    if (claim) {
      const storeKey = idempotencyKeyDigest(claim.key);
      await store.idempotency.put(storeKey, { ...store.idempotency.get(storeKey)!, published: true });
    }
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
