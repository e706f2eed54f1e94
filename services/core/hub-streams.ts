// The hub's JetStream streams, defined once for the router, the tests and the docs.
import { RetentionPolicy, StorageType, DiscardPolicy, type StreamConfig } from '@nats-io/jetstream';
import { LIMITS } from './limits.ts';
import { STREAMS, subjects } from './subjects.ts';

const NANOS_PER_MS = 1_000_000;
const DAY_MS = 24 * 3_600_000;

export interface HubStreamOptions {
  /** 3 on the hub cluster; 1 on a single development server. */
  readonly replicas: number;
  readonly deliveryMaxAgeMs?: number;
  readonly deadLetterMaxAgeMs?: number;
}

/** Window in which JetStream drops a resend with the same Nats-Msg-Id. */
export const DUPLICATE_WINDOW_MS = 2 * 60_000;

export function hubStreamConfigs(options: HubStreamOptions): Array<Partial<StreamConfig> & { name: string; subjects: string[] }> {
  const common = {
    storage: StorageType.File,
    num_replicas: options.replicas,
    // Headers and protobuf framing add a little to the envelope.
    max_msg_size: LIMITS.maxEnvelopeBytes + 16 * 1024,
    discard: DiscardPolicy.Old,
  };
  return [
    {
      ...common,
      name: STREAMS.submissions,
      subjects: [subjects.submitAny()],
      // Work queue: a submission is removed once the router has acknowledged it.
      retention: RetentionPolicy.Workqueue,
      duplicate_window: DUPLICATE_WINDOW_MS * NANOS_PER_MS,
      // Oversized input must still reach the router, to be dead-lettered with a reason.
      max_msg_size: -1,
    },
    {
      ...common,
      name: STREAMS.deliveries,
      subjects: [subjects.outboxAny()],
      retention: RetentionPolicy.Limits,
      duplicate_window: DUPLICATE_WINDOW_MS * NANOS_PER_MS,
      max_age: (options.deliveryMaxAgeMs ?? 30 * DAY_MS) * NANOS_PER_MS,
    },
    {
      ...common,
      name: STREAMS.deadLetters,
      subjects: [subjects.deadLetterAny()],
      retention: RetentionPolicy.Limits,
      max_age: (options.deadLetterMaxAgeMs ?? 90 * DAY_MS) * NANOS_PER_MS,
      max_msg_size: -1,
    },
  ];
}
