// The one alert the demo sends: IDN asks for the rescue of three nationals recruited through a
// fake job advert and held in a compound in Sihanoukville. Invented data; identifiers are hashed.
import { randomUUID } from 'node:crypto';
import { encodePayload, type MatchingKey, toKeyedIdentifier, v1 } from '../core/mod.ts';

const HOUR_MS = 3_600_000;

export function demoAlertFields(nowMs: number, matchingKey: MatchingKey): v1.Envelope.$Properties {
  const alert = v1.CaseAlert.create({
    kind: v1.CaseAlertKind.CASE_ALERT_KIND_RESCUE_REQUEST,
    summary: 'Three Indonesian nationals recruited through a fake customer-service job advert report being held in a scam compound and forced to run online fraud.',
    route: {
      legs: [
        { state: 'IDN', role: v1.RouteRole.ROUTE_ROLE_ORIGIN, place: 'Jakarta' },
        { state: 'THA', role: v1.RouteRole.ROUTE_ROLE_TRANSIT, place: 'Bangkok' },
        { state: 'KHM', role: v1.RouteRole.ROUTE_ROLE_DESTINATION, place: 'Sihanoukville' },
      ],
    },
    victims: [
      {
        count: 3,
        ageBand: v1.AgeBand.AGE_BAND_18_TO_24,
        gender: v1.Gender.GENDER_MALE,
        nationality: 'IDN',
        identifiers: [
          toKeyedIdentifier('passport', 'C 1234567', matchingKey),
          toKeyedIdentifier('phone', '+62 812-3456-7890', matchingKey),
        ],
      },
    ],
    location: { state: 'KHM', placeName: 'Sihanoukville', latitude: 10.627, longitude: 103.522, hasCoordinates: true, precisionMeters: 2_000 },
    recruitmentChannel: v1.RecruitmentChannel.RECRUITMENT_CHANNEL_SOCIAL_MEDIA,
    recruitmentPlatform: 'social media job advert',
    requestedActions: [v1.RequestedAction.REQUESTED_ACTION_RESCUE, v1.RequestedAction.REQUESTED_ACTION_REPATRIATE],
    replyDeadlineUnixMs: nowMs + 8 * HOUR_MS,
  });
  return {
    messageId: randomUUID(),
    senderState: 'IDN',
    senderUnit: 'POLRI-BARESKRIM',
    distribution: { mode: v1.DistributionMode.DISTRIBUTION_MODE_ROUTE_ROLES, routeRoles: [v1.RouteRole.ROUTE_ROLE_DESTINATION] },
    handling: v1.HandlingMark.HANDLING_MARK_AMBER,
    priority: v1.Priority.PRIORITY_IMMEDIATE,
    createdAtUnixMs: nowMs,
    expiresAtUnixMs: nowMs + 30 * 24 * HOUR_MS,
    caseReference: 'IDN-2026-000123',
    payloadType: v1.PayloadType.PAYLOAD_TYPE_CASE_ALERT,
    payload: encodePayload('case-alert', alert),
  };
}
