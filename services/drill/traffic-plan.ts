// The drill's traffic as a pure plan: what each state sends, when (drill time), to whom, and who
// must receive it. Built from the scenario and its seed alone, so a seed replays a drill exactly.
import type { StateCode } from '../core/mod.ts';
import { participantCodes, type Scenario } from './scenario-schema.ts';
import { CandidatePool } from './candidate-pool.ts';
import { SeededRandom } from './seeded-random.ts';

export type PlannedType = 'case-alert' | 'intelligence-report' | 'assistance-request' | 'retraction';
export type AlertKind = 'rescue-request' | 'missing-person' | 'suspected-recruitment' | 'compound-location' | 'repatriation-notice' | 'border-watch';

export interface PlannedMessage {
  readonly seq: number;
  readonly messageId: string;
  /** Drill time from the start. */
  readonly atMs: number;
  readonly type: PlannedType;
  readonly from: StateCode;
  readonly origin: StateCode;
  readonly transit: StateCode | undefined;
  readonly destination: StateCode;
  readonly alertKind: AlertKind;
  readonly priority: 'immediate' | 'urgent' | 'routine';
  readonly handling: 'green' | 'amber' | 'amber-strict' | 'red';
  readonly distribution: 'route-roles' | 'named' | 'sharing-group';
  readonly victims: number;
  /** For a retraction: the planned message it withdraws. */
  readonly retracts?: number | undefined;
  /**
   * For a destination's repatriation notice: the planned rescue request about the same victims.
   * Both carry the same keyed identifiers, so the hub must tell both states of the hit.
   */
  readonly reportsVictimsOf?: number | undefined;
  /** NAMED distribution to this state instead of the destination. */
  readonly namedTo?: StateCode | undefined;
  /** Every state that must receive it (never the sender). */
  readonly expectedRecipients: readonly StateCode[];
  readonly note?: string | undefined;
}

const ALERT_KINDS: Readonly<Record<AlertKind, number>> = {
  'rescue-request': 0.4, 'suspected-recruitment': 0.2, 'compound-location': 0.15,
  'missing-person': 0.1, 'repatriation-notice': 0.1, 'border-watch': 0.05,
};

const PRIORITY_OF: Readonly<Record<AlertKind, PlannedMessage['priority']>> = {
  'rescue-request': 'immediate', 'missing-person': 'urgent', 'suspected-recruitment': 'routine',
  'compound-location': 'urgent', 'repatriation-notice': 'routine', 'border-watch': 'urgent',
};

/** A retraction follows its original by at least this much drill time. */
const RETRACTION_AFTER_MS = 10 * 60_000;

/** Share of generated case alerts that are a destination's report on an earlier rescue's victims. */
const REPATRIATION_SHARE = 0.12;

/** The financial-intelligence group of the default topology; intelligence reports go there. */
export const INTELLIGENCE_GROUP = 'financial-intelligence';

export interface PlanOptions {
  /** Wall time the traffic runs for; the scenario's duration divided by its speed by default. */
  readonly wallDurationMs: number;
  readonly ratePerSecond: number;
  /** Members of the intelligence sharing group on the hub. */
  readonly groupMembers: readonly StateCode[];
}

export function planTraffic(scenario: Scenario, options: PlanOptions): PlannedMessage[] {
  const random = new SeededRandom(scenario.seed);
  const count = Math.max(1, Math.round((options.wallDurationMs / 1_000) * options.ratePerSecond));
  const builder = new PlanBuilder(random, scenario, options, count + scenario.injects.length);
  // Traffic stops a little before the end, so the last messages can arrive inside the drill.
  const spanMs = scenario.duration * 0.9;
  const scripted = scenario.injects;
  let nextScripted = 0;
  const addScripted = (inject: Scenario['injects'][number]) =>
    builder.add(draft(random, scenario, inject.type, inject.at, inject.from, inject.to, inject.note));

  for (let i = 0; i < count; i += 1) {
    const atMs = Math.round(((i + random.next()) / count) * spanMs);
    while (nextScripted < scripted.length && (scripted[nextScripted]?.at ?? Infinity) <= atMs) {
      addScripted(scripted[nextScripted] as Scenario['injects'][number]);
      nextScripted += 1;
    }
    const type = random.weighted(scenario.traffic.mix) as PlannedType;
    if (type === 'retraction' && builder.addRetraction(atMs)) continue;
    if (type === 'case-alert' && random.chance(REPATRIATION_SHARE) && builder.addRepatriation(atMs)) continue;
    const from = random.weighted(scenario.traffic.origins);
    builder.add(draft(random, scenario, type === 'retraction' ? 'case-alert' : type, atMs, from));
  }
  for (const inject of scripted.slice(nextScripted)) addScripted(inject);
  return builder.plan.sort((a, b) => a.atMs - b.atMs || a.seq - b.seq);
}

type Draft = Omit<PlannedMessage, 'seq' | 'messageId' | 'expectedRecipients'>;

/**
 * The plan as it grows, in the order messages are drawn (seq = position), with the two pools of
 * earlier messages a retraction or a repatriation notice may refer to.
 */
