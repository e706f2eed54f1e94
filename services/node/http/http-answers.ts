// Every answer the HTTP layer gives on its own (refusals before a route runs, framework errors) in
// the node's one error shape: {error, message, problems?}.
import type { FastifyReply } from 'fastify';
import type { GuardVerdict } from './request-guards.ts';

export function refuse(reply: FastifyReply, verdict: GuardVerdict, extra: Record<string, unknown> = {}): FastifyReply {
  return reply.code(verdict.status).header('cache-control', 'no-store').send({ error: verdict.error, message: verdict.message, ...extra });
}

/** Fastify's own client errors, by their code, in the node's words. */
export const FRAMEWORK_ERRORS: Readonly<Record<string, { status: number; error: string; message: string; problems?: string[] }>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, error: 'BODY_TOO_LARGE', message: 'the body is larger than the node accepts' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, error: 'UNSUPPORTED_MEDIA_TYPE', message: 'send JSON with "Content-Type: application/json"' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, error: 'INVALID_INPUT', message: 'the input breaks the rules listed in problems; nothing was sent', problems: ['(body): is empty; send a JSON document'] },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, error: 'INVALID_INPUT', message: 'the input breaks the rules listed in problems; nothing was sent', problems: ['(body): is not valid JSON'] },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, error: 'BAD_REQUEST', message: 'the Content-Length does not match the body' },
  FST_ERR_BAD_URL: { status: 400, error: 'BAD_REQUEST', message: 'the request path is not valid (a malformed %-encoding?)' },
  FST_ERR_ASYNC_CONSTRAINT: { status: 400, error: 'BAD_REQUEST', message: 'the request could not be routed' },
};
