import { randomBytes } from 'node:crypto';
import { createUser } from '@nats-io/nkeys';
import { leafUserName, type Credentials } from './hub-accounts.ts';
import { localAppsUser } from './hub-config.ts';

/** Every secret of a hub with leaves: who logs in where. Never logged. */
export interface HubCredentials {
  /** Hub services, in the HUB account. */
  readonly hubUser: Credentials;
  /** Per state: the user its leaf node connects to the hub as. */
  readonly leafUsers: Readonly<Record<string, Credentials>>;
  /** Per state: the `apps` user of the state's own leaf server. */
  readonly appsUsers: Readonly<Record<string, Credentials>>;
}

/** Fresh random passwords for the hub service user and each state's leaf and apps users. */
export function generateHubCredentials(states: readonly string[], hubUserName = 'hub'): HubCredentials {
  const perState = (user: (state: string) => string) =>
    Object.fromEntries(states.map((state) => [state, { user: user(state), password: randomSecret() }]));
  return {
    hubUser: { user: hubUserName, password: randomSecret() },
    leafUsers: perState(leafUserName),
    appsUsers: perState(() => localAppsUser),
  };
}

/** 48 hex digits (192 bits), so it can sit in a leaf remote URL without escaping. */
export function randomSecret(): string {
  return randomBytes(24).toString('hex');
}

/** An nkey user: the public key goes into server configs, the seed only to the one who logs in. */
export interface NkeyIdentity {
  readonly publicKey: string;
  readonly seed: string;
}

/** Every nkey of a deployment whose leaf links are authenticated by certificate: no passwords at all. */
export interface HubNkeys {
  /** Hub services, in the HUB account. */
  readonly hubUser: NkeyIdentity;
  /** Per state: the `apps` user of the state's own leaf server. */
  readonly appsUsers: Readonly<Record<string, NkeyIdentity>>;
}

export function generateNkeyIdentity(): NkeyIdentity {
  const pair = createUser();
  return { publicKey: pair.getPublicKey(), seed: new TextDecoder().decode(pair.getSeed()) };
}

export function generateHubNkeys(states: readonly string[]): HubNkeys {
  return { hubUser: generateNkeyIdentity(), appsUsers: Object.fromEntries(states.map((state) => [state, generateNkeyIdentity()])) };
}
