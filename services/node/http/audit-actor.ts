// The actor of an audit entry: who the caller is, never a secret.
import { callerRole, type Caller } from '../../node-access/mod.ts';
import type { AuditEvent } from './http-types.ts';

export function actorOf(caller: Caller): AuditEvent['actor'] {
  return { kind: caller.kind, id: caller.id, unit: caller.unit, role: callerRole(caller) };
}
