// What a node, an officer's feed and the dashboard need to know about a message, taken from the
// verified envelope and payload. Routing metadata, counts and the free-text headline only: keyed
// hashes are counted, never copied, so a summary is safe to store, list and show.
import { type DecodedPayload, ENUM_WORDS, type Envelope, type PayloadName, type TrafficClass, trafficClassOf, type v1 } from '../core/mod.ts';

export type RouteRoleWord = 'origin' | 'transit' | 'destination';

export interface RouteLegSummary {
  readonly state: string;
  readonly role: RouteRoleWord;
  readonly place: string;
}

export interface AcknowledgementSummary {
  readonly acknowledgedMessageId: string;
  /** delivered | read | actioned | rejected */
  readonly status: string;
  readonly acknowledgingState: string;
  /** The unit that acknowledged: the acknowledgement's sender_unit (e.g. "KHM-NCB-PHNOM-PENH"). */
  readonly unit: string;
  /** The acknowledgement's note, e.g. "officer sokha" (the acting officer's reference); '' when none. */
  readonly note: string;
  readonly reasonCode: string;
  readonly reason: string;
  readonly atUnixMs: number;
}

export interface MessageSummary {
  readonly messageId: string;
  readonly payloadName: PayloadName;
  /** The case-alert kind (e.g. "rescue-request") or assistance kind; otherwise the payload name. */
  readonly kind: string;
  readonly sender: string;
  readonly senderUnit: string;
  readonly recipients: readonly string[];
  /** clear | green | amber | amber-strict | red */
  readonly handling: string;
  /** immediate | urgent | routine */
  readonly priority: string;
  readonly createdAtUnixMs: number;
  readonly expiresAtUnixMs: number;
  readonly caseReference: string;
  readonly inReplyTo: string;
  readonly traffic: TrafficClass;
  readonly drillId: string;
  readonly route: readonly RouteLegSummary[];
  /** The summary or title a person reads first. */
  readonly headline: string;
  readonly victimCount: number;
  /** Personal identifiers carried, all as keyed hashes. */
  readonly identifierCount: number;
  readonly locationName: string;
  readonly replyDeadlineUnixMs: number;
  readonly requestedState: string;
  readonly relatedMessageId: string;
  readonly acknowledgement?: AcknowledgementSummary | undefined;
  readonly response?: {
    readonly requestMessageId: string;
    readonly outcome: string;
    readonly summary: string;
    /** Absent in summaries stored before they were kept. */
    readonly personsAssisted?: number | undefined;
    /** 0 when unknown; for "delayed", the new time the answer is due. */
    readonly expectedCompletionUnixMs?: number | undefined;
  } | undefined;
  readonly retractedMessageId?: string | undefined;
  /** For a hit notice: the other party, the hit id and whether a query (not a report) matched. Absent in summaries stored before. */
  readonly hit?: HitSummary | undefined;
  /** For an assistance request: the hit it follows up, when it does. */
  readonly followsUpHitId?: string | undefined;
}

export interface HitSummary {
  readonly counterpartState: string;
  readonly hitId: string;
  readonly fromQuery: boolean;
}

const ROUTE_ROLE_WORDS: ReadonlySet<string> = new Set<RouteRoleWord>(['origin', 'transit', 'destination']);

function routeOf(route: v1.IRoute | null | undefined): RouteLegSummary[] {
  return (route?.legs ?? []).flatMap((leg) => {
    const role = ENUM_WORDS.routeRole.wordOf(leg.role);
    return ROUTE_ROLE_WORDS.has(role) ? [{ state: leg.state ?? '', role: role as RouteRoleWord, place: leg.place ?? '' }] : [];
  });
}

const ms = (value: unknown): number => Number(value ?? 0);

interface PayloadFacts {
  kind: string;
  headline: string;
  route: RouteLegSummary[];
  victimCount: number;
  identifierCount: number;
  locationName: string;
  replyDeadlineUnixMs: number;
  requestedState: string;
  relatedMessageId: string;
  acknowledgement?: AcknowledgementSummary | undefined;
  response?: MessageSummary['response'];
  retractedMessageId?: string | undefined;
  hit?: HitSummary | undefined;
  followsUpHitId?: string | undefined;
}

function acknowledgementFacts(ack: v1.Acknowledgement, senderUnit: string): Partial<PayloadFacts> {
  const status = ENUM_WORDS.acknowledgementStatus.wordOf(ack.status);
  return {
    headline: `${status} by ${ack.acknowledgingState}${ack.reasonCode ? ` (${ack.reasonCode})` : ''}`,
    relatedMessageId: ack.acknowledgedMessageId,
    acknowledgement: {
      acknowledgedMessageId: ack.acknowledgedMessageId, status, acknowledgingState: ack.acknowledgingState,
      unit: senderUnit, note: ack.note, reasonCode: ack.reasonCode, reason: ack.reason, atUnixMs: ms(ack.atUnixMs),
    },
  };
}

