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

export interface InboxReaderOptions {
  readonly filterSubject?: string;
  /** The leaf server removes the consumer after this long unused (an officer's abandoned feed). */
  readonly inactiveThresholdMs?: number;
  /** Only what arrives from now on (a witness joining an inbox that already holds traffic). */
  readonly fromNow?: boolean;
}

/** A durable pull consumer on the inbox; `name` identifies the reader (the node, an officer's feed). */
export async function openInboxReader(nc: NatsConnection, name: string, options: InboxReaderOptions = {}) {
  const jsm = await jetstreamManager(nc);
  const config = {
    durable_name: name,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: options.fromNow ? DeliverPolicy.New : DeliverPolicy.All,
    ...(options.filterSubject ? { filter_subject: options.filterSubject } : {}),
    ...(options.inactiveThresholdMs ? { inactive_threshold: options.inactiveThresholdMs * NANOS_PER_MS } : {}),
  };
  const existing = await jsm.consumers.info(STREAMS.inbox, name).catch((error: unknown) => {
    if (hasJetStreamCode(error, JetStreamApiCodes.ConsumerNotFound)) return undefined;
    throw error;
  });
  // A consumer made before its inactivity limit was set (an older node) is brought up to date.
  if (existing && (existing.config.inactive_threshold ?? 0) !== (config.inactive_threshold ?? 0)) {
    await jsm.consumers.update(STREAMS.inbox, name, { inactive_threshold: config.inactive_threshold ?? 0 });
  } else if (!existing) {
    await jsm.consumers.add(STREAMS.inbox, config);
  }
  return jetstream(nc).consumers.get(STREAMS.inbox, name);
}

export type InboxMessage = JsMsg;
