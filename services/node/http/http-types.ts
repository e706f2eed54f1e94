// What the HTTP layer adds to Fastify's request and route config: the authenticated caller, and
// per route whether it is public and which permission it needs.
import type { AuditDraft, AuditPage, AuditPageQuery } from '../../audit/mod.ts';
import type { Caller, Permission } from '../../node-access/mod.ts';

/** `submission`: the permission follows the submitted document's type (permissionForSubmission). */
export type RoutePermission = Permission | 'submission' | 'signed-in';

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null;
  }
  interface FastifyContextConfig {
    /** Served without credentials: the dashboard's files, the OpenAPI document, sign-in. */
    public?: boolean;
    permission?: RoutePermission;
  }
}

/** One audit trail entry as the HTTP layer describes it (codes and ids only, never content); the trail adds sequence, time and hashes. */
export type AuditEvent = AuditDraft;

export interface AuditRecorder {
  /** Never throws: an entry that cannot be written is logged as an error, the request goes on. */
  record(event: AuditEvent): Promise<void>;
  /** The auditor's view; absent where the node runs without a trail. */
  page?(query: AuditPageQuery): Promise<AuditPage>;
}

/** For tests and tools that run the API without a trail. */
export const NO_AUDIT: AuditRecorder = { record: async () => undefined };
