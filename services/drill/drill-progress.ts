// The drill's progress line: the phase (how far the traffic is, draining once it has ended, done),
// drill time (T+, as exercises count it), what has been sent and delivered, escalations and the faults active now. It fits
// in 80 columns whatever the fault names; redrawn on a TTY, printed every few seconds otherwise.
import type { EscalationRecord, FaultRecord, SentRecord } from './drill-records.ts';
import { formatDuration } from './duration.ts';
import type { Observation } from './inbox-observer.ts';

/** A terminal's classic width; the line never exceeds it. */
export const PROGRESS_COLUMNS = 80;
const ELLIPSIS = '…';

export interface ProgressInput {
  readonly speed: number;
  readonly planned: number;
  readonly startedAtWallMs: number;
  readonly trafficEndsAtWallMs: number;
  readonly sent: readonly SentRecord[];
  readonly observations: () => readonly Observation[];
  readonly faults: readonly FaultRecord[];
  readonly escalations: readonly EscalationRecord[];
}

/** The counts the line shows, worked out from what the drill has recorded so far. */
export interface ProgressCounts {
  /** Share of the traffic's time gone, 0 to 1. */
  readonly elapsed: number;
  /** Traffic running; draining once it has ended and the drill waits for the last deliveries; done. */
  readonly phase: 'traffic' | 'draining' | 'done';
  readonly drillMs: number;
  readonly sent: number;
  readonly planned: number;
  readonly delivered: number;
  readonly expected: number;
  readonly escalated: number;
  /** Faults active now, as "kind target". */
  readonly activeFaults: readonly string[];
}

export function progressCounts(input: ProgressInput, nowMs: number, done = false): ProgressCounts {
  const span = Math.max(1, input.trafficEndsAtWallMs - input.startedAtWallMs);
  return {
    elapsed: Math.min(1, Math.max(0, (nowMs - input.startedAtWallMs) / span)),
    phase: done ? 'done' : nowMs >= input.trafficEndsAtWallMs ? 'draining' : 'traffic',
    drillMs: Math.max(0, nowMs - input.startedAtWallMs) * input.speed,
    sent: input.sent.length,
    planned: input.planned,
    ...deliveredOfExpected(input),
    // As the report counts them: escalations of assistance requests (nodes also escalate rescue requests).
    escalated: countAssistanceEscalations(input),
    activeFaults: input.faults.filter((f) => f.endWallMs > nowMs).map((f) => `${f.kind} ${f.target}`),
  };
}

/** As the report counts them: expected deliveries (message, recipient) that arrived, a copy seen twice once. */
function deliveredOfExpected({ sent, observations }: ProgressInput): { delivered: number; expected: number } {
  const expected = new Set(sent.filter((s) => !s.error).flatMap((s) => s.planned.expectedRecipients.map((state) => `${state}/${s.planned.messageId}`)));
  const arrived = new Set(observations().map((o) => `${o.state}/${o.messageId}`).filter((key) => expected.has(key)));
  return { delivered: arrived.size, expected: expected.size };
}

function countAssistanceEscalations({ sent, escalations }: ProgressInput): number {
  const requests = new Set(sent.filter((s) => s.planned.type === 'assistance-request').map((s) => s.planned.messageId));
  return new Set(escalations.map((e) => e.requestMessageId).filter((id) => requests.has(id))).size;
}

/** The line itself (pure): the counts first, then as much of the active faults as fits. */
export function formatProgress(counts: ProgressCounts, columns = PROGRESS_COLUMNS): string {
  const phase = counts.phase === 'traffic' ? `${Math.round(counts.elapsed * 100)}%` : counts.phase;
  const line = `${phase} T+${formatDuration(counts.drillMs)} | sent ${counts.sent}/${counts.planned} | delivered ${counts.delivered}/${counts.expected} | escalated ${counts.escalated}`;
  // The fault kinds name themselves (leaf-offline KHM), so no label spends the columns.
  const withFaults = counts.activeFaults.length > 0 ? `${line} | ${counts.activeFaults.join(', ')}` : line;
  return fit(withFaults, columns);
}

/** The line now; `done` once the drill has drained (the last line shown). */
export function progressLine(input: ProgressInput, nowMs = Date.now(), done = false): string {
  return formatProgress(progressCounts(input, nowMs, done));
}

function fit(text: string, columns: number): string {
  const characters = [...text];
  return characters.length <= columns ? text : `${characters.slice(0, columns - 1).join('')}${ELLIPSIS}`;
}

/** Shows the line every interval until the returned function is called. */
export function showProgress(input: ProgressInput, show: (line: string) => void, intervalMs: number): () => void {
  const ticker = setInterval(() => show(progressLine(input)), intervalMs);
  return () => clearInterval(ticker);
}
