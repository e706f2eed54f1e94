// A feed of what happens from now on (no officer id, nothing durable): the node's events, filtered.
// The dashboard's default view; an officer who wants what arrived while away uses the durable feed.
import type { FeedFilter } from './feed-filter.ts';
import type { FeedEventName, FeedItem, NodeEvents } from './node-events.ts';
import { feedItemMatches, type OfficerFeed } from './officer-feed.ts';

const EVENTS: readonly FeedEventName[] = ['delivery', 'receipt', 'escalation'];

export function openLiveFeed(events: NodeEvents, filter: FeedFilter, names: readonly FeedEventName[] = EVENTS): OfficerFeed {
  const queued: FeedItem[] = [];
  let wake: (() => void) | undefined;
  let closed = false;
  const listener = (item: FeedItem) => {
    if (closed || !feedItemMatches(item, filter)) return;
    queued.push(item);
    wake?.();
  };
  for (const name of names) events.on(name, listener);
  const close = async () => {
    closed = true;
    for (const name of names) events.off(name, listener);
    wake?.();
  };
  async function* items(): AsyncGenerator<FeedItem> {
    while (!closed) {
      const item = queued.shift();
      if (item) {
        yield item;
        continue;
      }
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
  }
  const iterator = items();
  return { [Symbol.asyncIterator]: () => iterator, close };
}

/** Merges feeds; the merged feed ends when all of them have ended or it is closed. */
export function mergeFeeds(feeds: readonly OfficerFeed[]): OfficerFeed {
  const live = openQueue();
  const pumps = feeds.map(async (feed) => {
    for await (const item of feed) await live.push(item);
  });
  void Promise.allSettled(pumps).then(() => live.end());
  return {
    [Symbol.asyncIterator]: () => live.iterator,
    async close() {
      live.end();
      await Promise.all(feeds.map((feed) => feed.close()));
    },
  };
}

/** A queue with back-pressure: push resolves once the consumer has taken the item and asked for the next. */
function openQueue() {
  const waiting: Array<{ item: FeedItem; taken: () => void }> = [];
  let wake: (() => void) | undefined;
  let ended = false;
  // The item the consumer holds: its pusher resumes when the consumer asks for the next one.
  let held: (() => void) | undefined;
  async function* items(): AsyncGenerator<FeedItem> {
    for (;;) {
      const next = waiting.shift();
      if (next) {
        held = next.taken;
        yield next.item;
        held = undefined;
        next.taken();
        continue;
      }
      if (ended) return;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
  }
  return {
    iterator: items(),
    push(item: FeedItem): Promise<void> {
      if (ended) return Promise.resolve();
      return new Promise<void>((taken) => {
        waiting.push({ item, taken });
        wake?.();
      });
    },
    end() {
      ended = true;
      held?.();
      for (const entry of waiting.splice(0)) entry.taken();
      wake?.();
    },
  };
}
