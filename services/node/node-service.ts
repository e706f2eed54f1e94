// One member state's node: submits for its national systems (validate, hash, sign, publish, with
// idempotency keys), reads its inbox durably and verifies every delivery, tracks receipts and
// answers to what it sent, escalates overdue assistance requests, and serves liaison officers'
// feeds. All its state lives in an SQLite file in its data directory, on the state's premises. The drill and the HTTP
// API drive it through RunningNode; it owns no connection (the caller opens and closes `nc`).
// This file only wires the parts: submitter, replies, inbox loop, deadline ticker, queries, feeds.
import type { NatsConnection } from '@nats-io/transport-node';
import type { KeyLookup, Logger, MatchingKeys, SigningKey } from '../core/mod.ts';
import { followLiveDirectory } from './key-directory-follower.ts';
import type { Actor } from './actor.ts';
import { clientIdempotencyClaim, type SubmitOptions } from './client-idempotency.ts';
import { replyDeadlines, type ReplyDeadlines } from './deadlines.ts';
import { startDeadlineTicker } from './deadline-ticker.ts';
import type { FeedFilter } from './feed-filter.ts';
import { ensureInbox } from './inbox.ts';
import { startInboxLoop } from './inbox-loop.ts';
import { NodeEvents } from './node-events.ts';
import { nodeFeeds } from './node-feeds.ts';
import { nodeQueries, type ExportQuery, type ReceivedMessage, type WorkbenchDueList } from './node-queries.ts';
import type { MispExport, StixBundle } from '../export/mod.ts';
import { createReplies, type AcknowledgeStatus } from './node-replies.ts';
import { NodeStore } from './node-store.ts';
import { importLegacyBuckets } from './store/legacy-import.ts';
import type { OfficerFeed } from './officer-feed.ts';
import { knownOriginal } from './known-original.ts';
import { awaitQueryOutcome, queryOutcomeOf, type QueryOutcome } from './hit-query-request.ts';
import { prepareSubmission } from './prepare-submission.ts';
import type { MessageStatus } from './receipt-status.ts';
import { createSubmitter, type SubmitResult } from './submitter.ts';
import type { CaseLinks } from './links/case-links.ts';
import type { CaseThread, InboxPage, InboxQuery, MessageDetail } from './workbench/workbench-views.ts';

export type { Actor, AcknowledgeStatus, QueryOutcome, ReceivedMessage, SubmitOptions, SubmitResult };

export interface NodeServiceOptions {
  readonly state: string;
  /** A connection to the state's own leaf server, as its `apps` user. */
  readonly nc: NatsConnection;
  /**
   * The node's own folder on the state's premises: its SQLite store (messages received and sent,
   * idempotency keys, escalations) lives here. Created if missing; a restart must be given the same one.
   */
  readonly dataDir: string;
  readonly signingKey: SigningKey;
  /**
   * The keys deliveries are verified with. A LiveKeyDirectory (signed by the hub operator) follows
   * the hub's signed directory and keeps what it applied in dataDir; a plain KeyDirectory stays as it is.
   */
  readonly directory: KeyLookup;
  /** How often the node asks the hub for its signed key directory (default 30 s); announcements come at once. */
  readonly keyDirectoryRefreshMs?: number;
  /**
   * The regional matching key: one key, the key file's set (current and previous), or a function
   * giving the set in use now (a node following its key file, matching-key-follower.ts).
   */
  readonly matchingKey: MatchingKeys | (() => MatchingKeys);
  readonly logger: Logger;
  /** Reply deadlines by priority, in ms (default DEFAULT_REPLY_DEADLINE_MS). */
  readonly deadlines?: Partial<ReplyDeadlines>;
  /** The node's clock: envelope times, deadlines, escalation. A drill may run it fast (the hub must share it). */
  readonly now?: () => number;
  /** How often deadlines are checked, in real ms (default 1,000). */
  readonly clockTickMs?: number;
  /** The unit named on acknowledgements and reminders the node sends itself (default "<STATE>-LIAISON"). */
  readonly senderUnit?: string;
  /** An officer's durable feed unused this long is removed by the leaf (default ACCESS_LIMITS.officerFeedInactiveMs). */
  readonly officerFeedInactiveMs?: number;
}

