// What an audit entry records: one constant table, so the HTTP layer, the CLI, the dashboard's
// filter and the docs share one spelling. Adding an action is adding a row here.
export const AUDIT_ACTIONS = Object.freeze({
  'sign-in': 'an officer or a token signed in',
  'sign-in-refused': 'a sign-in was refused (wrong credentials, unknown or disabled account)',
  'sign-out': 'an officer signed out, or a session ended',
  submit: 'a message was submitted through the node',
  read: 'a message the node holds was read',
  acknowledge: 'a received message was acknowledged (read, actioned, rejected)',
  answer: 'an assistance request was answered',
  retract: 'a message the node sent was retracted',
  query: 'the region was asked whether identifiers are known (hit/no-hit): how many, of which kinds, and what the hub answered',
  hit: "the hub told this state of a hit: another state's report or query matched something it holds, or its own query was answered",
  export: 'data left the node as a file (a message, a report, the audit trail)',
  'permission-change': "an account's or token's roles or scopes were changed",
  'token-issue': 'an API token was issued',
  'token-revoke': 'an API token was revoked',
  'feed-open': "a liaison officer's feed was opened",
  'audit-read': 'the audit trail was read or searched',
  'access-denied': 'a request was refused for lack of permission',
  checkpoint: "the chain so far was signed with the state's key (written by the trail itself)",
});

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export const AUDIT_ACTION_NAMES = Object.freeze(Object.keys(AUDIT_ACTIONS) as AuditAction[]);

export const ACTOR_KINDS = Object.freeze(['officer', 'token', 'operator', 'node'] as const);
export type ActorKind = (typeof ACTOR_KINDS)[number];

export const OUTCOMES = Object.freeze(['ok', 'denied', 'failed'] as const);
export type AuditOutcome = (typeof OUTCOMES)[number];
