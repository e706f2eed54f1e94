// The drill report, computed from the records alone (pure): counts, latencies, acknowledgement
// times, deadlines, what each fault did, and whether the drill passed. Each figure is computed
// once, here; the summary, the HTML tables and the CLI read these fields and compute none.
import { v1 } from '../core/mod.ts';
import { requestOutcomes, tallyDeadlines, type DeadlineFigures } from './deadline-figures.ts';
import type { DrillConduct, DrillRecords, SentRecord } from './drill-records.ts';
import { faultOutcome, type FaultOutcome, type SeenCopies } from './fault-outcome.ts';
import type { Observation } from './inbox-observer.ts';
import { percentiles, type Percentiles } from './percentiles.ts';
import { summarize } from './report-summary.ts';
import { figuresByState, type AckTimes, type DeliveryPair, type StateFigures } from './state-figures.ts';

export { percentiles };
export type { FaultOutcome, Percentiles, DeadlineFigures, StateFigures };

export interface DrillReport {
  readonly scenario: string;
  readonly drillId: string;
  readonly seed: number;
  readonly speed: number;
  readonly states: readonly string[];
  readonly hubStates: readonly string[];
  readonly wallDurationMs: number;
  /** Drill time the traffic ran for (the scenario's duration); draining after it is not counted. */
  readonly trafficDrillMs: number;
  readonly sent: number;
  readonly notSent: number;
  readonly expectedDeliveries: number;
  readonly delivered: number;
  readonly lost: number;
  readonly duplicates: number;
  readonly rejected: { readonly total: number; readonly byReason: Readonly<Record<string, number>>; readonly validTrafficRejected: number };
  /** Submit to verified at the recipient, wall ms (as are all the report's *Ms figures). */
  readonly latencyMs: Percentiles;
  /** Per acknowledging state: submit to its read or actioned receipt reaching the sender. */
  readonly ackMs: Readonly<Record<string, AckTimes>>;
  /** Assistance requests (see deadline-figures.ts for each term); byState slices these. */
  readonly deadlines: DeadlineFigures;
  /** Per state: deliveries received, their latency, acknowledgements, deadlines, faults suffered. */
  readonly byState: Readonly<Record<string, StateFigures>>;
  readonly faults: readonly FaultOutcome[];
  readonly badInjects: { readonly total: number; readonly rejected: number; readonly leaked: number; readonly items: readonly { variant: string; from: string; expected: string; outcome: string }[] };
  /** Hit notices: each destination report on an earlier rescue's victims must reach both states. */
  readonly hits: { readonly expected: number; readonly notified: number };
  readonly exerciseLeakage: number;
  readonly unverifiedDeliveries: number;
  /** For the charts: deliveries per second of the drill, and the latency histogram. */
  readonly series: {
    readonly bucketMs: number;
    readonly deliveriesPerBucket: readonly number[];
    readonly latencyHistogram: readonly { readonly upToMs: number; readonly count: number }[];
  };
  /**
   * What the simulated liaison officers did, by their own tally (kept for readers of earlier
   * reports; the report's figures come from the witness: ackMs, deadlines, byState).
   */
  readonly officers: DrillRecords['officers'];
  /** Own topology or --against a running deployment; who played each state's officers; faults left out. */
  readonly conduct: DrillConduct;
  readonly errors: readonly string[];
  readonly passed: boolean;
  readonly failures: readonly string[];
  /** The plain-language summary, one sentence a line, written from the figures above. */
  readonly summary: readonly string[];
}

/** Everything but the summary, which is written from these. */
export type ReportFigures = Omit<DrillReport, 'summary'>;

const Status = v1.AcknowledgementStatus;

export function buildReport(records: DrillRecords): DrillReport {
  const figures = reportFigures(records);
  return { ...figures, summary: summarize(figures) };
}

