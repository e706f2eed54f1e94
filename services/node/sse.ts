// Server-sent events: one `event:` line per feed item, `id:` the inbox sequence when there is one,
// and a comment every 15 s so proxies and browsers keep the stream open.
import type { ServerResponse } from 'node:http';
import type { FeedItem } from './node-events.ts';
import type { OfficerFeed } from './officer-feed.ts';

const HEARTBEAT_MS = 15_000;

/** `headers`: what the HTTP layer already set (security headers), kept on the stream's answer. */
export async function streamFeed(response: ServerResponse, feed: OfficerFeed, onClose: (done: Promise<void>) => void, headers: Record<string, string> = {}): Promise<void> {
  response.writeHead(200, {
    ...headers,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  response.write(': tipnet feed\n\n');
  response.write('event: ready\ndata: {}\n\n');
  const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), HEARTBEAT_MS);
  const closed = new Promise<void>((resolve) => response.once('close', resolve));
  const finished = (async () => {
    await closed;
    clearInterval(heartbeat);
    await feed.close();
  })();
  onClose(finished);
  for await (const item of feed) {
    if (response.destroyed) break;
    response.write(sseFrame(item));
  }
  if (!response.destroyed) response.end();
}

export function sseFrame(item: FeedItem): string {
  const id = item.streamSequence === undefined ? '' : `id: ${item.streamSequence}\n`;
  return `event: ${item.event}\n${id}data: ${JSON.stringify(item)}\n\n`;
}
