// The drill's progress line: how far the traffic is, what has been sent and delivered, escalations
// and the faults active now. Redrawn on a TTY, printed every few seconds otherwise.
import type { EscalationRecord, FaultRecord, SentRecord } from './drill-records.ts';
import { formatDuration } from './duration.ts';
import type { Observation } from './inbox-observer.ts';

const BAR_WIDTH = 24;

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

export function progressLine(input: ProgressInput, nowMs = Date.now()): string {
  const planned = new Set(input.sent.map((s) => s.planned.messageId));
  const seen = input.observations().filter((o) => planned.has(o.messageId)).length;
  const expected = input.sent.filter((s) => !s.error).reduce((sum, s) => sum + s.planned.expectedRecipients.length, 0);
  const elapsed = Math.min(1, (nowMs - input.startedAtWallMs) / (input.trafficEndsAtWallMs - input.startedAtWallMs));
  const bar = '#'.repeat(Math.round(elapsed * BAR_WIDTH)).padEnd(BAR_WIDTH, '.');
  const active = input.faults.filter((f) => f.endWallMs > nowMs).map((f) => `${f.kind}:${f.target}`);
  return `[${bar}] ${Math.round(elapsed * 100)}% drill ${formatDuration((nowMs - input.startedAtWallMs) * input.speed)} | sent ${input.sent.length}/${input.planned} | delivered ${seen}/${expected} | escalated ${input.escalations.length}${active.length ? ` | fault ${active.join(', ')}` : ''}`;
}

/** Shows the line every interval until the returned function is called. */
export function showProgress(input: ProgressInput, show: (line: string) => void, intervalMs: number): () => void {
  const ticker = setInterval(() => show(progressLine(input)), intervalMs);
  return () => clearInterval(ticker);
}
