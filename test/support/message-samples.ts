// One realistic, fully populated message of every payload type, from the reference scenario:
// Indonesians recruited through a social-media job post, taken through Thailand to a scam compound
// in Sihanoukville, Cambodia. Every field is set (enums non-zero, repeated fields non-empty) so
// codec, protoc and signing tests exercise the whole contract. All people, numbers and handles are
// invented; identifiers travel only as keyed hashes, as on the real wire.
import { toKeyedIdentifier, type MatchingKey } from '../../services/core/keyed-hash.ts';
import { encodePayload } from '../../services/core/codec.ts';
import { payloadKindByName, type PayloadByName, type PayloadName } from '../../services/core/payload-registry.ts';
import { tip, v1 } from '../../services/core/proto.ts';

/** A fixed test-only matching key, so digests are the same on every run. */
export const SAMPLE_MATCHING_KEY: MatchingKey = Object.freeze({
  id: 'ASEAN-MATCH-2026-01',
  secret: new Uint8Array(32).fill(0x5a),
});

/** Unix ms, 2026-11-18: the scenario's "now". */
export const SAMPLE_NOW_UNIX_MS = 1_795_000_000_000;
const HOUR_MS = 3_600_000;

export const SAMPLE_MESSAGE_IDS = Object.freeze({
  caseAlert: '3f1c9a52-7b0e-4d6a-9c21-5e8f0b7d4a13',
  assistanceRequest: '8a2d4e61-0c3f-4b97-a5d8-1f6e9c2b7a40',
  earlierAlert: 'c7e05b38-92a1-4f0d-8e6b-4d3a1c9f2e75',
  correctedAlert: 'e4b81f07-5d2c-4a39-b6e0-7a9c3d1f8b62',
  khmReport: '1b9e7c24-6f08-4d5a-a3c1-9e2b4f7d0a86',
});

function keyed(kind: Parameters<typeof toKeyedIdentifier>[0], clearValue: string): v1.KeyedIdentifier {
  return toKeyedIdentifier(kind, clearValue, SAMPLE_MATCHING_KEY);
}

const ROUTE: v1.Route.$Properties = {
  legs: [
    { state: 'IDN', role: v1.RouteRole.ROUTE_ROLE_ORIGIN, place: 'Medan, North Sumatra' },
    { state: 'THA', role: v1.RouteRole.ROUTE_ROLE_TRANSIT, place: 'Bangkok, Suvarnabhumi airport' },
    { state: 'KHM', role: v1.RouteRole.ROUTE_ROLE_DESTINATION, place: 'Sihanoukville' },
  ],
};

const COMPOUND: v1.Location.$Properties = {
  state: 'KHM',
  placeName: 'Sihanoukville, gated compound off National Road 4',
  latitude: 10.6253,
  longitude: 103.5234,
  hasCoordinates: true,
  precisionMeters: 250,
};

const caseAlert = tip.CaseAlert.create({
  kind: v1.CaseAlertKind.CASE_ALERT_KIND_RESCUE_REQUEST,
  summary: 'Four Indonesian nationals answered a social-media post offering customer-service jobs in '
    + 'Bangkok; they were moved across the border and are held in a compound in Sihanoukville, forced '
    + 'to run online investment scams. One victim contacted family on 16 November.',
  route: ROUTE,
  victims: [
    {
      count: 3,
      ageBand: v1.AgeBand.AGE_BAND_18_TO_24,
      gender: v1.Gender.GENDER_MALE,
      nationality: 'IDN',
      identifiers: [keyed('passport', 'C 0000001'), keyed('phone', '+62 812-0000-0001')],
    },
    {
      count: 1,
      ageBand: v1.AgeBand.AGE_BAND_25_TO_34,
      gender: v1.Gender.GENDER_FEMALE,
      nationality: 'IDN',
      identifiers: [keyed('national-id', '1271-0000-0000-0002')],
    },
  ],
  location: COMPOUND,
  recruitmentChannel: v1.RecruitmentChannel.RECRUITMENT_CHANNEL_SOCIAL_MEDIA,
  recruitmentPlatform: 'Facebook',
  requestedActions: [
    v1.RequestedAction.REQUESTED_ACTION_RESCUE,
    v1.RequestedAction.REQUESTED_ACTION_VICTIM_IDENTIFICATION,
    v1.RequestedAction.REQUESTED_ACTION_REPATRIATE,
  ],
  replyDeadlineUnixMs: SAMPLE_NOW_UNIX_MS + 8 * HOUR_MS,
});

