// What payload rules may know about the envelope around them: the facts that tie a payload to its
// sender, its time and the message it answers.
import { z } from 'zod';
import { v1 } from '../proto.ts';

export interface EnvelopeFacts {
  readonly messageId: string;
  readonly senderState: string;
  readonly createdAtUnixMs: number;
  readonly inReplyTo: string;
  readonly exercise: boolean;
  readonly drillId: string;
  readonly distributionMode: number;
  readonly namedStates: readonly string[];
}

export interface PayloadContext {
  readonly envelope: EnvelopeFacts;
  readonly nowMs: number;
}

/** From `envelopeObject(...)` output (int64 already numbers). */
export function envelopeFacts(object: Record<string, unknown>): EnvelopeFacts {
  const distribution = (object.distribution ?? null) as { mode?: number; states?: string[] } | null;
  return {
    messageId: String(object.messageId ?? ''),
    senderState: String(object.senderState ?? ''),
    createdAtUnixMs: Number(object.createdAtUnixMs ?? 0),
    inReplyTo: String(object.inReplyTo ?? ''),
    exercise: object.exercise === true,
    drillId: String(object.drillId ?? ''),
    distributionMode: distribution?.mode ?? 0,
    namedStates: distribution?.mode === v1.DistributionMode.DISTRIBUTION_MODE_NAMED ? distribution.states ?? [] : [],
  };
}

/** A deadline is a promise about the future of the message, so it must come after its creation. */
export function checkDeadline(
  value: number, context: PayloadContext, ctx: z.RefinementCtx, path: PropertyKey[], required: string | undefined,
): void {
  if (value === 0) {
    if (required) ctx.addIssue({ code: 'custom', path, message: `is required ${required}` });
    return;
  }
  if (value <= context.envelope.createdAtUnixMs) {
    ctx.addIssue({ code: 'custom', path, message: "must be after the envelope's created_at_unix_ms" });
  }
}

/** A reply names what it answers in the payload; the envelope's in_reply_to, when set, must agree. */
export function checkReference(
  referenced: string, context: PayloadContext, ctx: z.RefinementCtx, path: PropertyKey[], options: { inReplyToRequired: boolean },
): void {
  const inReplyTo = context.envelope.inReplyTo;
  if (inReplyTo === '' && options.inReplyToRequired) {
    ctx.addIssue({ code: 'custom', path, message: "must also be given as the envelope's in_reply_to, which is empty" });
  } else if (inReplyTo !== '' && referenced !== '' && inReplyTo !== referenced) {
    ctx.addIssue({ code: 'custom', path, message: "must equal the envelope's in_reply_to" });
  }
  if (referenced !== '' && referenced === context.envelope.messageId) {
    ctx.addIssue({ code: 'custom', path, message: "must not be this message's own message_id" });
  }
}
