// One member state's node: submits for its national systems (validate, hash, sign, publish, with
// idempotency keys), reads its inbox durably and verifies every delivery, tracks receipts and
// answers to what it sent, escalates overdue assistance requests, and serves liaison officers'
// feeds. All its state lives in KV buckets on the state's own leaf server. The drill and the HTTP
// API drive it through RunningNode; it owns no connection (the caller opens and closes `nc`).
import type { NatsConnection } from '@nats-io/transport-node';
import { decodeEnvelope, encodeEnvelope } from '../core/codec.ts';
import type { MatchingKey } from '../core/keyed-hash.ts';
import { HUB_SENDER } from '../core/member-states.ts';
import type { Logger } from '../core/logging/mod.ts';
import type { KeyDirectory, SigningKey } from '../core/signing/mod.ts';
import { dueList, replyDeadlines, type DueInput, type DueList, type ReplyDeadlines } from './deadlines.ts';
import { escalateOverdue, resendMissingReminders, type EscalationContext } from './escalation.ts';
import { EMPTY_FEED_FILTER, matchesFeedFilter, type FeedFilter } from './feed-filter.ts';
import { ensureInbox, openInboxReader } from './inbox.ts';
import { NODE_CONSUMER, processDelivery, type InboxContext, type MessageSummaryLike } from './inbox-processor.ts';
import { mergeFeeds, openLiveFeed } from './live-feed.ts';
import type { MessageSummary } from './message-summary.ts';
import { NodeEvents } from './node-events.ts';
import { NodeRequestError } from './node-errors.ts';
import type { ReceivedRecord } from './node-records.ts';
import { idempotencyKeyDigest, NodeStore } from './node-store.ts';
import { openOfficerFeed, type OfficerFeed } from './officer-feed.ts';
import { prepareSubmission, type PreparedSubmission } from './prepare-submission.ts';
import { publishSubmission } from './publish-submission.ts';
import { messageStatus, newSentRecord, type MessageStatus } from './receipt-status.ts';

export interface NodeServiceOptions {
  readonly state: string;
  /** A connection to the state's own leaf server, as its `apps` user. */
  readonly nc: NatsConnection;
  readonly signingKey: SigningKey;
  readonly directory: KeyDirectory;
  readonly matchingKey: MatchingKey;
  readonly logger: Logger;
  /** Reply deadlines by priority, in ms (default DEFAULT_REPLY_DEADLINE_MS). */
  readonly deadlines?: Partial<ReplyDeadlines>;
  /** The node's clock: envelope times, deadlines, escalation. A drill may run it fast (the hub must share it). */
  readonly now?: () => number;
  /** How often deadlines are checked, in real ms (default 1,000). */
  readonly clockTickMs?: number;
  /** The unit named on acknowledgements and reminders the node sends itself (default "<STATE>-LIAISON"). */
  readonly senderUnit?: string;
}

export interface SubmitResult {
  readonly messageId: string;
  /** True when the idempotency key was seen before: nothing new was published. */
  readonly duplicate: boolean;
}

export type AcknowledgeStatus = 'read' | 'actioned';

export interface ReceivedMessage {
  readonly messageId: string;
  readonly summary: MessageSummary;
  readonly receivedAtUnixMs: number;
  readonly acknowledged: ReceivedRecord['acknowledged'];
}

export interface RunningNode {
  readonly state: string;
  readonly events: NodeEvents;
  /**
   * Validates, hashes identifiers, signs and publishes. Throws InputValidationError on bad input,
   * NodeRequestError MESSAGE_ID_IN_USE for a chosen id this node already used, and UNAVAILABLE
   * when the hub does not confirm within LIMITS.submitDeadlineMs (retry with the same key).
   */
  submit(json: unknown, idempotencyKey?: string): Promise<SubmitResult>;
  /** Receipts and answers per recipient for a message this node sent; undefined if unknown. */
  status(messageId: string): MessageStatus | undefined;
  /** Messages this node sent, newest first. */
  sent(): MessageStatus[];
  /** Sends a READ or ACTIONED acknowledgement to the sender of a message we received (once each). */
  acknowledge(messageId: string, status: AcknowledgeStatus): Promise<SubmitResult>;
  /** What other states sent us (acknowledgements excluded), oldest first. */
  received(filter?: FeedFilter): ReceivedMessage[];
  receivedMessage(messageId: string): ReceivedMessage | undefined;
  /** Assistance requests to answer and requests of ours awaiting an answer, with deadlines. */
  due(): DueList;
  /** An officer's durable feed (deliveries and receipts since they last read, then live), plus escalations. */
  feed(officerId: string, filter?: FeedFilter): Promise<OfficerFeed>;
  /** What happens from now on, filtered: nothing durable. */
  liveFeed(filter?: FeedFilter): OfficerFeed;
  /** Escalates overdue requests now (also done every clock tick; a call joins a check already running); returns how many that check escalated. */
  checkDeadlines(): Promise<number>;
  stop(): Promise<void>;
}