function factsOf(decoded: DecodedPayload, senderUnit: string): PayloadFacts {
  const base: PayloadFacts = {
    kind: decoded.name, headline: '', route: [], victimCount: 0, identifierCount: 0, locationName: '',
    replyDeadlineUnixMs: 0, requestedState: '', relatedMessageId: '',
  };
  switch (decoded.name) {
    case 'case-alert': {
      const alert = decoded.message;
      return {
        ...base,
        kind: ENUM_WORDS.caseAlertKind.wordOf(alert.kind),
        headline: alert.summary,
        route: routeOf(alert.route),
        victimCount: alert.victims.reduce((sum, group) => sum + group.count, 0),
        identifierCount: alert.victims.reduce((sum, group) => sum + group.identifiers.length, 0),
        locationName: alert.location ? [alert.location.placeName, alert.location.state].filter(Boolean).join(', ') : '',
        replyDeadlineUnixMs: ms(alert.replyDeadlineUnixMs),
      };
    }
    case 'intelligence-report': {
      const report = decoded.message;
      return {
        ...base,
        headline: report.title,
        route: routeOf(report.route),
        identifierCount: report.indicators.filter((indicator) => indicator.keyed).length,
      };
    }
    case 'assistance-request': {
      const request = decoded.message;
      return {
        ...base,
        kind: ENUM_WORDS.assistanceKind.wordOf(request.kind),
        headline: request.summary,
        identifierCount: request.identifiers.length,
        locationName: request.location ? [request.location.placeName, request.location.state].filter(Boolean).join(', ') : '',
        replyDeadlineUnixMs: ms(request.replyDeadlineUnixMs),
        requestedState: request.requestedState,
        relatedMessageId: request.relatedMessageId,
        victimCount: request.personsCount,
        ...(request.followsUpHitId ? { followsUpHitId: request.followsUpHitId } : {}),
      };
    }
    case 'assistance-response': {
      const response = decoded.message;
      const outcome = ENUM_WORDS.assistanceOutcome.wordOf(response.outcome);
      return {
        ...base,
        headline: response.summary || `assistance ${outcome}`,
        relatedMessageId: response.requestMessageId,
        response: {
          requestMessageId: response.requestMessageId, outcome, summary: response.summary,
          personsAssisted: response.personsAssisted, expectedCompletionUnixMs: ms(response.expectedCompletionUnixMs),
        },
      };
    }
    case 'acknowledgement':
      return { ...base, ...acknowledgementFacts(decoded.message, senderUnit) };
    case 'retraction':
      return { ...base, headline: decoded.message.reason, relatedMessageId: decoded.message.retractedMessageId, retractedMessageId: decoded.message.retractedMessageId };
    case 'hit-notice': {
      const notice = decoded.message;
      const how = notice.fromQuery ? `${notice.counterpartState}'s query matched` : `hit with ${notice.counterpartState} on`;
      return {
        ...base, headline: `${how} ${notice.matchedIdentifiers} identifier(s)`, relatedMessageId: notice.yourMessageId,
        hit: { counterpartState: notice.counterpartState, hitId: notice.hitId, fromQuery: notice.fromQuery },
      };
    }
    case 'hit-query':
      return { ...base, headline: `hit/no-hit query on ${decoded.message.identifiers.length} identifier(s)`, identifierCount: decoded.message.identifiers.length };
    case 'hit-query-answer': {
      const hits = decoded.message.results.filter((result) => result.hit).length;
      return { ...base, headline: `query answer: ${hits} hit(s) of ${decoded.message.results.length}`, relatedMessageId: decoded.message.queryMessageId };
    }
    case 'drill-control':
      return { ...base, headline: `drill ${ENUM_WORDS.drillAction.wordOf(decoded.message.action)}: ${decoded.message.scenario}` };
  }
}

export function summariseMessage(envelope: Envelope, decoded: DecodedPayload): MessageSummary {
  const facts = factsOf(decoded, envelope.senderUnit);
  return Object.freeze({
    messageId: envelope.messageId,
    payloadName: decoded.name,
    sender: envelope.senderState,
    senderUnit: envelope.senderUnit,
    recipients: [...(envelope.distribution?.states ?? [])],
    handling: ENUM_WORDS.handling.wordOf(envelope.handling),
    priority: ENUM_WORDS.priority.wordOf(envelope.priority),
    createdAtUnixMs: ms(envelope.createdAtUnixMs),
    expiresAtUnixMs: ms(envelope.expiresAtUnixMs),
    caseReference: envelope.caseReference,
    inReplyTo: envelope.inReplyTo,
    traffic: trafficClassOf(envelope),
    drillId: envelope.drillId,
    ...facts,
  });
}
