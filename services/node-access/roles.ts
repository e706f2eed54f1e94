// Who may do what on a state's node. One table of roles and one of API-token scopes, both mapped
// to the same permissions, so the HTTP layer checks a permission and never a role name.

export const PERMISSIONS = ['read', 'acknowledge', 'answer', 'send', 'retract', 'audit'] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Roles of people who sign in. Integrators are national systems and hold API tokens instead. */
export const OFFICER_ROLES = ['officer', 'supervisor', 'auditor'] as const;
export type OfficerRole = (typeof OFFICER_ROLES)[number];

export const ROLE_PERMISSIONS: Readonly<Record<OfficerRole, readonly Permission[]>> = Object.freeze({
  /** Reads what arrived, acknowledges it and answers assistance requests. */
  officer: ['read', 'acknowledge', 'answer'],
  /** Also speaks for the state: sends alerts, reports and requests, and retracts them. */
  supervisor: ['read', 'acknowledge', 'answer', 'send', 'retract'],
  /** Reads the audit trail and nothing else: an auditor watches, it does not take part. */
  auditor: ['audit'],
});

export const TOKEN_SCOPES = ['submit', 'read', 'acknowledge'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export const SCOPE_PERMISSIONS: Readonly<Record<TokenScope, readonly Permission[]>> = Object.freeze({
  /** A national case system files, answers and withdraws its own submissions. */
  submit: ['send', 'answer', 'retract'],
  read: ['read'],
  acknowledge: ['acknowledge'],
});

export function isOfficerRole(value: string): value is OfficerRole {
  return (OFFICER_ROLES as readonly string[]).includes(value);
}

export function isTokenScope(value: string): value is TokenScope {
  return (TOKEN_SCOPES as readonly string[]).includes(value);
}

export function permissionsOfScopes(scopes: readonly TokenScope[]): Permission[] {
  return PERMISSIONS.filter((permission) => scopes.some((scope) => SCOPE_PERMISSIONS[scope].includes(permission)));
}

/**
 * The permission a submission needs, by its `type`: answering a request is an officer's work,
 * speaking for the state (alerts, reports, requests, drill control) a supervisor's.
 */
export function permissionForSubmission(input: unknown): Permission {
  const type = typeof input === 'object' && input !== null ? (input as { type?: unknown }).type : undefined;
  switch (type) {
    case 'assistance-response': return 'answer';
    case 'acknowledgement': return 'acknowledge';
    case 'retraction': return 'retract';
    default: return 'send';
  }
}
