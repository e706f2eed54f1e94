// The drill's traffic as a pure plan: what each state sends, when (drill time), to whom, and who
// must receive it. Built from the scenario and its seed alone, so a seed replays a drill exactly.
import type { StateCode } from '../core/member-states.ts';
import type { Scenario } from './scenario-schema.ts';
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
  readonly retracts?: number;
  /**
   * For a destination's repatriation notice: the planned rescue request about the same victims.
   * Both carry the same keyed identifiers, so the hub must tell both states of the hit.
   */
  readonly reportsVictimsOf?: number;
  /** NAMED distribution to this state instead of the destination. */
  readonly namedTo?: StateCode;
  /** Every state that must receive it (never the sender). */
  readonly expectedRecipients: readonly StateCode[];
  readonly note?: string;
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
  const participants = Object.keys(scenario.participants) as StateCode[];
  const plan: PlannedMessage[] = [];
  const count = Math.max(1, Math.round((options.wallDurationMs / 1_000) * options.ratePerSecond));
  // Traffic stops a little before the end, so the last messages can arrive inside the drill.
  const spanMs = scenario.duration * 0.9;
  const scripted = scenario.injects.map((inject) => ({ atMs: inject.at, inject }));
  let nextScripted = 0;
  const add = (draft: Omit<PlannedMessage, 'seq' | 'messageId' | 'expectedRecipients'>) => {
    const message = { ...draft, seq: plan.length, messageId: random.uuid() };
    plan.push({ ...message, expectedRecipients: expectedRecipients(message, participants, options.groupMembers, plan) });
  };

  for (let i = 0; i < count; i += 1) {
    const atMs = Math.round(((i + random.next()) / count) * spanMs);
    while (nextScripted < scripted.length && (scripted[nextScripted]?.atMs ?? Infinity) <= atMs) {
      const { inject } = scripted[nextScripted] as (typeof scripted)[number];
      add(draft(random, scenario, inject.type, inject.at, inject.from, inject.to, inject.note));
      nextScripted += 1;
    }
    const type = random.weighted(scenario.traffic.mix) as PlannedType;
    if (type === 'retraction') {
      // Only what was sent a while before (the hub must have routed it) and reached someone.
      // Not a rescue the destination has reported on: a withdrawn message's identifiers stop producing hits.
      const candidates = plan.filter((m) => m.type === 'case-alert' && m.atMs < atMs - RETRACTION_AFTER_MS
        && m.expectedRecipients.length > 0 && !plan.some((r) => r.retracts === m.seq || r.reportsVictimsOf === m.seq));
      const target = candidates.length > 0 ? random.pick(candidates) : undefined;
      if (target) {
        add({ ...target, atMs, type: 'retraction', retracts: target.seq, reportsVictimsOf: undefined, note: 'withdrawn: the victims were found safe' });
        continue;
      }
    }
    if (type === 'case-alert' && random.chance(REPATRIATION_SHARE)) {
      // The destination reports victims the origin asked it to rescue: a hit for both.
      const candidates = plan.filter((m) => m.type === 'case-alert' && m.alertKind === 'rescue-request' && m.reportsVictimsOf === undefined
        && m.atMs < atMs - RETRACTION_AFTER_MS && !plan.some((r) => r.reportsVictimsOf === m.seq || r.retracts === m.seq));
      const rescue = candidates.length > 0 ? random.pick(candidates) : undefined;
      if (rescue) {
        add({
          ...rescue, atMs, type: 'case-alert', alertKind: 'repatriation-notice', from: rescue.destination, transit: undefined,
          distribution: 'named', namedTo: rescue.from, handling: 'amber', priority: 'routine', reportsVictimsOf: rescue.seq,
          note: 'rescued victims ready for repatriation',
        });
        continue;
      }
    }
    const from = random.weighted(scenario.traffic.origins) as StateCode;
    add(draft(random, scenario, type === 'retraction' ? 'case-alert' : type, atMs, from));
  }
  for (const { inject } of scripted.slice(nextScripted)) {
    add(draft(random, scenario, inject.type, inject.at, inject.from, inject.to, inject.note));
  }
  return plan.sort((a, b) => a.atMs - b.atMs || a.seq - b.seq);
}

function draft(
  random: SeededRandom, scenario: Scenario, type: Exclude<PlannedType, 'retraction'>,
  atMs: number, from: StateCode, to?: StateCode, note?: string,
): Omit<PlannedMessage, 'seq' | 'messageId' | 'expectedRecipients'> {
  const destination = to ?? (random.weighted(scenario.traffic.destinations, [from]) as StateCode);
  const hasTransits = Object.values(scenario.traffic.transits).some((weight) => weight > 0);
  const transitCandidate = hasTransits && random.chance(0.6) ? (random.weighted(scenario.traffic.transits) as StateCode) : undefined;
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
  earlier: readonly PlannedMessage[],
): StateCode[] {
  let chosen: StateCode[];
  if (message.type === 'retraction') {
    chosen = [...(earlier.find((m) => m.seq === message.retracts)?.expectedRecipients ?? [])];
  } else if (message.distribution === 'named') {
    chosen = [message.namedTo ?? message.destination];
  } else if (message.distribution === 'sharing-group') {
    chosen = [...groupMembers];
  } else {
    chosen = [message.transit, message.destination].filter((state): state is StateCode => state !== undefined);
  }
  return [...new Set(chosen)].filter((state) => state !== message.from && participants.includes(state)).sort();
}
