// Hit/no-hit queries (the Prüm model): a state asks whether identifiers are known within a scope
// of states, without sending anything to anyone. The hub answers from its sightings, records no
// sighting of its own for the query (asking is not holding), tells each counterpart that the
// querying state asked about something it holds, and keeps each hit for the follow-up check.
import { type Logger, v1 } from '../core/mod.ts';
import type { Delivery } from './decide-submission.ts';
import { type IdentifierSighting, isLive, mayReveal, sharedIdentifierCount, sightingKey } from './hit-matching.ts';
import type { HitContext } from './hit-notices.ts';
import { publishHubMessage } from './hub-outbox.ts';
import type { HitRecord } from './message-index.ts';
import { hubHitNotice, hubHitQueryAnswer } from './receipts.ts';

/** Who asked, and where it may look. */
export interface QueryScope {
  readonly querier: string;
  readonly queryMessageId: string;
  readonly traffic: string;
  /** The states whose holdings may answer (the query's resolved distribution). */
  readonly states: readonly string[];
}

/** One counterpart message that holds some of the identifiers asked about. */
export interface QueryHit {
  readonly hitId: string;
  readonly state: string;
  readonly messageId: string;
  readonly matchedIdentifiers: number;
  /** The kind of the first identifier it matched. */
  readonly identifierKind: number;
}

export interface QueryPlan {
  readonly results: v1.HitQueryResult.$Properties[];
  readonly hits: QueryHit[];
}

/** The sightings that may answer this query: same traffic, live, in scope, another state, revealable to it. */
export function answeringSightings(scope: QueryScope, sightings: readonly IdentifierSighting[], nowMs: number): IdentifierSighting[] {
  return sightings.filter((s) =>
    s.traffic === scope.traffic && isLive(s, nowMs) && scope.states.includes(s.state)
    && s.state !== scope.querier && mayReveal(s, scope.querier));
}

/**
 * The answer to a query, pure: one result per keyed identifier in the query's order (during a
 * rotation's overlap a node asks about each identifier under both keys), one hit per counterpart
 * state (its latest answering message), and one hit per distinct counterpart message with how
 * many identifiers it matched, counted per matching key id (sharedIdentifierCount). hitIdFor derives the hit id from the counterpart's message.
 */
export function planQueryAnswer(
  scope: QueryScope,
  lookups: ReadonlyArray<{ readonly identifierKind: number; readonly hashKeyId?: string; readonly sightings: readonly IdentifierSighting[] }>,
  nowMs: number,
  hitIdFor: (counterpartMessageId: string) => string,
): QueryPlan {
  const hits = new Map<string, { state: string; messageId: string; matchedByKeyId: Map<string, number>; kind: number }>();
  const results = lookups.map(({ identifierKind, hashKeyId = '', sightings }, index) => {
    const answering = answeringSightings(scope, sightings, nowMs);
    // Sightings are kept in arrival order, so the last of a state is its latest message.
    const latest = new Map(answering.map((s) => [s.state, s]));
    const resultHits = [...latest.values()].map((s) => {
      const entry = hits.get(s.messageId) ?? { state: s.state, messageId: s.messageId, matchedByKeyId: new Map<string, number>(), kind: identifierKind };
      entry.matchedByKeyId.set(hashKeyId, (entry.matchedByKeyId.get(hashKeyId) ?? 0) + 1);
      hits.set(s.messageId, entry);
      return { counterpartState: s.state, hitId: hitIdFor(s.messageId) };
    });
    return { index, identifierKind, hit: resultHits.length > 0, hits: resultHits };
  });
  return {
    results,
    hits: [...hits.values()].map((h) => ({
      hitId: hitIdFor(h.messageId), state: h.state, messageId: h.messageId, matchedIdentifiers: sharedIdentifierCount(h.matchedByKeyId), identifierKind: h.kind,
    })),
  };
}

/** The hit record of a query hit: both parties were told (the querier by the answer). */
export function queryHitRecord(scope: QueryScope, hit: QueryHit): HitRecord {
  return {
    hitId: hit.hitId,
    fromQuery: true,
    traffic: scope.traffic,
    parties: [
      { state: scope.querier, messageId: scope.queryMessageId, told: true },
      { state: hit.state, messageId: hit.messageId, told: true },
    ],
  };
}

/** Answers a claimed query: hits recorded first (so a follow-up never finds them missing), then notices, then the answer. */
export async function answerHitQuery(context: HitContext, decision: Delivery, nowMs: number): Promise<void> {
  const { envelope, decoded } = decision;
  if (decoded.name !== 'hit-query') return;
  const scope: QueryScope = {
    querier: envelope.senderState,
    queryMessageId: envelope.messageId,
    traffic: envelope.exercise ? `exercise:${envelope.drillId}` : 'real',
    states: decision.recipients,
  };
  const lookups = await Promise.all(decoded.message.identifiers.map(async (identifier) => ({
    identifierKind: identifier.kind ?? 0,
    hashKeyId: identifier.hashKeyId ?? '',
    sightings: await context.index.sightingsOf(sightingKey(identifier)),
  })));
  const plan = planQueryAnswer(scope, lookups, nowMs, (counterpartMessageId) => context.hub.ids.derive('query-hit', envelope.messageId, counterpartMessageId));
  await Promise.all(plan.hits.map((hit) => context.index.recordHit(queryHitRecord(scope, hit))));
  const traffic = { exercise: envelope.exercise, drillId: envelope.drillId, nowMs };
  await Promise.all(plan.hits.map((hit) => publishHubMessage(context.js, hubHitNotice({
    ...traffic,
    messageId: context.hub.ids.derive('hit-notice', hit.hitId, hit.state),
    to: hit.state,
    yourMessageId: hit.messageId,
    counterpartState: scope.querier,
    hitId: hit.hitId,
    identifierKind: hit.identifierKind,
    matchedIdentifiers: hit.matchedIdentifiers,
    fromQuery: true,
  }, context.hub.key))));
  await publishHubMessage(context.js, hubHitQueryAnswer({
    ...traffic,
    messageId: context.hub.ids.derive('query-answer', envelope.messageId),
    to: scope.querier,
    queryMessageId: envelope.messageId,
    results: plan.results,
  }, context.hub.key));
  logAnswer(context.logger, scope, plan);
}

/** Counts only: no digest, no identifier, no counterpart message id. */
function logAnswer(logger: Logger, scope: QueryScope, plan: QueryPlan): void {
  logger.info({
    messageId: scope.queryMessageId,
    sender: scope.querier,
    identifiers: plan.results.length,
    hitResults: plan.results.filter((r) => r.hit).length,
    counterparts: [...new Set(plan.hits.map((h) => h.state))],
  }, 'hit query answered');
}
