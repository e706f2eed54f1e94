// The acknowledgements a node sends itself: READ and ACTIONED for a message it received, REJECTED
// for a delivery it refused. They are TLP:GREEN and ROUTINE, named to the original sender, with
// the original's case reference and traffic (drill id): they carry ids and a status, no case
// content. Each goes out once, under an idempotency key derived from what it answers. A READ or
// ACTIONED acknowledgement may name who acted: the unit as its sender_unit, the officer's
// reference in its note; as it goes out once per status, the first officer to act is the one named.
import { DEFAULT_LIFETIME_HOURS, ENUM_WORDS, HUB_SENDER, NODE_IDEMPOTENCY_KEYS, type SigningKey, type TrafficClass, trafficOf, v1 } from '../core/mod.ts';
import { officerNote, parseActor, type Actor } from './actor.ts';
import { NodeRequestError } from './node-errors.ts';
import type { NodeStore } from './node-store.ts';
import { prepareOwnMessage, type PreparedSubmission } from './prepare-submission.ts';
import type { Submitter, SubmitResult } from './submitter.ts';

/** What the node knows of the message it answers (a refused delivery may give no more than this). */
export interface AnsweredMessage {
  readonly messageId: string;
  readonly sender: string;
  readonly traffic: TrafficClass;
  readonly drillId: string;
  readonly caseReference: string;
}

export type AcknowledgeStatus = 'read' | 'actioned';

export type OwnAcknowledgement =
  | { readonly status: AcknowledgeStatus; readonly note?: string }
  | { readonly status: 'rejected'; readonly reasonCode: string; readonly reason: string };

export interface ReplyContext {
  readonly state: string;
  readonly senderUnit: string;
  readonly signingKey: SigningKey;
}

/** A refusal's reason is cut here, well inside LIMITS.maxReasonChars, so a long one still goes out. */
const MAX_REFUSAL_REASON_CHARS = 900;

/** An acknowledgement lives as long as a submission that does not say otherwise. */
const ACKNOWLEDGEMENT_LIFETIME_MS = DEFAULT_LIFETIME_HOURS * 3_600_000;

/** Throws RejectionError when what the original carried cannot go into a valid reply. */
export function prepareAcknowledgement(original: AnsweredMessage, ack: OwnAcknowledgement, context: ReplyContext, nowMs: number): PreparedSubmission {
  const acknowledgement = v1.Acknowledgement.create({
    acknowledgedMessageId: original.messageId,
    status: ENUM_WORDS.acknowledgementStatus.valueOf(ack.status) ?? 0,
    acknowledgingState: context.state,
    atUnixMs: nowMs,
    ...(ack.status === 'rejected' ? { reasonCode: ack.reasonCode.trim(), reason: ack.reason.slice(0, MAX_REFUSAL_REASON_CHARS).trim() } : {}),
    ...(ack.status !== 'rejected' && ack.note ? { note: ack.note } : {}),
  });
  return prepareOwnMessage({
    sender: context.state,
    senderUnit: context.senderUnit,
    recipients: { mode: 'named', states: [original.sender] },
    handling: v1.HandlingMark.HANDLING_MARK_GREEN,
    priority: v1.Priority.PRIORITY_ROUTINE,
    traffic: trafficOf(original),
    caseReference: original.caseReference,
    inReplyTo: original.messageId,
    createdAtUnixMs: nowMs,
    lifetimeMs: ACKNOWLEDGEMENT_LIFETIME_MS,
    payload: { name: 'acknowledgement', message: acknowledgement },
  }, context.signingKey);
}

export interface RepliesContext {
  readonly reply: ReplyContext;
  readonly store: NodeStore;
  readonly submitter: Submitter;
  readonly now: () => number;
}

export interface Replies {
  /**
   * Sends a READ or ACTIONED acknowledgement to the sender of a message we received (once each),
   * naming the actor when given (otherwise the node's own unit and no officer).
   */
  acknowledge(messageId: string, status: AcknowledgeStatus, actor?: Actor): Promise<SubmitResult>;
  /** Sends our REJECTED acknowledgement for a delivery we refused (once per message id); returns its message id. */
  answerRefusal(refused: AnsweredMessage, reasonCode: string, reason: string): Promise<string>;
}

export function createReplies(context: RepliesContext): Replies {
  const { store, submitter, now } = context;
  return {
    async acknowledge(messageId, status, actor) {
      const acting = actor === undefined ? undefined : parseActor(actor);
      const record = store.received.get(messageId);
      if (!record) throw new NodeRequestError('UNKNOWN_MESSAGE', `no message ${messageId} was received by ${context.reply.state}`);
      const { summary } = record;
      if (summary.sender === HUB_SENDER || summary.payloadName === 'acknowledgement') throw new NodeRequestError('NOT_ACKNOWLEDGEABLE');
      const ack: OwnAcknowledgement = acting ? { status, note: officerNote(acting) } : { status };
      const reply = acting ? { ...context.reply, senderUnit: acting.unit } : context.reply;
      const key = NODE_IDEMPOTENCY_KEYS.acknowledgement(messageId, status);
      const result = await submitter.send(() => prepareAcknowledgement(summary, ack, reply, now()), { key });
      const field = status === 'read' ? 'readAtUnixMs' : 'actionedAtUnixMs';
      const latest = store.received.get(messageId) ?? record;
      if (latest.acknowledged[field] === undefined) {
        await store.received.put(messageId, { ...latest, acknowledged: { ...latest.acknowledged, [field]: now() } });
      }
      return result;
    },
    async answerRefusal(refused, reasonCode, reason) {
      const prepare = () => prepareAcknowledgement(refused, { status: 'rejected', reasonCode, reason }, context.reply, now());
      return (await submitter.send(prepare, { key: NODE_IDEMPOTENCY_KEYS.refusal(refused.messageId) })).messageId;
    },
  };
}
