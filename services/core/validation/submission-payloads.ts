// Builds contract payload messages from submission input. Clear identifiers are hashed here, the
// only place they are read; a value that cannot be normalised becomes a problem naming its field,
// never repeating the value. Each identifier is hashed under every matching key in force (the
// current key, then during a rotation's overlap the previous one), one keyed identifier each.
import { IdentifierFormatError, toKeyedIdentifier, type MatchingKey } from '../keyed-hash.ts';
import type { DecodedPayload } from '../codec.ts';
import type { PayloadByName } from '../payload-registry.ts';
import { tip, v1 } from '../proto.ts';
import {
  ACKNOWLEDGEMENT_STATUS, AGE_BAND, ASSISTANCE_KIND, ASSISTANCE_OUTCOME, CASE_ALERT_KIND, DRILL_ACTION, GENDER,
  INDICATOR_TYPE, PERMITTED_ACTION, RECRUITMENT_CHANNEL, REQUESTED_ACTION, RETRACTION_KIND, ROUTE_ROLE, SOURCE_RELIABILITY,
} from './input-vocabulary.ts';
import { KEYABLE_INDICATORS, type IdentifierInput, type LocationInput, type RouteLegInput, type SubmissionInput } from './submission-schema.ts';

export interface BuildContext {
  readonly sender: string;
  readonly nowMs: number;
  /** The envelope's drill id ('' for real traffic): drill control repeats it. */
  readonly drillId: string;
  /** The matching keys in force, current first (matching-keys.ts keysInForce). */
  readonly matchingKeys: readonly MatchingKey[];
  /** Filled with problems found while building; the caller refuses the input if any. */
  readonly problems: string[];
  /** Reply deadline to use when the input gives none and the message needs one. */
  readonly defaultReplyDeadlineMs: number;
}

type Payloads = { [T in SubmissionInput['type']]: Extract<SubmissionInput, { type: T }>['payload'] };

const ms = (time: string | undefined): number => (time === undefined ? 0 : Date.parse(time));
const word = (table: Readonly<Record<string, number>>, name: string): number => table[name] ?? 0;

function keyed(id: IdentifierInput, path: string, context: BuildContext): v1.KeyedIdentifier[] {
  try {
    return context.matchingKeys.map((key) => toKeyedIdentifier(id.kind, id.value, key, id.country));
  } catch (error) {
    if (!(error instanceof IdentifierFormatError)) throw error;
    // The reason is written by keyed-hash.ts without the value; the check keeps it that way.
    const reason = error.message.includes(id.value.trim()) ? 'it cannot be normalised' : error.message;
    context.problems.push(`${path}.value: is not a usable ${id.kind} identifier (${reason})`);
    return [];
  }
}

function keyedList(ids: readonly IdentifierInput[] | undefined, path: string, context: BuildContext): v1.KeyedIdentifier[] {
  return (ids ?? []).flatMap((id, index) => keyed(id, `${path}[${index}]`, context));
}

/** A message field set only when there is a value: protobufjs reads an absent key as unset, and the types refuse an explicit undefined. */
function present<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Partial<Record<K, V>>);
}

function routeOf(legs: readonly RouteLegInput[] | undefined): v1.Route.$Properties | undefined {
  if (!legs) return undefined;
  return { legs: legs.map((leg) => ({ state: leg.state, role: word(ROUTE_ROLE, leg.role), place: leg.place ?? '' })) };
}

function locationOf(place: LocationInput | undefined): v1.Location.$Properties | undefined {
  if (!place) return undefined;
  const hasCoordinates = place.latitude !== undefined && place.longitude !== undefined;
  return {
    state: place.state, placeName: place.placeName ?? '', hasCoordinates,
    latitude: place.latitude ?? 0, longitude: place.longitude ?? 0, precisionMeters: place.precisionMeters ?? 0,
  };
}

