// oidc-provider ships no type declarations and @types/oidc-provider is not a dependency: these are
// the few parts the test provider uses (v8 API), typed loosely where the provider takes plain data.
declare module 'oidc-provider' {
  import type { EventEmitter } from 'node:events';
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface AccountClaims {
    readonly sub: string;
    readonly [claim: string]: unknown;
  }

  export interface Account {
    readonly accountId: string;
    claims(use: string, scope: string): AccountClaims | Promise<AccountClaims>;
  }

  /** A storage adapter per model name (Session, Interaction, AuthorizationCode, Client, ...). */
  export interface Adapter {
    upsert(id: string, payload: Record<string, unknown>, expiresIn: number): Promise<void>;
    find(id: string): Promise<Record<string, unknown> | undefined>;
    findByUserCode(userCode: string): Promise<Record<string, unknown> | undefined>;
    findByUid(uid: string): Promise<Record<string, unknown> | undefined>;
    consume(id: string): Promise<void>;
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }

  export interface Configuration {
    readonly adapter?: new (model: string) => Adapter;
    readonly clients?: readonly Record<string, unknown>[];
    readonly claims?: Readonly<Record<string, readonly string[] | null>>;
    readonly conformIdTokenClaims?: boolean;
    readonly cookies?: { readonly keys: readonly string[] };
    readonly features?: Readonly<Record<string, { readonly enabled: boolean }>>;
    readonly findAccount?: (context: unknown, id: string) => Promise<Account | undefined>;
    readonly jwks?: { readonly keys: readonly Record<string, unknown>[] };
    readonly pkce?: { readonly methods?: readonly string[]; readonly required?: () => boolean };
    readonly [setting: string]: unknown;
  }

  export default class Provider extends EventEmitter {
    constructor(issuer: string, configuration?: Configuration);
    readonly issuer: string;
    callback(): (request: IncomingMessage, response: ServerResponse) => void;
  }
}
