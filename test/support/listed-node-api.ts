// A node for tests of the HTTP layer without a broker: parsing, hashing and signing are real,
// publishing and acknowledging are lists, feeds stay open until closed.
import { generateSigningKey } from '../../services/core/signing/mod.ts';
import { prepareSubmission, replyDeadlines, type NodeApi, type OfficerFeed } from '../../services/node/mod.ts';
import { TEST_MATCHING_KEY } from './validation-fixtures.ts';
import { NodeEvents } from '../../services/node/node-events.ts';

export interface ListedNodeApi {
  readonly node: NodeApi;
  readonly published: string[];
  readonly acknowledged: { id: string; status: string; actor?: unknown }[];
}

export function idleFeed(): OfficerFeed {
  let stop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => { stop = resolve; });
  return {
    async *[Symbol.asyncIterator]() { await stopped; },
    async close() { stop(); },
  };
}

export function listedNodeApi(state = 'IDN'): ListedNodeApi {
  const published: string[] = [];
  const acknowledged: ListedNodeApi['acknowledged'] = [];
  const signingKey = generateSigningKey(state);
  const prepare = (json: unknown) => prepareSubmission(json, { state, signingKey, matchingKey: TEST_MATCHING_KEY, deadlines: replyDeadlines(), nowMs: Date.now() });
  const node: NodeApi = {
    state,
    validate(json) { prepare(json); },
    async submit(json) {
      const { envelope } = prepare(json);
      published.push(envelope.messageId);
      return { messageId: envelope.messageId, duplicate: false };
    },
    async acknowledge(id, status, actor) {
      acknowledged.push({ id, status, actor });
      return { messageId: '00000000-0000-4000-8000-000000000001', duplicate: false };
    },
    status: () => undefined, sent: () => [], received: () => [], receivedMessage: () => undefined,
    due: () => ({ toAnswer: [], awaitingAnswer: [] }), feed: async () => idleFeed(), liveFeed: () => idleFeed(),
    inbox: (query) => ({ items: [], total: 0, page: query.page, pageSize: query.pageSize }), detail: () => undefined, caseThread: () => undefined, caseLinks: () => undefined,
    exportStix: () => ({ type: 'bundle', id: 'bundle--00000000-0000-5000-8000-000000000000', objects: [] }), exportMisp: () => ({ response: [] }),
    // Nothing here answers a query: a query this node published stays pending.
    events: new NodeEvents(),
    queryOutcome: (id) => (published.includes(id) ? { queryMessageId: id, outcome: 'pending' } : undefined),
    awaitQueryOutcome: async (id) => (published.includes(id) ? { queryMessageId: id, outcome: 'pending' } : undefined),
  };
  return { node, published, acknowledged };
}
