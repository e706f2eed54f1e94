// A drill's records, made up but shaped like a real run of the default scenario at 96× speed:
// four states, case alerts and assistance requests with acknowledgements and answers (some in
// time, one late, some never answered by the scenario's design), and one fault of each kind.
// The report's unit tests and its browser test build their report from it; no drill runs.
import type { StateCode } from '../../services/core/member-states.ts';
import type { DrillRecords, FaultRecord, Observation, PlannedMessage, SentRecord } from '../../services/drill/mod.ts';
import { v1 } from '../../services/core/mod.ts';

export const T0 = 1_800_000_000_000;
export const SPEED = 96;
const MINUTE = 60_000 / SPEED;

function planned(seq: number, type: PlannedMessage['type'], destination: StateCode, recipients: StateCode[]): PlannedMessage {
  return {
    seq, messageId: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`, atMs: seq * 60_000, type, from: 'IDN', origin: 'IDN',
    transit: 'THA', destination, alertKind: 'rescue-request', priority: 'immediate', handling: 'amber', distribution: 'route-roles',
    victims: 3, expectedRecipients: recipients,
  };
}

function seen(state: string, message: PlannedMessage, at: number, extra: Partial<Observation> = {}): Observation {
  return { state, messageId: message.messageId, sender: message.from, payloadName: message.type, exercise: true, atWallMs: at, streamSequence: 1, verified: true, ...extra };
}

function ack(message: PlannedMessage, by: string, status: number, at: number): Observation {
  return {
    state: 'IDN', messageId: `ack-${by}-${status}-${message.seq}`, sender: by, payloadName: 'acknowledgement', exercise: true, atWallMs: at, streamSequence: 1, verified: true,
    acknowledged: { messageId: message.messageId, status, by, reasonCode: '' },
  };
}

/** How fast each state's officers read and act, in drill minutes, and how long its deliveries take (wall ms). */
const BEHAVIOUR: Readonly<Record<string, { read: number; actioned: number; latency: number }>> = {
  THA: { read: 2, actioned: 9, latency: 30 }, KHM: { read: 3, actioned: 11, latency: 40 }, MMR: { read: 16, actioned: 28, latency: 35 },
};

/** A leaf outage of KHM from drill minute 18 to 38: what was sent to KHM meanwhile arrives 9 s of wall time after it. */
const OUTAGE = { from: T0 + 18 * MINUTE, to: T0 + 38 * MINUTE, catchUpMs: 9_000 };

function arrival(state: string, sentAt: number): number {
  const normal = sentAt + (BEHAVIOUR[state]?.latency ?? 30);
  return state === 'KHM' && sentAt >= OUTAGE.from && sentAt <= OUTAGE.to ? OUTAGE.to + OUTAGE.catchUpMs - (OUTAGE.to - sentAt) / 100 : normal;
}

function traffic(): { sent: SentRecord[]; observations: Observation[] } {
  const sent: SentRecord[] = [];
  const observations: Observation[] = [];
  for (let seq = 1; seq <= 40; seq += 1) {
    const assistance = seq % 4 === 0;
    const destination: StateCode = assistance && seq % 8 === 0 ? 'MMR' : 'KHM';
    const message = planned(seq, assistance ? 'assistance-request' : 'case-alert', destination, assistance ? [destination] : ['THA', destination]);
    const at = T0 + seq * 3 * MINUTE;
    sent.push({ planned: message, submittedAtWallMs: at, ...(assistance ? { deadlineWallMs: at + 30 * MINUTE } : {}) });
    for (const state of message.expectedRecipients) {
      const delivered = arrival(state, at);
      observations.push(seen(state, message, delivered));
      const officer = BEHAVIOUR[state]!;
      observations.push(ack(message, state, v1.AcknowledgementStatus.ACKNOWLEDGEMENT_STATUS_READ, Math.max(delivered, at + officer.read * MINUTE)));
      observations.push(ack(message, state, v1.AcknowledgementStatus.ACKNOWLEDGEMENT_STATUS_ACTIONED, Math.max(delivered, at + officer.actioned * MINUTE)));
    }
  }
  return { sent, observations };
}

/** Answers: KHM answers in time except one request caught by its outage (late); MMR leaves every other request unanswered. */
function answers(sent: readonly SentRecord[]): Observation[] {
  let toMmr = 0;
  return sent.filter((s) => s.planned.type === 'assistance-request').flatMap((request) => {
    const { planned: message, submittedAtWallMs: at } = request;
    if (message.destination === 'MMR' && (toMmr += 1) % 2 === 0) return [];
    const late = at >= OUTAGE.from - 20 * MINUTE && at < OUTAGE.from && message.destination === 'KHM';
    const answeredAt = late ? OUTAGE.to + OUTAGE.catchUpMs : arrival(message.destination, at) + 10 * MINUTE;
    return [{ ...seen('IDN', message, answeredAt), messageId: `answer-${message.seq}`, sender: message.destination, payloadName: 'assistance-response', answers: message.messageId }];
  });
}

const FAULTS: readonly FaultRecord[] = [
  {
    kind: 'malformed', target: 'THA', atDrillMs: 12 * 60_000, startWallMs: T0 + 12 * MINUTE, endWallMs: T0 + 12 * MINUTE + 40, happened: '2 malformed submissions from THA\'s leaf',
    injects: [
      { id: 'bad-1', from: 'THA', variant: 'garbage-bytes', expected: 'ENVELOPE_UNDECODABLE', outcome: 'ENVELOPE_UNDECODABLE' },
      { id: 'bad-2', from: 'THA', variant: 'oversize-envelope', expected: 'NATS_PERMISSION_DENIED', outcome: 'NATS_PERMISSION_DENIED' },
    ],
  },
  { kind: 'leaf-offline', target: 'KHM', atDrillMs: 18 * 60_000, startWallMs: OUTAGE.from, endWallMs: OUTAGE.to, happened: "KHM's leaf node and node service stopped for 20m of drill time" },
  { kind: 'hub-node-stop', target: 'hub node 2', atDrillMs: 45 * 60_000, startWallMs: T0 + 45 * MINUTE, endWallMs: T0 + 60 * MINUTE, happened: 'hub node 2 of 3 stopped for 15m of drill time' },
  { kind: 'router-kill', target: 'hub services', atDrillMs: 70 * 60_000, startWallMs: T0 + 70 * MINUTE, endWallMs: T0 + 74 * MINUTE, happened: 'router and dispatcher killed with SIGKILL (pid 4242), restarted after 4m of drill time' },
  {
    kind: 'spoofed', target: 'IDN as KHM', atDrillMs: 100 * 60_000, startWallMs: T0 + 100 * MINUTE, endWallMs: T0 + 100 * MINUTE + 30, happened: '2 submissions from IDN posing as KHM',
    injects: [
      { id: 'spoof-1', from: 'IDN', variant: 'claims-other-sender', expected: 'SENDER_MISMATCH', outcome: 'SENDER_MISMATCH' },
      { id: 'spoof-2', from: 'IDN', variant: 'forged-signature', expected: 'SIGNATURE_INVALID', outcome: 'SIGNATURE_INVALID' },
    ],
  },
];

export function fixtureRecords(): DrillRecords {
  const { sent, observations } = traffic();
  const answered = answers(sent);
  const overdue = sent.filter((s) => s.planned.type === 'assistance-request'
    && !answered.some((a) => a.answers === s.planned.messageId && a.atWallMs <= (s.deadlineWallMs ?? 0)));
  return {
    scenarioName: 'fixture-drill', drillId: 'fixture-drill-20270115T080000', seed: 2023, speed: SPEED, participants: ['IDN', 'THA', 'KHM', 'MMR'],
    hubStates: ['IDN', 'THA', 'KHM', 'MMR', 'BRN'], startedAtWallMs: T0, trafficEndsAtWallMs: T0 + 120 * MINUTE, endedAtWallMs: T0 + 120 * MINUTE + 12_000,
    sent, observations: [...observations, ...answered],
    faults: FAULTS.map((fault) => ({ ...fault, ...(fault.injects ? { injects: fault.injects.map((inject) => ({ ...inject })) } : {}) })),
    escalations: overdue.map((s) => ({ state: 'IDN', requestMessageId: s.planned.messageId, atWallMs: (s.deadlineWallMs ?? 0) + 500 })),
    deadLetters: [{ reason: 'ENVELOPE_UNDECODABLE', messageId: 'bad-1' }, { reason: 'SENDER_MISMATCH', messageId: 'spoof-1' }, { reason: 'SIGNATURE_INVALID', messageId: 'spoof-2' }],
    officers: {
      IDN: { read: 0, actioned: 0, answered: 0, leftUnanswered: 0, assistanceLeftUnanswered: 0 },
      THA: { read: 30, actioned: 30, answered: 0, leftUnanswered: 0, assistanceLeftUnanswered: 0 },
      KHM: { read: 35, actioned: 35, answered: 5, leftUnanswered: 0, assistanceLeftUnanswered: 0 },
      MMR: { read: 5, actioned: 5, answered: 3, leftUnanswered: 2, assistanceLeftUnanswered: 2 },
    },
    errors: [],
  };
}