export async function startNodeService(options: NodeServiceOptions): Promise<RunningNode> {
  const { state, nc, logger } = options;
  const now = options.now ?? Date.now;
  const deadlines = replyDeadlines(options.deadlines);
  const senderUnit = options.senderUnit ?? `${state}-LIAISON`;
  const events = new NodeEvents();
  await ensureInbox(nc, state);
  const store = await NodeStore.open(nc);
  const feeds = new Set<OfficerFeed>();
  const claimedMessageIds = new Set<string>();
  let stopped = false;

  const fromInput = (json: unknown) => () =>
    prepareSubmission(json, { state, signingKey: options.signingKey, matchingKey: options.matchingKey, deadlines, nowMs: now() });

  /**
   * Idempotency key checked first, then prepared (validated and signed), its message id claimed,
   * recorded, published. If the hub does not confirm in time (UNAVAILABLE), the idempotency record
   * keeps the signed envelope unpublished, so a retry with the same key resends the same bytes.
   */
  async function publishPrepared(prepare: () => PreparedSubmission, idempotencyKey: string | undefined, reminderFor?: string): Promise<SubmitResult> {
    if (stopped) throw new NodeRequestError('NODE_STOPPED');
    const digest = idempotencyKey === undefined ? undefined : idempotencyKeyDigest(idempotencyKey);
    const known = digest === undefined ? undefined : store.idempotency.get(digest) ?? (await store.idempotency.fetch(digest));
    if (known && digest) return finishKnown(digest, known);
    const { envelope, summary } = prepare();
    claimMessageId(envelope.messageId);
    try {
      if (digest) {
        const record = { messageId: envelope.messageId, envelope: Buffer.from(encodeEnvelope(envelope)).toString('base64'), published: false, createdAtUnixMs: now() };
        if (!(await store.idempotency.create(digest, record))) {
          const winner = store.idempotency.get(digest);
          if (winner) return await finishKnown(digest, winner);
        }
      }
      await store.sent.put(envelope.messageId, newSentRecord(envelope, summary, now(), reminderFor));
    } finally {
      claimedMessageIds.delete(envelope.messageId);
    }
    await publishSubmission(nc, envelope);
    if (digest) await store.idempotency.put(digest, { ...store.idempotency.get(digest)!, published: true });
    logger.info({ messageId: envelope.messageId, payload: summary.payloadName, recipients: summary.recipients }, 'submitted');
    return { messageId: envelope.messageId, duplicate: false };
  }

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
  async function finishKnown(digest: string, known: { messageId: string; envelope: string; published: boolean }): Promise<SubmitResult> {
    if (!known.published) {
      await publishSubmission(nc, decodeEnvelope(Buffer.from(known.envelope, 'base64')));
      await store.idempotency.put(digest, { ...store.idempotency.get(digest)!, published: true });
    }
    return { messageId: known.messageId, duplicate: true };
  }

  function replyInput(original: MessageSummaryLike, payload: Record<string, unknown>): Record<string, unknown> {
    return {
      type: 'acknowledgement',
      senderUnit,
      distribution: { mode: 'named', states: [original.sender] },
      // An acknowledgement carries ids and a status, no case content.
      handling: 'green',
      priority: 'routine',
      ...(original.caseReference ? { caseReference: original.caseReference } : {}),
      ...(original.traffic === 'exercise' ? { exercise: { drillId: original.drillId } } : {}),
      payload,
    };
  }

  const inboxContext: InboxContext = {
    state, store, directory: options.directory, events, logger, now,
    async answerRefusal(refused, reasonCode, reason) {
      const input = replyInput(refused, { acknowledgedMessageId: refused.messageId, status: 'rejected', reasonCode, reason: reason.slice(0, 900) });
      return (await publishPrepared(fromInput(input), `tipnet-refusal:${refused.messageId}`)).messageId;
    },
  };

  function dueInput(): DueInput {
    const sent = store.sent.values();
    return {
      state,
      nowMs: now(),
      received: store.received.values().map((record) => record.summary),
      sent: sent.map((record) => ({
        summary: record.summary, answered: record.answers.length > 0, rejected: record.hubRejection !== undefined,
        ...(record.reminderFor ? { reminderFor: record.reminderFor } : {}),
      })),
      answeredByUs: new Set(sent.filter((record) => record.summary.payloadName === 'assistance-response').map((record) => record.summary.relatedMessageId)),
      escalations: new Map(store.escalations.values().map((record) => [record.requestMessageId, record.escalatedAtUnixMs])),
    };
  }

  const escalationContext: EscalationContext = {
    state, store, events, logger, now, senderUnit, dueInput, deadlines, signingKey: options.signingKey,
    send: (prepare, key, reminderFor) => publishPrepared(prepare, key, reminderFor),
  };

  // The inbox: one durable consumer, one message at a time, so receipts apply in order.
  const consumer = await openInboxReader(nc, NODE_CONSUMER);
  const messages = await consumer.consume({ max_messages: 64 });
  const inboxLoop = (async () => {
    for await (const message of messages) {
      try {
        await processDelivery(message, inboxContext);
        message.ack();
      } catch (error) {
        logger.error({ err: error, streamSequence: message.seq }, 'delivery not processed; will retry');
        message.nak(1_000);
      }
    }
  })();

  let checking: Promise<number> | undefined;
  const checkDeadlines = (): Promise<number> => {
    checking ??= escalateOverdue(escalationContext).finally(() => (checking = undefined));
    return checking;
  };
  await resendMissingReminders(escalationContext);
  const timer = setInterval(() => {
    checkDeadlines().catch((error: unknown) => logger.error({ err: error }, 'deadline check failed'));
  }, options.clockTickMs ?? 1_000);
  timer.unref();

  const toReceived = (record: ReceivedRecord): ReceivedMessage => ({
    messageId: record.messageId, summary: record.summary, receivedAtUnixMs: record.receivedAtUnixMs, acknowledged: record.acknowledged,
  });

  const node: RunningNode = {
    state,
    events,
    submit: (json, idempotencyKey) => publishPrepared(fromInput(json), idempotencyKey),
    status(messageId) {
      const record = store.sent.get(messageId);
      return record ? messageStatus(record) : undefined;
    },
    sent() {
      return store.sent.values().sort((a, b) => b.sentAtUnixMs - a.sentAtUnixMs).map(messageStatus);
    },
    async acknowledge(messageId, status) {
      const record = store.received.get(messageId);
      if (!record) throw new NodeRequestError('UNKNOWN_MESSAGE', `no message ${messageId} was received by ${state}`);
      const { summary } = record;
      if (summary.sender === HUB_SENDER || summary.payloadName === 'acknowledgement') throw new NodeRequestError('NOT_ACKNOWLEDGEABLE');
      const result = await publishPrepared(fromInput(replyInput(summary, { acknowledgedMessageId: messageId, status })), `tipnet-ack:${messageId}:${status}`);
      const field = status === 'read' ? 'readAtUnixMs' : 'actionedAtUnixMs';
      const latest = store.received.get(messageId) ?? record;
      if (latest.acknowledged[field] === undefined) {
        await store.received.put(messageId, { ...latest, acknowledged: { ...latest.acknowledged, [field]: now() } });
      }
      return result;
    },
    received(filter = EMPTY_FEED_FILTER) {
      return store.received.values()
        .filter((record) => record.summary.payloadName !== 'acknowledgement' && matchesFeedFilter(record.summary, filter))
        .sort((a, b) => a.streamSequence - b.streamSequence)
        .map(toReceived);
    },
    receivedMessage(messageId) {
      const record = store.received.get(messageId);
      return record ? toReceived(record) : undefined;
    },
    due: () => dueList(dueInput()),
    async feed(officerId, filter = EMPTY_FEED_FILTER) {
      const durable = await openOfficerFeed({
        nc, directory: options.directory,
        sentSummary: (id) => store.sent.get(id)?.summary,
        firstSequence: (id) => store.received.get(id)?.streamSequence,
      }, officerId, filter);
      return track(mergeFeeds([durable, openLiveFeed(events, filter, ['escalation'])]));
    },
    liveFeed: (filter = EMPTY_FEED_FILTER) => track(openLiveFeed(events, filter)),
    checkDeadlines,
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      await Promise.all([...feeds].map((feed) => feed.close()));
      await messages.close();
      await inboxLoop;
      await checking?.catch(() => undefined);
      events.removeAllListeners();
    },
  };

  function track(feed: OfficerFeed): OfficerFeed {
    feeds.add(feed);
    return {
      [Symbol.asyncIterator]: () => feed[Symbol.asyncIterator](),
      async close() {
        feeds.delete(feed);
        await feed.close();
      },
    };
  }

  return node;
}