export interface RunningNode {
  readonly state: string;
  readonly events: NodeEvents;
  /**
   * Validates, hashes identifiers, signs and publishes. With `idempotencyKey`, the same request
   * again (from the same `callerId`) returns the first message id with `duplicate: true`.
   * Throws InputValidationError on bad input or options, NodeRequestError IDEMPOTENCY_KEY_CONFLICT
   * when the key was first used for a different request, MESSAGE_ID_IN_USE for a chosen id this
   * node already used, and UNAVAILABLE when the hub does not confirm within
   * LIMITS.submitDeadlineMs (retry with the same key and body).
   */
  submit(json: unknown, options?: SubmitOptions): Promise<SubmitResult>;
  /**
   * Runs everything submit does before publishing (parse, deadlines, hashing, contract and hub
   * routing rules, signing) and publishes nothing. Throws as submit does (InputValidationError,
   * HubRuleRefusal); returns when the message would be sent.
   */
  validate(json: unknown): void;
  /** Receipts and answers per recipient for a message this node sent; undefined if unknown. */
  status(messageId: string): MessageStatus | undefined;
  /** Messages this node sent, newest first. */
  sent(): MessageStatus[];
  /**
   * Sends a READ or ACTIONED acknowledgement to the sender of a message we received, once per
   * status: a repeat returns the first one's id with `duplicate: true`. With `actor`, its unit is
   * the acknowledgement's sender_unit and its note reads "officer <officerRef>" (the first officer
   * to act is the one named); without, the node's own unit and no note. Throws
   * InputValidationError naming `actor.unit` or `actor.officerRef`, NodeRequestError
   * UNKNOWN_MESSAGE or NOT_ACKNOWLEDGEABLE.
   */
  acknowledge(messageId: string, status: AcknowledgeStatus, actor?: Actor): Promise<SubmitResult>;
  /** What other states sent us (acknowledgements excluded), oldest first. */
  received(filter?: FeedFilter): ReceivedMessage[];
  receivedMessage(messageId: string): ReceivedMessage | undefined;
  /** Requests to answer and requests of ours awaiting an answer, each with its deadline view (withdrawn ones not listed). */
  due(): WorkbenchDueList;
  /** One page of the officer's inbox; `officer` makes unread mean "not opened by this officer". */
  inbox(query: InboxQuery, officer?: string): InboxPage;
  /** One message received or sent, in full; an officer's look is recorded as opened. */
  detail(messageId: string, officer?: string): MessageDetail | undefined;
  /** Every message of a case, oldest first. */
  caseThread(caseReference: string, officer?: string): CaseThread | undefined;
  /** The hub's answer or refusal to a hit/no-hit query this node sent; undefined when it sent no such query. */
  queryOutcome(queryMessageId: string): QueryOutcome | undefined;
  /** The same, waiting up to waitMs for the hub (answers 'pending' when it has not answered by then). */
  awaitQueryOutcome(queryMessageId: string, waitMs: number): Promise<QueryOutcome | undefined>;
  /**
   * A case's link graph: the counterpart states the hub reported hits with on our messages of it
   * (state and hit id only), the requests following each hit up, and our other cases that share
   * keyed identifiers with it. Undefined when this node sent nothing in the case.
   */
  caseLinks(caseReference: string): CaseLinks | undefined;
  /** What the node holds as a STIX 2.1 bundle, and as MISP events (services/export; docs/export.md). */
  exportStix(query: ExportQuery): StixBundle;
  exportMisp(query: ExportQuery): MispExport;
  /** An officer's durable feed (deliveries and receipts since they last read, then live), plus escalations. */
  feed(officerId: string, filter?: FeedFilter): Promise<OfficerFeed>;
  /** What happens from now on, filtered: nothing durable. */
  liveFeed(filter?: FeedFilter): OfficerFeed;
  /** Escalates overdue requests now (also done every clock tick; a call joins a check already running); returns how many that check escalated. */
  checkDeadlines(): Promise<number>;
  stop(): Promise<void>;
}