const intelligenceReport = tip.IntelligenceReport.create({
  title: 'Recruiter network posting fake Bangkok call-centre jobs',
  summary: 'A recruiter account posts customer-service vacancies with high salaries and free flights; '
    + 'applicants are flown to Bangkok and driven to the Cambodian border. Payments for "visa fees" '
    + 'go to an e-wallet linked to the same network.',
  indicators: [
    {
      type: v1.IndicatorType.INDICATOR_TYPE_SOCIAL_HANDLE,
      value: 'lowongan.kerja.bangkok.example',
      keyed: keyed('social-handle', '@lowongan.kerja.bangkok.example'),
      platform: 'Facebook',
      location: { state: 'IDN', placeName: 'Medan', latitude: 3.5952, longitude: 98.6722, hasCoordinates: true, precisionMeters: 5_000 },
      note: 'Page created in August; posts daily in Bahasa Indonesia.',
      firstSeenUnixMs: SAMPLE_NOW_UNIX_MS - 90 * 24 * HOUR_MS,
      lastSeenUnixMs: SAMPLE_NOW_UNIX_MS - 24 * HOUR_MS,
    },
    {
      type: v1.IndicatorType.INDICATOR_TYPE_E_WALLET,
      value: 'wallet account (hashed only)',
      keyed: keyed('e-wallet', '+62 811 0000 0003'),
      platform: 'DANA',
      location: { state: 'IDN', placeName: 'Jakarta', latitude: -6.2088, longitude: 106.8456, hasCoordinates: true, precisionMeters: 20_000 },
      note: 'Receives "visa fee" transfers from applicants.',
      firstSeenUnixMs: SAMPLE_NOW_UNIX_MS - 60 * 24 * HOUR_MS,
      lastSeenUnixMs: SAMPLE_NOW_UNIX_MS - 2 * 24 * HOUR_MS,
    },
  ],
  sourceReliability: v1.SourceReliability.SOURCE_RELIABILITY_B_USUALLY_RELIABLE,
  informationCredibility: v1.InformationCredibility.INFORMATION_CREDIBILITY_2_PROBABLY_TRUE,
  permittedActions: [
    v1.PermittedAction.PERMITTED_ACTION_SHARE_WITH_LAW_ENFORCEMENT,
    v1.PermittedAction.PERMITTED_ACTION_SHARE_WITH_PLATFORMS,
  ],
  route: ROUTE,
  relatedCaseReferences: ['IDN-2026-000123', 'THA-2026-004417'],
});

const assistanceRequest = tip.AssistanceRequest.create({
  kind: v1.AssistanceKind.ASSISTANCE_KIND_RESCUE,
  requestedState: 'KHM',
  summary: 'Please locate and rescue four Indonesian nationals held in the compound described in the '
    + 'related alert; our embassy in Phnom Penh can receive them.',
  relatedMessageId: SAMPLE_MESSAGE_IDS.caseAlert,
  replyDeadlineUnixMs: SAMPLE_NOW_UNIX_MS + 24 * HOUR_MS,
  personsCount: 4,
  identifiers: [keyed('passport', 'C 0000001'), keyed('phone', '+62 812-0000-0001')],
  location: COMPOUND,
  followsUpHitId: 'HIT-2026-000042',
});

const assistanceResponse = tip.AssistanceResponse.create({
  requestMessageId: SAMPLE_MESSAGE_IDS.assistanceRequest,
  outcome: v1.AssistanceOutcome.ASSISTANCE_OUTCOME_IN_PROGRESS,
  summary: 'Provincial police entered the compound; three persons are in a shelter in Sihanoukville, '
    + 'the search for the fourth continues.',
  personsAssisted: 3,
  expectedCompletionUnixMs: SAMPLE_NOW_UNIX_MS + 72 * HOUR_MS,
});

const acknowledgement = tip.Acknowledgement.create({
  acknowledgedMessageId: SAMPLE_MESSAGE_IDS.caseAlert,
  status: v1.AcknowledgementStatus.ACKNOWLEDGEMENT_STATUS_REJECTED,
  acknowledgingState: 'KHM',
  reasonCode: 'SIGNATURE_INVALID',
  reason: 'The signature did not verify against the key directory held by the KHM node.',
  atUnixMs: SAMPLE_NOW_UNIX_MS + 5 * 60_000,
  note: 'Please resend after the key directory update.',
});

