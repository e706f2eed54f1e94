// The connection files handed out with a deployment: what a state's software needs to log in to
// its own leaf (`connections/<STATE>.json`), and what hub services need to log in to the HUB
// account (`connections/HUB.json`). One shape for `tipnet config` and `tipnet up`; `tipnet up`
// also names the key files it generated, which a state handed files by `tipnet config` keeps
// elsewhere. Pure: the files are written and read by services/topology (credentials.ts).
import { z } from 'zod';
import { stateCodeSchema, subjects, type StateCode } from '../core/mod.ts';
import { hubAccount } from './hub-accounts.ts';

const natsUrl = z.string().regex(/^(nats|tls):\/\/\S+$/, { message: 'must be a nats:// or tls:// URL' });

export const stateConnectionFileSchema = z.strictObject({
  state: stateCodeSchema,
  /** The state's own leaf server(s). */
  servers: z.array(natsUrl).min(1),
  user: z.string().min(1),
  password: z.string().min(1),
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
});

export type StateConnectionFile = z.infer<typeof stateConnectionFileSchema>;

export const hubConnectionFileSchema = z.strictObject({
  account: z.literal(hubAccount),
  servers: z.array(natsUrl).min(1),
  user: z.string().min(1),
  password: z.string().min(1),
  jetstreamDomain: z.string().min(1),
});

export type HubConnectionFile = z.infer<typeof hubConnectionFileSchema>;

export interface StateConnectionInput {
  readonly state: StateCode;
  readonly servers: readonly string[];
  readonly user: string;
  readonly password: string;
  readonly keyFiles?: { readonly signingKeyFile: string; readonly keyDirectoryFile: string; readonly matchingKeyFile: string };
}

/** A state's connection file; its domain and subjects follow from the state code. */
export function stateConnectionFile(input: StateConnectionInput): StateConnectionFile {
  return {
    state: input.state,
    servers: [...input.servers],
    user: input.user,
    password: input.password,
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
