// Valid messages of every payload type, each with an envelope that satisfies the validation rules
// (services/core/validation). Tests break one field at a time through the overrides. The messages
// go through real protobuf encoding and decoding, so rules see what the router sees.
import { decodeEnvelope, decodePayload, encodeEnvelope, encodePayload, type DecodedPayload } from '../../services/core/codec.ts';
import { toKeyedIdentifier, type MatchingKey } from '../../services/core/keyed-hash.ts';
import { payloadKindByName, type PayloadName } from '../../services/core/payload-registry.ts';
import { tip, v1, type Envelope } from '../../services/core/proto.ts';

export const NOW = 1_795_000_000_000;
export const HOUR = 3_600_000;

export const TEST_MATCHING_KEY: MatchingKey = Object.freeze({ id: 'ASEAN-MATCH-TEST-01', secret: new Uint8Array(32).fill(7) });

export const IDS = Object.freeze({
  message: '5d0e8c1a-3b7f-4e2d-9a61-0c4b8f2e7d13',
  alert: '9b4f2c7e-1a3d-4c8b-b5e0-6f7a2d9c1e48',
  request: '2e7c9a14-8d5b-4f30-a6c2-1b9e4d7f0a35',
  replacement: '7a1d3e5f-9c2b-4d6e-8f0a-3c5e7b9d1f24',
});

const keyed = (kind: Parameters<typeof toKeyedIdentifier>[0], value: string) => toKeyedIdentifier(kind, value, TEST_MATCHING_KEY);

const ROUTE: v1.Route.$Properties = {
  legs: [
    { state: 'IDN', role: v1.RouteRole.ROUTE_ROLE_ORIGIN, place: 'Medan' },
    { state: 'THA', role: v1.RouteRole.ROUTE_ROLE_TRANSIT },
    { state: 'KHM', role: v1.RouteRole.ROUTE_ROLE_DESTINATION, place: 'Sihanoukville' },
  ],
};
const COMPOUND: v1.Location.$Properties = { state: 'KHM', placeName: 'Sihanoukville', latitude: 10.6253, longitude: 103.5234, hasCoordinates: true };

export interface PayloadProperties {
  'case-alert': v1.CaseAlert.$Properties;
  'intelligence-report': v1.IntelligenceReport.$Properties;
  'assistance-request': v1.AssistanceRequest.$Properties;
  'assistance-response': v1.AssistanceResponse.$Properties;
  acknowledgement: v1.Acknowledgement.$Properties;
  'hit-notice': v1.HitNotice.$Properties;
  retraction: v1.Retraction.$Properties;
  'drill-control': v1.DrillControl.$Properties;
  'hit-query': v1.HitQuery.$Properties;
  'hit-query-answer': v1.HitQueryAnswer.$Properties;
}

const PAYLOADS: { [N in PayloadName]: () => PayloadProperties[N] } = {
  'case-alert': () => ({
    kind: v1.CaseAlertKind.CASE_ALERT_KIND_RESCUE_REQUEST,
    summary: 'Four nationals held in a scam compound after a social-media job offer.',
    route: ROUTE,
    victims: [{
      count: 4, ageBand: v1.AgeBand.AGE_BAND_18_TO_24, gender: v1.Gender.GENDER_MALE, nationality: 'IDN',
      identifiers: [keyed('passport', 'C0000001'), keyed('phone', '+62 812-0000-0001')],
    }],
    location: COMPOUND,
    recruitmentChannel: v1.RecruitmentChannel.RECRUITMENT_CHANNEL_SOCIAL_MEDIA,
    requestedActions: [v1.RequestedAction.REQUESTED_ACTION_RESCUE],
    replyDeadlineUnixMs: NOW + 8 * HOUR,
  }),
  'intelligence-report': () => ({
    title: 'Recruiter page posting fake call-centre jobs',
    summary: 'A page posts vacancies with free flights; applicants are moved to the border.',
    indicators: [
      { type: v1.IndicatorType.INDICATOR_TYPE_URL, value: 'https://jobs.example/bangkok' },
      { type: v1.IndicatorType.INDICATOR_TYPE_E_WALLET, keyed: keyed('e-wallet', '+62 811 0000 0003') },
    ],
    sourceReliability: v1.SourceReliability.SOURCE_RELIABILITY_B_USUALLY_RELIABLE,
    informationCredibility: v1.InformationCredibility.INFORMATION_CREDIBILITY_2_PROBABLY_TRUE,
    route: ROUTE,
  }),
  'assistance-request': () => ({
    kind: v1.AssistanceKind.ASSISTANCE_KIND_RESCUE, requestedState: 'KHM', summary: 'Please rescue the four persons.',
    relatedMessageId: IDS.alert, replyDeadlineUnixMs: NOW + 24 * HOUR, personsCount: 4, location: COMPOUND,
  }),
  'assistance-response': () => ({
    requestMessageId: IDS.request, outcome: v1.AssistanceOutcome.ASSISTANCE_OUTCOME_ACCEPTED, summary: 'Team dispatched.',
  }),
  acknowledgement: () => ({
    acknowledgedMessageId: IDS.alert, status: v1.AcknowledgementStatus.ACKNOWLEDGEMENT_STATUS_READ, acknowledgingState: 'KHM', atUnixMs: NOW,
  }),
  'hit-notice': () => ({
    hitId: 'HIT-2026-000042', yourMessageId: IDS.alert, counterpartState: 'KHM',
    identifierKind: v1.IdentifierKind.IDENTIFIER_KIND_PHONE, detectedAtUnixMs: NOW, matchedIdentifiers: 1,
  }),
  retraction: () => ({
    retractedMessageId: IDS.alert, kind: v1.RetractionKind.RETRACTION_KIND_WITHDRAW, reason: 'Sent to the wrong case.',
  }),
  'drill-control': () => ({
    drillId: 'DRILL-2026-01', action: v1.DrillControlAction.DRILL_CONTROL_ACTION_START,
    participants: ['IDN', 'THA', 'KHM'], scenario: 'Rescue from a compound in Sihanoukville',
  }),
  'hit-query': () => ({
    identifiers: [keyed('passport', 'C0000001'), keyed('phone', '+62 812-0000-0001')],
  }),
  'hit-query-answer': () => ({
    queryMessageId: IDS.request,
    results: [
      { index: 0, identifierKind: v1.IdentifierKind.IDENTIFIER_KIND_PASSPORT, hit: true, hits: [{ counterpartState: 'THA', hitId: 'HIT-2026-000043' }] },
      { index: 1, identifierKind: v1.IdentifierKind.IDENTIFIER_KIND_PHONE, hit: false, hits: [] },
    ],
    answeredAtUnixMs: NOW,
  }),
};

