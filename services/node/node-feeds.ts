// The feeds a node serves: an officer's durable feed (its own consumer on TIP_INBOX, plus the
// node's escalations live) and the live-only feed. Every open feed is tracked, so stopping the
// node closes them all.
import type { NatsConnection } from '@nats-io/transport-node';
import type { KeyLookup, Logger } from '../core/mod.ts';
import { EMPTY_FEED_FILTER, type FeedFilter } from './feed-filter.ts';
import { mergeFeeds, openLiveFeed } from './live-feed.ts';
import type { NodeEvents } from './node-events.ts';
import type { NodeStore } from './node-store.ts';
import { openOfficerFeed, type OfficerFeed } from './officer-feed.ts';

export interface NodeFeedsContext {
  readonly nc: NatsConnection;
  readonly directory: KeyLookup;
  readonly store: NodeStore;
  readonly events: NodeEvents;
  readonly logger: Logger;
  readonly officerFeedInactiveMs?: number | undefined;
}

export interface NodeFeeds {
  feed(officerId: string, filter?: FeedFilter): Promise<OfficerFeed>;
  liveFeed(filter?: FeedFilter): OfficerFeed;
  closeAll(): Promise<void>;
}

export function nodeFeeds(context: NodeFeedsContext): NodeFeeds {
  const { store, events } = context;
  const open = new Set<OfficerFeed>();

  function track(feed: OfficerFeed): OfficerFeed {
    open.add(feed);
    return {
      [Symbol.asyncIterator]: () => feed[Symbol.asyncIterator](),
      async close() {
        open.delete(feed);
        await feed.close();
      },
    };
  }

  return {
    async feed(officerId, filter = EMPTY_FEED_FILTER) {
      const durable = await openOfficerFeed({
        nc: context.nc, directory: context.directory, logger: context.logger,
        ...(context.officerFeedInactiveMs ? { inactiveThresholdMs: context.officerFeedInactiveMs } : {}),
        sentSummary: (id) => store.sent.get(id)?.summary,
        firstSequence: (id) => store.received.get(id)?.streamSequence,
      }, officerId, filter);
      return track(mergeFeeds([durable, openLiveFeed(events, filter, ['escalation'])]));
    },
    liveFeed: (filter = EMPTY_FEED_FILTER) => track(openLiveFeed(events, filter)),
    async closeAll() {
      await Promise.all([...open].map((feed) => feed.close()));
    },
  };
}
