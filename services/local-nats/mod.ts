/**
 * Local NATS for tests and the `tipnet up` / demo commands: real nats-server processes (or a
 * container) on free loopback ports, from a single server up to a hub with one leaf per state.
 */
export { startNatsServer, type StartServerOptions } from './start-single.ts';
export { startNatsCluster, type NatsClusterHandle, type StartClusterOptions } from './start-cluster.ts';
export {
  startHubWithLeaves,
  validateHubNodeCount,
  type HubWithLeavesHandle,
  type StartHubOptions,
} from './start-hub-with-leaves.ts';
export { generateHubCredentials, randomSecret, type HubCredentials } from './hub-credentials.ts';
export type { NatsConnectOptions, NatsServerHandle } from './server-handle.ts';
export { chooseNatsRuntime, natsRuntimes, type NatsRuntime } from './runtime-choice.ts';
export { detectContainerEngine, type ContainerEngineStatus } from './container-engine.ts';
export { findNatsServerBinary, requireNatsServerBinary } from './nats-server-binary.ts';
export { findFreePort, findFreePorts } from './free-port.ts';
export { LocalNatsError, LocalNatsErrorCode } from './errors.ts';

// Pure config building, for unit tests and for services/topology (`tipnet config`).
export { renderConf } from './conf-syntax.ts';
export { renderServerConfig, hostPort } from './server-config.ts';
export type * from './server-config.ts';
export { baseServerConfig, type BaseConfigOptions } from './base-config.ts';
export { clusterNodeConfigs } from './cluster-config.ts';
export {
  hubAccount,
  hubAccounts,
  hubJetStreamDomain,
  leafUserName,
  localAppsPermissions,
  tipV1Subjects,
  validateLeafNames,
  type Credentials,
  type HubAccountsInput,
  type StateSubjects,
} from './hub-accounts.ts';
export {
  hubLeafnodeUrls,
  hubNodeConfigs,
  leafServerConfig,
  localAppsUser,
  type HubNodeOptions,
  type LeafConfigInput,
} from './hub-config.ts';
export { withTls, type TlsFiles } from './tls-config.ts';
export { allocateServerLayout, type LayoutOptions, type ServerLayout, type ServerPorts } from './server-layout.ts';
export { startServerProcess, type StartServerProcessOptions } from './nats-server-process.ts';
export { startClusterProcesses, type ClusterProcessesInput } from './start-cluster.ts';
export { permissionViolationFor } from './permission-violation.ts';
