// `tipnet access officer|token ...`: who may use a state's node. Run by the node's operator on
// the node's host: it reads the node's configuration to reach the state's leaf, where the node
// keeps accounts and tokens (TIPNODE_ACCESS). Passwords and tokens are shown or written once;
// only their hashes are stored. Every change is an entry in the node's audit trail, by the
// operator (--operator, default the OS user), closed by a checkpoint signed with the state's key.
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  AccessError, AccessStore, isOfficerRole, isTokenScope, officerListing, OFFICER_REF_PATTERN, OFFICER_ROLES, tokenListing, TOKEN_SCOPES,
  type OfficerRole, type TokenScope,
} from '../../node-access/mod.ts';
import { openAuditTrail, type AuditDraft, type AuditTrail } from '../../audit/mod.ts';
import { readSigningKey } from '../../core/mod.ts';
import { natsConnectOptions } from '../../nats-client/mod.ts';
import { readNodeConfig } from '../../node/mod.ts';
import type { Command } from '../command.ts';
import { localHost, operatorFrom } from './audit-sources.ts';

const USAGE = `tipnet access officer add <ref> --role <role> --unit <unit> [--password-file <file>]
tipnet access officer set <ref> [--role <role>] [--unit <unit>] [--password-file <file>] [--disable | --enable]
tipnet access officer list
tipnet access token create --name <name> --unit <unit> --scopes <submit,read,acknowledge> [--out <file>]
tipnet access token revoke <token-id>
tipnet access token list
(each with --config <node config>)`;

class UsageError extends Error {}

export const accessCommand: Command = {
  name: 'access',
  summary: "manage who may use a node: officer accounts (roles) and national systems' API tokens (scopes)",
  usage: 'officer add|set|list [ref] | token create|revoke|list [token-id]',
  options: {
    config: { type: 'string', description: "the node's configuration file (to reach its leaf)", valueName: 'file', required: true },
    role: { type: 'string', description: `officer role: ${OFFICER_ROLES.join(', ')}`, valueName: 'role' },
    unit: { type: 'string', description: 'the unit named on what the officer or system acknowledges, e.g. KHM-NCB-PHNOM-PENH', valueName: 'unit' },
    'password-file': { type: 'string', description: 'file holding the new password (default: TIPNET_PASSWORD, else a generated one, shown once)', valueName: 'file' },
    disable: { type: 'boolean', description: 'disable the account (its sessions end at once)' },
    enable: { type: 'boolean', description: 'enable a disabled account' },
    name: { type: 'string', description: 'what the token is for, e.g. "national case system"', valueName: 'name' },
    scopes: { type: 'string', description: `token scopes, comma-separated: ${TOKEN_SCOPES.join(', ')}`, valueName: 'scopes' },
    out: { type: 'string', description: 'write the new token to this file (mode 0600) instead of printing it', valueName: 'file' },
    operator: { type: 'string', description: 'who is making the change, for the audit trail (default: the OS user name)', valueName: 'id' },
  },
  async run({ values, positionals }) {
    const [subject, verb, target] = positionals;
    let nc: NatsConnection | undefined;
    let trail: AuditTrail | undefined;
    try {
      if (subject !== 'officer' && subject !== 'token') throw new UsageError('say what to manage: officer or token');
      const config = readNodeConfig(String(values.config));
      const operator = operatorFrom(values.operator);
      nc = await connect({ ...natsConnectOptions(config.leaf), name: 'tipnet access' });
      const store = await AccessStore.open(nc);
      trail = await openAuditTrail(nc, { state: config.state, signingKey: await readSigningKey(config.signingKeyFile) });
      const opened = trail;
      const record: Recorder = (change) => opened.append({ ...change, actor: operator, outcome: 'ok', ...localHost() }).then(() => undefined);
      return subject === 'officer' ? await officerAction(store, verb, target, values, record) : await tokenAction(store, verb, target, values, record);
    } catch (error) {
      if (error instanceof UsageError) {
        console.error(`tipnet access: ${error.message}\n\n${USAGE}`);
        return 2;
      }
      if (error instanceof AccessError) {
        console.error(`tipnet access: ${error.code}: ${error.message}`);
        return 1;
      }
      throw error;
    } finally {
      await trail?.close();
      await nc?.close();
    }
  },
};

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;
type Recorder = (change: Pick<AuditDraft, 'action' | 'target' | 'detail'>) => Promise<void>;

