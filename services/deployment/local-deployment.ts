// A whole local deployment from a topology: hub servers and one leaf per state, keys, the hub
// services as a separate process, and a connection file per state. `tipnet up`, the drill and the
// end-to-end tests all start it this way; stop() undoes everything, in reverse order.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { HUB_SENDER, type StateCode } from '../core/member-states.ts';
import { subjects } from '../core/subjects.ts';
import { startTopology, stateCodesOf, writeSecretFile, type Topology, type TopologyHandle } from '../topology/mod.ts';
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

/** What a state's own software needs to join, written to <dir>/connections/<STATE>.json. */
export interface StateConnection {
  readonly state: StateCode;
  readonly servers: readonly string[];
  readonly user: string;
  readonly password: string;
  readonly jetstreamDomain: string;
  readonly submitSubject: string;
  readonly deliverSubject: string;
  readonly signingKeyFile: string;
  readonly keyDirectoryFile: string;
  readonly matchingKeyFile: string;
}

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
    await writeSecretFile(hubConfigPath, `${JSON.stringify({
      servers: servers.hubConnectOptions.servers,
      user: servers.hubConnectOptions.user,
      password: servers.hubConnectOptions.pass,
      replicas: servers.streamOptions.replicas,
      hubKeyFile: keys.signingKeyFile(HUB_SENDER),
      keyDirectoryFile: keys.directoryFile,
      states,
      sharingGroups: servers.routing.sharingGroups,
      drills: options.drills ?? {},
      logLevel: options.logLevel ?? 'warn',
    }, null, 2)}\n`);
    const hubServices = hubServicesProcess(hubConfigPath, hub);
    undo.push(() => hubServices.stop());
    await hubServices.start();

    const connections: Record<string, StateConnection> = {};
    const connectionFiles: Record<string, string> = {};
    await mkdir(join(options.dir, 'connections'), { recursive: true, mode: 0o700 });
    for (const state of states) {
      const leaf = servers.leafConnectOptions(state);
      const connection: StateConnection = {
        state,
        servers: leaf.servers,
        user: leaf.user ?? '',
        password: leaf.pass ?? '',
        jetstreamDomain: state.toLowerCase(),
        submitSubject: subjects.submitAll(state),
        deliverSubject: subjects.deliverAll(state),
        signingKeyFile: keys.signingKeyFile(state),
        keyDirectoryFile: keys.directoryFile,
        matchingKeyFile: keys.matchingKeyFile,
      };
      connections[state] = connection;
      connectionFiles[state] = await writeSecretFile(join(options.dir, 'connections', `${state}.json`), `${JSON.stringify(connection, null, 2)}\n`);
    }
    return { servers, states, keys, hubServices, hub, connections, connectionFiles, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
