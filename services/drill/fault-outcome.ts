// What each scenario fault did to the traffic, from the records: an outage is recovered when what
// was sent during it arrived and traffic went on; a bad-inject fault when every inject was refused
// and none reached a recipient.
import type { DrillRecords, FaultRecord, SentRecord } from './drill-records.ts';
import type { Observation } from './inbox-observer.ts';

export interface FaultOutcome {
  readonly kind: string;
  readonly target: string;
  readonly atDrillMinutes: number;
  readonly windowWallMs: readonly [number, number];
  readonly happened: string;
  readonly recovered: boolean;
  readonly evidence: string;
}

/** Copies seen per `state/messageId`, in the order they arrived. */
export type SeenCopies = Map<string, Observation[]>;

/** One decimal place, as the report shows times and minutes. */
export function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Faults that inject forged or broken messages; the others stop something for a while. */
const BAD_INJECT_FAULTS: ReadonlySet<string> = new Set(['malformed', 'spoofed']);

export function faultOutcome(
  fault: FaultRecord, records: DrillRecords, sent: readonly SentRecord[], seen: SeenCopies, leakedIds: ReadonlySet<string>,
): FaultOutcome {
  const window: [number, number] = [fault.startWallMs - records.startedAtWallMs, fault.endWallMs - records.startedAtWallMs];
  const base = { kind: fault.kind, target: fault.target, atDrillMinutes: round(fault.atDrillMs / 60_000), windowWallMs: window, happened: fault.happened };
  const after = [...seen.values()].flat().filter((o) => o.atWallMs > fault.endWallMs).length;
  return { ...base, ...(BAD_INJECT_FAULTS.has(fault.kind) ? badInjectRecovery(fault, leakedIds, after) : trafficRecovery(fault, sent, seen, after)) };
}

/** A bad-inject fault is over when every inject was refused, none leaked, and traffic went on. */
function badInjectRecovery(fault: FaultRecord, leakedIds: ReadonlySet<string>, after: number): Pick<FaultOutcome, 'recovered' | 'evidence'> {
  const injects = fault.injects ?? [];
  const refused = injects.filter((inject) => inject.outcome === inject.expected || (inject.outcome !== undefined && inject.outcome !== 'not rejected' && inject.outcome !== 'not refused by NATS'));
  const leaked = injects.filter((inject) => leakedIds.has(inject.id)).length;
  return {
    recovered: refused.length === injects.length && leaked === 0 && after > 0,
    evidence: `${refused.length}/${injects.length} refused (${injects.map((i) => `${i.variant}: ${i.outcome ?? '?'}`).join(', ')}); ${leaked} reached a recipient; ${after} deliveries after`,
  };
}

/** An outage is recovered when what was sent during it arrived (at the offline leaf) and traffic went on. */
function trafficRecovery(fault: FaultRecord, sent: readonly SentRecord[], seen: SeenCopies, after: number): Pick<FaultOutcome, 'recovered' | 'evidence'> {
  const during = sent.filter((record) => record.submittedAtWallMs >= fault.startWallMs && record.submittedAtWallMs <= fault.endWallMs);
  const pairs = during.flatMap((record) => record.planned.expectedRecipients
    .filter((recipient) => fault.kind !== 'leaf-offline' || recipient === fault.target)
    .map((recipient) => seen.get(`${recipient}/${record.planned.messageId}`)));
  const arrived = pairs.filter((copies) => copies !== undefined && copies.length > 0).length;
  return {
    recovered: arrived === pairs.length && after > 0 && fault.restoreFailed === undefined,
    evidence: `${arrived}/${pairs.length} deliveries of messages sent during the fault arrived${fault.kind === 'leaf-offline' ? ` at ${fault.target}` : ''}; ${after} deliveries after it ended${fault.restoreFailed ? `; ${fault.restoreFailed}` : ''}`,
  };
}
