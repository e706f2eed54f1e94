// A local deployment's first users of each node: one duty supervisor account and one API token
// for the state's national system, so `tipnet up` works on a fresh machine with no extra step.
// Their secrets are written once, to a 0600 file in the run folder, and never printed or logged.
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import type { NatsConnection } from '@nats-io/transport-node';
import { openAuditTrail } from '../audit/mod.ts';
import type { StateCode } from '../core/mod.ts';
import { AccessStore } from '../node-access/mod.ts';

export interface NodeCredentialsFile {
  readonly state: StateCode;
  readonly officer: { readonly officer: string; readonly role: 'supervisor'; readonly unit: string; readonly password: string };
  readonly tokenId: string;
  readonly token: string;
}

export function dutyOfficerRef(state: StateCode): string {
  return `${state.toLowerCase()}-duty`;
}

/** Creates the accounts once; a second run against the same leaf keeps what exists and says so. */
export async function provisionNodeAccess(nc: NatsConnection, state: StateCode, path: string): Promise<NodeCredentialsFile | undefined> {
  const store = await AccessStore.open(nc);
  const officer = dutyOfficerRef(state);
  if (await store.officer(officer)) return undefined;
  const password = randomBytes(18).toString('base64url');
  const unit = `${state}-LIAISON`;
  await store.addOfficer({ officerRef: officer, role: 'supervisor', unit, password });
  const { record, token } = await store.addToken({ name: `${state} national case system`, unit: `${state}-CASES`, scopes: ['submit', 'read', 'acknowledge'] });
  const credentials: NodeCredentialsFile = { state, officer: { officer, role: 'supervisor', unit, password }, tokenId: record.tokenId, token };
  // The deployment's own changes are in the trail like any operator's.
  const trail = await openAuditTrail(nc, { state });
  const actor = { kind: 'operator' as const, id: 'tipnet-up' };
  await trail.append({ actor, action: 'permission-change', target: officer, outcome: 'ok', detail: 'officer added role=supervisor' });
  await trail.append({ actor, action: 'token-issue', target: record.tokenId, outcome: 'ok', detail: 'scopes=submit,read,acknowledge' });
  await trail.close();
  await writeFile(path, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  return credentials;
}
