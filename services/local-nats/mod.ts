/**
 * The local NATS harness, for tests and the `tipnet up` / demo / bench commands: real nats-server
 * processes (or a container) on free loopback ports, from a single server up to a hub cluster with
 * one leaf per state, with the waits, health checks and cleanup that go with them. What the
 * servers are configured with (accounts, permissions, configs) is services/nats-config's.
 *
 * Exports: startNatsServer, startNatsCluster, startClusterProcesses, startHubWithLeaves,
 * validateHubNodeCount, startServerProcess, allocateServerLayout, findFreePort(s),
 * findNatsServerBinary, requireNatsServerBinary, chooseNatsRuntime, natsRuntimes,
 * detectContainerEngine, permissionViolationFor, the handle types, and LocalNatsError (re-exported
 * from nats-config, whose code table covers both).
 */
export { startNatsServer, type StartServerOptions } from './start-single.ts';
export { startNatsCluster, startClusterProcesses, type ClusterProcessesInput, type NatsClusterHandle, type StartClusterOptions } from './start-cluster.ts';
export {
  startHubWithLeaves,
  validateHubNodeCount,
  type HubWithLeavesHandle,
  type StartHubOptions,
} from './start-hub-with-leaves.ts';
export type { NatsConnectOptions, NatsServerHandle } from './server-handle.ts';
export { chooseNatsRuntime, natsRuntimes, type NatsRuntime } from './runtime-choice.ts';
export { detectContainerEngine, type ContainerEngineStatus } from './container-engine.ts';
export { findNatsServerBinary, requireNatsServerBinary } from './nats-server-binary.ts';
export { findFreePort, findFreePorts } from './free-port.ts';
export { LocalNatsError, LocalNatsErrorCode } from '../nats-config/mod.ts';
export { allocateServerLayout, type LayoutOptions } from './server-layout.ts';
export { startServerProcess, type StartServerProcessOptions } from './nats-server-process.ts';
export { permissionViolationFor } from './permission-violation.ts';
