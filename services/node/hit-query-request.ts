// A hit/no-hit query as an officer or national system asks it through the node (POST
// /api/queries, `tipnet query`): the request becomes a hit-query submission (hashed here, on the
// state's premises, with the matching key), and the hub's answer or refusal becomes one outcome.
// Pure, apart from awaitQueryOutcome, which listens to the node's events.
import type { HitQueryRequest } from '../core/mod.ts';
import type { NodeEvents } from './node-events.ts';
import type { QueryAnswerView, QueryResultView } from './store/hit-lookups.ts';

export interface QueryHitView {
  readonly counterpartState: string;
  readonly hitId: string;
}

/** One identifier of the query, in the order asked: its kind, hit or no-hit, and for a hit the counterparts. */
export interface QueryResult {
  readonly index: number;
  readonly kind: string;
  readonly hit: boolean;
  readonly hits: readonly QueryHitView[];
}

export type QueryOutcome =
  | { readonly queryMessageId: string; readonly outcome: 'answered'; readonly answeredAtUnixMs: number; readonly results: readonly QueryResult[] }
  | { readonly queryMessageId: string; readonly outcome: 'refused'; readonly reasonCode: string; readonly reason: string }
  | { readonly queryMessageId: string; readonly outcome: 'pending' };

/** The hit-query submission a query request stands for: the whole region, AMBER and URGENT unless told otherwise. */
export function hitQuerySubmission(request: HitQueryRequest, callerUnit: string): Record<string, unknown> {
  return {
    type: 'hit-query',
    senderUnit: request.senderUnit ?? callerUnit,
    distribution: request.scope ?? { mode: 'regional-broadcast' },
    handling: request.handling ?? 'amber',
    priority: request.priority ?? 'urgent',
    ...(request.caseReference ? { caseReference: request.caseReference } : {}),
    ...(request.exercise ? { exercise: request.exercise } : {}),
    payload: { identifiers: request.identifiers },
  };
}

/** What the node holds on a query it sent: the hub's answer, its refusal, or nothing yet. */
export function queryOutcomeOf(
  queryMessageId: string, answer: QueryAnswerView | undefined, rejection: { readonly reasonCode: string; readonly reason: string } | undefined,
): QueryOutcome {
  if (answer) {
    return { queryMessageId, outcome: 'answered', answeredAtUnixMs: answer.answeredAtUnixMs, results: perIdentifierAsked(answer.results, answer.keysPerIdentifier) };
  }
  if (rejection) return { queryMessageId, outcome: 'refused', reasonCode: rejection.reasonCode, reason: rejection.reason };
  return { queryMessageId, outcome: 'pending' };
}

/**
 * The hub answers per keyed identifier; during a rotation's overlap the node asked about each
 * identifier under keysPerIdentifier keys, one after the other. Folded back to one result per
 * identifier asked: a hit under any key is a hit, each counterpart hit named once.
 */
export function perIdentifierAsked(results: readonly QueryResultView[], keysPerIdentifier: number): QueryResult[] {
  const folded = new Map<number, { kind: string; hits: Map<string, QueryHitView> }>();
  for (const result of [...results].sort((a, b) => a.index - b.index)) {
    const index = Math.floor(result.index / Math.max(1, keysPerIdentifier));
    const entry = folded.get(index) ?? { kind: result.identifierKind, hits: new Map<string, QueryHitView>() };
    for (const hit of result.hits) entry.hits.set(`${hit.counterpartState}.${hit.hitId}`, { counterpartState: hit.counterpartState, hitId: hit.hitId });
    folded.set(index, entry);
  }
  return [...folded].map(([index, entry]) => ({ index, kind: entry.kind, hit: entry.hits.size > 0, hits: [...entry.hits.values()] }));
}

/** How often the store is looked at again while waiting, in case an event was missed. */
const RECHECK_MS = 250;

/**
 * Waits up to waitMs for the hub's answer or refusal to a query this node sent. Listens before it
 * first looks, so an answer that lands in between is not missed; answers 'pending' at the end.
 */
export async function awaitQueryOutcome(events: NodeEvents, lookup: () => QueryOutcome, waitMs: number): Promise<QueryOutcome> {
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    let recheck: NodeJS.Timeout | undefined;
    const finish = (outcome: QueryOutcome) => {
      clearTimeout(timer);
      clearInterval(recheck);
      events.off('delivery', check);
      events.off('rejected', check);
      resolve(outcome);
    };
    function check(): void {
      const outcome = lookup();
      if (outcome.outcome !== 'pending') finish(outcome);
    }
    events.on('delivery', check);
    events.on('rejected', check);
    timer = setTimeout(() => finish(lookup()), waitMs);
    recheck = setInterval(check, RECHECK_MS);
    check();
  });
}
