// Who is calling: a signed-in officer or a national system with an API token. Every request is
// answered on behalf of one caller; the HTTP layer checks permissions, never role names.
import type { OfficerRole, Permission, TokenScope } from './roles.ts';

export type Caller = OfficerCaller | TokenCaller;

export interface OfficerCaller {
  readonly kind: 'officer';
  /** The officer reference: names the officer's durable feed and appears on acknowledgements. */
  readonly id: string;
  readonly role: OfficerRole;
  readonly unit: string;
  /** How the officer signed in: a local account on this node, or the ministry's identity provider. */
  readonly via: 'local' | 'oidc';
  readonly permissions: readonly Permission[];
}

export interface TokenCaller {
  readonly kind: 'token';
  /** The token id (never the secret). */
  readonly id: string;
  readonly name: string;
  readonly unit: string;
  readonly scopes: readonly TokenScope[];
  readonly permissions: readonly Permission[];
}

/** One key per caller for rate limits, feed caps and idempotency namespaces. */
export function callerKey(caller: Caller): string {
  return `${caller.kind}:${caller.id}`;
}

export function callerRole(caller: Caller): string {
  return caller.kind === 'officer' ? caller.role : 'integrator';
}

export function mayDo(caller: Caller, permission: Permission): boolean {
  return caller.permissions.includes(permission);
}