function reportFigures(records: DrillRecords): ReportFigures {
  const sentOk = records.sent.filter((record) => record.error === undefined);
  const byId = new Map(sentOk.map((record) => [record.planned.messageId, record]));
  const content = records.observations.filter((o) => o.payloadName !== 'acknowledgement' && o.payloadName !== 'undecodable');
  const acks = records.observations.filter((o) => o.acknowledged !== undefined);
  // Valid traffic the hub refused (it should never happen) is reported, not silently expected away.
  const rejectedValid = new Set(acks.filter((o) => o.acknowledged?.status === Status.ACKNOWLEDGEMENT_STATUS_REJECTED && byId.has(o.acknowledged.messageId)).map((o) => o.acknowledged?.messageId));
  const seen = copiesByRecipient(content);
  const deliveries = countDeliveries(sentOk, seen, rejectedValid);
  const duplicates = [...seen.values()].reduce((sum, copies) => sum + Math.max(0, copies.length - 1), 0);
  const participantSet = new Set<string>(records.participants);
  const exerciseLeakage = content.filter((o) => o.exercise && !participantSet.has(o.state)).length;
  const unverifiedDeliveries = records.observations.filter((o) => !o.verified).length;
  const requests = requestOutcomes(records, sentOk, rejectedValid);
  const ackMs = ackTimesByState(acks, byId);
  // Before the fault outcomes: it settles each bad inject's outcome from the dead letters.
  const bad = badInjectOutcome(records, content);
  const hits = expectedHits(sentOk, records.observations);
  const faults = records.faults.map((fault) => faultOutcome(fault, records, sentOk, seen, bad.report.total > 0 ? bad.leakedIds : new Set()));
  const byState = figuresByState({ records, pairs: deliveries.pairs, ackMs, requests, faults });
  const declined = Object.values(byState).reduce((sum, state) => sum + state.deadlines.leftUnansweredByScenario, 0);
  const notSent = records.sent.length - sentOk.length;
  const lost = deliveries.expected - deliveries.delivered;
  const failures = failuresOf({ lost, missing: deliveries.missing, duplicates, validRejected: rejectedValid.size, notSent, bad: bad.report, hits, exerciseLeakage, unverifiedDeliveries, faults });
  return {
    scenario: records.scenarioName,
    drillId: records.drillId,
    seed: records.seed,
    speed: records.speed,
    states: records.participants,
    hubStates: records.hubStates,
    wallDurationMs: records.endedAtWallMs - records.startedAtWallMs,
    trafficDrillMs: (records.trafficEndsAtWallMs - records.startedAtWallMs) * records.speed,
    sent: sentOk.length,
    notSent,
    expectedDeliveries: deliveries.expected,
    delivered: deliveries.delivered,
    lost,
    duplicates,
    rejected: { total: Object.values(bad.byReason).reduce((a, b) => a + b, 0), byReason: bad.byReason, validTrafficRejected: rejectedValid.size },
    latencyMs: percentiles(deliveries.latencies),
    ackMs,
    deadlines: tallyDeadlines(requests, declined),
    byState,
    faults,
    badInjects: bad.report,
    hits,
    exerciseLeakage,
    unverifiedDeliveries,
    series: deliverySeries(records, content, deliveries.latencies),
    officers: records.officers,
    conduct: records.conduct ?? { mode: 'self-contained', officers: Object.fromEntries(records.participants.map((state) => [state, 'simulated' as const])), skippedFaults: [] },
    errors: records.errors,
    passed: failures.length === 0,
    failures,
  };
}

function copiesByRecipient(content: readonly Observation[]): SeenCopies {
  const seen: SeenCopies = new Map();
  for (const o of content) {
    const key = `${o.state}/${o.messageId}`;
    const copies = seen.get(key);
    if (copies) copies.push(o);
    else seen.set(key, [o]);
  }
  return seen;
}

