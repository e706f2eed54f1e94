// The dashboard's static files (public: the page itself asks the officer to sign in).
import type { FastifyInstance } from 'fastify';
import type { DashboardFiles } from '../dashboard-files.ts';

export function dashboardRoutes(app: FastifyInstance, files: DashboardFiles): void {
  for (const [path, file] of files) {
    app.get(path, { config: { public: true }, schema: { hide: true } }, async (_request, reply) =>
      reply.header('content-type', file.contentType).header('cache-control', 'no-cache').send(file.body));
  }
}