const named = (...states: string[]): v1.Distribution.$Properties => ({ mode: v1.DistributionMode.DISTRIBUTION_MODE_NAMED, states });

/** Envelope fields that differ by payload type so that the pair is valid. */
const ENVELOPES: { [N in PayloadName]?: Partial<v1.Envelope.$Properties> } = {
  'assistance-response': { senderState: 'KHM', distribution: named('IDN'), inReplyTo: IDS.request, caseReference: 'IDN-2026-000123' },
  acknowledgement: { senderState: 'KHM', distribution: named('IDN'), inReplyTo: IDS.alert, caseReference: '' },
  'hit-notice': { senderState: 'HUB', distribution: named('IDN'), caseReference: '' },
  'drill-control': { exercise: true, drillId: 'DRILL-2026-01', caseReference: '' },
  'hit-query': { distribution: { mode: v1.DistributionMode.DISTRIBUTION_MODE_REGIONAL_BROADCAST }, caseReference: '' },
  'hit-query-answer': { senderState: 'HUB', distribution: named('IDN'), inReplyTo: IDS.request, caseReference: '' },
};

/** Fields to change; a field given as undefined is removed (the case a test of "is required" needs). */
export type Overrides<T> = { [K in keyof T]?: T[K] | undefined };

export interface MessageOverrides<N extends PayloadName> {
  readonly envelope?: Overrides<v1.Envelope.$Properties> | undefined;
  readonly payload?: Overrides<PayloadProperties[N]> | undefined;
}

/** The envelope fields, unsigned shape aside, of a valid message of type `name`. */
export function validEnvelopeFields<N extends PayloadName>(name: N, overrides: MessageOverrides<N> = {}): v1.Envelope.$Properties {
  const payloadClass = payloadKindByName(name).messageClass as unknown as { create(p: object): never };
  const payload = payloadClass.create({ ...PAYLOADS[name](), ...overrides.payload });
  return {
    messageId: IDS.message,
    senderState: 'IDN',
    senderUnit: 'POLRI-BARESKRIM',
    distribution: named('THA', 'KHM'),
    handling: v1.HandlingMark.HANDLING_MARK_AMBER,
    priority: v1.Priority.PRIORITY_URGENT,
    createdAtUnixMs: NOW,
    expiresAtUnixMs: NOW + 14 * 24 * HOUR,
    caseReference: 'IDN-2026-000123',
    exercise: false,
    payloadType: payloadKindByName(name).type,
    payload: encodePayload(name, payload),
    keyId: 'IDN-0123456789abcdef',
    signature: new Uint8Array(64).fill(1),
    ...ENVELOPES[name],
    // protobufjs reads an explicit undefined as unset: that is how a test removes a field.
    ...(overrides.envelope as Partial<v1.Envelope.$Properties> | undefined),
  };
}

/** A valid envelope after a real encode/decode round trip: int64 fields come back as protobufjs Longs. */
export function validEnvelope<N extends PayloadName>(name: N, overrides: MessageOverrides<N> = {}): Envelope {
  return decodeEnvelope(encodeEnvelope(tip.Envelope.create(validEnvelopeFields(name, overrides))));
}

/** A valid envelope and its decoded payload. */
export function validMessage<N extends PayloadName>(name: N, overrides: MessageOverrides<N> = {}): { envelope: Envelope; decoded: DecodedPayload } {
  const envelope = validEnvelope(name, overrides);
  return { envelope, decoded: decodePayload(envelope) };
}
