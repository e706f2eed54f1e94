// The receiving end of an end-to-end batch: a durable reader on KHM's TIP_INBOX that identifies
// each message (the bare path by its Nats-Msg-Id, the tipnet path by opening and verifying it, as
// KHM's node does; a catch-up drain by Nats-Msg-Id on both paths), tells the tracker, and acknowledges it.
import { jetstreamManager, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { HEADERS, STREAMS } from '../core/mod.ts';
import { openInboxReader } from '../node/mod.ts';
import type { ArrivalTracker } from './arrival-tracker.ts';

/** Returns the id the sender used for the message; throws if the message cannot be trusted. */
export type IdentifyArrival = (message: JsMsg) => string;

export interface RunningInboxArrivals {
  readonly failures: string[];
  /** Stops reading, deletes the reader and empties the inbox, so a later phase starts clean. Idempotent. */
  stop(): Promise<void>;
}

export async function startInboxArrivals(
  nc: NatsConnection,
  readerName: string,
  identify: IdentifyArrival,
  tracker: ArrivalTracker,
): Promise<RunningInboxArrivals> {
  const consumer = await openInboxReader(nc, readerName);
  const messages = await consumer.consume();
  const failures: string[] = [];
  const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));
  const loop = (async () => {
    // A closed connection (a signal mid-run) ends the loop here instead of as an unhandled rejection.
    try {
      for await (const message of messages) {
        try {
          tracker.arrived(identify(message));
        } catch (error) {
          failures.push(describe(error));
        }
        message.ack();
      }
    } catch (error) {
      failures.push(`reader stopped: ${describe(error)}`);
    }
  })();
  let stopped: Promise<void> | undefined;
  return {
    failures,
    stop() {
      stopped ??= (async () => {
        await messages.close();
        await loop;
        const jsm = await jetstreamManager(nc);
        await jsm.consumers.delete(STREAMS.inbox, readerName);
        await jsm.streams.purge(STREAMS.inbox);
      })();
      return stopped;
    },
  };
}

export const identifyByMessageIdHeader: IdentifyArrival = (message) => {
  const id = message.headers?.get(HEADERS.msgId);
  if (!id) throw new Error(`inbox message ${message.seq} has no ${HEADERS.msgId}`);
  return id;
};

/**
 * A hub copy's sender id from its Nats-Msg-Id (`<message id>.<RECIPIENT>`), for a drain timed into
 * the inbox, where what is read matters, not its verification (the end-to-end figures have that).
 */
export const identifyCopyByMessageIdHeader: IdentifyArrival = (message) => {
  const id = identifyByMessageIdHeader(message);
  const dot = id.lastIndexOf('.');
  if (dot <= 0) throw new Error(`inbox message ${message.seq} has ${HEADERS.msgId} ${id.slice(0, 80)}, not <message id>.<state>`);
  return id.slice(0, dot);
};
