// Names that outlive a process: durable consumers, key-value buckets and their keys, and the
// idempotency keys a node derives itself. Defined once, because a rename here orphans a consumer
// or a bucket on every running hub and node: changing one is a migration, not a refactor.
import { requireStateCode } from './subjects.ts';

/** An officer's durable feed is consumer `feed-<officer>` on the node's TIP_INBOX. */
export const FEED_CONSUMER_PREFIX = 'feed-';

/**
 * What an officer id (officer reference) may be: it names the officer's durable consumer and appears
 * on acknowledgements. Dots are allowed (identity providers' user names have them) although NATS
 * refuses `.` in a durable name: officerFeedConsumer escapes them.
 */
export const OFFICER_ID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;
export const OFFICER_ID_RULE = '1 to 64 letters, digits, dots, dashes or underscores';

export const CONSUMERS = Object.freeze({
  /** The hub's router, shared by every router instance (they share the work). */
  router: 'router',
  /** The hub's dispatcher for one recipient state. */
  dispatcher: (code: string): string => `dispatch-${requireStateCode(code)}`,
  /** A node's own reader of its inbox. */
  node: 'node',
  /**
   * A liaison officer's durable feed on the node's inbox (the officer id is checked by the caller).
   * A consumer name takes no dots: "_" is written "__" and "." "_d", so two ids never share a feed.
   */
  officerFeed: (officerId: string): string => `${FEED_CONSUMER_PREFIX}${officerId.replaceAll('_', '__').replaceAll('.', '_d')}`,
  /** The drill's observer of each participant's inbox. */
  drillObserver: 'drill-observer',
});

/** The hub's KV bucket: who first used each message id, recipients, content holders, identifier sightings. */
export const MESSAGE_INDEX_BUCKET = 'TIP_MESSAGE_INDEX';

/**
 * The hub's KV bucket of the signed key directory (account HUB, so no state can reach it): the
 * operator's tools put each new version under KEY_DIRECTORY_KEY; every hub services instance
 * watches it. Its history keeps the last versions for the operator's record.
 */
export const KEY_DIRECTORY_BUCKET = 'TIP_KEY_DIRECTORY';
export const KEY_DIRECTORY_KEY = 'current';

/** A node's KV buckets, on its own leaf (its own JetStream domain): its data never leaves the state. */
export const NODE_BUCKETS = Object.freeze({
  sent: 'TIPNODE_SENT',
  received: 'TIPNODE_RECEIVED',
  idempotency: 'TIPNODE_IDEMPOTENCY',
  escalations: 'TIPNODE_ESCALATIONS',
  refused: 'TIPNODE_REFUSED',
  /** Officer accounts and API tokens (hashes and digests only). */
  access: 'TIPNODE_ACCESS',
});

/**
 * A node's streams, on its own leaf like its buckets. TIPNODE_AUDIT is the tamper-evident audit
 * trail (services/audit): one hash-chained entry per message, never deleted or purged.
 */
export const NODE_STREAMS = Object.freeze({
  audit: 'TIPNODE_AUDIT',
});

/** Key in TIPNODE_REFUSED of a refused delivery: its TIP_INBOX sequence. */
export function refusedDeliveryKey(streamSequence: number): string {
  return `seq-${streamSequence}`;
}

/** Every key of NODE_IDEMPOTENCY_KEYS starts with this. */
export const NODE_IDEMPOTENCY_KEY_PREFIX = 'tipnet-';

/**
 * Idempotency keys of what a node sends on its own account (never a national system's). Each is
 * derived from what it answers, so a redo after a crash resends the same message, not a second.
 * They live beside client keys (clientIdempotencyKey), never among them.
 */
export const NODE_IDEMPOTENCY_KEYS = Object.freeze({
  /** A READ or ACTIONED acknowledgement of a message the node received (once per status). */
  acknowledgement: (messageId: string, status: string): string => `${NODE_IDEMPOTENCY_KEY_PREFIX}ack:${messageId}:${status}`,
  /** The REJECTED acknowledgement of a delivery the node refused. */
  refusal: (messageId: string): string => `${NODE_IDEMPOTENCY_KEY_PREFIX}refusal:${messageId}`,
  /** The reminder of an overdue assistance request. */
  reminder: (requestMessageId: string): string => `${NODE_IDEMPOTENCY_KEY_PREFIX}reminder:${requestMessageId}`,
});

/** What stands for "no caller" in a client key: a request made without a caller id. */
export const ANONYMOUS_CALLER = '-';

/**
 * The idempotency key a national system chose, in the namespace of clients and of that caller:
 * `client:<caller>:<key>`. So a client's key can never take the place of one of the node's own
 * (a client sending "tipnet-ack:<id>:actioned" does not stop the node's ACTIONED receipt), and
 * two systems that happen to choose the same key do not share it. The caller id is
 * percent-encoded, so a ':' in it cannot move the boundary between caller and key.
 */
export function clientIdempotencyKey(key: string, callerId?: string): string {
  if (callerId === '' || callerId === ANONYMOUS_CALLER) throw new RangeError(`a caller id must not be empty or "${ANONYMOUS_CALLER}"`);
  return `client:${callerId === undefined ? ANONYMOUS_CALLER : encodeURIComponent(callerId)}:${key}`;
}
