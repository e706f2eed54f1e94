// Turns a planned message into the JSON a national system would submit to its node (the same
// input format as `tipnet send` and the node's HTTP API). Invented content; the identifiers are
// fake and are hashed by the sending node before anything leaves it.
import type { StateCode } from '../core/mod.ts';
import type { PlannedMessage } from './traffic-plan.ts';

const PLACES: Partial<Record<StateCode, { place: string; latitude: number; longitude: number }>> = {
  KHM: { place: 'Sihanoukville', latitude: 10.627, longitude: 103.522 },
  MMR: { place: 'Myawaddy', latitude: 16.688, longitude: 98.508 },
  LAO: { place: 'Golden Triangle SEZ', latitude: 20.33, longitude: 100.1 },
  PHL: { place: 'Pampanga', latitude: 15.079, longitude: 120.62 },
  THA: { place: 'Mae Sot', latitude: 16.713, longitude: 98.575 },
  MYS: { place: 'Kuala Lumpur', latitude: 3.139, longitude: 101.687 },
  VNM: { place: 'Ho Chi Minh City', latitude: 10.823, longitude: 106.63 },
  ARE: { place: 'Dubai', latitude: 25.204, longitude: 55.27 },
  IDN: { place: 'Jakarta', latitude: -6.2, longitude: 106.817 },
};

const SUMMARIES: Record<PlannedMessage['alertKind'], string> = {
  'rescue-request': 'Nationals recruited through a fake job advert on social media report being held in a scam compound and forced to run online fraud; rescue requested.',
  'missing-person': 'Family reports a national missing after leaving for a customer-service job abroad offered on social media.',
  'suspected-recruitment': 'Recruiter accounts advertise high-paid online jobs abroad with free flights; several applicants already departed.',
  'compound-location': 'A compound holding foreign workers under guard has been located; coordinates attached.',
  'repatriation-notice': 'Rescued nationals are ready for repatriation and reintegration support on arrival.',
  'border-watch': 'Groups of young job seekers expected to cross by land towards the compounds; watch requested.',
};

/** Fake, per-case identifiers: the same case always yields the same ones (and so the same hashes). */
function victimIdentifiers(caseSeq: number): Array<{ kind: string; value: string }> {
  return [
    { kind: 'passport', value: `X${String(1_000_000 + caseSeq * 7919).slice(-7)}` },
    { kind: 'phone', value: `+6281${String(10_000_000 + caseSeq * 104_729).slice(-8)}` },
  ];
}

export interface MessageContext {
  readonly drillId: string;
  /** Wall-clock Unix ms of the deadline an assistance request or rescue request carries. */
  readonly replyDeadlineUnixMs: number;
  /** Message ids by planned seq, for retractions. */
  readonly messageIdOf: (seq: number) => string;
}

/** What every kind of submission is built from. */
interface Parts {
  readonly message: PlannedMessage;
  readonly context: MessageContext;
  readonly common: Record<string, unknown>;
  readonly caseReference: string;
  readonly route: ReadonlyArray<{ state: StateCode; role: string; place: string | undefined }>;
  readonly place: { place: string; latitude: number; longitude: number };
  readonly location: Record<string, unknown>;
  /** The reply deadline, ISO 8601. */
  readonly deadline: string;
}

export function submissionFor(message: PlannedMessage, context: MessageContext): Record<string, unknown> {
  return SUBMISSION_OF_TYPE[message.type](partsOf(message, context));
}