class PlanBuilder {
  readonly plan: PlannedMessage[] = [];
  /** Case alerts that reached someone: what a retraction may withdraw. */
  private readonly retractable: CandidatePool;
  /** Rescue requests: what a destination's repatriation notice may report on. */
  private readonly rescues: CandidatePool;
  private readonly participants: StateCode[];

  constructor(private readonly random: SeededRandom, scenario: Scenario, private readonly options: PlanOptions, capacity: number) {
    this.participants = participantCodes(scenario);
    this.retractable = new CandidatePool(capacity);
    this.rescues = new CandidatePool(capacity);
  }

  add(draft: Draft): void {
    const message = { ...draft, seq: this.plan.length, messageId: this.random.uuid() };
    const planned: PlannedMessage = {
      ...message, expectedRecipients: expectedRecipients(message, this.participants, this.options.groupMembers, (seq) => this.plan[seq]),
    };
    this.plan.push(planned);
    if (planned.type === 'case-alert' && planned.expectedRecipients.length > 0) this.retractable.offer(planned.seq, planned.atMs);
    if (planned.type === 'case-alert' && planned.alertKind === 'rescue-request' && planned.reportsVictimsOf === undefined) {
      this.rescues.offer(planned.seq, planned.atMs);
    }
    // A message something refers to is never referred to again.
    for (const referred of [planned.retracts, planned.reportsVictimsOf]) {
      if (referred === undefined) continue;
      this.retractable.remove(referred);
      this.rescues.remove(referred);
    }
  }

  /**
   * Withdraws a case alert sent a while before (the hub must have routed it) that reached someone.
   * Not a rescue the destination has reported on: a withdrawn message's identifiers stop producing hits.
   */
  addRetraction(atMs: number): boolean {
    const target = this.pickOlderThan(this.retractable, atMs - RETRACTION_AFTER_MS);
    if (!target) return false;
    this.add({ ...target, atMs, type: 'retraction', retracts: target.seq, reportsVictimsOf: undefined, note: 'withdrawn: the victims were found safe' });
    return true;
  }

  /** The destination reports victims the origin asked it to rescue: a hit for both. */
  addRepatriation(atMs: number): boolean {
    const rescue = this.pickOlderThan(this.rescues, atMs - RETRACTION_AFTER_MS);
    if (!rescue) return false;
    this.add({
      ...rescue, atMs, type: 'case-alert', alertKind: 'repatriation-notice', from: rescue.destination, transit: undefined,
      distribution: 'named', namedTo: rescue.from, handling: 'amber', priority: 'routine', reportsVictimsOf: rescue.seq,
      note: 'rescued victims ready for repatriation',
    });
    return true;
  }

  /** A seeded pick among the pool's messages planned before `beforeMs`, in plan order. */
  private pickOlderThan(pool: CandidatePool, beforeMs: number): PlannedMessage | undefined {
    const size = pool.count(beforeMs);
    if (size === 0) return undefined;
    return this.plan[pool.at(Math.floor(this.random.next() * size))];
  }
}

function draft(
  random: SeededRandom, scenario: Scenario, type: Exclude<PlannedType, 'retraction'>,
  atMs: number, from: StateCode, to?: StateCode, note?: string,
): Draft {
  const destination = to ?? random.weighted(scenario.traffic.destinations, [from]);
  const hasTransits = Object.values(scenario.traffic.transits).some((weight) => weight > 0);
  const transitCandidate = hasTransits && random.chance(0.6) ? random.weighted(scenario.traffic.transits) : undefined;
  const transit = transitCandidate !== undefined && transitCandidate !== from && transitCandidate !== destination ? transitCandidate : undefined;
  const alertKind = random.weighted(ALERT_KINDS);
  // A tenth of rescue requests are TLP:RED, named to the destination only.
  const red = type === 'case-alert' && alertKind === 'rescue-request' && random.chance(0.1);
  const distribution = type === 'intelligence-report' ? 'sharing-group' : type === 'assistance-request' || red || to !== undefined ? 'named' : 'route-roles';
  const handling = red ? 'red' : type === 'intelligence-report' ? 'amber-strict' : random.chance(0.3) ? 'green' : 'amber';
  return {
    atMs, type, from, origin: from, transit, destination, alertKind,
    priority: type === 'assistance-request' ? 'immediate' : PRIORITY_OF[alertKind],
    handling, distribution, victims: random.int(1, 30), note,
  };
}

/**
 * Who must receive a planned message, worked out independently of the router from the plan and
 * the drill's participants: the oracle the report checks deliveries against.
 */
export function expectedRecipients(
  message: Omit<PlannedMessage, 'expectedRecipients'>, participants: readonly StateCode[], groupMembers: readonly StateCode[],
  planned: (seq: number) => PlannedMessage | undefined,
): StateCode[] {
  let chosen: StateCode[];
  if (message.type === 'retraction') {
    chosen = [...(message.retracts === undefined ? [] : planned(message.retracts)?.expectedRecipients ?? [])];
  } else if (message.distribution === 'named') {
    chosen = [message.namedTo ?? message.destination];
  } else if (message.distribution === 'sharing-group') {
    chosen = [...groupMembers];
  } else {
    chosen = [message.transit, message.destination].filter((state): state is StateCode => state !== undefined);
  }
  return [...new Set(chosen)].filter((state) => state !== message.from && participants.includes(state)).sort();
}
