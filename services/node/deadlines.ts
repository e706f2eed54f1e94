// Reply deadlines of assistance and rescue requests, as pure functions of records and a clock: the
// default a node fills in by priority, and what is due on both sides (requests addressed to us
// whose clock still runs for us; our requests someone still owes). What an answer does to a clock
// is deadline-view.ts's: settling outcomes stop it, in-progress and needs-information do not,
// delayed moves it; a retracted (withdrawn or corrected) request is due nowhere.
import { DEFAULT_REPLY_DEADLINE_MS, type SubmissionInput } from '../core/mod.ts';
import type { MessageSummary } from './message-summary.ts';
import type { SentRecord } from './node-records.ts';
import { answerOf, answerView } from './receipt-status.ts';
import { carriesReplyDeadline, deadlineView, owedBy, owesAnswer, ownDeadline } from './workbench/deadline-view.ts';
import type { AnswerView, DeadlineView } from './workbench/workbench-views.ts';

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
  /** The deadline in force: the request's, or the expected completion a "delayed" answer gave. */
  readonly deadlineUnixMs: number;
  readonly overdue: boolean;
  /** Milliseconds until the deadline; negative once passed. */
  readonly remainingMs: number;
  /** Who owes what, who is late, and a delay's reason (deadline-view.ts). */
  readonly deadline?: DeadlineView;
  /** Requests we sent: when the node escalated it. */
  readonly escalatedAtUnixMs?: number;
  /** Requests addressed to us: reminders the requester sent after the deadline. */
  readonly reminders?: number;
}

export interface DueList {
  /** Assistance requests to this state and rescue requests it received, its own clock still running. */
  readonly toAnswer: readonly DueItem[];
  /** Assistance and rescue requests this state sent that someone still owes an answer to. */
  readonly awaitingAnswer: readonly DueItem[];
}

export interface SentRequest {
  readonly summary: MessageSummary;
  readonly answered: boolean;
  readonly reminderFor?: string;
  readonly rejected: boolean;
  /** The answers received, with outcomes; without them any answer counts as settling. */
  readonly answers?: readonly AnswerView[];
  /** The states the hub confirmed delivery to (who owes a route-role rescue request). */
  readonly deliveredTo?: readonly string[];
}

export interface DueInput {
  readonly state: string;
  readonly nowMs: number;
  readonly received: readonly MessageSummary[];
  readonly sent: readonly SentRequest[];
  /** Ids of requests this state has answered with an assistance response. */
  readonly answeredByUs: ReadonlySet<string>;
  /** Our answers by the request they answer, with outcomes; when given, only settling ones stop our clock. */
  readonly ourAnswers?: ReadonlyMap<string, readonly AnswerView[]>;
  /** Requests withdrawn or corrected by their sender: no deadline, not due, never escalated. */
  readonly retracted?: ReadonlySet<string>;
  readonly escalations: ReadonlyMap<string, number>;
}

export function dueItem(summary: MessageSummary, nowMs: number, extra: Partial<DueItem> = {}): DueItem {
  const deadlineUnixMs = extra.deadlineUnixMs ?? summary.replyDeadlineUnixMs;
  return { messageId: summary.messageId, summary, deadlineUnixMs, overdue: nowMs >= deadlineUnixMs, remainingMs: deadlineUnixMs - nowMs, ...extra };
}

/** Reminders fold into the request they remind of, so one request is one line, whoever asks again. */
export function dueList(input: DueInput): DueList {
  const byDeadline = (a: DueItem, b: DueItem) => a.deadlineUnixMs - b.deadlineUnixMs;
  return { toAnswer: toAnswer(input).sort(byDeadline), awaitingAnswer: awaitingAnswer(input).sort(byDeadline) };
}

function toAnswer(input: DueInput): DueItem[] {
  const retracted = input.retracted ?? new Set<string>();
  const requests = input.received.filter((summary) => carriesReplyDeadline(summary) && owedBy(summary, [input.state]).includes(input.state));
  const ids = new Set(requests.map((summary) => summary.messageId));
  const isReminder = (summary: MessageSummary) => summary.relatedMessageId !== '' && ids.has(summary.relatedMessageId);
  return requests
    .filter((summary) => !isReminder(summary) && !retracted.has(summary.messageId))
    .flatMap((summary) => {
      const reminders = requests.filter((other) => isReminder(other) && other.relatedMessageId === summary.messageId);
      const answers = ourAnswersTo([summary, ...reminders], input);
      const view = deadlineView({ request: summary, answers, withdrawn: false, nowMs: input.nowMs, deliveredTo: [input.state] });
      if (!owesAnswer(view, input.state, answers, summary.replyDeadlineUnixMs)) return [];
      const own = ownDeadline(summary, input.state, answers);
      const deadline: DeadlineView | undefined = view && {
        ...view, atUnixMs: own.atUnixMs, overdue: own.atUnixMs <= input.nowMs, late: own.atUnixMs <= input.nowMs ? [input.state] : [],
        state: own.delayReason === undefined ? 'open' : 'delayed', delayReason: own.delayReason,
      };
      return [dueItem(summary, input.nowMs, { deadlineUnixMs: own.atUnixMs, reminders: reminders.length, ...(deadline ? { deadline } : {}) })];
    });
}

