// A whole local deployment from a topology: hub servers and one leaf per state and keys on disk
// (both from the one bootstrap, startLocalHub), the hub services as a separate process, and a
// connection file per state. `tipnet up`, the drill and the end-to-end tests all start it this
// way; stop() undoes everything, in reverse order.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { NatsConnection } from '@nats-io/transport-node';
import { HUB_SENDER, type StateCode } from '../core/mod.ts';
import { stateConnectionFile, type StateConnectionFile } from '../nats-config/mod.ts';
import { writeHubServicesConfig } from '../router/mod.ts';
import { narrowTopology, startTopology, stateCodesOf, writeConnectionFile, type Topology, type TopologyHandle } from '../topology/mod.ts';
import { createDeploymentKeys, type DeploymentKeys } from './deployment-keys.ts';
import { hubServicesProcess, type HubServicesProcess, type HubServicesSupervision } from './hub-services-process.ts';
import { CleanupStack } from './cleanup-stack.ts';
import { startLocalHub, type LocalHub } from './local-hub.ts';

export interface LocalDeploymentOptions {
  readonly topology: Readonly<Topology>;
  /** Only these states (default: every state of the topology). */
  readonly states?: readonly StateCode[] | undefined;
  /** Folder for keys, configs and connection files (mode 0700); removed by stop() unless keepFiles. */
  readonly dir: string;
  /** Drills the hub accepts exercise traffic for, with their participants. */
  readonly drills?: Readonly<Record<string, readonly StateCode[]>> | undefined;
  /** States allowed to start drills at run time (hub services' drillControllers); none by default. */
  readonly drillControllers?: readonly StateCode[] | undefined;
  readonly logLevel?: 'error' | 'warn' | 'info' | 'debug' | undefined;
  /** Restart the hub services whenever they exit on their own (`tipnet up`), and hear of it. */
  readonly superviseHubServices?: HubServicesSupervision | undefined;
  readonly keepFiles?: boolean | undefined;
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
  const cleanup = new CleanupStack();
  const stop = async () => {
    await cleanup.run();
  };
  await mkdir(options.dir, { recursive: true, mode: 0o700 });
  // Deferred first, so it runs last: the files go once everything using them has stopped.
  if (!options.keepFiles) cleanup.defer('remove the deployment folder', () => rm(options.dir, { recursive: true, force: true }));
  try {
    const topology = options.states === undefined ? options.topology : narrowTopology(options.topology, options.states);
    const states = stateCodesOf(topology);
    const local = await startLocalHub({
      states,
      startServers: () => startTopology(options.topology, { states: options.states }),
      createKeys: (codes) => createDeploymentKeys(join(options.dir, 'keys'), codes),
      connectionName: () => 'tipnet deployment control',
      // Each state's node opens its own connection; the deployment only watches the hub.
      leafConnections: false,
      cleanup,
    });
    const servers = local.servers;
    const deploymentKeys = local.keys;
    const hubServices = await startHubServicesProcess(options, servers, deploymentKeys, local);
    const { connections, connectionFiles } = await writeStateConnections(options.dir, servers, deploymentKeys, states);
    return { servers, states, keys: deploymentKeys, hubServices, hub: local.hub, connections, connectionFiles, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function startHubServicesProcess(
  options: LocalDeploymentOptions, servers: TopologyHandle, keys: DeploymentKeys, local: LocalHub<TopologyHandle, DeploymentKeys>,
): Promise<HubServicesProcess> {
  const hubConfigPath = join(options.dir, 'hub-services.json');
  await writeHubServicesConfig(hubConfigPath, {
    servers: servers.hubConnectOptions.servers,
    user: servers.hubConnectOptions.user ?? '',
    password: servers.hubConnectOptions.pass ?? '',
    replicas: servers.streamOptions.replicas as 1 | 3,
    hubKeyFile: keys.signingKeyFile(HUB_SENDER),
    keyDirectoryFile: keys.directoryFile,
    operatorPublicKey: keys.operatorPublicKey,
    states: local.states,
    sharingGroups: servers.routing.sharingGroups,
    drills: options.drills ?? {},
    drillControllers: [...(options.drillControllers ?? [])],
    logLevel: options.logLevel ?? 'warn',
  });
  // Its log goes to a file in the deployment folder (logs/hub-services.log), not to the void.
  const hubServices = hubServicesProcess(hubConfigPath, local.hub, { logFile: hubServicesLogFile(options.dir), supervise: options.superviseHubServices });
  local.defer('stop the hub services process', () => hubServices.stop());
  await hubServices.start();
  return hubServices;
}

/** Where a deployment's hub services write their log. */
export function hubServicesLogFile(dir: string): string {
  return join(dir, 'logs', 'hub-services.log');
}

async function writeStateConnections(
  dir: string, servers: TopologyHandle, keys: DeploymentKeys, states: readonly StateCode[],
): Promise<Pick<LocalDeployment, 'connections' | 'connectionFiles'>> {
  const connections: Record<string, StateConnection> = {};
  const connectionFiles: Record<string, string> = {};
  await mkdir(join(dir, 'connections'), { recursive: true, mode: 0o700 });
  for (const state of states) {
    const leaf = servers.leafConnectOptions(state);
    const connection = stateConnectionFile({
      state,
      servers: leaf.servers,
      login: { user: leaf.user ?? '', password: leaf.pass ?? '' },
      keyFiles: { signingKeyFile: keys.signingKeyFile(state), keyDirectoryFile: keys.directoryFile, matchingKeyFile: keys.matchingKeyFile },
    }) as StateConnection;
    connections[state] = connection;
    connectionFiles[state] = await writeConnectionFile(join(dir, 'connections', `${state}.json`), connection);
  }
  return { connections, connectionFiles };
}
