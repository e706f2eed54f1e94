// Hits in the audit trail: each hit notice and query answer the hub delivers is recorded as a
// 'hit' entry by the node itself, so a state's trail shows that another state's report or query
// matched something it holds (counterpart and hit id), and what its own queries were answered.
// Kinds, counts, states and ids only: the hub never sends an identifier, and none is written.
import type { FeedItem, NodeEvents } from './node-events.ts';
import type { AuditRecorder } from './http/http-types.ts';

/** The audit detail of a hit notice or a query answer; undefined for any other delivery. */
export function hitAuditDetail(item: FeedItem): string | undefined {
  const { summary } = item;
  if (summary.sender !== 'HUB') return undefined;
  if (summary.payloadName === 'hit-notice' && summary.hit) {
    const { counterpartState, hitId, fromQuery } = summary.hit;
    return `${fromQuery ? 'query' : 'report'} from ${counterpartState} matched message ${summary.relatedMessageId} hit=${hitId}`;
  }
  if (summary.payloadName === 'hit-query-answer') return `query ${summary.relatedMessageId} answered: ${summary.headline}`;
  return undefined;
}

/** Records every hit delivered from now on; returns the function that stops it. */
export function auditHits(events: NodeEvents, audit: AuditRecorder, state: string): () => void {
  const onDelivery = (item: FeedItem) => {
    const detail = hitAuditDetail(item);
    if (detail === undefined) return;
    void audit.record({ action: 'hit', outcome: 'ok', actor: { kind: 'node', id: state }, messageId: item.summary.messageId, detail });
  };
  events.on('delivery', onDelivery);
  return () => events.off('delivery', onDelivery);
}