/** Our answers to a request or its reminders; without outcomes known, any answer settles (older records). */
function ourAnswersTo(requests: readonly MessageSummary[], input: DueInput): AnswerView[] {
  return requests.flatMap((request) => {
    const known = input.ourAnswers?.get(request.messageId);
    if (known) return [...known];
    if (!input.answeredByUs.has(request.messageId)) return [];
    return [{ messageId: '', from: input.state, unit: '', outcome: 'accepted', summary: '', personsAssisted: 0, expectedCompletionUnixMs: 0, atUnixMs: 0 }];
  });
}

function awaitingAnswer(input: DueInput): DueItem[] {
  const retracted = input.retracted ?? new Set<string>();
  return input.sent
    .filter((record) => carriesReplyDeadline(record.summary) && !record.reminderFor && !record.rejected && !retracted.has(record.summary.messageId))
    .flatMap((record) => {
      // Without the answers' outcomes (older callers), any answer settles the request.
      if (record.answers === undefined && record.answered) return [];
      const view = deadlineView({
        request: record.summary, answers: record.answers ?? [], withdrawn: false, nowMs: input.nowMs, deliveredTo: record.deliveredTo,
      });
      if (!view || view.state === 'answered') return [];
      const escalatedAtUnixMs = input.escalations.get(record.summary.messageId);
      return [dueItem(record.summary, input.nowMs, {
        deadlineUnixMs: view.atUnixMs, overdue: view.overdue, deadline: view, ...(escalatedAtUnixMs === undefined ? {} : { escalatedAtUnixMs }),
      })];
    });
}

/** Our requests whose deadline in force has passed without a settling answer and that no node has escalated yet. */
export function overdueForEscalation(input: DueInput): DueItem[] {
  return dueList(input).awaitingAnswer.filter((item) => item.overdue && item.escalatedAtUnixMs === undefined && item.deadlineUnixMs > 0);
}

/**
 * The sent side of DueInput from what the node recorded: each request with the answers it got,
 * answers to its reminders included (a late state may answer the reminder), and the states the
 * hub confirmed delivery to.
 */
export function sentRequestsOf(records: readonly SentRecord[]): SentRequest[] {
  const reminderAnswers = new Map<string, AnswerView[]>();
  for (const record of records) {
    if (record.reminderFor) reminderAnswers.set(record.reminderFor, [...(reminderAnswers.get(record.reminderFor) ?? []), ...record.answers.map(answerView)]);
  }
  return records.map((record) => {
    const answers = [...record.answers.map(answerView), ...(reminderAnswers.get(record.messageId) ?? [])];
    return {
      summary: record.summary, answered: answers.length > 0, rejected: record.hubRejection !== undefined, answers,
      deliveredTo: Object.values(record.recipients).filter((receipts) => !receipts.rejected).map((receipts) => receipts.state),
      ...(record.reminderFor ? { reminderFor: record.reminderFor } : {}),
    };
  });
}

/** Our answers (assistance responses we sent and the hub did not refuse), by the request they answer. */
export function ourAnswersOf(records: readonly SentRecord[]): Map<string, AnswerView[]> {
  const byRequest = new Map<string, AnswerView[]>();
  for (const record of records) {
    const answer = record.hubRejection ? undefined : answerOf(record.summary);
    if (!answer || !record.summary.response) continue;
    const requestId = record.summary.response.requestMessageId;
    byRequest.set(requestId, [...(byRequest.get(requestId) ?? []), answerView(answer)]);
  }
  return byRequest;
}

/** Ids of messages withdrawn or corrected by retractions the node sent or received (the hub lets only the owner retract). */
export function retractedIdsOf(retractions: readonly { readonly summary: MessageSummary; readonly refused?: boolean }[]): Set<string> {
  return new Set(retractions
    .filter(({ summary, refused }) => summary.payloadName === 'retraction' && !refused && summary.retractedMessageId)
    .map(({ summary }) => summary.retractedMessageId as string));
}
