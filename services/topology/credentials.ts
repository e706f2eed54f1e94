// Secrets of a generated deployment and the connection files handed to each state. Files are
// written with mode 0600 into a folder of mode 0700 (by default under .tipnet/, which git ignores).
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigurationError, readJsonFile } from '../core/mod.ts';
import {
  clientUrlOf,
  connectionFileText,
  generateHubCredentials,
  generateHubNkeys,
  hubAccount,
  stateConnectionFile,
  stateConnectionFileSchema,
  type HubConnectionFile,
  type HubCredentials,
  type HubNkeys,
  type NatsLogin,
  type StateConnectionFile,
} from '../nats-config/mod.ts';
import type { TopologyLayouts } from './topology-layouts.ts';
import type { Topology } from './topology-schema.ts';

/** Fresh random passwords for the hub service user and each state's leaf and apps users. */
export function generateCredentials(topology: Topology): HubCredentials {
  return generateHubCredentials(topology.states.map((state) => state.code));
}

/** Fresh nkeys for the hub service user and each state's apps user (`auth.mode: "nkey"`). */
export function generateNkeys(topology: Topology): HubNkeys {
  return generateHubNkeys(topology.states.map((state) => state.code));
}

export interface ConnectionFiles {
  readonly hub: HubConnectionFile;
  readonly states: readonly StateConnectionFile[];
}

/**
 * How the connection files log in when they do not carry passwords: per owner (HUB or a state)
 * the login (an nkey seed file where that owner's bundle puts it), and the CA file to trust.
 */
export interface ConnectionLogins {
  login(owner: string): NatsLogin;
  readonly caFile?: string | undefined;
}

export function connectionFiles(topology: Topology, layouts: TopologyLayouts, secrets: HubCredentials | ConnectionLogins): ConnectionFiles {
  const scheme = topology.tls ? 'tls' : 'nats';
  const logins = 'login' in secrets ? secrets : passwordLogins(secrets);
  const caFile = logins.caFile ?? (topology.tls ? join(topology.tls.dir, 'ca.pem') : undefined);
  const tls = caFile === undefined || topology.tls === undefined ? undefined : { caFile };
  return {
    hub: {
      account: hubAccount,
      servers: layouts.hub.map((layout) => clientUrlOf(layout, scheme)),
      ...logins.login(hubAccount),
      ...(tls === undefined ? {} : { tls }),
      jetstreamDomain: topology.hub.jetstreamDomain,
    },
    states: topology.states.map(({ code: state }) => {
      const layout = layouts.leaves[state];
      if (layout === undefined) throw new ConfigurationError('topology layouts', [`no layout for state ${state}`]);
      return stateConnectionFile({ state, servers: [clientUrlOf(layout, scheme)], login: logins.login(state), tls });
    }),
  };
}

function passwordLogins(credentials: HubCredentials): ConnectionLogins {
  return {
    login(owner) {
      const found = owner === hubAccount ? credentials.hubUser : credentials.appsUsers[owner];
      if (found === undefined) throw new ConfigurationError('topology credentials', [`no apps credentials for state ${owner}`]);
      return { user: found.user, password: found.password };
    },
  };
}

/** Writes `<dir>/HUB.json` and `<dir>/<STATE>.json` (mode 0600); returns the paths written. */
export async function writeConnectionFiles(dir: string, files: ConnectionFiles): Promise<string[]> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const written = [await writeSecretFile(join(dir, `${hubAccount}.json`), connectionFileText(files.hub))];
  for (const file of files.states) written.push(await writeConnectionFile(join(dir, `${file.state}.json`), file));
  return written;
}

/** Writes one state's connection file (mode 0600); `tipnet config` and `tipnet up` both write them here. */
export async function writeConnectionFile(path: string, file: StateConnectionFile): Promise<string> {
  return writeSecretFile(path, connectionFileText(file));
}

/** Reads and validates a state's connection file; every problem is reported at once. */
export function readConnectionFile(path: string): Readonly<StateConnectionFile> {
  return readJsonFile(path, stateConnectionFileSchema);
}

/** writeFile's mode applies only to new files, so an existing file is narrowed too. */
export async function writeSecretFile(path: string, text: string): Promise<string> {
  await writeFile(path, text, { mode: 0o600 });
  await chmod(path, 0o600);
  return path;
}