const BUILDERS: { [T in keyof Payloads]: (payload: Payloads[T], context: BuildContext) => PayloadByName[T] } = {
  'case-alert': (p, context) => tip.CaseAlert.create({
    kind: word(CASE_ALERT_KIND, p.kind),
    summary: p.summary,
    ...present('route', routeOf(p.route)),
    victims: (p.victims ?? []).map((group, index) => ({
      count: group.count, ageBand: word(AGE_BAND, group.ageBand), gender: word(GENDER, group.gender), nationality: group.nationality,
      identifiers: keyedList(group.identifiers, `payload.victims[${index}].identifiers`, context),
    })),
    ...present('location', locationOf(p.location)),
    recruitmentChannel: p.recruitmentChannel ? word(RECRUITMENT_CHANNEL, p.recruitmentChannel) : 0,
    recruitmentPlatform: p.recruitmentPlatform ?? '',
    requestedActions: (p.requestedActions ?? []).map((action) => word(REQUESTED_ACTION, action)),
    replyDeadlineUnixMs: p.replyDeadline ? ms(p.replyDeadline) : caseAlertDefaultDeadline(p.kind, context),
  }),
  'intelligence-report': (p, context) => tip.IntelligenceReport.create({
    title: p.title,
    summary: p.summary,
    // A keyed indicator becomes one indicator per matching key in force, alike but for the hash.
    indicators: p.indicators.flatMap((item, index) => {
      const keyedKind = item.shareAs === 'keyed' ? KEYABLE_INDICATORS[item.type as keyof typeof KEYABLE_INDICATORS] : undefined;
      const common = {
        type: word(INDICATOR_TYPE, item.type), value: keyedKind ? '' : item.value,
        platform: item.platform ?? '', ...present('location', locationOf(item.location)), note: item.note ?? '',
        firstSeenUnixMs: ms(item.firstSeen), lastSeenUnixMs: ms(item.lastSeen),
      };
      if (!keyedKind) return [common];
      const hashes = keyed({ kind: keyedKind, value: item.value, ...present('country', item.country) }, `payload.indicators[${index}]`, context);
      return hashes.length === 0 ? [common] : hashes.map((hashed) => ({ ...common, keyed: hashed }));
    }),
    sourceReliability: word(SOURCE_RELIABILITY, p.sourceReliability),
    informationCredibility: p.informationCredibility,
    permittedActions: (p.permittedActions ?? []).map((action) => word(PERMITTED_ACTION, action)),
    ...present('route', routeOf(p.route)),
    relatedCaseReferences: p.relatedCaseReferences ?? [],
  }),
  'assistance-request': (p, context) => tip.AssistanceRequest.create({
    kind: word(ASSISTANCE_KIND, p.kind),
    requestedState: p.requestedState,
    summary: p.summary,
    relatedMessageId: p.relatedMessageId ?? '',
    replyDeadlineUnixMs: p.replyDeadline ? ms(p.replyDeadline) : context.defaultReplyDeadlineMs,
    personsCount: p.personsCount ?? 0,
    identifiers: keyedList(p.identifiers, 'payload.identifiers', context),
    ...present('location', locationOf(p.location)),
    followsUpHitId: p.followsUpHitId ?? '',
  }),
  'assistance-response': (p) => tip.AssistanceResponse.create({
    requestMessageId: p.requestMessageId, outcome: word(ASSISTANCE_OUTCOME, p.outcome), summary: p.summary ?? '',
    personsAssisted: p.personsAssisted ?? 0, expectedCompletionUnixMs: ms(p.expectedCompletion),
  }),
  // A state acknowledges for itself, at the time it creates the message.
  acknowledgement: (p, context) => tip.Acknowledgement.create({
    acknowledgedMessageId: p.acknowledgedMessageId, status: word(ACKNOWLEDGEMENT_STATUS, p.status),
    acknowledgingState: context.sender, atUnixMs: context.nowMs,
    reasonCode: p.reasonCode ?? '', reason: p.reason ?? '', note: p.note ?? '',
  }),
  retraction: (p) => tip.Retraction.create({
    retractedMessageId: p.retractedMessageId, kind: word(RETRACTION_KIND, p.kind), reason: p.reason,
    replacementMessageId: p.replacementMessageId ?? '',
  }),
  'drill-control': (p, context) => tip.DrillControl.create({
    drillId: context.drillId, action: word(DRILL_ACTION, p.action), participants: p.participants ?? [], scenario: p.scenario ?? '',
    note: p.note ?? '', drillTimeUnixMs: ms(p.drillTime), endsAtUnixMs: ms(p.endsAt),
  }),
  'hit-query': (p, context) => tip.HitQuery.create({
    identifiers: keyedList(p.identifiers, 'payload.identifiers', context),
  }),
};

/** Rescue requests must carry a reply deadline (case-alert-rules.ts); others only when given. */
function caseAlertDefaultDeadline(kind: string, context: BuildContext): number {
  return kind === 'rescue-request' ? context.defaultReplyDeadlineMs : 0;
}

export function buildPayload(input: SubmissionInput, context: BuildContext): DecodedPayload {
  const build = BUILDERS[input.type] as (payload: SubmissionInput['payload'], context: BuildContext) => DecodedPayload['message'];
  return { name: input.type, message: build(input.payload, context) } as DecodedPayload;
}
