// Exports of what the node holds, for analysts' tools: GET /api/export/stix (a STIX 2.1 bundle)
// and GET /api/export/misp (MISP events). Read permission, and each export is audited as 'export':
// data leaving the node as a file. Exercise and TLP:RED content only when asked for.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CASE_REFERENCE } from '../../core/mod.ts';
import type { Caller } from '../../node-access/mod.ts';
import type { ExportQuery } from '../node-queries.ts';
import { actorOf } from './audit-actor.ts';
import type { AuditRecorder } from './http-types.ts';
import type { NodeApi } from './node-api.ts';
import { errorAnswer } from './route-schemas.ts';

export const exportQueryDoc = z.object({
  since: z.string().optional().meta({ description: 'ISO 8601 time: only messages created at or after it' }),
  case: z.string().optional().meta({ description: 'a case reference, e.g. IDN-2026-000123' }),
  exercise: z.string().optional().meta({ description: 'true: include exercise traffic (labelled with its drill id)' }),
  red: z.string().optional().meta({ description: "true: include TLP:RED messages, marked TLP:RED and for the node's own use only" }),
});

type ParsedExportQuery = { readonly query: ExportQuery } | { readonly problems: string[] };

/** Every bad parameter named at once. */
export function parseExportQuery(raw: z.output<typeof exportQueryDoc>): ParsedExportQuery {
  const problems: string[] = [];
  const since = raw.since === undefined ? undefined : Date.parse(raw.since);
  if (since !== undefined && Number.isNaN(since)) problems.push('since: must be an ISO 8601 time, e.g. 2026-11-18T00:00:00Z');
  if (raw.case !== undefined && !CASE_REFERENCE.test(raw.case)) problems.push('case: must look like "IDN-2026-000123"');
  for (const flag of ['exercise', 'red'] as const) {
    if (raw[flag] !== undefined && raw[flag] !== 'true' && raw[flag] !== 'false') problems.push(`${flag}: must be true or false`);
  }
  if (problems.length > 0) return { problems };
  return { query: { sinceUnixMs: since, caseReference: raw.case, includeExercise: raw.exercise === 'true', includeRed: raw.red === 'true' } };
}

export function exportRoutes(app: FastifyInstance, node: NodeApi, audit: AuditRecorder): void {
  for (const format of ['stix', 'misp'] as const) {
    app.get(`/api/export/${format}`, {
      config: { permission: 'read' },
      schema: {
        summary: format === 'stix'
          ? 'What the node holds (reports, alerts, hits) as a STIX 2.1 bundle; keyed identifiers only as hashes, victims as counts'
          : 'What the node holds (reports, alerts, hits) as MISP events, {"response":[{"Event":...}]}; keyed identifiers only as hashes',
        description: 'Exercise traffic and TLP:RED are left out unless asked for. Audited as export. See docs/export.md.',
        tags: ['export'], querystring: exportQueryDoc, response: { 400: errorAnswer },
      },
    }, async (request, reply) => {
      const parsed = parseExportQuery(request.query as z.output<typeof exportQueryDoc>);
      if ('problems' in parsed) return reply.code(400).send({ error: 'BAD_QUERY', message: parsed.problems.join('; ') });
      const body = format === 'stix' ? node.exportStix(parsed.query) : node.exportMisp(parsed.query);
      const detail = `${format} export; exercise ${parsed.query.includeExercise ? 'included' : 'left out'}; TLP:RED ${parsed.query.includeRed ? 'included' : 'left out'}`;
      await audit.record({ action: 'export', outcome: 'ok', actor: actorOf(request.caller as Caller), from: request.ip, detail });
      return body;
    });
  }
}
