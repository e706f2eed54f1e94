import { LocalNatsError, LocalNatsErrorCode } from './errors.ts';
import type { AccountConfig } from './server-config.ts';

/*
 * The isolation model of the hub, as pure data. The hub holds one account for its own services
 * (HUB, the only one with JetStream) and one account per member state, named by its code. A state
 * sees exactly two things of HUB, each exported to that state alone:
 *  - submit subjects, a *service* HUB exports and the state imports: messages the state publishes
 *    there reach HUB, and replies (JetStream PubAcks) flow back to the publisher;
 *  - delivery subjects, a *stream* HUB exports and the state imports: what HUB publishes there
 *    reaches the state's subscribers, and no other state's.
 */

export const hubAccount = 'HUB';
export const hubJetStreamDomain = 'hub';

/** The per-state subject patterns (with a trailing `>`) that cross between HUB and a state. */
export interface StateSubjects {
  readonly submit: (state: string) => string;
  readonly deliver: (state: string) => string;
}

export const tipV1Subjects: StateSubjects = {
  submit: (state) => `tip.v1.submit.${state}.>`,
  deliver: (state) => `tip.v1.deliver.${state}.>`,
};

export interface Credentials {
  readonly user: string;
  readonly password: string;
}

export interface HubAccountsInput {
  /** Credentials of the user that hub services log in with (HUB account). */
  readonly hubUser: Credentials;
  /** Per state code, the user its leaf node connects as. */
  readonly leafUsers: Readonly<Record<string, Credentials>>;
  readonly subjects?: StateSubjects;
}

export function leafUserName(state: string): string {
  return `leaf-${state}`;
}

export function hubAccounts(input: HubAccountsInput): Record<string, AccountConfig> {
  const subjects = input.subjects ?? tipV1Subjects;
  const states = Object.keys(input.leafUsers);
  validateLeafNames(states);
  const accounts: Record<string, AccountConfig> = {
    [hubAccount]: {
      jetstream: 'enabled',
      users: [{ user: input.hubUser.user, password: input.hubUser.password }],
      exports: states.flatMap((state) => [
        { service: subjects.submit(state), accounts: [state] },
        { stream: subjects.deliver(state), accounts: [state] },
      ]),
    },
  };
  for (const [state, leafUser] of Object.entries(input.leafUsers)) {
    accounts[state] = {
      users: [{ user: leafUser.user, password: leafUser.password }],
      imports: [
        { service: { account: hubAccount, subject: subjects.submit(state) } },
        { stream: { account: hubAccount, subject: subjects.deliver(state) } },
      ],
    };
  }
  return accounts;
}

const leafNamePattern = /^[A-Z][A-Z0-9]*$/;

/** Leaf names become account names and subject tokens; every problem is reported at once. */
export function validateLeafNames(states: readonly string[]): void {
  const problems = states.flatMap((state, index) => {
    if (!leafNamePattern.test(state)) return [`"${state}" is not an upper-case code such as IDN`];
    if (state === hubAccount) return [`"${state}" is reserved for the hub's own account`];
    if (states.indexOf(state) !== index) return [`"${state}" is listed twice`];
    return [];
  });
  if (problems.length > 0) {
    throw new LocalNatsError(LocalNatsErrorCode.invalidConfig, `invalid leaf names: ${problems.join('; ')}`);
  }
}
