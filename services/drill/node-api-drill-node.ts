// A state's node reached over its HTTP API, as `tipnet drill --against` uses it: the drill acts as
// the state's national system with the state's API token, as any integrator would. Refusals for
// what a request is (4xx but 429) are final; a node that is down, busy or restarting (network
// errors, 429, 5xx) is tried again by the caller.
import type { Actor, FeedItem, MessageStatus } from '../node/mod.ts';
import { DrillNodeRefusal, type DrillExportQuery, type DrillNode } from './drill-node.ts';

export interface NodeApiAccess {
  readonly state: string;
  /** The node's base URL, e.g. http://10.0.1.5:8080 */
  readonly url: string;
  /** An API token with the scopes submit, read and acknowledge. */
  readonly token: string;
}

/** A node that did not answer, or answered that it cannot take the request now. */
export class NodeUnavailable extends Error {
  override readonly name = 'NodeUnavailable';
}

export function nodeApiDrillNode(access: NodeApiAccess): DrillNode {
  const call = (path: string, init: RequestInit = {}) => callNodeApi(access, path, init);
  return {
    state: access.state,
    async submit(request, options) {
      const headers: Record<string, string> = { 'content-type': 'application/json', ...(options?.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}) };
      return (await call('/api/messages', { method: 'POST', headers, body: JSON.stringify(request) })) as { messageId: string };
    },
    async status(messageId) {
      try {
        return (await call(`/api/messages/${encodeURIComponent(messageId)}/status`)) as MessageStatus;
      } catch (error) {
        if (error instanceof DrillNodeRefusal && error.status === 404) return undefined;
        throw error;
      }
    },
    // The node names the acting unit from the token; a national system's token acts for its unit.
    acknowledge: (messageId, status, _actor: Actor) =>
      call(`/api/messages/${encodeURIComponent(messageId)}/acknowledge`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status }) }),
    exportStix: (query) => call(`/api/export/stix?${exportParams(query)}`),
    exportMisp: (query) => call(`/api/export/misp?${exportParams(query)}`),
  };
}

function exportParams(query: DrillExportQuery): string {
  return new URLSearchParams({ exercise: String(query.includeExercise) }).toString();
}

async function callNodeApi(access: NodeApiAccess, path: string, init: RequestInit): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(new URL(path, access.url), { ...init, headers: { ...(init.headers as Record<string, string> | undefined), authorization: `Bearer ${access.token}` } });
  } catch (error) {
    throw new NodeUnavailable(`${access.state}'s node at ${access.url} does not answer (${causeOf(error)})`);
  }
  const body = (await response.json().catch(() => ({}))) as { error?: string; message?: string; problems?: string[] };
  if (response.ok) return body;
  const message = [body.message ?? response.statusText, ...(body.problems ?? [])].join('; ');
  if (response.status === 429 || response.status >= 500) throw new NodeUnavailable(`${access.state}'s node answered ${response.status} ${body.error ?? ''}: ${message}`);
  throw new DrillNodeRefusal(access.state, response.status, body.error ?? `HTTP_${response.status}`, message);
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? cause.message : String(error);
}

/**
 * Follows the node's live feed (server-sent events) until stopped, reconnecting after a drop. A
 * delivery that arrives while the stream is reconnecting is not seen here: the drill's inbox
 * witness counts deliveries, this only lets simulated officers react.
 */
export function followNodeFeed(access: NodeApiAccess, onItem: (item: FeedItem) => void, onError: (error: unknown) => void): { stop(): void; ready: Promise<void> } {
  const abort = new AbortController();
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  void (async () => {
    while (!abort.signal.aborted) {
      try {
        await readFeedOnce(access, abort.signal, onItem, markReady);
      } catch (error) {
        if (abort.signal.aborted) return;
        onError(error);
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  })();
  return { stop: () => abort.abort(), ready };
}

async function readFeedOnce(access: NodeApiAccess, signal: AbortSignal, onItem: (item: FeedItem) => void, onReady: () => void): Promise<void> {
  const response = await fetch(new URL('/api/feed', access.url), { headers: { authorization: `Bearer ${access.token}`, accept: 'text/event-stream' }, signal });
  if (!response.ok || !response.body) throw new NodeUnavailable(`${access.state}'s feed answered ${response.status}`);
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const frame = parseFrame(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      if (frame?.event === 'ready') onReady();
      else if (frame?.data) onItem(JSON.parse(frame.data) as FeedItem);
    }
  }
}

/** One server-sent event: its `event:` name and `data:` lines; comments (keep-alives) give undefined. */
export function parseFrame(text: string): { event: string; data: string } | undefined {
  let event = 'message';
  const data: string[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  return data.length === 0 && event === 'message' ? undefined : { event, data: data.join('\n') };
}