/** Every (sent message, expected recipient) pair: delivered with its latency, or missing. */
function countDeliveries(sentOk: readonly SentRecord[], seen: SeenCopies, rejectedValid: ReadonlySet<string | undefined>) {
  let expected = 0;
  let delivered = 0;
  const latencies: number[] = [];
  const missing: string[] = [];
  const pairs: DeliveryPair[] = [];
  for (const record of sentOk) {
    if (rejectedValid.has(record.planned.messageId)) continue;
    for (const recipient of record.planned.expectedRecipients) {
      expected += 1;
      const copies = seen.get(`${recipient}/${record.planned.messageId}`);
      if (copies && copies.length > 0) {
        delivered += 1;
        const latencyMs = (copies[0] as Observation).atWallMs - record.submittedAtWallMs;
        latencies.push(latencyMs);
        pairs.push({ recipient, latencyMs });
      } else {
        missing.push(`${record.planned.type} ${record.planned.messageId} to ${recipient}`);
        pairs.push({ recipient, latencyMs: undefined });
      }
    }
  }
  return { expected, delivered, latencies, missing, pairs };
}

const ACK_KIND_OF_STATUS: ReadonlyMap<number, 'read' | 'actioned'> = new Map([
  [Status.ACKNOWLEDGEMENT_STATUS_READ, 'read'],
  [Status.ACKNOWLEDGEMENT_STATUS_ACTIONED, 'actioned'],
]);

/** Acknowledgement times per acknowledging state: submit to the ack reaching the sender. */
function ackTimesByState(acks: readonly Observation[], byId: ReadonlyMap<string, SentRecord>): DrillReport['ackMs'] {
  const ackTimes = new Map<string, { read: number[]; actioned: number[] }>();
  for (const o of acks) {
    const ack = o.acknowledged;
    const original = ack ? byId.get(ack.messageId) : undefined;
    if (!ack || !original || o.state !== original.planned.from) continue;
    const kind = ACK_KIND_OF_STATUS.get(ack.status);
    if (!kind) continue;
    const times = ackTimes.get(ack.by) ?? { read: [], actioned: [] };
    times[kind].push(o.atWallMs - original.submittedAtWallMs);
    ackTimes.set(ack.by, times);
  }
  return Object.fromEntries([...ackTimes.entries()].sort().map(([state, times]) => [state, { read: percentiles(times.read), actioned: percentiles(times.actioned) }]));
}

/**
 * What became of the malformed and spoofed injects: each one's outcome is settled from the dead
 * letters (where NATS did not refuse it already), and whether any reached a recipient.
 */
function badInjectOutcome(records: DrillRecords, content: readonly Observation[]) {
  const deadLetterReasons: Record<string, number> = {};
  for (const letter of records.deadLetters) deadLetterReasons[letter.reason] = (deadLetterReasons[letter.reason] ?? 0) + 1;
  const badInjects = records.faults.flatMap((fault) => fault.injects ?? []);
  const deadLetterById = new Map(records.deadLetters.map((letter) => [letter.messageId, letter.reason]));
  for (const inject of badInjects) {
    if (inject.outcome === undefined) inject.outcome = deadLetterById.get(inject.id) ?? 'not rejected';
  }
  const natsRefusals = badInjects.filter((inject) => inject.outcome === 'NATS_PERMISSION_DENIED').length;
  const byReason = { ...deadLetterReasons, ...(natsRefusals > 0 ? { NATS_PERMISSION_DENIED: natsRefusals } : {}) };
  const leakedIds = new Set(content.map((o) => o.messageId));
  const report: DrillReport['badInjects'] = {
    total: badInjects.length,
    rejected: badInjects.filter((inject) => inject.outcome !== 'not rejected' && inject.outcome !== 'not refused by NATS' && !leakedIds.has(inject.id)).length,
    leaked: badInjects.filter((inject) => leakedIds.has(inject.id)).length,
    items: badInjects.map((inject) => ({ variant: inject.variant, from: inject.from, expected: inject.expected, outcome: inject.outcome ?? 'not rejected' })),
  };
  return { report, byReason, leakedIds };
}

const SERIES_BUCKET_MS = 1_000;
const LATENCY_EDGES_MS = [10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 30_000, Infinity];

