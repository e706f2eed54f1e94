// After the traffic: wait for the last deliveries and hit notices, for scheduled fault ends, for
// sends still retrying, and for the last deadline to pass (so overdue requests get escalated).
import type { SentRecord } from './drill-records.ts';
import { expectedHits } from './drill-report.ts';
import { sleep } from './drill-timeline.ts';
import type { Observation } from './inbox-observer.ts';

/** The drill waits at most this long for the last deliveries and deadlines. */
export const MAX_DRAIN_MS = 45_000;
/** Escalation is looked for this long after the last deadline. */
const AFTER_LAST_DEADLINE_MS = 2_000;
const POLL_MS = 250;

export interface DrainInput {
  readonly sent: readonly SentRecord[];
  readonly observations: () => readonly Observation[];
  /** Runs still scheduled (fault ends: every send and fault start has fired by now). */
  readonly scheduled: () => number;
  /** Sends queued or retrying. */
  readonly sending: () => number;
}

export async function drain(input: DrainInput, maxMs = MAX_DRAIN_MS): Promise<void> {
  const lastDeadline = Math.max(0, ...input.sent.map((s) => s.deadlineWallMs ?? 0));
  const drainUntil = Date.now() + maxMs;
  while (Date.now() < drainUntil) {
    const settled = !deliveriesOutstanding(input.sent, input.observations()) && input.scheduled() === 0 && input.sending() === 0;
    if (settled && Date.now() > lastDeadline + AFTER_LAST_DEADLINE_MS) return;
    await sleep(POLL_MS);
  }
}

/** Whether a sent message has not reached a recipient yet, or a hit notice is still to come. */
export function deliveriesOutstanding(sent: readonly SentRecord[], observations: readonly Observation[]): boolean {
  const got = new Set(observations.map((o) => `${o.state}/${o.messageId}`));
  const sentOk = sent.filter((s) => !s.error);
  const hits = expectedHits(sentOk, observations);
  return hits.notified < hits.expected
    || sentOk.some((s) => s.planned.expectedRecipients.some((r) => !got.has(`${r}/${s.planned.messageId}`)));
}
