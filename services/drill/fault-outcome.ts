// What each scenario fault did to the traffic, from the records: an outage is recovered when what
// was sent during it arrived and traffic went on; a bad-inject fault when every inject was refused
// and none reached a recipient.
import { isStateCode } from '../core/mod.ts';
import type { DrillRecords, FaultRecord, SentRecord } from './drill-records.ts';
import type { Observation } from './inbox-observer.ts';

export interface FaultOutcome {
  readonly kind: string;
  readonly target: string;
  readonly atDrillMinutes: number;
  readonly windowWallMs: readonly [number, number];
  /** The same window in drill time: wall time since the start times the speed. */
  readonly windowDrillMs: readonly [number, number];
  /** The states it was aimed at; empty for a hub-wide fault (a hub node, the hub services). */
  readonly states: readonly string[];
  readonly happened: string;
  readonly recovered: boolean;
  readonly evidence: string;
  /**
   * Outages: wall ms from the end of the fault until the last delivery of what was sent during it
   * arrived (0 when all arrived before the end); absent when nothing was sent during it or some of
   * it never arrived.
   */
  readonly caughtUpWallMs?: number;
  /** Malformed and spoofed faults: how many submissions were injected, and how many were refused. */
  readonly injects?: { readonly total: number; readonly refused: number };
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
  const base = {
    kind: fault.kind, target: fault.target, atDrillMinutes: round(fault.atDrillMs / 60_000), windowWallMs: window,
    windowDrillMs: [window[0] * records.speed, window[1] * records.speed] as const,
    states: [...new Set(fault.target.split(/\s+/).filter(isStateCode))], happened: fault.happened,
  };
  const after = [...seen.values()].flat().filter((o) => o.atWallMs > fault.endWallMs).length;
  return { ...base, ...(BAD_INJECT_FAULTS.has(fault.kind) ? badInjectRecovery(fault, leakedIds, after) : trafficRecovery(fault, sent, seen, after)) };
}

/** A bad-inject fault is over when every inject was refused, none leaked, and traffic went on. */
function badInjectRecovery(fault: FaultRecord, leakedIds: ReadonlySet<string>, after: number): Pick<FaultOutcome, 'recovered' | 'evidence' | 'injects'> {
  const injects = fault.injects ?? [];
  const refused = injects.filter((inject) => inject.outcome === inject.expected || (inject.outcome !== undefined && inject.outcome !== 'not rejected' && inject.outcome !== 'not refused by NATS'));
  const leaked = injects.filter((inject) => leakedIds.has(inject.id)).length;
  return {
    recovered: refused.length === injects.length && leaked === 0 && after > 0,
    injects: { total: injects.length, refused: refused.length },
    evidence: `${refused.length}/${injects.length} refused (${injects.map((i) => `${i.variant}: ${i.outcome ?? '?'}`).join(', ')}); ${leaked} reached a recipient; ${after} deliveries after`,
  };
}

/** An outage is recovered when what was sent during it arrived (at the offline leaf) and traffic went on. */
function trafficRecovery(fault: FaultRecord, sent: readonly SentRecord[], seen: SeenCopies, after: number): Pick<FaultOutcome, 'recovered' | 'evidence' | 'caughtUpWallMs'> {
  const during = sent.filter((record) => record.submittedAtWallMs >= fault.startWallMs && record.submittedAtWallMs <= fault.endWallMs);
  const pairs = during.flatMap((record) => record.planned.expectedRecipients
    .filter((recipient) => fault.kind !== 'leaf-offline' || recipient === fault.target)
    .map((recipient) => seen.get(`${recipient}/${record.planned.messageId}`)));
  const arrivals = pairs.flatMap((copies) => (copies && copies.length > 0 ? [(copies[0] as Observation).atWallMs] : []));
  const arrived = arrivals.length;
  const caughtUp = arrived === pairs.length && arrived > 0 ? { caughtUpWallMs: Math.max(0, Math.max(...arrivals) - fault.endWallMs) } : {};
  return {
    ...caughtUp,
    recovered: arrived === pairs.length && after > 0 && fault.restoreFailed === undefined,
    evidence: `${arrived}/${pairs.length} deliveries of messages sent during the fault arrived${fault.kind === 'leaf-offline' ? ` at ${fault.target}` : ''}; ${after} deliveries after it ended${fault.restoreFailed ? `; ${fault.restoreFailed}` : ''}`,
  };
}
