// When one of our assistance or rescue requests passes its deadline in force (the request's, or a
// "delayed" answer's new time) without a settling answer, the node escalates it
// exactly once: the KV `create` of its escalation key is the decision, so a second timer, a second
// node process or a restart cannot escalate it again. Escalating means an 'escalation' item on the
// requesting state's feeds and a reminder to the requested state: the same request again (same
// kind, persons, location and keyed identifiers, as signed the first time) at priority IMMEDIATE,
// with related_message_id = the overdue request and a fresh deadline, sent under an idempotency
// key derived from the request so it goes out once even across a crash. A rescue request is
// reminded of as an assistance request of kind RESCUE to each state late at that moment. A
// withdrawn or corrected request is never escalated (deadlines.ts leaves it out).
import { decodePayload, ENUM_WORDS, LIMITS, WIRE_LIMITS, type Logger, NODE_IDEMPOTENCY_KEYS, type SigningKey, trafficOf, v1 } from '../core/mod.ts';
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

/** The reminder for an overdue request we sent, to one late state, signed and checked against the contract rules. */
export function prepareReminder(
  request: SentRecord, context: Pick<EscalationContext, 'state' | 'senderUnit' | 'signingKey' | 'deadlines'>, nowMs: number, to?: string,
): PreparedSubmission {
  const { summary } = request;
  if (!request.requestPayload) throw new RangeError(`${request.messageId} is not a request this node can remind of`);
  const requestedState = to ?? summary.requestedState;
  const prefix = `Reminder: request ${summary.messageId} passed its reply deadline (${new Date(summary.replyDeadlineUnixMs).toISOString()}) without a response. `;
  const facts = reminderFacts(request);
  const reminder = v1.AssistanceRequest.create({
    ...facts,
    requestedState,
    summary: `${prefix}${facts.summary}`.slice(0, LIMITS.maxSummaryChars),
    relatedMessageId: summary.messageId,
    replyDeadlineUnixMs: replyDeadlineFor('immediate', nowMs, context.deadlines),
  });
  const lifetimeMs = Math.max(summary.expiresAtUnixMs - summary.createdAtUnixMs, context.deadlines.immediate * 2);
  return prepareOwnMessage({
    sender: context.state,
    senderUnit: context.senderUnit,
    recipients: { mode: 'named', states: [requestedState] },
    handling: ENUM_WORDS.handling.valueOf(summary.handling) ?? 0,
    priority: v1.Priority.PRIORITY_IMMEDIATE,
    traffic: trafficOf(summary),
    caseReference: summary.caseReference,
    createdAtUnixMs: nowMs,
    lifetimeMs: Math.min(lifetimeMs, LIMITS.maxLifetimeMs),
    payload: { name: 'assistance-request', message: reminder },
  }, context.signingKey);
}

/**
 * The request's facts as they were signed (keyed identifiers included), repeated word for word: an
 * assistance request as it was; a rescue request as an assistance request of kind RESCUE for its
 * victims, at its location.
 */
function reminderFacts(request: SentRecord): v1.IAssistanceRequest & { summary: string } {
  const bytes = Buffer.from(request.requestPayload ?? '', 'base64');
  if (request.summary.payloadName === 'assistance-request') {
    const original = decodePayload({ payloadType: v1.PayloadType.PAYLOAD_TYPE_ASSISTANCE_REQUEST, payload: bytes });
    if (original.name !== 'assistance-request') throw new RangeError(`${request.messageId} is not an assistance request`);
    return original.message;
  }
  const alert = decodePayload({ payloadType: v1.PayloadType.PAYLOAD_TYPE_CASE_ALERT, payload: bytes });
  if (alert.name !== 'case-alert') throw new RangeError(`${request.messageId} is not a rescue request`);
  const { victims, location, summary } = alert.message;
  return {
    kind: v1.AssistanceKind.ASSISTANCE_KIND_RESCUE, summary, location,
    personsCount: victims.reduce((sum, group) => sum + group.count, 0),
    identifiers: victims.flatMap((group) => group.identifiers).slice(0, WIRE_LIMITS.maxKeyedIdentifiersPerGroup),
  };
}

/** Escalates every overdue request not escalated yet; returns how many this call escalated. */
export async function escalateOverdue(context: EscalationContext): Promise<number> {
  let escalated = 0;
  for (const item of overdueForEscalation(context.dueInput())) {
    const request = item.summary;
    const late = request.payloadName === 'assistance-request' ? undefined : item.deadline?.late ?? [];
    const record: EscalationRecord = {
      requestMessageId: request.messageId, requestedState: late ? late.join(',') : request.requestedState,
      deadlineUnixMs: item.deadlineUnixMs, escalatedAtUnixMs: context.now(), ...(late ? { lateStates: late } : {}),
    };
    if (!(await context.store.escalations.create(request.messageId, record))) continue;
    escalated += 1;
    context.events.emit('escalation', { event: 'escalation', summary: request, about: request, atUnixMs: record.escalatedAtUnixMs, escalation: record });
    context.logger.warn({ messageId: request.messageId, requestedState: record.requestedState }, 'request overdue; escalated');
    await sendReminders(record, context);
  }
  return escalated;
}

/** Escalations whose reminders were not all sent (a crash in between) get them now, under the same keys. */
export async function resendMissingReminders(context: EscalationContext): Promise<void> {
  for (const record of context.store.escalations.values()) {
    if (!record.reminderMessageId) await sendReminders(record, context);
  }
}

async function sendReminders(record: EscalationRecord, context: EscalationContext): Promise<void> {
  const request = context.store.sent.get(record.requestMessageId);
  if (!request) return;
  if (!record.lateStates) {
    const messageId = await sendReminder(request, undefined, NODE_IDEMPOTENCY_KEYS.reminder(request.messageId), context);
    if (messageId) await context.store.escalations.put(request.messageId, { ...record, reminderMessageId: messageId });
    return;
  }
  // A rescue request: each late state is reminded on its own, so each reminder asks one state to act.
  let reminders: Record<string, string> = { ...record.reminders };
  for (const state of record.lateStates.filter((late) => reminders[late] === undefined)) {
    const messageId = await sendReminder(request, state, NODE_IDEMPOTENCY_KEYS.reminder(`${request.messageId}.${state}`), context);
    if (messageId) reminders = { ...reminders, [state]: messageId };
  }
  const first = record.lateStates.map((state) => reminders[state]).find((id) => id !== undefined);
  const complete = record.lateStates.every((state) => reminders[state] !== undefined);
  await context.store.escalations.put(request.messageId, { ...record, reminders, ...(complete && first ? { reminderMessageId: first } : {}) });
}

async function sendReminder(request: SentRecord, to: string | undefined, key: string, context: EscalationContext): Promise<string | undefined> {
  try {
    const { messageId } = await context.send(() => prepareReminder(request, context, context.now(), to), { key }, request.messageId);
    return messageId;
  } catch (error) {
    // Retried at the next start (resendMissingReminders); the escalation itself stands.
    context.logger.error({ err: error, messageId: request.messageId, to: to ?? request.summary.requestedState }, 'reminder not sent');
    return undefined;
  }
}
