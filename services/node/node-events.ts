// What a running node tells the code around it (the HTTP API, the drill, tests), as typed events.
import { EventEmitter } from 'node:events';
import type { MessageSummary } from './message-summary.ts';
import type { EscalationRecord } from './node-records.ts';

export type FeedEventName = 'delivery' | 'receipt' | 'escalation';

/** One line of a feed: a delivery, a receipt for something we sent, or an escalation of ours. */
export interface FeedItem {
  readonly event: FeedEventName;
  /** The message itself (for a receipt, the acknowledgement). */
  readonly summary: MessageSummary;
  /** For receipts and escalations: the message of ours they concern, when the node knows it. */
  readonly about?: MessageSummary;
  readonly atUnixMs: number;
  /** TIP_INBOX sequence, for deliveries and receipts. */
  readonly streamSequence?: number;
  readonly escalation?: EscalationRecord;
}

export interface RejectedEvent {
  /** outgoing: the hub or a recipient refused what we sent; incoming: we refused a delivery. */
  readonly direction: 'outgoing' | 'incoming';
  readonly messageId: string;
  /** Who refused: HUB, a recipient state, or this node. */
  readonly by: string;
  readonly reasonCode: string;
  readonly reason: string;
}

export interface NodeEventMap {
  delivery: [FeedItem];
  receipt: [FeedItem];
  escalation: [FeedItem];
  rejected: [RejectedEvent];
}

export class NodeEvents extends EventEmitter<NodeEventMap> {
  constructor() {
    super();
    // Every open SSE feed listens; a busy dashboard is not a leak.
    this.setMaxListeners(0);
  }
}
