// A liaison officer's durable feed: a consumer of its own on TIP_INBOX (feed-<officer>), so an
// officer who was away gets what arrived meanwhile, in stream order, and picks up where they left
// off. Items are verified like the node's own; an item is acknowledged once the caller has taken
// it and asked for the next, so a feed cut mid-way repeats at most the item it was showing.
import type { NatsConnection } from '@nats-io/transport-node';
import { ACCESS_LIMITS, CONSUMERS, isRejection, OFFICER_ID_PATTERN, type KeyLookup, type Logger } from '../core/mod.ts';
import { matchesFeedFilter, type FeedFilter } from './feed-filter.ts';
import { openInboxReader } from './inbox.ts';
import { summariseMessage, type MessageSummary } from './message-summary.ts';
import type { FeedItem } from './node-events.ts';
import { NodeRequestError } from './node-errors.ts';
import { openDelivery } from './open-delivery.ts';


export function feedConsumerName(officerId: string): string {
  if (!OFFICER_ID_PATTERN.test(officerId)) throw new NodeRequestError('INVALID_OFFICER');
  return CONSUMERS.officerFeed(officerId);
}

export interface FeedSource {
  readonly nc: NatsConnection;
  readonly directory: KeyLookup;
  /** The summary of a message this node sent, so receipts can be filtered by what they concern. */
  readonly sentSummary: (messageId: string) => MessageSummary | undefined;
  /** Stream sequence of the first copy of a message id the node recorded, to skip later copies. */
  readonly firstSequence: (messageId: string) => number | undefined;
  readonly logger: Logger;
  /** The leaf removes a feed consumer unused this long (default ACCESS_LIMITS.officerFeedInactiveMs). */
  readonly inactiveThresholdMs?: number;
}

/** The item filters look at: a receipt is judged by the message of ours it concerns. */
export function filterSubjectOf(item: FeedItem): MessageSummary {
  return item.about ?? item.summary;
}

export function feedItemMatches(item: FeedItem, filter: FeedFilter): boolean {
  return matchesFeedFilter(filterSubjectOf(item), filter);
}

export interface OfficerFeed extends AsyncIterable<FeedItem> {
  close(): Promise<void>;
}

/** How long closing a feed waits for its reading loop to end. */
const FEED_CLOSE_WAIT_MS = 2_000;

export async function openOfficerFeed(source: FeedSource, officerId: string, filter: FeedFilter): Promise<OfficerFeed> {
  const consumer = await openInboxReader(source.nc, feedConsumerName(officerId), { inactiveThresholdMs: source.inactiveThresholdMs ?? ACCESS_LIMITS.officerFeedInactiveMs });
  const messages = await consumer.consume({ max_messages: 32 });
  async function* items(): AsyncGenerator<FeedItem> {
    for await (const message of messages) {
      const item = toFeedItem(message.data, message.seq, source);
      if (item && feedItemMatches(item, filter)) yield item;
      message.ack();
    }
  }
  const iterator = items();
  return {
    [Symbol.asyncIterator]: () => iterator,
    async close() {
      // Not messages.close(): it waits for the loop to read on, and the loop may be parked at a yield.
      messages.stop();
      // A loop parked on the consumer (its server gone, the connection still retrying) only returns
      // when the consumer yields again, which may be never: closing does not wait on that.
      let timer: NodeJS.Timeout | undefined;
      const bounded = new Promise<void>((resolve) => { timer = setTimeout(resolve, FEED_CLOSE_WAIT_MS); });
      await Promise.race([iterator.return(undefined).then(() => undefined), bounded]);
      clearTimeout(timer);
    },
  };
}

function toFeedItem(data: Uint8Array, streamSequence: number, source: FeedSource): FeedItem | undefined {
  let summary: MessageSummary;
  try {
    const opened = openDelivery(data, source.directory);
    summary = summariseMessage(opened.envelope, opened.decoded);
  } catch (error) {
    // The node's own reader records and answers refusals; a feed only shows what verifies. Any
    // other failure is not the delivery's fault and surfaces to the feed's reader.
    if (isRejection(error)) return undefined;
    source.logger.error({ err: error, streamSequence }, 'feed item not readable; the feed ends here and resumes from it when reopened');
    throw error;
  }
  const first = source.firstSequence(summary.messageId);
  if (first !== undefined && first !== streamSequence) return undefined;
  const isReceipt = summary.payloadName === 'acknowledgement';
  const about = source.sentSummary(summary.acknowledgement?.acknowledgedMessageId ?? summary.response?.requestMessageId ?? '');
  return { event: isReceipt ? 'receipt' : 'delivery', summary, ...(about ? { about } : {}), atUnixMs: summary.createdAtUnixMs, streamSequence };
}