export async function startNodeService(options: NodeServiceOptions): Promise<RunningNode> {
  const { state, nc, logger, signingKey, directory } = options;
  const now = options.now ?? Date.now;
  const deadlines = replyDeadlines(options.deadlines);
  const senderUnit = options.senderUnit ?? `${state}-LIAISON`;
  const events = new NodeEvents();
  await ensureInbox(nc, state);
  const store = NodeStore.open(options.dataDir, state);
  await importLegacyBuckets(nc, store, logger).catch((error: unknown) => {
    store.close();
    throw error;
  });
  const submitter = createSubmitter({ nc, store, logger, now });
  const replies = createReplies({ reply: { state, senderUnit, signingKey }, store, submitter, now });
  const queries = nodeQueries(state, store, now);
  // A start that fails half-way closes what it opened, so a retried start (the drill's) leaks nothing.
  const inbox = await startInboxLoop(nc, { state, store, directory, events, logger, now, answerRefusal: replies.answerRefusal }).catch((error: unknown) => {
    store.close();
    throw error;
  });
  const ticker = await startDeadlineTicker({
    state, store, events, logger, now, senderUnit, signingKey, deadlines, dueInput: queries.escalationInput, send: submitter.send,
  }, options.clockTickMs ?? 1_000).catch(async (error: unknown) => {
    await inbox.stop();
    store.close();
    throw error;
  });
  const keyFollower = followLiveDirectory(directory, { nc, dataDir: options.dataDir, logger, refreshMs: options.keyDirectoryRefreshMs });
  const feeds = nodeFeeds({ nc, directory, store, events, logger, officerFeedInactiveMs: options.officerFeedInactiveMs });
  const original = (messageId: string) => knownOriginal(state, store.sent.get(messageId), store.received.get(messageId));
  const submission = (json: unknown) => () => prepareSubmission(json, {
    state, signingKey, matchingKey: typeof options.matchingKey === 'function' ? options.matchingKey() : options.matchingKey, deadlines, nowMs: now(), directory, original, hitToldOf: (hitId) => store.hitToldOf(hitId),
  });
  const queryOutcome = (queryMessageId: string): QueryOutcome | undefined => {
    const sent = store.sent.get(queryMessageId);
    if (sent?.summary.payloadName !== 'hit-query') return undefined;
    return queryOutcomeOf(queryMessageId, store.queryAnswer(queryMessageId), sent.hubRejection);
  };
  let stopped = false;

  return {
    state,
    events,
    submit: async (json, submitOptions) => submitter.send(submission(json), clientIdempotencyClaim(json, submitOptions)),
    validate: (json) => void submission(json)(),
    status: queries.status,
    sent: queries.sent,
    acknowledge: replies.acknowledge,
    received: queries.received,
    receivedMessage: queries.receivedMessage,
    due: queries.due,
    inbox: queries.inbox,
    detail: queries.detail,
    caseThread: queries.caseThread,
    queryOutcome,
    async awaitQueryOutcome(queryMessageId, waitMs) {
      if (!queryOutcome(queryMessageId)) return undefined;
      return awaitQueryOutcome(events, () => queryOutcome(queryMessageId) ?? queryOutcomeOf(queryMessageId, undefined, undefined), waitMs);
    },
    caseLinks: queries.caseLinks,
    exportStix: queries.exportStix,
    exportMisp: queries.exportMisp,
    feed: feeds.feed,
    liveFeed: feeds.liveFeed,
    checkDeadlines: ticker.check,
    async stop() {
      if (stopped) return;
      stopped = true;
      submitter.stop();
      await keyFollower?.stop();
      const tickerStopped = ticker.stop();
      await feeds.closeAll();
      await inbox.stop();
      await tickerStopped;
      events.removeAllListeners();
      store.close();
    },
  };
}
