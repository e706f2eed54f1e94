// The connection files handed out with a deployment: what a state's software needs to log in to
// its own leaf (`<STATE>.json`), and what hub services need to log in to the HUB account
// (`HUB.json`). One shape for `tipnet config`, `tipnet up`, the drill and the docs: the servers, one
// way to log in (a user and password on the local run, an nkey seed file otherwise) and the CA to
// trust when the servers speak TLS. The same connection settings sit in a node's config (`leaf`)
// and in the hub services' config. `tipnet up` also names the key files it generated, which a
// state handed files by `tipnet config` keeps elsewhere. Pure: the files are written and read by
// services/topology (credentials.ts) and turned into nats.js options by services/nats-client.
import { z } from 'zod';
import { stateCodeSchema, subjects, type StateCode } from '../core/mod.ts';
import { hubAccount } from './hub-accounts.ts';

const natsUrl = z.string().regex(/^(nats|tls):\/\/\S+$/, { message: 'must be a nats:// or tls:// URL' });

const clientTlsSchema = z.strictObject({
  /** PEM of the CA that signed the servers' certificates (the regional CA, or the ministry's own). */
  caFile: z.string().min(1),
  /** A client certificate and key, only where a server asks for one. */
  certFile: z.string().min(1).optional(),
  keyFile: z.string().min(1).optional(),
});

/** The fields of NATS connection settings, spread into each file that holds them. */
export const natsConnectionFields = {
  servers: z.array(natsUrl).min(1),
  /** Password login (the local run, `auth.mode: "password"`). */
  user: z.string().min(1).optional(),
  password: z.string().min(1).optional(),
  /** Nkey login (`auth.mode: "nkey"`): a file (mode 0600) holding the user's seed, "SU...". */
  nkeySeedFile: z.string().min(1).optional(),
  /** Set when the servers speak TLS (`tls://` URLs). */
  tls: clientTlsSchema.optional(),
};

export interface NatsConnectionSettings {
  readonly servers: readonly string[];
  readonly user?: string | undefined;
  readonly password?: string | undefined;
  readonly nkeySeedFile?: string | undefined;
  readonly tls?: { readonly caFile: string; readonly certFile?: string | undefined; readonly keyFile?: string | undefined } | undefined;
}

/** Exactly one way to log in, and a client certificate comes with its key; reported with the field path. */
export function checkNatsLogin(settings: Partial<NatsConnectionSettings>, context: z.RefinementCtx): void {
  const hasPassword = settings.user !== undefined || settings.password !== undefined;
  if (hasPassword && settings.nkeySeedFile !== undefined) {
    context.addIssue({ code: 'custom', path: ['nkeySeedFile'], message: 'give either user and password or nkeySeedFile, not both' });
  } else if (!hasPassword && settings.nkeySeedFile === undefined) {
    context.addIssue({ code: 'custom', path: ['nkeySeedFile'], message: 'is required when no user and password are given' });
  } else if (hasPassword && (settings.user === undefined || settings.password === undefined)) {
    context.addIssue({ code: 'custom', path: [settings.user === undefined ? 'user' : 'password'], message: 'is required with a password login' });
  }
  if (settings.tls !== undefined && (settings.tls.certFile === undefined) !== (settings.tls.keyFile === undefined)) {
    context.addIssue({ code: 'custom', path: ['tls', settings.tls.certFile === undefined ? 'certFile' : 'keyFile'], message: 'certFile and keyFile go together' });
  }
}

/** NATS connection settings on their own (a node's `leaf`). */
export const natsConnectionSchema = z.strictObject(natsConnectionFields).superRefine(checkNatsLogin);

export const stateConnectionFileSchema = z
  .strictObject({
    state: stateCodeSchema,
    /** The state's own leaf server(s). */
    ...natsConnectionFields,
    /** The JetStream domain of the state's leaf (its TIP_INBOX lives there). */
    jetstreamDomain: z.string().min(1),
    /** Where the state publishes: tip.v1.submit.<STATE>.> */
    submitSubject: z.string().min(1),
    /** What the state receives: tip.v1.deliver.<STATE>.> */
    deliverSubject: z.string().min(1),
    /** Written by `tipnet up`, which generates the keys too. */
    signingKeyFile: z.string().min(1).optional(),
    keyDirectoryFile: z.string().min(1).optional(),
    matchingKeyFile: z.string().min(1).optional(),
  })
  .superRefine(checkNatsLogin);

export type StateConnectionFile = z.infer<typeof stateConnectionFileSchema>;

export const hubConnectionFileSchema = z
  .strictObject({ account: z.literal(hubAccount), ...natsConnectionFields, jetstreamDomain: z.string().min(1) })
  .superRefine(checkNatsLogin);

export type HubConnectionFile = z.infer<typeof hubConnectionFileSchema>;

/** How a connection logs in: a password, or an nkey whose seed sits in a file. */
export type NatsLogin = { readonly user: string; readonly password: string } | { readonly nkeySeedFile: string };

export interface StateConnectionInput {
  readonly state: StateCode;
  readonly servers: readonly string[];
  readonly login: NatsLogin;
  readonly tls?: NatsConnectionSettings['tls'];
  readonly keyFiles?: { readonly signingKeyFile: string; readonly keyDirectoryFile: string; readonly matchingKeyFile: string };
}

/** A state's connection file; its domain and subjects follow from the state code. */
export function stateConnectionFile(input: StateConnectionInput): StateConnectionFile {
  return {
    state: input.state,
    servers: [...input.servers],
    ...input.login,
    ...(input.tls === undefined ? {} : { tls: { ...input.tls } }),
    jetstreamDomain: input.state.toLowerCase(),
    submitSubject: subjects.submitAll(input.state),
    deliverSubject: subjects.deliverAll(input.state),
    ...input.keyFiles,
  };
}

/** The file's text: JSON, two-space indented, one trailing newline. */
export function connectionFileText(file: StateConnectionFile | HubConnectionFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}
