// Errors, unknown paths and aborted requests, answered in the node's one error shape. Input
// problems name the field and rule; anything unexpected is logged with its cause and answered
// without it; a client that goes away is one warn line, not an error.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { InputValidationError, type Logger } from '../../core/mod.ts';
import { errorAnswer } from '../http-errors.ts';
import { FRAMEWORK_ERRORS } from './http-answers.ts';

export function installErrorAnswers(app: FastifyInstance, logger: Logger): void {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (reply.sent || reply.raw.headersSent) return;
    // The caller left (its close was logged): nobody reads the answer, and the cause is not news.
    if (request.raw.socket?.destroyed) return;
    const known = error.code ? FRAMEWORK_ERRORS[error.code] : undefined;
    if (known) {
      const { status, ...body } = known;
      return reply.code(status).send(body);
    }
    if (error.statusCode === 429) return reply.code(429).send({ error: 'RATE_LIMITED', message: error.message });
    if (!(error instanceof InputValidationError) && error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      // A client error Fastify or a plugin raised that has no row above: its status, a generic code.
      return reply.code(error.statusCode).send({ error: 'BAD_REQUEST', message: 'the request could not be read' });
    }
    const answer = errorAnswer(error, logger);
    if (answer.status >= 500) logger.warn({ method: request.method, route: request.routeOptions.url }, 'request answered 503');
    return reply.code(answer.status).header('cache-control', 'no-store').send(answer.body);
  });
  app.setNotFoundHandler(async (request, reply) => reply.code(404).send({ error: 'NOT_FOUND', message: `no ${request.method} ${new URL(request.url, 'http://node.invalid').pathname}` }));
  // A client that goes away before its answer (gave up on a slow hub, closed the tab): one warn
  // line. Fastify's onRequestAbort only sees a body cut short, so the answer's stream is watched.
  // Feeds (hijacked streams) end that way normally and are left out.
  app.addHook('onRequest', async (request, reply) => {
    reply.raw.once('close', () => {
      if (reply.raw.writableFinished || (reply.sent && !reply.raw.writableEnded)) return;
      logger.warn({ method: request.method, route: request.routeOptions.url }, 'client closed the request before the answer');
    });
  });
}

/** Errors Fastify meets before routing (a malformed %-encoding in the path): 400 in the node's words. */
export function frameworkErrorAnswer(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const known = FRAMEWORK_ERRORS[error.code] ?? { status: 400, error: 'BAD_REQUEST', message: 'the request could not be read' };
  const { status, ...body } = known;
  void reply.code(status).header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(body));
}
