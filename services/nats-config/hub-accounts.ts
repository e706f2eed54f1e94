import { CLIENT_SUBJECTS, isStateCode, subjects } from '../core/mod.ts';
import { LocalNatsError, LocalNatsErrorCode } from './errors.ts';
import type { AccountConfig, UserConfig, UserPermissions } from './server-config.ts';

/*
 * The isolation model of the hub, as pure data. The hub holds one account for its own services
 * (HUB, the only one with JetStream on the hub) and one account per member state, named by its
 * code. Each direction is a *service*, so every message gets a reply (a JetStream PubAck) and the
 * sender knows it was stored:
 *  - submit: HUB exports `tip.v1.submit.<S>.>` to S alone and S imports it; what S's apps publish
 *    there reaches HUB's TIP_SUBMISSIONS, and the PubAck flows back to the publisher;
 *  - deliver: S exports `tip.v1.deliver.<S>.>` to HUB alone and HUB imports it; a hub request
 *    there crosses S's leaf connection into the TIP_INBOX stream on S's own server, which replies.
 *  - key directory: HUB exports the stream `tip.v1.keys.published` and the service
 *    `tip.v1.keys.current` to every state; a state can read the operator's signed directory but
 *    never write it (the bucket behind it is HUB's own, and a state has no path into HUB).
 * No state imports anything of another state, and HUB's own copies (outbox subjects) are exported
 * to nobody.
 */

export const hubAccount = 'HUB';
export const hubJetStreamDomain = 'hub';

export interface Credentials {
  readonly user: string;
  readonly password: string;
}

/** A user known to a server by its nkey's public key only ("U..."); the seed stays with the user. */
export interface NkeyUser {
  readonly nkey: string;
}

export type UserAuth = Credentials | NkeyUser;

export interface HubAccountsInput {
  /** The user that hub services log in with (HUB account). */
  readonly hubUser: UserAuth;
  /**
   * Per state code, the user its leaf node connects as; `undefined` when leaf nodes are mapped
   * into their account by their TLS certificate (the hub's leafnodes authorization), not a user.
   */
  readonly leafUsers: Readonly<Record<string, Credentials | undefined>>;
}

/** The server's form of a user: password users keep their name, nkey users are their public key. */
export function userConfig(auth: UserAuth, permissions?: UserPermissions): UserConfig {
  const base: UserConfig = 'nkey' in auth ? { nkey: auth.nkey } : { user: auth.user, password: auth.password };
  return permissions === undefined ? base : { ...base, permissions };
}

export function leafUserName(state: string): string {
  return `leaf-${state}`;
}

export function hubAccounts(input: HubAccountsInput): Record<string, AccountConfig> {
  const states = Object.keys(input.leafUsers);
  validateLeafNames(states);
  const accounts: Record<string, AccountConfig> = {
    [hubAccount]: {
      jetstream: 'enabled',
      users: [userConfig(input.hubUser)],
      exports: [
        ...states.map((state) => ({ service: subjects.submitAll(state), accounts: [state] })),
        ...(states.length > 0 ? [
          { stream: subjects.keyDirectoryPublished(), accounts: states },
          { service: subjects.keyDirectoryCurrent(), accounts: states },
        ] : []),
      ],
      imports: states.map((state) => ({ service: { account: state, subject: subjects.deliverAll(state) } })),
    },
  };
  for (const [state, leafUser] of Object.entries(input.leafUsers)) {
    accounts[state] = {
      users: leafUser === undefined ? [] : [userConfig(leafUser)],
      exports: [{ service: subjects.deliverAll(state), accounts: [hubAccount] }],
      imports: [
        { service: { account: hubAccount, subject: subjects.submitAll(state) } },
        { stream: { account: hubAccount, subject: subjects.keyDirectoryPublished() } },
        { service: { account: hubAccount, subject: subjects.keyDirectoryCurrent() } },
      ],
    };
  }
  return accounts;
}

/**
 * What a state's local apps may do on its leaf: submit as their own state only, read their own
 * deliveries only, use JetStream and its key-value buckets (`$KV.>`: the node service keeps its
 * state there) on the leaf, request/reply inboxes, service discovery, subjects of their own
 * under `tipnet.local.>`, and read (never publish) the operator's signed key directory. A submit or delivery subject of another state is
 * refused by the server with a permissions violation.
 */
export function localAppsPermissions(state: string): UserPermissions {
  return {
    publish: {
      allow: [
        subjects.submitAll(state),
        CLIENT_SUBJECTS.jetStreamApi,
        CLIENT_SUBJECTS.jetStreamAcks,
        CLIENT_SUBJECTS.jetStreamFlowControl,
        CLIENT_SUBJECTS.keyValue,
        CLIENT_SUBJECTS.replyInboxes,
        CLIENT_SUBJECTS.serviceDiscovery,
        subjects.localAny(),
        subjects.keyDirectoryCurrent(),
      ],
    },
    subscribe: {
      allow: [subjects.deliverAll(state), CLIENT_SUBJECTS.replyInboxes, CLIENT_SUBJECTS.serviceDiscovery, subjects.localAny(), subjects.keyDirectoryPublished()],
    },
  };
}

const leafNamePattern = /^[A-Z][A-Z0-9]*$/;

/** Leaf names become account names and subject tokens; every problem is reported at once. */
export function validateLeafNames(states: readonly string[]): void {
  const problems = states.flatMap((state, index) => {
    if (!leafNamePattern.test(state)) return [`"${state}" is not an upper-case code such as IDN`];
    if (state === hubAccount) return [`"${state}" is reserved for the hub's own account`];
    if (states.indexOf(state) !== index) return [`"${state}" is listed twice`];
    // Leaves are member states: their subjects are built by core/subjects.ts, which knows only those.
    if (!isStateCode(state)) return [`"${state}" is not a member state code known to tipnet`];
    return [];
  });
  if (problems.length > 0) {
    throw new LocalNatsError(LocalNatsErrorCode.invalidConfig, `invalid leaf names: ${problems.join('; ')}`);
  }
}
