// When one of our assistance requests passes its reply deadline unanswered, the node escalates it
// exactly once: the KV `create` of its escalation key is the decision, so a second timer, a second
// node process or a restart cannot escalate it again. Escalating means an 'escalation' item on the
// requesting state's feeds and a reminder to the requested state: the same request again (same
// kind, persons, location and keyed identifiers, as signed the first time) at priority IMMEDIATE,
// with related_message_id = the overdue request and a fresh deadline, sent under an idempotency
// key derived from the request so it goes out once even across a crash.
import { decodePayload, ENUM_WORDS, LIMITS, type Logger, NODE_IDEMPOTENCY_KEYS, type SigningKey, trafficOf, v1 } from '../core/mod.ts';
import { overdueForEscalation, replyDeadlineFor, type DueInput, type ReplyDeadlines } from './deadlines.ts';
import type { NodeEvents } from './node-events.ts';
import type { EscalationRecord, SentRecord } from './node-records.ts';
import type { NodeStore } from './node-store.ts';
import { prepareOwnMessage, type PreparedSubmission } from './prepare-submission.ts';
import type { IdempotencyClaim } from './submitter.ts';

export interface EscalationContext {
  readonly state: string;
  readonly store: NodeStore;
  readonly events: NodeEvents;
  readonly logger: Logger;
  readonly now: () => number;
  readonly senderUnit: string;
  readonly signingKey: SigningKey;
  readonly deadlines: ReplyDeadlines;
  readonly dueInput: () => DueInput;
  readonly send: (prepare: () => PreparedSubmission, idempotency: IdempotencyClaim, reminderFor: string) => Promise<{ messageId: string }>;
}

/** The reminder for an overdue request we sent, signed and checked against the contract rules. */
export function prepareReminder(request: SentRecord, context: Pick<EscalationContext, 'state' | 'senderUnit' | 'signingKey' | 'deadlines'>, nowMs: number): PreparedSubmission {
  const { summary } = request;
  if (!request.requestPayload) throw new RangeError(`${request.messageId} is not an assistance request this node can remind of`);
  // The request's payload as it was signed: its facts (keyed identifiers included) are repeated word for word.
  const original = decodePayload({ payloadType: v1.PayloadType.PAYLOAD_TYPE_ASSISTANCE_REQUEST, payload: Buffer.from(request.requestPayload, 'base64') });
  if (original.name !== 'assistance-request') throw new RangeError(`${request.messageId} is not an assistance request`);
  const prefix = `Reminder: request ${summary.messageId} passed its reply deadline (${new Date(summary.replyDeadlineUnixMs).toISOString()}) without a response. `;
  const reminder = v1.AssistanceRequest.create({
    ...original.message,
    summary: `${prefix}${original.message.summary}`.slice(0, LIMITS.maxSummaryChars),
    relatedMessageId: summary.messageId,
    replyDeadlineUnixMs: replyDeadlineFor('immediate', nowMs, context.deadlines),
  });
  const lifetimeMs = Math.max(summary.expiresAtUnixMs - summary.createdAtUnixMs, context.deadlines.immediate * 2);
  return prepareOwnMessage({
    sender: context.state,
    senderUnit: context.senderUnit,
    recipients: { mode: 'named', states: [summary.requestedState] },
    handling: ENUM_WORDS.handling.valueOf(summary.handling) ?? 0,
    priority: v1.Priority.PRIORITY_IMMEDIATE,
    traffic: trafficOf(summary),
    caseReference: summary.caseReference,
    createdAtUnixMs: nowMs,
    lifetimeMs: Math.min(lifetimeMs, LIMITS.maxLifetimeMs),
    payload: { name: 'assistance-request', message: reminder },
  }, context.signingKey);
}

/** Escalates every overdue request not escalated yet; returns how many this call escalated. */
export async function escalateOverdue(context: EscalationContext): Promise<number> {
  let escalated = 0;
  for (const request of overdueForEscalation(context.dueInput())) {
    const record: EscalationRecord = {
      requestMessageId: request.messageId, requestedState: request.requestedState,
      deadlineUnixMs: request.replyDeadlineUnixMs, escalatedAtUnixMs: context.now(),
    };
    if (!(await context.store.escalations.create(request.messageId, record))) continue;
    escalated += 1;
    context.events.emit('escalation', { event: 'escalation', summary: request, about: request, atUnixMs: record.escalatedAtUnixMs, escalation: record });
    context.logger.warn({ messageId: request.messageId, requestedState: request.requestedState }, 'assistance request overdue; escalated');
    await sendReminder(record, context);
  }
  return escalated;
}

/** Escalations whose reminder was not sent (a crash in between) get it now, under the same key. */
export async function resendMissingReminders(context: EscalationContext): Promise<void> {
  for (const record of context.store.escalations.values()) {
    if (!record.reminderMessageId) await sendReminder(record, context);
  }
}

async function sendReminder(record: EscalationRecord, context: EscalationContext): Promise<void> {
  const request = context.store.sent.get(record.requestMessageId);
  if (!request) return;
  try {
    const { messageId } = await context.send(() => prepareReminder(request, context, context.now()), { key: NODE_IDEMPOTENCY_KEYS.reminder(request.messageId) }, request.messageId);
    await context.store.escalations.put(request.messageId, { ...record, reminderMessageId: messageId });
  } catch (error) {
    // Retried at the next start (resendMissingReminders); the escalation itself stands.
    context.logger.error({ err: error, messageId: request.messageId }, 'reminder not sent');
  }
}