function partsOf(message: PlannedMessage, context: MessageContext): Parts {
  const place = PLACES[message.destination] ?? { place: 'unknown site', latitude: 0, longitude: 0 };
  return {
    message,
    context,
    common: {
      messageId: message.messageId,
      senderUnit: `${message.from}-DRILL-CELL`,
      handling: message.handling,
      priority: message.priority,
      exercise: { drillId: context.drillId },
    },
    caseReference: `${message.from}-DRILL-${String(message.type === 'retraction' ? message.retracts : message.seq).padStart(5, '0')}`,
    route: [
      { state: message.origin, role: 'origin', place: PLACES[message.origin]?.place },
      ...(message.transit ? [{ state: message.transit, role: 'transit', place: PLACES[message.transit]?.place }] : []),
      { state: message.destination, role: 'destination', place: PLACES[message.destination]?.place },
    ],
    place,
    location: { state: message.destination, placeName: place.place, latitude: place.latitude, longitude: place.longitude, precisionMeters: 2_000 },
    deadline: new Date(context.replyDeadlineUnixMs).toISOString(),
  };
}

const SUBMISSION_OF_TYPE: Readonly<Record<PlannedMessage['type'], (parts: Parts) => Record<string, unknown>>> = {
  'case-alert': caseAlert,
  'intelligence-report': intelligenceReport,
  'assistance-request': assistanceRequest,
  retraction,
};

function caseAlert({ message, common, caseReference, route, location, deadline }: Parts): Record<string, unknown> {
  const rescue = message.alertKind === 'rescue-request';
  return {
    ...common,
    type: 'case-alert',
    caseReference,
    distribution: message.distribution === 'named'
      ? { mode: 'named', states: [message.namedTo ?? message.destination] }
      : { mode: 'route-roles', routeRoles: ['transit', 'destination'] },
    payload: {
      kind: message.alertKind,
      summary: SUMMARIES[message.alertKind],
      route,
      victims: [{
        count: message.victims, ageBand: '18-24', gender: message.seq % 2 === 0 ? 'female' : 'male', nationality: message.origin,
        identifiers: victimIdentifiers(message.reportsVictimsOf ?? message.seq),
      }],
      location,
      recruitmentChannel: 'social-media',
      recruitmentPlatform: 'social media job advert',
      requestedActions: rescue ? ['rescue', 'repatriate'] : ['investigate'],
      ...(rescue ? { replyDeadline: deadline } : {}),
    },
  };
}

function intelligenceReport({ message, common, route }: Parts): Record<string, unknown> {
  return {
    ...common,
    type: 'intelligence-report',
    distribution: { mode: 'sharing-group', group: 'financial-intelligence' },
    payload: {
      title: `Recruiter network and mule accounts, drill item ${message.seq}`,
      summary: 'Recruiter accounts post fake job adverts; victims pay fees into mule bank accounts and e-wallets before departure.',
      indicators: [
        { type: 'social-handle', value: `@drill_recruiter_${message.seq}`, shareAs: 'keyed', platform: 'social media' },
        { type: 'bank-account', value: `DRILL${String(900_000_000 + message.seq)}`, shareAs: 'keyed' },
        { type: 'url', value: `https://jobs.example.invalid/drill/${message.seq}` },
      ],
      sourceReliability: 'B',
      informationCredibility: 2,
      permittedActions: ['share-with-financial-unit', 'share-with-law-enforcement'],
      route,
    },
  };
}

function assistanceRequest({ message, common, caseReference, place, location, deadline }: Parts): Record<string, unknown> {
  return {
    ...common,
    type: 'assistance-request',
    caseReference,
    distribution: { mode: 'named', states: [message.destination] },
    payload: {
      kind: 'rescue',
      requestedState: message.destination,
      summary: `Rescue of ${message.victims} nationals held at ${place.place} requested.`,
      replyDeadline: deadline,
      personsCount: message.victims,
      location,
    },
  };
}

function retraction({ message, context, common, caseReference }: Parts): Record<string, unknown> {
  return {
    ...common,
    type: 'retraction',
    caseReference,
    distribution: { mode: 'named', states: [...message.expectedRecipients] },
    payload: {
      retractedMessageId: context.messageIdOf(message.retracts ?? -1),
      kind: 'withdraw',
      reason: message.note ?? 'withdrawn by the sender',
    },
  };
}
