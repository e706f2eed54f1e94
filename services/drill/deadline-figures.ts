// Assistance-request deadlines, one outcome per request, from the records alone. Every total the
// report shows (overall and per requested state) is a tally of these outcomes, so the tables
// add up by construction.
//
// - met: the requested state's answer reached the requester by the deadline;
// - answered late: the answer reached the requester after the deadline;
// - never answered: no answer reached the requester before the drill ended;
// - missed = answered late + never answered; met + missed = total;
// - escalated: the requester's node escalated the request as overdue.
// Rescue requests are watched and escalated by the nodes too; these figures are about assistance
// requests alone, so escalations are counted for those alone.
import type { DrillRecords, SentRecord } from './drill-records.ts';

export interface DeadlineFigures {
  readonly total: number;
  readonly met: number;
  readonly missed: number;
  readonly escalated: number;
  readonly answeredLate: number;
  readonly neverAnswered: number;
  /**
   * Of the requests never answered: those the requested state's simulated officer chose not to
   * answer, as the scenario's `answersAssistance` share tells it (the rest went unanswered for
   * another reason, such as a fault).
   */
  readonly leftUnansweredByScenario: number;
}

type Outcome = 'met' | 'late' | 'never';

export interface RequestOutcome {
  readonly requested: string;
  readonly outcome: Outcome;
  readonly escalated: boolean;
}

/** The outcome of each assistance request the hub accepted. */
export function requestOutcomes(records: DrillRecords, sentOk: readonly SentRecord[], rejectedValid: ReadonlySet<string | undefined>): RequestOutcome[] {
  const escalated = new Set(records.escalations.map((e) => e.requestMessageId));
  const answers = new Map<string, number>();
  for (const o of records.observations) {
    if (o.answers === undefined) continue;
    const key = `${o.state}/${o.answers}`;
    answers.set(key, Math.min(answers.get(key) ?? Infinity, o.atWallMs));
  }
  return sentOk
    .filter((record) => record.planned.type === 'assistance-request' && !rejectedValid.has(record.planned.messageId))
    .map((request) => {
      const answeredAt = answers.get(`${request.planned.from}/${request.planned.messageId}`);
      const outcome: Outcome = answeredAt === undefined ? 'never' : answeredAt <= (request.deadlineWallMs ?? -Infinity) ? 'met' : 'late';
      return { requested: request.planned.destination, outcome, escalated: escalated.has(request.planned.messageId) };
    });
}

/** Tallies outcomes; `leftUnansweredByScenario` is what the officers of the states concerned declined. */
export function tallyDeadlines(outcomes: readonly RequestOutcome[], leftUnansweredByScenario: number): DeadlineFigures {
  const count = (outcome: Outcome) => outcomes.filter((o) => o.outcome === outcome).length;
  const answeredLate = count('late');
  const neverAnswered = count('never');
  return {
    total: outcomes.length,
    met: count('met'),
    missed: answeredLate + neverAnswered,
    escalated: outcomes.filter((o) => o.escalated).length,
    answeredLate,
    neverAnswered,
    // An officer decides again on a request its restarted node hands over a second time, so its
    // tally can run past the requests that went unanswered; those are the bound.
    leftUnansweredByScenario: Math.min(neverAnswered, leftUnansweredByScenario),
  };
}
