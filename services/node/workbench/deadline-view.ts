// What a reply deadline means, as a pure function: who owes an answer, whose clock is stopped and
// who is late. An answer stops a state's clock only when it settles the request (accepted,
// completed, declined); in-progress and needs-information leave it running; delayed moves that
// state's deadline to the expected completion it gives, with its reason. A withdrawn (or
// corrected) request has no deadline in force. Used for requests we sent and requests addressed
// to us alike.
import type { MessageSummary } from '../message-summary.ts';
import type { AnswerView, DeadlineView } from './workbench-views.ts';

/** Outcomes that settle a request for the answering state. */
export const SETTLING_OUTCOMES: ReadonlySet<string> = new Set(['accepted', 'completed', 'declined']);

/** The outcome that moves the answering state's deadline to its expected completion. */
export const DELAYED_OUTCOME = 'delayed';

type DeadlineFacts = Pick<MessageSummary, 'payloadName' | 'kind' | 'replyDeadlineUnixMs'>;

/** Messages that carry a reply deadline somebody owes: assistance requests and rescue requests. */
export function carriesReplyDeadline(summary: DeadlineFacts): boolean {
  if (summary.replyDeadlineUnixMs <= 0) return false;
  return isRequest(summary);
}

/** Assistance requests and rescue requests, whether or not they carry a deadline. */
export function isRequest(summary: Pick<MessageSummary, 'payloadName' | 'kind'>): boolean {
  return summary.payloadName === 'assistance-request' || (summary.payloadName === 'case-alert' && summary.kind === 'rescue-request');
}

/**
 * An assistance request is owed by the state it asks; a rescue request by every state it reached:
 * its named recipients and, for a route-role or broadcast distribution (whose envelope names
 * nobody), the states it is known to have been delivered to (`deliveredTo`).
 */
export function owedBy(
  summary: Pick<MessageSummary, 'payloadName' | 'requestedState' | 'recipients' | 'sender'>, deliveredTo: readonly string[] = [],
): string[] {
  if (summary.payloadName === 'assistance-request') return summary.requestedState ? [summary.requestedState] : [];
  return [...new Set([...summary.recipients, ...deliveredTo])].filter((state) => state !== summary.sender).sort();
}

interface StateClock {
  readonly state: string;
  readonly settled: boolean;
  readonly atUnixMs: number;
  readonly delayReason?: string | undefined;
}

/** One state's clock after its answers, oldest first: the last settling or delaying answer decides. */
export function clockOf(state: string, deadline: number, answers: readonly AnswerView[]): StateClock {
  let clock: StateClock = { state, settled: false, atUnixMs: deadline };
  for (const answer of [...answers].filter((a) => a.from === state).sort((a, b) => a.atUnixMs - b.atUnixMs)) {
    if (SETTLING_OUTCOMES.has(answer.outcome)) clock = { state, settled: true, atUnixMs: deadline };
    else if (answer.outcome === DELAYED_OUTCOME && answer.expectedCompletionUnixMs > 0) {
      clock = { state, settled: false, atUnixMs: answer.expectedCompletionUnixMs, delayReason: answer.summary };
    }
  }
  return clock;
}

export interface DeadlineInput {
  readonly request: MessageSummary;
  readonly answers: readonly AnswerView[];
  /** Withdrawn or corrected by its sender: no deadline is in force any more. */
  readonly withdrawn: boolean;
  readonly nowMs: number;
  /** States the request is known to have reached (receipts, or this state for a received one). */
  readonly deliveredTo?: readonly string[] | undefined;
}

export function deadlineView({ request, answers, withdrawn, nowMs, deliveredTo }: DeadlineInput): DeadlineView | undefined {
  if (!carriesReplyDeadline(request)) return undefined;
  const owing = owedBy(request, deliveredTo);
  const deadline = request.replyDeadlineUnixMs;
  if (withdrawn) return { atUnixMs: deadline, state: 'withdrawn', overdue: false, owedBy: owing, late: [] };
  // Nobody known to owe it yet (a route-role rescue request before its receipts): the request's own clock runs.
  if (owing.length === 0) return { atUnixMs: deadline, state: 'open', overdue: deadline <= nowMs, owedBy: owing, late: [] };
  const clocks = owing.map((state) => clockOf(state, deadline, answers));
  const running = clocks.filter((clock) => !clock.settled);
  if (running.length === 0) return { atUnixMs: deadline, state: 'answered', overdue: false, owedBy: owing, late: [] };
  const next = running.reduce((a, b) => (b.atUnixMs < a.atUnixMs ? b : a));
  const late = running.filter((clock) => clock.atUnixMs <= nowMs).map((clock) => clock.state);
  const delayed = running.find((clock) => clock.delayReason !== undefined);
  return {
    atUnixMs: next.atUnixMs,
    state: running.every((clock) => clock.delayReason !== undefined) ? 'delayed' : 'open',
    overdue: late.length > 0,
    owedBy: owing,
    late,
    ...(delayed ? { delayReason: delayed.delayReason } : {}),
  };
}

/** For the requested side: this state's own clock on a request addressed to it is still running. */
export function owesAnswer(view: DeadlineView | undefined, state: string, answers: readonly AnswerView[], deadlineUnixMs?: number): boolean {
  if (!view || view.state === 'withdrawn' || !view.owedBy.includes(state)) return false;
  return !clockOf(state, deadlineUnixMs ?? view.atUnixMs, answers).settled;
}

/** This state's own deadline in force on a request (its delay moves it; others' delays do not). */
export function ownDeadline(request: MessageSummary, state: string, answers: readonly AnswerView[]): { atUnixMs: number; delayReason?: string | undefined } {
  const clock = clockOf(state, request.replyDeadlineUnixMs, answers);
  return { atUnixMs: clock.atUnixMs, ...(clock.delayReason !== undefined ? { delayReason: clock.delayReason } : {}) };
}
