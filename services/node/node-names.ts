// Every name a node gives to things on its leaf server (consumers, KV buckets, keys) and the
// idempotency keys of the messages it sends itself, in one place: an operator looking at the
// leaf, the README and the code see the same names, and no two parts of the node can drift apart.

/** The node's own durable reader of TIP_INBOX. */
export const NODE_CONSUMER = 'node';

/** An officer's durable feed is consumer `feed-<officer>` on TIP_INBOX. */
export const FEED_CONSUMER_PREFIX = 'feed-';

/** The node's KV buckets, on its own leaf (its own JetStream domain). */
export const NODE_BUCKETS = Object.freeze({
  sent: 'TIPNODE_SENT',
  received: 'TIPNODE_RECEIVED',
  idempotency: 'TIPNODE_IDEMPOTENCY',
  escalations: 'TIPNODE_ESCALATIONS',
  refused: 'TIPNODE_REFUSED',
});

/**
 * Idempotency keys of what the node sends on its own account. Each is derived from what it
 * answers, so a redo after a crash resends the same message rather than a second one.
 */
export const NODE_IDEMPOTENCY_KEYS = Object.freeze({
  /** Our READ or ACTIONED acknowledgement of a message we received (once per status). */
  acknowledgement: (messageId: string, status: string): string => `tipnet-ack:${messageId}:${status}`,
  /** Our REJECTED acknowledgement of a delivery we refused. */
  refusal: (messageId: string): string => `tipnet-refusal:${messageId}`,
  /** The reminder of an overdue assistance request of ours. */
  reminder: (requestMessageId: string): string => `tipnet-reminder:${requestMessageId}`,
});

/** Key in TIPNODE_REFUSED of a refused delivery: its TIP_INBOX sequence. */
export function refusedDeliveryKey(streamSequence: number): string {
  return `seq-${streamSequence}`;
}
