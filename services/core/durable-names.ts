// Names that outlive a process: durable consumers, key-value buckets and their keys, and the
// idempotency keys a node derives itself. Defined once, because a rename here orphans a consumer
// or a bucket on every running hub and node: changing one is a migration, not a refactor.
import { requireStateCode } from './subjects.ts';

/** An officer's durable feed is consumer `feed-<officer>` on the node's TIP_INBOX. */
export const FEED_CONSUMER_PREFIX = 'feed-';

export const CONSUMERS = Object.freeze({
  /** The hub's router, shared by every router instance (they share the work). */
  router: 'router',
  /** The hub's dispatcher for one recipient state. */
  dispatcher: (code: string): string => `dispatch-${requireStateCode(code)}`,
  /** A node's own reader of its inbox. */
  node: 'node',
  /** A liaison officer's durable feed on the node's inbox (the officer id is checked by the caller). */
  officerFeed: (officerId: string): string => `${FEED_CONSUMER_PREFIX}${officerId}`,
  /** The drill's observer of each participant's inbox. */
  drillObserver: 'drill-observer',
});

/** The hub's KV bucket: who first used each message id, recipients, content holders, identifier sightings. */
export const MESSAGE_INDEX_BUCKET = 'TIP_MESSAGE_INDEX';

/** A node's KV buckets, on its own leaf (its own JetStream domain): its data never leaves the state. */
export const NODE_BUCKETS = Object.freeze({
  sent: 'TIPNODE_SENT',
  received: 'TIPNODE_RECEIVED',
  idempotency: 'TIPNODE_IDEMPOTENCY',
  escalations: 'TIPNODE_ESCALATIONS',
  refused: 'TIPNODE_REFUSED',
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

/**
 * Idempotency keys of what a node sends on its own account (never a national system's). Each is
 * derived from what it answers, so a redo after a crash resends the same message, not a second.
 */
export const NODE_IDEMPOTENCY_KEYS = Object.freeze({
  /** A READ or ACTIONED acknowledgement of a message the node received (once per status). */
  acknowledgement: (messageId: string, status: string): string => `tipnet-ack:${messageId}:${status}`,
  /** The REJECTED acknowledgement of a delivery the node refused. */
  refusal: (messageId: string): string => `tipnet-refusal:${messageId}`,
  /** The reminder of an overdue assistance request. */
  reminder: (requestMessageId: string): string => `tipnet-reminder:${requestMessageId}`,
});
