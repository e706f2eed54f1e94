// The messages of one case of the year replay, built as the nodes build them and signed by the
// state that sends them: IDN's rescue request NAMED to the destination (a route from Jakarta,
// a location, the victims' identifiers hashed with the regional matching key), and the
// destination's two replies: its READ acknowledgement (the node's own builder) and an ACCEPTED
// assistance response, both to IDN. Invented content; the identifiers are fake, made from the
// case number, and only their keyed hashes are in the message.
import {
  type MatchingKey, REAL_TRAFFIC, type SigningKey, type StateCode, toKeyedIdentifier, v1,
} from '../core/mod.ts';
import { prepareAcknowledgement, prepareOwnMessage, type PreparedSubmission } from '../node/mod.ts';
import { YEAR_SENDER } from './year-mix.ts';

const HOUR_MS = 3_600_000;

/** Where each destination's cases are: the places the sources name. */
const PLACES: Readonly<Partial<Record<StateCode, { place: string; latitude: number; longitude: number }>>> = {
  KHM: { place: 'Sihanoukville', latitude: 10.627, longitude: 103.522 },
  PHL: { place: 'Pampanga', latitude: 15.079, longitude: 120.62 },
  LAO: { place: 'Golden Triangle SEZ', latitude: 20.33, longitude: 100.1 },
  MMR: { place: 'Myawaddy', latitude: 16.688, longitude: 98.508 },
  THA: { place: 'Mae Sot', latitude: 16.713, longitude: 98.575 },
  VNM: { place: 'Ho Chi Minh City', latitude: 10.823, longitude: 106.63 },
  MYS: { place: 'Kuala Lumpur', latitude: 3.139, longitude: 101.687 },
  ARE: { place: 'Dubai', latitude: 25.204, longitude: 55.27 },
};

export function caseReferenceOf(caseNumber: number): string {
  return `${YEAR_SENDER}-2023-${String(caseNumber).padStart(6, '0')}`;
}

/** Case `caseNumber` (from 1): IDN asks `destination` to rescue two nationals held there. */
export function rescueRequest(caseNumber: number, destination: StateCode, key: SigningKey, matchingKey: MatchingKey, nowMs: number): PreparedSubmission {
  const site = PLACES[destination] ?? { place: 'unknown site', latitude: 0, longitude: 0 };
  const alert = v1.CaseAlert.create({
    kind: v1.CaseAlertKind.CASE_ALERT_KIND_RESCUE_REQUEST,
    summary: 'Nationals recruited through a fake job advert on social media report being held in a scam compound and forced to run online fraud; rescue requested.',
    route: {
      legs: [
        { state: YEAR_SENDER, role: v1.RouteRole.ROUTE_ROLE_ORIGIN, place: 'Jakarta' },
        { state: destination, role: v1.RouteRole.ROUTE_ROLE_DESTINATION, place: site.place },
      ],
    },
    victims: [{
      count: 2,
      ageBand: v1.AgeBand.AGE_BAND_18_TO_24,
      gender: caseNumber % 2 === 0 ? v1.Gender.GENDER_FEMALE : v1.Gender.GENDER_MALE,
      nationality: YEAR_SENDER,
      identifiers: [
        toKeyedIdentifier('passport', `Y${String(1_000_000 + ((caseNumber * 7_919) % 9_000_000)).padStart(7, '0')}`, matchingKey),
        toKeyedIdentifier('phone', `+6285${String(10_000_000 + ((caseNumber * 104_729) % 90_000_000))}`, matchingKey),
      ],
    }],
    location: { state: destination, placeName: site.place, latitude: site.latitude, longitude: site.longitude, hasCoordinates: true, precisionMeters: 2_000 },
    recruitmentChannel: v1.RecruitmentChannel.RECRUITMENT_CHANNEL_SOCIAL_MEDIA,
    recruitmentPlatform: 'social media job advert',
    requestedActions: [v1.RequestedAction.REQUESTED_ACTION_RESCUE, v1.RequestedAction.REQUESTED_ACTION_REPATRIATE],
    replyDeadlineUnixMs: nowMs + 8 * HOUR_MS,
  });
  return prepareOwnMessage({
    sender: YEAR_SENDER,
    senderUnit: `${YEAR_SENDER}-LIAISON`,
    recipients: { mode: 'named', states: [destination] },
    handling: v1.HandlingMark.HANDLING_MARK_AMBER,
    priority: v1.Priority.PRIORITY_IMMEDIATE,
    traffic: REAL_TRAFFIC,
    caseReference: caseReferenceOf(caseNumber),
    createdAtUnixMs: nowMs,
    lifetimeMs: 30 * 24 * HOUR_MS,
    payload: { name: 'case-alert', message: alert },
  }, key);
}

/** What the destination knows of the alert it answers. */
export interface ReceivedAlert {
  readonly messageId: string;
  readonly caseReference: string;
}

/** The destination's READ acknowledgement and its ACCEPTED answer to the rescue request, both to IDN. */
export function destinationReplies(alert: ReceivedAlert, destination: StateCode, key: SigningKey, nowMs: number): { read: PreparedSubmission; response: PreparedSubmission } {
  const original = { messageId: alert.messageId, sender: YEAR_SENDER, traffic: 'real' as const, drillId: '', caseReference: alert.caseReference };
  const senderUnit = `${destination}-LIAISON`;
  const read = prepareAcknowledgement(original, { status: 'read' }, { state: destination, senderUnit, signingKey: key }, nowMs);
  const answer = v1.AssistanceResponse.create({
    requestMessageId: alert.messageId,
    outcome: v1.AssistanceOutcome.ASSISTANCE_OUTCOME_ACCEPTED,
    summary: 'Team dispatched to the site; the nationals will be moved to a shelter.',
  });
  const response = prepareOwnMessage({
    sender: destination,
    senderUnit,
    recipients: { mode: 'named', states: [YEAR_SENDER] },
    handling: v1.HandlingMark.HANDLING_MARK_AMBER,
    priority: v1.Priority.PRIORITY_IMMEDIATE,
    traffic: REAL_TRAFFIC,
    caseReference: alert.caseReference,
    inReplyTo: alert.messageId,
    createdAtUnixMs: nowMs,
    lifetimeMs: 30 * 24 * HOUR_MS,
    payload: { name: 'assistance-response', message: answer },
  }, key);
  return { read, response };
}
