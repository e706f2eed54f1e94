// Officer accounts and API tokens in the KV bucket TIPNODE_ACCESS on the state's own leaf. The
// node reads a record on every request (a local read), so a disabled account or a revoked token
// stops working at once, and the CLI can manage access while the node runs.
import { StorageType } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { NODE_BUCKETS } from '../core/mod.ts';
import { AccessError } from './access-error.ts';
import type { ApiTokenRecord, OfficerAccount } from './access-records.ts';
import { newApiToken } from './api-tokens.ts';
import { DEFAULT_SCRYPT, hashPassword, passwordProblems, type ScryptParameters } from './passwords.ts';
import type { OfficerRole, TokenScope } from './roles.ts';

const officerKey = (officerRef: string) => `officer.${officerRef}`;
const tokenKey = (tokenId: string) => `token.${tokenId}`;

export interface NewOfficer {
  readonly officerRef: string;
  readonly role: OfficerRole;
  readonly unit: string;
  readonly password: string;
}

export interface NewToken {
  readonly name: string;
  readonly unit: string;
  readonly scopes: readonly TokenScope[];
}

export class AccessStore {
  private constructor(private readonly kv: KV, private readonly now: () => number, private readonly scrypt: ScryptParameters) {}

  /** `scrypt`: the cost of new password hashes (tests lower it; each hash records its own). */
  static async open(nc: NatsConnection, options: { now?: () => number; scrypt?: ScryptParameters } = {}): Promise<AccessStore> {
    const kv = await new Kvm(nc).create(NODE_BUCKETS.access, { history: 5, storage: StorageType.File });
    return new AccessStore(kv, options.now ?? Date.now, options.scrypt ?? DEFAULT_SCRYPT);
  }

  async officer(officerRef: string): Promise<OfficerAccount | undefined> {
    return this.read<OfficerAccount>(officerKey(officerRef));
  }

  async token(tokenId: string): Promise<ApiTokenRecord | undefined> {
    return this.read<ApiTokenRecord>(tokenKey(tokenId));
  }

  /** Refuses an officer reference already taken (disabled accounts included: a reference is never reused). */
  async addOfficer(officer: NewOfficer): Promise<OfficerAccount> {
    const problems = passwordProblems(officer.password);
    if (problems.length > 0) throw new AccessError('WEAK_PASSWORD', problems.join('; '));
    const now = this.now();
    const account: OfficerAccount = {
      officerRef: officer.officerRef, role: officer.role, unit: officer.unit,
      passwordHash: await hashPassword(officer.password, this.scrypt), createdAtUnixMs: now, updatedAtUnixMs: now,
    };
    try {
      await this.kv.create(officerKey(officer.officerRef), JSON.stringify(account));
    } catch {
      throw new AccessError('OFFICER_EXISTS', `officer ${officer.officerRef} already exists; choose another reference or change that account`);
    }
    return account;
  }

  async updateOfficer(officerRef: string, change: { role?: OfficerRole; unit?: string; password?: string; disabled?: boolean }): Promise<OfficerAccount> {
    const current = await this.officer(officerRef);
    if (!current) throw new AccessError('UNKNOWN_OFFICER', `no officer ${officerRef} on this node`);
    if (change.password !== undefined) {
      const problems = passwordProblems(change.password);
      if (problems.length > 0) throw new AccessError('WEAK_PASSWORD', problems.join('; '));
    }
    const { disabledAtUnixMs, ...rest } = current;
    const disabled = change.disabled ?? disabledAtUnixMs !== undefined;
    const next: OfficerAccount = {
      ...rest,
      ...(change.role ? { role: change.role } : {}),
      ...(change.unit ? { unit: change.unit } : {}),
      ...(change.password !== undefined ? { passwordHash: await hashPassword(change.password, this.scrypt) } : {}),
      updatedAtUnixMs: this.now(),
      ...(disabled ? { disabledAtUnixMs: disabledAtUnixMs ?? this.now() } : {}),
    };
    await this.kv.put(officerKey(officerRef), JSON.stringify(next));
    return next;
  }

  /** The whole token is returned once, here; only its digest is stored. */
  async addToken(request: NewToken): Promise<{ record: ApiTokenRecord; token: string }> {
    const fresh = newApiToken();
    const record: ApiTokenRecord = {
      tokenId: fresh.tokenId, name: request.name, unit: request.unit, scopes: [...new Set(request.scopes)],
      secretDigest: fresh.secretDigest, createdAtUnixMs: this.now(),
    };
    await this.kv.create(tokenKey(fresh.tokenId), JSON.stringify(record));
    return { record, token: fresh.token };
  }

  async revokeToken(tokenId: string): Promise<ApiTokenRecord> {
    const current = await this.token(tokenId);
    if (!current) throw new AccessError('UNKNOWN_TOKEN', `no token ${tokenId} on this node`);
    if (current.revokedAtUnixMs !== undefined) return current;
    const next = { ...current, revokedAtUnixMs: this.now() };
    await this.kv.put(tokenKey(tokenId), JSON.stringify(next));
    return next;
  }

  async officers(): Promise<OfficerAccount[]> {
    return this.list<OfficerAccount>('officer.>');
  }

  async tokens(): Promise<ApiTokenRecord[]> {
    return this.list<ApiTokenRecord>('token.>');
  }

  private async read<T>(key: string): Promise<T | undefined> {
    const entry = await this.kv.get(key);
    return entry && entry.operation === 'PUT' ? entry.json<T>() : undefined;
  }

  private async list<T>(filter: string): Promise<T[]> {
    const keys: string[] = [];
    for await (const key of await this.kv.keys(filter)) keys.push(key);
    const values = await Promise.all(keys.sort().map((key) => this.read<T>(key)));
    return values.filter((value): value is Awaited<T> => value !== undefined) as T[];
  }
}
