// The JSON document a person (CLI `tipnet send`) or another system (node HTTP API) submits. Every
// object is strict, so a misspelt field is an error rather than silently ignored. This is the only
// place clear identifier values are accepted: conversion hashes them before anything is encoded.
import { z } from 'zod';
import { IDENTIFIER_KINDS } from '../keyed-hash.ts';
import { LIMITS } from '../limits.ts';
import {
  ACKNOWLEDGEMENT_STATUS, AGE_BAND, ASSISTANCE_KIND, ASSISTANCE_OUTCOME, CASE_ALERT_KIND, DRILL_ACTION, GENDER, HANDLING,
  INDICATOR_TYPE, PERMITTED_ACTION, PRIORITY, RECRUITMENT_CHANNEL, REQUESTED_ACTION, RETRACTION_KIND, ROUTE_ROLE,
  SOURCE_RELIABILITY, wordOf,
} from './input-vocabulary.ts';
import { CASE_REFERENCE, LOWER_UUID, nationalityCode, SHARING_GROUP_SLUG, stateCode } from './proto-fields.ts';

const short = z.string().trim().max(LIMITS.maxShortTextChars);
const requiredShort = short.min(1);
const summary = z.string().trim().min(1).max(LIMITS.maxSummaryChars);
/** Upper-case UUIDs are accepted and lower-cased: the contract has one spelling per id. */
const messageId = z.string().trim().toLowerCase().regex(LOWER_UUID, 'must be a UUID (8-4-4-4-12 hexadecimal digits with dashes)');
/** Absolute times are ISO 8601 with an offset, so a time written in Jakarta means the same in Manila. */
const time = z.iso.datetime({ offset: true });
const caseReference = z.string().trim().regex(CASE_REFERENCE, 'must look like "IDN-2026-000123" (a three-letter state code, a dash, then 1 to 60 letters, digits or dashes)');

const identifier = z.strictObject({
  kind: z.enum(Object.keys(IDENTIFIER_KINDS) as [keyof typeof IDENTIFIER_KINDS, ...(keyof typeof IDENTIFIER_KINDS)[]]),
  value: z.string().trim().min(1).max(LIMITS.maxShortTextChars),
  /** For a phone in national form ("0812 3456 7890"): the state the number belongs to, whose calling code completes it. */
  country: stateCode().optional(),
});

const routeLeg = z.strictObject({ state: stateCode(), role: wordOf(ROUTE_ROLE), place: short.optional() });
const route = z.array(routeLeg).max(LIMITS.maxRouteLegs);

const location = z.strictObject({
  state: stateCode(),
  placeName: short.optional(),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  precisionMeters: z.int().nonnegative().optional(),
}).superRefine((place, ctx) => {
  if ((place.latitude === undefined) !== (place.longitude === undefined)) {
    ctx.addIssue({ code: 'custom', path: [place.latitude === undefined ? 'latitude' : 'longitude'], message: 'latitude and longitude go together: give both or neither' });
  }
});

const victimGroup = z.strictObject({
  count: z.int().min(1, 'must be at least 1 (a group holds at least one person)'),
  ageBand: wordOf(AGE_BAND),
  gender: wordOf(GENDER),
  nationality: nationalityCode,
  identifiers: z.array(identifier).max(LIMITS.maxIdentifiersPerGroup).optional(),
});

const caseAlert = z.strictObject({
  kind: wordOf(CASE_ALERT_KIND),
  summary,
  route: route.optional(),
  victims: z.array(victimGroup).max(LIMITS.maxVictimGroupsPerAlert).optional(),
  location: location.optional(),
  recruitmentChannel: wordOf(RECRUITMENT_CHANNEL).optional(),
  recruitmentPlatform: short.optional(),
  requestedActions: z.array(wordOf(REQUESTED_ACTION)).optional(),
  replyDeadline: time.optional(),
});

/** Indicator types that are personal identifiers, and the identifier kind their keyed hash uses. */
export const KEYABLE_INDICATORS = Object.freeze({
  'phone-number': 'phone', 'social-handle': 'social-handle', 'bank-account': 'bank-account', 'e-wallet': 'e-wallet', 'crypto-wallet': 'crypto-wallet',
} as const);

const indicator = z.strictObject({
  type: wordOf(INDICATOR_TYPE),
  value: z.string().trim().min(1).max(LIMITS.maxReasonChars),
  /** "keyed" sends only the keyed hash, for matching; "clear" (default) shares the value to act on. */
  shareAs: z.enum(['clear', 'keyed']).optional(),
  /** For a keyed phone number in national form: the state it belongs to (see identifier.country). */
  country: stateCode().optional(),
  platform: short.optional(),
  location: location.optional(),
  note: z.string().trim().max(LIMITS.maxReasonChars).optional(),
  firstSeen: time.optional(),
  lastSeen: time.optional(),
}).superRefine((item, ctx) => {
  if (item.shareAs === 'keyed' && !Object.hasOwn(KEYABLE_INDICATORS, item.type)) {
    ctx.addIssue({ code: 'custom', path: ['shareAs'], message: `"keyed" is only for ${Object.keys(KEYABLE_INDICATORS).join(', ')} indicators` });
  }
  if (item.country !== undefined && (item.type !== 'phone-number' || item.shareAs !== 'keyed')) {
    ctx.addIssue({ code: 'custom', path: ['country'], message: 'is given only with a keyed phone-number indicator in national form' });
  }
});

