// Reply deadlines of assistance requests, as pure functions of records and a clock: the default a
// node fills in by priority, and what is due on both sides (requests addressed to us that we have
// not answered; our requests nobody has answered yet).
import { DEFAULT_REPLY_DEADLINE_MS, type SubmissionInput } from '../core/mod.ts';
import type { MessageSummary } from './message-summary.ts';

export type ReplyDeadlines = Readonly<Record<keyof typeof DEFAULT_REPLY_DEADLINE_MS, number>>;

export function replyDeadlines(overrides: Partial<ReplyDeadlines> = {}): ReplyDeadlines {
  return Object.freeze({ ...DEFAULT_REPLY_DEADLINE_MS, ...overrides });
}

export function replyDeadlineFor(priority: string, nowMs: number, deadlines: ReplyDeadlines): number {
  const span = deadlines[priority as keyof ReplyDeadlines] ?? deadlines.routine;
  return nowMs + span;
}

/** Messages that must carry a reply deadline get the node's configured one when the input gives none. */
export function withDefaultReplyDeadline(input: SubmissionInput, nowMs: number, deadlines: ReplyDeadlines): SubmissionInput {
  const needsDeadline = input.type === 'assistance-request' || (input.type === 'case-alert' && input.payload.kind === 'rescue-request');
  if (!needsDeadline || input.payload.replyDeadline !== undefined) return input;
  const replyDeadline = new Date(replyDeadlineFor(input.priority, nowMs, deadlines)).toISOString();
  return { ...input, payload: { ...input.payload, replyDeadline } } as SubmissionInput;
}

export interface DueItem {
  readonly messageId: string;
  readonly summary: MessageSummary;
  readonly deadlineUnixMs: number;
  readonly overdue: boolean;
  /** Milliseconds until the deadline; negative once passed. */
  readonly remainingMs: number;
  /** Requests we sent: when the node escalated it. */
  readonly escalatedAtUnixMs?: number;
  /** Requests addressed to us: reminders the requester sent after the deadline. */
  readonly reminders?: number;
}

export interface DueList {
  /** Assistance requests addressed to this state, not yet answered. */
  readonly toAnswer: readonly DueItem[];
  /** Assistance requests this state sent that nobody has answered yet. */
  readonly awaitingAnswer: readonly DueItem[];
}

export interface DueInput {
  readonly state: string;
  readonly nowMs: number;
  readonly received: readonly MessageSummary[];
  readonly sent: readonly { readonly summary: MessageSummary; readonly answered: boolean; readonly reminderFor?: string; readonly rejected: boolean }[];
  /** Ids of requests this state has answered with an assistance response. */
  readonly answeredByUs: ReadonlySet<string>;
  readonly escalations: ReadonlyMap<string, number>;
}

export function dueItem(summary: MessageSummary, nowMs: number, extra: Partial<DueItem> = {}): DueItem {
  const deadlineUnixMs = summary.replyDeadlineUnixMs;
  return { messageId: summary.messageId, summary, deadlineUnixMs, overdue: nowMs >= deadlineUnixMs, remainingMs: deadlineUnixMs - nowMs, ...extra };
}

/** Reminders fold into the request they remind of, so one request is one line, whoever asks again. */
export function dueList(input: DueInput): DueList {
  const requests = input.received.filter((summary) => summary.payloadName === 'assistance-request' && summary.requestedState === input.state);
  const ids = new Set(requests.map((summary) => summary.messageId));
  const isReminder = (summary: MessageSummary) => summary.relatedMessageId !== '' && ids.has(summary.relatedMessageId);
  const toAnswer = requests
    .filter((summary) => !isReminder(summary))
    .filter((summary) => !input.answeredByUs.has(summary.messageId)
      && !requests.some((other) => isReminder(other) && other.relatedMessageId === summary.messageId && input.answeredByUs.has(other.messageId)))
    .map((summary) => dueItem(summary, input.nowMs, {
      reminders: requests.filter((other) => isReminder(other) && other.relatedMessageId === summary.messageId).length,
    }));
  const awaitingAnswer = input.sent
    .filter((record) => record.summary.payloadName === 'assistance-request' && !record.reminderFor && !record.answered && !record.rejected)
    .map((record) => {
      const escalatedAtUnixMs = input.escalations.get(record.summary.messageId);
      return dueItem(record.summary, input.nowMs, escalatedAtUnixMs === undefined ? {} : { escalatedAtUnixMs });
    });
  const byDeadline = (a: DueItem, b: DueItem) => a.deadlineUnixMs - b.deadlineUnixMs;
  return { toAnswer: toAnswer.sort(byDeadline), awaitingAnswer: awaitingAnswer.sort(byDeadline) };
}

/** Our requests whose deadline has passed without an answer and that no node has escalated yet. */
export function overdueForEscalation(input: DueInput): MessageSummary[] {
  return dueList(input).awaitingAnswer
    .filter((item) => item.overdue && item.escalatedAtUnixMs === undefined && item.deadlineUnixMs > 0)
    .map((item) => item.summary);
}