const hitNotice = tip.HitNotice.create({
  hitId: 'HIT-2026-000042',
  yourMessageId: SAMPLE_MESSAGE_IDS.caseAlert,
  counterpartState: 'KHM',
  identifierKind: v1.IdentifierKind.IDENTIFIER_KIND_PHONE,
  detectedAtUnixMs: SAMPLE_NOW_UNIX_MS + 30 * 60_000,
  matchedIdentifiers: 2,
  fromQuery: true,
});

const retraction = tip.Retraction.create({
  retractedMessageId: SAMPLE_MESSAGE_IDS.earlierAlert,
  kind: v1.RetractionKind.RETRACTION_KIND_CORRECT,
  reason: 'The compound location was given in the wrong district; the corrected alert replaces it.',
  replacementMessageId: SAMPLE_MESSAGE_IDS.correctedAlert,
});

const drillControl = tip.DrillControl.create({
  drillId: 'DRILL-2026-MEKONG-01',
  action: v1.DrillControlAction.DRILL_CONTROL_ACTION_START,
  participants: ['IDN', 'THA', 'KHM'],
  scenario: 'Social-media recruitment in IDN, transit THA, compound in Sihanoukville KHM',
  note: 'The THA node will go offline for 30 minutes; deliveries must queue and resume.',
  drillTimeUnixMs: SAMPLE_NOW_UNIX_MS + 2 * HOUR_MS,
  endsAtUnixMs: SAMPLE_NOW_UNIX_MS + 8 * HOUR_MS,
});

const hitQuery = tip.HitQuery.create({
  identifiers: [keyed('passport', 'C 0000001'), keyed('phone', '+62 812-0000-0001')],
});

const hitQueryAnswer = tip.HitQueryAnswer.create({
  queryMessageId: SAMPLE_MESSAGE_IDS.caseAlert,
  results: [{ index: 1, identifierKind: v1.IdentifierKind.IDENTIFIER_KIND_PASSPORT, hit: true, hits: [{ counterpartState: 'KHM', hitId: 'HIT-2026-000043' }] }],
  answeredAtUnixMs: SAMPLE_NOW_UNIX_MS + 60_000,
});

export const SAMPLE_PAYLOADS: { readonly [N in PayloadName]: PayloadByName[N] } = Object.freeze({
  'case-alert': caseAlert,
  'intelligence-report': intelligenceReport,
  'assistance-request': assistanceRequest,
  'assistance-response': assistanceResponse,
  acknowledgement,
  'hit-notice': hitNotice,
  retraction,
  'drill-control': drillControl,
  'hit-query': hitQuery,
  'hit-query-answer': hitQueryAnswer,
});

/**
 * A fully populated, unsigned envelope carrying the sample payload `name`: IDN sends to THA and
 * KHM under TLP:AMBER. key_id and signature are left to signEnvelope.
 */
export function sampleEnvelopeFields(
  name: PayloadName, overrides: Partial<v1.Envelope.$Properties> = {},
): v1.Envelope.$Properties {
  return {
    messageId: SAMPLE_MESSAGE_IDS.caseAlert,
    senderState: 'IDN',
    senderUnit: 'POLRI-BARESKRIM',
    distribution: {
      mode: v1.DistributionMode.DISTRIBUTION_MODE_NAMED,
      states: ['THA', 'KHM'],
      routeRoles: [v1.RouteRole.ROUTE_ROLE_TRANSIT, v1.RouteRole.ROUTE_ROLE_DESTINATION],
      sharingGroup: 'mekong-taskforce',
    },
    handling: v1.HandlingMark.HANDLING_MARK_AMBER,
    priority: v1.Priority.PRIORITY_URGENT,
    createdAtUnixMs: SAMPLE_NOW_UNIX_MS,
    expiresAtUnixMs: SAMPLE_NOW_UNIX_MS + 14 * 24 * HOUR_MS,
    caseReference: 'IDN-2026-000123',
    inReplyTo: SAMPLE_MESSAGE_IDS.khmReport,
    exercise: false,
    drillId: '',
    payloadType: payloadKindByName(name).type,
    payload: encodePayload(name, SAMPLE_PAYLOADS[name]),
    ...overrides,
  };
}
