// Officer accounts and API tokens in memory, for tests of the HTTP layer without a broker. Password
// hashes use a low scrypt cost so tests stay fast; the stored format is the real one.
import {
  hashPassword, newApiToken, type AccessLookup, type ApiTokenRecord, type OfficerAccount, type OfficerRole, type TokenScope,
} from '../../services/node-access/mod.ts';

export const TEST_SCRYPT = { cost: 2 ** 10, blockSize: 8, parallelization: 1 } as const;

export class MemoryAccess implements AccessLookup {
  readonly officers = new Map<string, OfficerAccount>();
  readonly tokens = new Map<string, ApiTokenRecord>();

  async officer(officerRef: string) {
    return this.officers.get(officerRef);
  }

  async token(tokenId: string) {
    return this.tokens.get(tokenId);
  }

  async addOfficer(officerRef: string, role: OfficerRole, password: string, unit = 'IDN-NCB'): Promise<OfficerAccount> {
    const account: OfficerAccount = { officerRef, role, unit, passwordHash: await hashPassword(password, TEST_SCRYPT), createdAtUnixMs: Date.now(), updatedAtUnixMs: Date.now() };
    this.officers.set(officerRef, account);
    return account;
  }

  addToken(scopes: readonly TokenScope[], name = 'case-system', unit = 'IDN-CASES'): { token: string; tokenId: string } {
    const fresh = newApiToken();
    this.tokens.set(fresh.tokenId, { tokenId: fresh.tokenId, name, unit, scopes, secretDigest: fresh.secretDigest, createdAtUnixMs: Date.now() });
    return { token: fresh.token, tokenId: fresh.tokenId };
  }

  revoke(tokenId: string): void {
    const record = this.tokens.get(tokenId);
    if (record) this.tokens.set(tokenId, { ...record, revokedAtUnixMs: Date.now() });
  }

  disable(officerRef: string): void {
    const account = this.officers.get(officerRef);
    if (account) this.officers.set(officerRef, { ...account, disabledAtUnixMs: Date.now() });
  }
}
