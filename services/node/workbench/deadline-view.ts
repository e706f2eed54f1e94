// What a reply deadline means, as a pure function: who owes an answer, whose clock is stopped and
// who is late. An answer stops a state's clock only when it settles the request (accepted,
// completed, declined); in-progress and needs-information leave it running; delayed moves that
// state's deadline to the expected completion it gives, with its reason. A withdrawn request has
// no deadline in force. Used for requests we sent and requests addressed to us alike.
import type { MessageSummary } from '../message-summary.ts';
import type { AnswerView, DeadlineView } from './workbench-views.ts';

/** Outcomes that settle a request for the answering state. */
export const SETTLING_OUTCOMES: ReadonlySet<string> = new Set(['accepted', 'completed', 'declined']);

/** Messages that carry a reply deadline somebody owes. */
export function carriesReplyDeadline(summary: Pick<MessageSummary, 'payloadName' | 'kind' | 'replyDeadlineUnixMs'>): boolean {
  if (summary.replyDeadlineUnixMs <= 0) return false;
  return summary.payloadName === 'assistance-request' || (summary.payloadName === 'case-alert' && summary.kind === 'rescue-request');
}

/** An assistance request is owed by the state it asks; a rescue request by every state it was sent to. */
export function owedBy(summary: Pick<MessageSummary, 'payloadName' | 'requestedState' | 'recipients' | 'sender'>): string[] {
  if (summary.payloadName === 'assistance-request') return summary.requestedState ? [summary.requestedState] : [];
  return summary.recipients.filter((state) => state !== summary.sender);
}

interface StateClock {
  readonly state: string;
  readonly settled: boolean;
  readonly atUnixMs: number;
  readonly delayReason?: string | undefined;
}

function clockOf(state: string, deadline: number, answers: readonly AnswerView[]): StateClock {
  let clock: StateClock = { state, settled: false, atUnixMs: deadline };
  for (const answer of [...answers].filter((a) => a.from === state).sort((a, b) => a.atUnixMs - b.atUnixMs)) {
    if (SETTLING_OUTCOMES.has(answer.outcome)) clock = { state, settled: true, atUnixMs: deadline };
    else if (answer.outcome === 'delayed' && answer.expectedCompletionUnixMs > 0) {
      clock = { state, settled: false, atUnixMs: answer.expectedCompletionUnixMs, delayReason: answer.summary };
    }
  }
  return clock;
}

export interface DeadlineInput {
  readonly request: MessageSummary;
  readonly answers: readonly AnswerView[];
  readonly withdrawn: boolean;
  readonly nowMs: number;
}

export function deadlineView({ request, answers, withdrawn, nowMs }: DeadlineInput): DeadlineView | undefined {
  if (!carriesReplyDeadline(request)) return undefined;
  const owing = owedBy(request);
  if (withdrawn) return { atUnixMs: request.replyDeadlineUnixMs, state: 'withdrawn', overdue: false, owedBy: owing, late: [] };
  const clocks = owing.map((state) => clockOf(state, request.replyDeadlineUnixMs, answers));
  const running = clocks.filter((clock) => !clock.settled);
  if (running.length === 0) return { atUnixMs: request.replyDeadlineUnixMs, state: 'answered', overdue: false, owedBy: owing, late: [] };
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

/** For the requested side: this state's own clock on a request addressed to it. */
export function owesAnswer(view: DeadlineView | undefined, state: string, answers: readonly AnswerView[]): boolean {
  if (!view || view.state === 'withdrawn' || !view.owedBy.includes(state)) return false;
  return !clockOf(state, view.atUnixMs, answers).settled;
}
