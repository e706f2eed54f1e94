// A whole local deployment from a topology: hub servers and one leaf per state, keys, the hub
// services as a separate process, and a connection file per state. `tipnet up`, the drill and the
// end-to-end tests all start it this way; stop() undoes everything, in reverse order.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { HUB_SENDER, type StateCode } from '../core/member-states.ts';
import { stateConnectionFile, type StateConnectionFile } from '../nats-config/mod.ts';
import { writeHubServicesConfig } from '../router/mod.ts';
import { startTopology, stateCodesOf, writeConnectionFile, type Topology, type TopologyHandle } from '../topology/mod.ts';
import { createDeploymentKeys, type DeploymentKeys } from './deployment-keys.ts';
import { hubServicesProcess, type HubServicesProcess } from './hub-services-process.ts';

export interface LocalDeploymentOptions {
  readonly topology: Readonly<Topology>;
  /** Only these states (default: every state of the topology). */
  readonly states?: readonly StateCode[];
  /** Folder for keys, configs and connection files (mode 0700); removed by stop() unless keepFiles. */
  readonly dir: string;
  /** Drills the hub accepts exercise traffic for, with their participants. */
  readonly drills?: Readonly<Record<string, readonly StateCode[]>>;
  readonly logLevel?: 'error' | 'warn' | 'info' | 'debug';
  readonly keepFiles?: boolean;
}

/** A state's connection file as `tipnet up` writes it: with the key files it generated. */
export type StateConnection = StateConnectionFile & Required<Pick<StateConnectionFile, 'signingKeyFile' | 'keyDirectoryFile' | 'matchingKeyFile'>>;

export interface LocalDeployment {
  readonly servers: TopologyHandle;
  readonly states: readonly StateCode[];
  readonly keys: DeploymentKeys;
  readonly hubServices: HubServicesProcess;
  /** A connection to the hub's HUB account, for operators' checks. */
  readonly hub: NatsConnection;
  readonly connections: Readonly<Record<string, StateConnection>>;
  readonly connectionFiles: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

export async function startLocalDeployment(options: LocalDeploymentOptions): Promise<LocalDeployment> {
  const undo: Array<() => Promise<unknown>> = [];
  const stop = async () => {
    for (const step of undo.reverse()) await step().catch(() => undefined);
    undo.length = 0;
  };
  try {
    await mkdir(options.dir, { recursive: true, mode: 0o700 });
    if (!options.keepFiles) undo.push(() => rm(options.dir, { recursive: true, force: true }));
    const servers = await startTopology(options.topology, { states: options.states });
    undo.push(() => servers.stop());
    const states = stateCodesOf(servers.topology) as StateCode[];
    const keys = await createDeploymentKeys(join(options.dir, 'keys'), states);

    const hub = await connect({ ...servers.hubConnectOptions, name: 'tipnet deployment control', maxReconnectAttempts: -1, reconnectTimeWait: 250 });
    undo.push(() => hub.close());

    const hubConfigPath = join(options.dir, 'hub-services.json');
    await writeHubServicesConfig(hubConfigPath, {
      servers: servers.hubConnectOptions.servers,
      user: servers.hubConnectOptions.user ?? '',
      password: servers.hubConnectOptions.pass ?? '',
      replicas: servers.streamOptions.replicas as 1 | 3,
      hubKeyFile: keys.signingKeyFile(HUB_SENDER),
      keyDirectoryFile: keys.directoryFile,
      states,
      sharingGroups: servers.routing.sharingGroups,
      drills: options.drills ?? {},
      logLevel: options.logLevel ?? 'warn',
    });
    const hubServices = hubServicesProcess(hubConfigPath, hub);
    undo.push(() => hubServices.stop());
    await hubServices.start();

    const connections: Record<string, StateConnection> = {};
    const connectionFiles: Record<string, string> = {};
    await mkdir(join(options.dir, 'connections'), { recursive: true, mode: 0o700 });
    for (const state of states) {
      const leaf = servers.leafConnectOptions(state);
      const connection = stateConnectionFile({
        state,
        servers: leaf.servers,
        user: leaf.user ?? '',
        password: leaf.pass ?? '',
        keyFiles: { signingKeyFile: keys.signingKeyFile(state), keyDirectoryFile: keys.directoryFile, matchingKeyFile: keys.matchingKeyFile },
      }) as StateConnection;
      connections[state] = connection;
      connectionFiles[state] = await writeConnectionFile(join(options.dir, 'connections', `${state}.json`), connection);
    }
    return { servers, states, keys, hubServices, hub, connections, connectionFiles, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