/** For the charts: deliveries per second of the drill, and the latency histogram. */
function deliverySeries(records: DrillRecords, content: readonly Observation[], latencies: readonly number[]): DrillReport['series'] {
  const bucketMs = SERIES_BUCKET_MS;
  const buckets = Math.max(1, Math.ceil((records.endedAtWallMs - records.startedAtWallMs) / bucketMs));
  const deliveriesPerBucket = Array.from({ length: buckets }, () => 0);
  for (const o of content) {
    const index = Math.floor((o.atWallMs - records.startedAtWallMs) / bucketMs);
    if (index >= 0 && index < buckets) deliveriesPerBucket[index] = (deliveriesPerBucket[index] ?? 0) + 1;
  }
  const latencyHistogram = LATENCY_EDGES_MS.map((upToMs, i) => ({
    upToMs,
    count: latencies.filter((value) => value <= upToMs && value > (i === 0 ? -Infinity : (LATENCY_EDGES_MS[i - 1] as number))).length,
  }));
  return { bucketMs, deliveriesPerBucket, latencyHistogram };
}

interface DrillFacts {
  readonly lost: number;
  readonly missing: readonly string[];
  readonly duplicates: number;
  readonly validRejected: number;
  readonly notSent: number;
  readonly bad: DrillReport['badInjects'];
  readonly hits: DrillReport['hits'];
  readonly exerciseLeakage: number;
  readonly unverifiedDeliveries: number;
  readonly faults: readonly FaultOutcome[];
}

/** Why the drill failed, one line per broken promise; none means it passed. */
function failuresOf(facts: DrillFacts): string[] {
  const { bad, hits, missing } = facts;
  const failures: string[] = [];
  if (facts.lost > 0) failures.push(`${facts.lost} deliveries lost: ${missing.slice(0, 5).join('; ')}${missing.length > 5 ? ' ...' : ''}`);
  if (facts.duplicates > 0) failures.push(`${facts.duplicates} deliveries seen twice`);
  if (facts.validRejected > 0) failures.push(`${facts.validRejected} valid messages were rejected by the hub`);
  if (facts.notSent > 0) failures.push(`${facts.notSent} planned messages could not be sent by their node`);
  if (bad.leaked > 0) failures.push(`${bad.leaked} malformed or spoofed injects reached a recipient`);
  if (bad.rejected < bad.total) failures.push(`${bad.total - bad.rejected} malformed or spoofed injects were not rejected`);
  if (hits.notified < hits.expected) failures.push(`${hits.expected - hits.notified} expected hit notices did not arrive`);
  if (facts.exerciseLeakage > 0) failures.push(`${facts.exerciseLeakage} exercise deliveries reached states outside the drill`);
  if (facts.unverifiedDeliveries > 0) failures.push(`${facts.unverifiedDeliveries} deliveries failed signature verification`);
  for (const fault of facts.faults) if (!fault.recovered) failures.push(`fault ${fault.kind} ${fault.target}: traffic did not recover (${fault.evidence})`);
  return failures;
}

/**
 * For each destination report on an earlier rescue's victims: a hit notice at the reporting state
 * about its report, and one at the rescue's sender naming the reporting state.
 */
export function expectedHits(sent: readonly SentRecord[], observations: readonly Observation[]): { expected: number; notified: number } {
  const bySeq = new Map(sent.map((record) => [record.planned.seq, record.planned]));
  const notices = observations.filter((o) => o.hit !== undefined);
  let expected = 0;
  let notified = 0;
  for (const { planned } of sent) {
    if (planned.type !== 'case-alert' || planned.reportsVictimsOf === undefined) continue;
    const rescue = bySeq.get(planned.reportsVictimsOf);
    if (!rescue) continue;
    expected += 2;
    if (notices.some((o) => o.state === planned.from && o.hit?.yourMessageId === planned.messageId && o.hit.counterpartState === rescue.from)) notified += 1;
    if (notices.some((o) => o.state === rescue.from && o.hit?.counterpartState === planned.from)) notified += 1;
  }
  return { expected, notified };
}
