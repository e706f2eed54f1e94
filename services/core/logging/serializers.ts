// Serializers log only whitelisted fields of the objects that carry sensitive content.
import type { Envelope } from '../proto.ts';
import { payloadKindByType } from '../payload-registry.ts';
import { isRejection } from '../errors.ts';

/** What may be logged about an envelope: routing metadata, never the payload. */
export function envelopeSerializer(envelope: Envelope | undefined) {
  if (!envelope) return envelope;
  return {
    messageId: envelope.messageId,
    sender: envelope.senderState,
    payload: payloadKindByType(envelope.payloadType)?.name ?? envelope.payloadType,
    handling: envelope.handling,
    priority: envelope.priority,
    exercise: envelope.exercise,
    drillId: envelope.drillId || undefined,
    keyId: envelope.keyId,
  };
}

/** Errors keep their code and message; causes are logged by message only (they may quote input). */
export function errorSerializer(error: unknown) {
  if (!(error instanceof Error)) return { message: String(error) };
  return {
    type: error.name,
    code: isRejection(error) ? error.code : (error as { code?: unknown }).code,
    message: error.message,
    cause: error.cause instanceof Error ? error.cause.message : undefined,
    stack: isRejection(error) ? undefined : error.stack,
  };
}
