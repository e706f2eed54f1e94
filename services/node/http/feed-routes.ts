// Server-sent event feeds. Each caller may hold a few open at once; a durable feed (one consumer
// on the inbox that resumes where its reader stopped) belongs to a signed-in officer and is named
// after them, so no caller can create consumers at will or read another officer's position.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ACCESS_LIMITS } from '../../core/mod.ts';
import { callerKey, type Caller } from '../../node-access/mod.ts';
import { parseFeedFilter } from '../feed-filter.ts';
import { streamFeed } from '../sse.ts';
import type { AuditRecorder } from './http-types.ts';
import { actorOf } from './audit-actor.ts';
import { searchParams } from './message-routes.ts';
import type { NodeApi } from './node-api.ts';
import { errorAnswer, feedStreamQuery } from './route-schemas.ts';

export interface FeedTracking {
  readonly streams: Set<Promise<void>>;
  readonly openPerCaller: Map<string, number>;
}

export function feedRoutes(app: FastifyInstance, node: NodeApi, audit: AuditRecorder, tracking: FeedTracking, maxOpen: number = ACCESS_LIMITS.maxOpenFeedsPerCaller): void {
  app.get('/api/feed', {
    config: { permission: 'read' },
    schema: {
      summary: 'Server-sent events: delivery, receipt, escalation (a FeedItem as data); "ready" once open',
      description: `At most ${maxOpen} open feeds per caller (429 TOO_MANY_FEEDS). durable=true is for signed-in officers: their own feed, kept while they use it.`,
      tags: ['feeds'], querystring: feedStreamQuery, response: { 400: errorAnswer, 403: errorAnswer, 429: errorAnswer },
    },
  }, async (request, reply) => {
    const caller = request.caller as Caller;
    const params = searchParams(request);
    if (params.has('officer')) {
      return reply.code(400).send({ error: 'INVALID_INPUT', message: 'the input breaks the rules listed in problems', problems: ['officer: is no longer accepted; a durable feed belongs to the signed-in officer (use durable=true)'] });
    }
    const filter = parseFeedFilter(params);
    const durable = (request.query as z.output<typeof feedStreamQuery>).durable === 'true';
    if (durable && caller.kind !== 'officer') {
      return reply.code(403).send({ error: 'FORBIDDEN', message: 'durable feeds are kept for signed-in officers only; a national system reads /api/received', missingPermission: 'officer sign-in' });
    }
    const key = callerKey(caller);
    const open = tracking.openPerCaller.get(key) ?? 0;
    if (open >= maxOpen) return reply.code(429).send({ error: 'TOO_MANY_FEEDS', message: `at most ${maxOpen} feeds may be open at once per caller; close one first` });
    tracking.openPerCaller.set(key, open + 1);
    const release = () => {
      const now = (tracking.openPerCaller.get(key) ?? 1) - 1;
      if (now <= 0) tracking.openPerCaller.delete(key);
      else tracking.openPerCaller.set(key, now);
    };
    let feed;
    try {
      feed = durable ? await node.feed(caller.id, filter) : node.liveFeed(filter);
    } catch (error) {
      release();
      throw error;
    }
    await audit.record({ action: 'feed-open', outcome: 'ok', actor: actorOf(caller), from: request.ip, detail: durable ? 'durable' : 'live' });
    reply.hijack();
    const headers = reply.getHeaders() as Record<string, string>;
    await streamFeed(reply.raw, feed, (done) => {
      const tracked = done.finally(release);
      tracking.streams.add(tracked);
      void tracked.finally(() => tracking.streams.delete(tracked));
    }, headers);
  });
}
