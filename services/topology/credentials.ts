// Secrets of a generated deployment and the connection files handed to each state. Files are
// written with mode 0600 into a folder of mode 0700 (by default under .tipnet/, which git ignores).
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigurationError } from '../core/errors.ts';
import type { StateCode } from '../core/member-states.ts';
import { subjects } from '../core/subjects.ts';
import { generateHubCredentials, hubAccount, type HubCredentials } from '../nats-config/mod.ts';
import type { TopologyLayouts } from './topology-layouts.ts';
import type { Topology } from './topology-schema.ts';

/** What a state's software needs to reach its own leaf server. */
export interface StateConnectionFile {
  readonly state: StateCode;
  readonly urls: readonly string[];
  readonly user: string;
  readonly password: string;
  /** The JetStream domain of the state's leaf (its TIP_INBOX lives there). */
  readonly jetstreamDomain: string;
  /** Where the state publishes: tip.v1.submit.<STATE>.> */
  readonly submitSubject: string;
  /** What the state receives: tip.v1.deliver.<STATE>.> */
  readonly deliverSubject: string;
}

/** What hub services (router, dispatcher) need to log in to the HUB account. */
export interface HubConnectionFile {
  readonly account: typeof hubAccount;
  readonly urls: readonly string[];
  readonly user: string;
  readonly password: string;
  readonly jetstreamDomain: string;
}

/** Fresh random passwords for the hub service user and each state's leaf and apps users. */
export function generateCredentials(topology: Topology): HubCredentials {
  return generateHubCredentials(topology.states.map((state) => state.code));
}

export interface ConnectionFiles {
  readonly hub: HubConnectionFile;
  readonly states: readonly StateConnectionFile[];
}

export function connectionFiles(topology: Topology, layouts: TopologyLayouts, credentials: HubCredentials): ConnectionFiles {
  const scheme = topology.tls ? 'tls' : 'nats';
  const url = (port: number) => `${scheme}://127.0.0.1:${port}`;
  return {
    hub: {
      account: hubAccount,
      urls: layouts.hub.map((layout) => url(layout.ports.client)),
      user: credentials.hubUser.user,
      password: credentials.hubUser.password,
      jetstreamDomain: topology.hub.jetstreamDomain,
    },
    states: topology.states.map(({ code }) => {
      const state = code;
      const layout = layouts.leaves[state];
      const apps = credentials.appsUsers[state];
      if (layout === undefined || apps === undefined) throw new ConfigurationError('topology credentials', [`no layout or apps credentials for state ${state}`]);
      return {
        state,
        urls: [url(layout.ports.client)],
        user: apps.user,
        password: apps.password,
        jetstreamDomain: state.toLowerCase(),
        submitSubject: subjects.submitAll(state),
        deliverSubject: subjects.deliverAll(state),
      };
    }),
  };
}

/** Writes `<dir>/HUB.json` and `<dir>/<STATE>.json` (mode 0600); returns the paths written. */
export async function writeConnectionFiles(dir: string, files: ConnectionFiles): Promise<string[]> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const written = [await writeSecretFile(join(dir, `${hubAccount}.json`), `${JSON.stringify(files.hub, null, 2)}\n`)];
  for (const file of files.states) {
    written.push(await writeSecretFile(join(dir, `${file.state}.json`), `${JSON.stringify(file, null, 2)}\n`));
  }
  return written;
}

/** writeFile's mode applies only to new files, so an existing file is narrowed too. */
export async function writeSecretFile(path: string, text: string): Promise<string> {
  await writeFile(path, text, { mode: 0o600 });
  await chmod(path, 0o600);
  return path;
}
