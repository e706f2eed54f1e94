// What the HTTP layer adds to Fastify's request and route config: the authenticated caller, and
// per route whether it is public and which permission it needs.
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

/** One audit trail entry as the HTTP layer describes it; the trail adds sequence, time and hashes. */
export interface AuditEvent {
  readonly action: string;
  readonly outcome: 'ok' | 'denied' | 'failed';
  readonly actor: { readonly kind: 'officer' | 'token' | 'anonymous'; readonly id: string; readonly unit?: string; readonly role?: string };
  readonly from?: string;
  readonly messageId?: string;
  readonly target?: string;
  /** Codes and ids only (e.g. "payload=case-alert"), never content. */
  readonly detail?: string;
}

export interface AuditRecorder {
  record(event: AuditEvent): Promise<void>;
}

/** For tests and tools that run the API without a trail. */
export const NO_AUDIT: AuditRecorder = { record: async () => undefined };
