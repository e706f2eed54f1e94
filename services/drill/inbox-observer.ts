// The drill's independent witness on every state's leaf: its own durable consumer on TIP_INBOX,
// verifying each delivery, recording when it arrived and how often. It sees exactly what any
// application reading the inbox would see, so a copy that arrives twice is counted twice. A copy
// is a stream entry: the consumer handing the same entry over again (its ack came later than the
// ack wait, as on a loaded machine) is the witness's own redelivery, not a second copy.
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { CONSUMERS, STREAMS, decodeEnvelope, decodePayload, type KeyLookup, verifyEnvelope } from '../core/mod.ts';
import { openInboxReader } from '../node/mod.ts';

export interface Observation {
  readonly state: string;
  readonly messageId: string;
  readonly sender: string;
  readonly payloadName: string;
  readonly exercise: boolean;
  readonly atWallMs: number;
  readonly streamSequence: number;
  /** For acknowledgements: which message, what status, from whom. */
  readonly acknowledged?: { readonly messageId: string; readonly status: number; readonly by: string; readonly reasonCode: string };
  /** For assistance responses: the request answered. */
  readonly answers?: string;
  /** For hit notices: which message of ours matched, and the other state. */
  readonly hit?: { readonly yourMessageId: string; readonly counterpartState: string };
  readonly verified: boolean;
}

export interface InboxObserver {
  readonly observations: Observation[];
  stop(): Promise<void>;
}

export interface ObserverOptions {
  /** A witness of its own, from now on, removed when it stops: for a deployment that is not the drill's own. */
  readonly ownConsumer?: string;
  readonly onObservation?: (o: Observation) => void;
}

export async function observeInbox(nc: NatsConnection, state: string, directory: KeyLookup, options: ObserverOptions = {}): Promise<InboxObserver> {
  const { ownConsumer, onObservation } = options;
  const observations: Observation[] = [];
  const name = ownConsumer ?? CONSUMERS.drillObserver;
  // An abandoned witness (the drill killed) is removed by the leaf after a while.
  const reader = await openInboxReader(nc, name, ownConsumer ? { fromNow: true, inactiveThresholdMs: 10 * 60_000 } : {});
  const messages = await reader.consume({ max_messages: 256 });
  const seenSequences = new Set<number>();
  const loop = (async () => {
    for await (const message of messages) {
      if (seenSequences.has(message.info.streamSequence)) {
        message.ack();
        continue;
      }
      seenSequences.add(message.info.streamSequence);
      const observation = observe(state, message.data, message.info.streamSequence, directory);
      observations.push(observation);
      onObservation?.(observation);
      message.ack();
    }
  })();
  return {
    observations,
    async stop() {
      await messages.close();
      await loop;
      if (ownConsumer) await (await jetstreamManager(nc)).consumers.delete(STREAMS.inbox, ownConsumer).catch(() => undefined);
    },
  };
}

function observe(state: string, bytes: Uint8Array, streamSequence: number, directory: KeyLookup): Observation {
  const atWallMs = Date.now();
  try {
    const envelope = decodeEnvelope(bytes);
    let verified = true;
    try {
      verifyEnvelope(envelope, directory);
    } catch {
      verified = false;
    }
    const decoded = decodePayload(envelope);
    const base = {
      state, messageId: envelope.messageId, sender: envelope.senderState, payloadName: decoded.name,
      exercise: envelope.exercise, atWallMs, streamSequence, verified,
    };
    if (decoded.name === 'acknowledgement') {
      const ack = decoded.message;
      return { ...base, acknowledged: { messageId: ack.acknowledgedMessageId, status: ack.status, by: ack.acknowledgingState, reasonCode: ack.reasonCode } };
    }
    if (decoded.name === 'assistance-response') return { ...base, answers: decoded.message.requestMessageId };
    if (decoded.name === 'hit-notice') return { ...base, hit: { yourMessageId: decoded.message.yourMessageId, counterpartState: decoded.message.counterpartState } };
    return base;
  } catch {
    return { state, messageId: '', sender: '', payloadName: 'undecodable', exercise: false, atWallMs, streamSequence, verified: false };
  }
}