async function officerAction(store: AccessStore, verb: string | undefined, ref: string | undefined, values: Values, record: Recorder): Promise<number> {
  if (verb === 'list') {
    for (const account of await store.officers()) console.log(JSON.stringify(officerListing(account)));
    return 0;
  }
  if (!ref || !OFFICER_REF_PATTERN.test(ref)) throw new UsageError('give the officer reference: 1 to 64 letters, digits, dots, dashes or underscores');
  const role = optionalRole(values.role);
  const unit = typeof values.unit === 'string' ? values.unit.trim() : undefined;
  if (verb === 'add') {
    if (!role || !unit) throw new UsageError('officer add needs --role and --unit');
    const { password, generated } = await newPassword(values['password-file']);
    await store.addOfficer({ officerRef: ref, role, unit, password });
    await record({ action: 'permission-change', target: ref, detail: `officer added role=${role}` });
    console.log(`officer ${ref} added as ${role} of ${unit}`);
    if (generated) console.log(`password (shown once; give it to the officer and have it changed): ${password}`);
    return 0;
  }
  if (verb === 'set') {
    if (values.disable && values.enable) throw new UsageError('--disable and --enable exclude each other');
    const password = typeof values['password-file'] === 'string' ? (await newPassword(values['password-file'])).password : undefined;
    const change = { ...(role ? { role } : {}), ...(unit ? { unit } : {}), ...(password ? { password } : {}), ...(values.disable ? { disabled: true } : values.enable ? { disabled: false } : {}) };
    const account = await store.updateOfficer(ref, change);
    const changed = [role ? `role=${role}` : '', unit ? 'unit' : '', password ? 'password' : '', values.disable ? 'disabled' : values.enable ? 'enabled' : ''].filter(Boolean).join(' ');
    await record({ action: 'permission-change', target: ref, detail: `officer changed ${changed || 'nothing'}` });
    console.log(JSON.stringify(officerListing(account)));
    return 0;
  }
  throw new UsageError(`unknown officer action "${verb ?? ''}"`);
}

async function tokenAction(store: AccessStore, verb: string | undefined, tokenId: string | undefined, values: Values, record: Recorder): Promise<number> {
  if (verb === 'list') {
    for (const record of await store.tokens()) console.log(JSON.stringify(tokenListing(record)));
    return 0;
  }
  if (verb === 'revoke') {
    if (!tokenId) throw new UsageError('give the token id (tipnet access token list shows them)');
    const revoked = await store.revokeToken(tokenId);
    await record({ action: 'token-revoke', target: revoked.tokenId });
    console.log(`token ${revoked.tokenId} (${revoked.name}) revoked; it is refused from now on`);
    return 0;
  }
  if (verb === 'create') {
    const scopes = String(values.scopes ?? '').split(',').map((scope) => scope.trim()).filter(Boolean);
    const unknown = scopes.filter((scope) => !isTokenScope(scope));
    if (typeof values.name !== 'string' || typeof values.unit !== 'string' || scopes.length === 0 || unknown.length > 0) {
      throw new UsageError(`token create needs --name, --unit and --scopes from ${TOKEN_SCOPES.join(', ')}${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}`);
    }
    const { record: issued, token } = await store.addToken({ name: values.name.trim(), unit: values.unit.trim(), scopes: scopes as TokenScope[] });
    await record({ action: 'token-issue', target: issued.tokenId, detail: `scopes=${issued.scopes.join(',')}` });
    if (typeof values.out === 'string') {
      await writeFile(values.out, `${JSON.stringify({ tokenId: issued.tokenId, token }, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
      console.log(`token ${issued.tokenId} (${issued.scopes.join(', ')}) written to ${values.out}`);
    } else {
      console.log(`token ${issued.tokenId} (${issued.scopes.join(', ')}); shown once, store it now:\n${token}`);
    }
    return 0;
  }
  throw new UsageError(`unknown token action "${verb ?? ''}"`);
}

function optionalRole(value: unknown): OfficerRole | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !isOfficerRole(value)) throw new UsageError(`--role must be one of ${OFFICER_ROLES.join(', ')}`);
  return value;
}

async function newPassword(file: unknown): Promise<{ password: string; generated: boolean }> {
  if (typeof file === 'string') return { password: (await readFile(file, 'utf8')).replace(/\r?\n$/, ''), generated: false };
  if (process.env.TIPNET_PASSWORD) return { password: process.env.TIPNET_PASSWORD, generated: false };
  return { password: randomBytes(18).toString('base64url'), generated: true };
}
