// Receipts and answers applied to what a node sent, as pure functions. Applying the same receipt
// twice changes nothing, so a redelivered receipt is harmless.
import type { AcknowledgementSummary, MessageSummary } from './message-summary.ts';
import type { AcknowledgedBy, AssistanceAnswer, RecipientReceipts, ReceiptStage, SentRecord } from './node-records.ts';
import { type Envelope, HUB_SENDER } from '../core/mod.ts';
import { isRequest } from './workbench/deadline-view.ts';
import type { AnswerView } from './workbench/workbench-views.ts';

export type { AcknowledgedBy };

export function newSentRecord(envelope: Pick<Envelope, 'payload'>, summary: MessageSummary, sentAtUnixMs: number, reminderFor?: string): SentRecord {
  return {
    messageId: summary.messageId, summary, sentAtUnixMs, recipients: {}, answers: [],
    ...(reminderFor ? { reminderFor } : {}),
    ...(isRequest(summary) ? { requestPayload: Buffer.from(envelope.payload).toString('base64') } : {}),
  };
}

const STAGE_FIELD = { delivered: 'deliveredAtUnixMs', read: 'readAtUnixMs', actioned: 'actionedAtUnixMs' } as const;
/** The stages a recipient state acknowledges itself, and where who did it is kept. */
const ACTOR_FIELD = { read: 'readBy', actioned: 'actionedBy' } as const;

function acknowledgedBy(ack: AcknowledgementSummary): AcknowledgedBy | undefined {
  // Every acknowledgement names a unit (sender_unit is required); a summary made before units
  // were kept names nobody rather than ''.
  if (!ack.unit) return undefined;
  return { unit: ack.unit, ...(ack.note ? { note: ack.note } : {}) };
}

export function applyAcknowledgement(record: SentRecord, ack: AcknowledgementSummary): SentRecord {
  if (ack.status === 'rejected' && ack.acknowledgingState === HUB_SENDER) {
    if (record.hubRejection) return record;
    return { ...record, hubRejection: { atUnixMs: ack.atUnixMs, reasonCode: ack.reasonCode, reason: ack.reason } };
  }
  const current: RecipientReceipts = record.recipients[ack.acknowledgingState] ?? { state: ack.acknowledgingState };
  let next: RecipientReceipts;
  if (ack.status === 'rejected') {
    if (current.rejected) return record;
    next = { ...current, rejected: { atUnixMs: ack.atUnixMs, reasonCode: ack.reasonCode, reason: ack.reason } };
  } else {
    const stage = ack.status as ReceiptStage;
    const field = STAGE_FIELD[stage];
    if (!field || current[field] !== undefined) return record;
    const actorField = stage === 'delivered' ? undefined : ACTOR_FIELD[stage];
    const by = actorField && acknowledgedBy(ack);
    next = { ...current, [field]: ack.atUnixMs, ...(actorField && by ? { [actorField]: by } : {}) };
  }
  return { ...record, recipients: { ...record.recipients, [ack.acknowledgingState]: next } };
}

export function applyAnswer(record: SentRecord, answer: AssistanceAnswer): SentRecord {
  if (record.answers.some((known) => known.messageId === answer.messageId)) return record;
  return { ...record, answers: [...record.answers, answer] };
}

/** The answer an assistance response carries, as the requester records it: outcome, reason, new time, unit. */
export function answerOf(response: MessageSummary): AssistanceAnswer | undefined {
  if (!response.response) return undefined;
  const { outcome, summary, personsAssisted, expectedCompletionUnixMs } = response.response;
  return {
    messageId: response.messageId, from: response.sender, outcome, atUnixMs: response.createdAtUnixMs, unit: response.senderUnit, summary,
    personsAssisted: personsAssisted ?? 0, expectedCompletionUnixMs: expectedCompletionUnixMs ?? 0,
  };
}

/** A recorded answer in the workbench's shape; fields an older record lacks read as empty. */
export function answerView(answer: AssistanceAnswer): AnswerView {
  return {
    messageId: answer.messageId, from: answer.from, unit: answer.unit ?? '', outcome: answer.outcome, summary: answer.summary ?? '',
    personsAssisted: answer.personsAssisted ?? 0, expectedCompletionUnixMs: answer.expectedCompletionUnixMs ?? 0, atUnixMs: answer.atUnixMs,
  };
}

export type RecipientStage = 'pending' | ReceiptStage | 'rejected';

export interface RecipientStatus extends RecipientReceipts {
  /** The furthest stage reached; read and actioned imply delivered even if the receipt is late. */
  readonly stage: RecipientStage;
  readonly stages: readonly ReceiptStage[];
}

export interface MessageStatus {
  readonly messageId: string;
  readonly payloadName: string;
  readonly kind: string;
  readonly sentAtUnixMs: number;
  readonly recipients: readonly RecipientStatus[];
  readonly rejection?: SentRecord['hubRejection'];
  readonly answers: SentRecord['answers'];
  readonly summary: MessageSummary;
}

export function messageStatus(record: SentRecord): MessageStatus {
  const recipients = Object.values(record.recipients)
    .map((receipts): RecipientStatus => {
      const stages = (['delivered', 'read', 'actioned'] as const).filter((stage) => receipts[STAGE_FIELD[stage]] !== undefined);
      const stage: RecipientStage = receipts.rejected ? 'rejected' : stages.at(-1) ?? 'pending';
      return { ...receipts, stage, stages };
    })
    .sort((a, b) => a.state.localeCompare(b.state));
  return {
    messageId: record.messageId,
    payloadName: record.summary.payloadName,
    kind: record.summary.kind,
    sentAtUnixMs: record.sentAtUnixMs,
    recipients,
    ...(record.hubRejection ? { rejection: record.hubRejection } : {}),
    answers: record.answers,
    summary: record.summary,
  };
}
