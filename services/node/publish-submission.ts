// How a state's software hands a signed envelope to the hub: a JetStream publish on its own
// submission subject, through its leaf node, de-duplicated by message id.
import { jetstream, type PubAck } from '@nats-io/jetstream';
import { headers, type NatsConnection } from '@nats-io/transport-node';
import { encodeEnvelope } from '../core/codec.ts';
import { payloadKindByType } from '../core/payload-registry.ts';
import type { Envelope } from '../core/proto.ts';
import { CONTRACT_VERSION, HEADERS, subjects, trafficClassOf } from '../core/subjects.ts';

export async function publishSubmission(nc: NatsConnection, envelope: Envelope, options: { timeoutMs?: number } = {}): Promise<PubAck> {
  const kind = payloadKindByType(envelope.payloadType);
  if (!kind) throw new RangeError(`payload_type ${envelope.payloadType} has no subject`);
  const h = headers();
  h.set(HEADERS.contract, CONTRACT_VERSION);
  return jetstream(nc, { timeout: options.timeoutMs ?? 10_000 }).publish(
    subjects.submit(envelope.senderState, trafficClassOf(envelope), kind.name),
    encodeEnvelope(envelope),
    // Retries cover the moment after start-up when the leaf has not yet learnt the hub's interest.
    { msgID: envelope.messageId, headers: h, retries: 20 },
  );
}
