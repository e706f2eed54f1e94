// A state's inbox: a stream on its own leaf server (its own JetStream domain) that the hub's
// dispatcher writes into. It survives the state's link to the hub going down, and a consumer of
// it catches up by sequence.
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, StorageType, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { hasJetStreamCode, JetStreamApiCodes, STREAMS, subjects } from '../core/mod.ts';

const DAY_MS = 24 * 3_600_000;
const NANOS_PER_MS = 1_000_000;

export async function ensureInbox(nc: NatsConnection, state: string, options: { maxAgeDays?: number } = {}): Promise<void> {
  const jsm = await jetstreamManager(nc);
  const config = {
    name: STREAMS.inbox,
    subjects: [subjects.deliverAll(state)],
    storage: StorageType.File,
    num_replicas: 1,
    // The hub may hand a copy over again after an outage; a day's window drops the second one.
    duplicate_window: DAY_MS * NANOS_PER_MS,
    max_age: (options.maxAgeDays ?? 90) * DAY_MS * NANOS_PER_MS,
  };
  try {
    await jsm.streams.info(STREAMS.inbox);
  } catch (error) {
    // Only a missing stream is created here; any other failure (no JetStream, no permission, a
    // timeout) is the caller's to see, not a reason to try creating it.
    if (!hasJetStreamCode(error, JetStreamApiCodes.StreamNotFound)) throw error;
    await jsm.streams.add(config);
  }
}

/** A durable pull consumer on the inbox; `name` identifies the reader (the node, an officer's feed). */
export async function openInboxReader(nc: NatsConnection, name: string, filterSubject?: string) {
  const jsm = await jetstreamManager(nc);
  await jsm.consumers.add(STREAMS.inbox, {
    durable_name: name,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ...(filterSubject ? { filter_subject: filterSubject } : {}),
  });
  return jetstream(nc).consumers.get(STREAMS.inbox, name);
}

export type InboxMessage = JsMsg;
