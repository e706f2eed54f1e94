// How a state's software hands a signed envelope to the hub: a JetStream publish on its own
// submission subject, through its leaf node, de-duplicated by message id. Every attempt together
// stays within one deadline, so a hub without quorum is reported as UNAVAILABLE in bounded time.
import { jetstream, type PubAck } from '@nats-io/jetstream';
import { backoff, delay, headers, NoRespondersError, TimeoutError, type NatsConnection } from '@nats-io/transport-node';
import { CONTRACT_VERSION, encodeEnvelope, type Envelope, HEADERS, LIMITS, payloadKindByType, subjects, trafficClassOf } from '../core/mod.ts';
import { NodeRequestError } from './node-errors.ts';

export interface PublishOptions {
  /** Total time for every attempt together (default LIMITS.submitDeadlineMs). */
  readonly deadlineMs?: number;
  /** The envelope's bytes when the caller holds them already (a composed envelope): not encoded again. */
  readonly encoded?: Uint8Array;
}

/**
 * Resolves with the hub's PubAck, or throws NodeRequestError UNAVAILABLE (the last attempt's error
 * as cause) when the hub has not confirmed within the deadline. A resend is safe: the hub drops a
 * second copy of the same message id (Nats-Msg-Id) within its duplicate window.
 */
export async function publishSubmission(nc: NatsConnection, envelope: Envelope, options: PublishOptions = {}): Promise<PubAck> {
  const kind = payloadKindByType(envelope.payloadType);
  if (!kind) throw new RangeError(`payload_type ${envelope.payloadType} has no subject`);
  const h = headers();
  h.set(HEADERS.contract, CONTRACT_VERSION);
  const subject = subjects.submit(envelope.senderState, trafficClassOf(envelope), kind.name);
  const bytes = options.encoded ?? encodeEnvelope(envelope);
  const deadlineMs = options.deadlineMs ?? LIMITS.submitDeadlineMs;
  const deadline = Date.now() + deadlineMs;
  const pauses = backoff();
  const js = jetstream(nc);
  for (let attempt = 0; ; attempt += 1) {
    try {
      // One attempt may use all the time left: a hub that answers at all answers fast.
      return await js.publish(subject, bytes, { msgID: envelope.messageId, headers: h, timeout: Math.max(1, deadline - Date.now()), retries: 1 });
    } catch (error) {
      const timeLeftMs = deadline - Date.now();
      // "No responders" is the moment after start-up when the leaf has not yet learnt the hub's
      // interest (or is moving to another hub server): worth another try while time is left.
      if (isNoResponders(error) && timeLeftMs > 0) {
        await delay(Math.min(pauses.backoff(attempt), timeLeftMs));
        continue;
      }
      if (!isNoResponders(error) && !isTimeout(error)) throw error;
      throw new NodeRequestError('UNAVAILABLE', undefined, { cause: new HubNotConfirmingError(envelope.messageId, subject, deadlineMs, attempt + 1, error) });
    }
  }
}

/** For logs: which message, where, how long and how often, with the client's last error as cause. */
export class HubNotConfirmingError extends Error {
  override readonly name = 'HubNotConfirmingError';

  constructor(readonly messageId: string, readonly subject: string, readonly deadlineMs: number, readonly attempts: number, cause: unknown) {
    super(`the hub did not confirm ${messageId} on ${subject} within ${deadlineMs} ms (${attempts} attempt(s))`, { cause });
  }
}

function isTimeout(error: unknown): boolean {
  return causes(error).some((item) => item instanceof TimeoutError);
}

/** nats.js reports no responders as a RequestError or JetStream error whose cause is NoRespondersError. */
function isNoResponders(error: unknown): boolean {
  return causes(error).some((item) => item instanceof NoRespondersError);
}

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let item = error; item instanceof Error && chain.length < 8; item = item.cause) chain.push(item);
  return chain;
}