const intelligenceReport = z.strictObject({
  title: requiredShort,
  summary: z.string().trim().min(1).max(LIMITS.maxReportSummaryChars),
  indicators: z.array(indicator).min(1).max(LIMITS.maxIndicatorsPerReport),
  sourceReliability: wordOf(SOURCE_RELIABILITY),
  informationCredibility: z.int().min(1).max(6),
  permittedActions: z.array(wordOf(PERMITTED_ACTION)).optional(),
  route: route.optional(),
  relatedCaseReferences: z.array(caseReference).optional(),
});

const assistanceRequest = z.strictObject({
  kind: wordOf(ASSISTANCE_KIND),
  requestedState: stateCode(),
  summary,
  relatedMessageId: messageId.optional(),
  replyDeadline: time.optional(),
  personsCount: z.int().nonnegative().optional(),
  identifiers: z.array(identifier).max(LIMITS.maxIdentifiersPerGroup).optional(),
  location: location.optional(),
  /** The hit id of a hit notice or query answer this request follows up (it then goes to that hit's counterpart alone). */
  followsUpHitId: requiredShort.optional(),
});

/** A hit/no-hit query: identifiers only, hashed here like any other; the distribution is the scope searched. */
const hitQuery = z.strictObject({
  identifiers: z.array(identifier).min(1).max(LIMITS.maxQueryIdentifiers),
});

const assistanceResponse = z.strictObject({
  requestMessageId: messageId,
  outcome: wordOf(ASSISTANCE_OUTCOME),
  summary: z.string().trim().max(LIMITS.maxSummaryChars).optional(),
  personsAssisted: z.int().nonnegative().optional(),
  expectedCompletion: time.optional(),
});

const acknowledgement = z.strictObject({
  acknowledgedMessageId: messageId,
  status: wordOf(ACKNOWLEDGEMENT_STATUS),
  reasonCode: z.string().trim().max(64).optional(),
  reason: z.string().trim().max(LIMITS.maxReasonChars).optional(),
  note: short.optional(),
});

const retraction = z.strictObject({
  retractedMessageId: messageId,
  kind: wordOf(RETRACTION_KIND),
  reason: z.string().trim().min(1).max(LIMITS.maxReasonChars),
  replacementMessageId: messageId.optional(),
});

/** The drill id is the envelope's (exercise.drillId), so it is written once. */
const drillControl = z.strictObject({
  action: wordOf(DRILL_ACTION),
  participants: z.array(stateCode()).max(LIMITS.maxRecipients).optional(),
  scenario: short.optional(),
  note: z.string().trim().max(LIMITS.maxReasonChars).optional(),
  drillTime: time.optional(),
  /** START only: when the hub closes the drill if no END came first. */
  endsAt: time.optional(),
});

const distribution = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('named'), states: z.array(stateCode()).min(1).max(LIMITS.maxRecipients) }),
  z.strictObject({ mode: z.literal('route-roles'), routeRoles: z.array(wordOf(ROUTE_ROLE)).min(1) }),
  z.strictObject({ mode: z.literal('regional-broadcast') }),
  z.strictObject({
    mode: z.literal('sharing-group'),
    group: z.string().max(64).regex(SHARING_GROUP_SLUG, 'must be a lower-case slug such as "financial-intelligence"'),
  }),
]);

const exercise = z.strictObject({ drillId: requiredShort });

const common = {
  messageId: messageId.optional(),
  senderUnit: requiredShort,
  distribution,
  handling: wordOf(HANDLING),
  priority: wordOf(PRIORITY),
  caseReference: caseReference.optional(),
  inReplyTo: messageId.optional(),
  expiresInHours: z.number().positive().max(LIMITS.maxLifetimeMs / 3_600_000).optional(),
  exercise: exercise.optional(),
};

/**
 * One strict variant per payload type. Hit notices and query answers are not here: only the hub sends them.
 * Case alerts and assistance requests open or pursue a case, so they need its reference;
 * drill control is exercise traffic by definition.
 */
export const submissionInputSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('case-alert'), ...common, caseReference, payload: caseAlert }),
  z.strictObject({ type: z.literal('intelligence-report'), ...common, payload: intelligenceReport }),
  z.strictObject({ type: z.literal('assistance-request'), ...common, caseReference, payload: assistanceRequest }),
  z.strictObject({ type: z.literal('assistance-response'), ...common, payload: assistanceResponse }),
  z.strictObject({ type: z.literal('acknowledgement'), ...common, payload: acknowledgement }),
  z.strictObject({ type: z.literal('retraction'), ...common, payload: retraction }),
  z.strictObject({ type: z.literal('drill-control'), ...common, exercise, payload: drillControl }),
  z.strictObject({ type: z.literal('hit-query'), ...common, payload: hitQuery }),
]);

/**
 * What a node's query API takes (POST /api/queries): the identifiers in clear, hashed by the node
 * into a hit-query submission; scope is the distribution searched (the whole region by default),
 * handling AMBER and priority URGENT unless given.
 */
export const hitQueryRequestSchema = z.strictObject({
  identifiers: hitQuery.shape.identifiers,
  scope: distribution.optional(),
  senderUnit: requiredShort.optional(),
  handling: wordOf(HANDLING).optional(),
  priority: wordOf(PRIORITY).optional(),
  caseReference: caseReference.optional(),
  exercise: exercise.optional(),
});

export type HitQueryRequest = z.output<typeof hitQueryRequestSchema>;

export type SubmissionInput = z.output<typeof submissionInputSchema>;
export type IdentifierInput = z.output<typeof identifier>;
export type LocationInput = z.output<typeof location>;
export type RouteLegInput = z.output<typeof routeLeg>;
