/**
 * The deployment described once (infra/topology.json): validation, the nats-server configs and
 * connection files it implies (`tipnet config`), and starting it locally. The configs themselves
 * are built by services/nats-config; only starting servers (start-topology.ts) and reserving free
 * ports (topology-layouts.ts) use the services/local-nats harness.
 *
 * Exports: the topology schema and loader, planTopologyLayouts, renderTopology, the connection
 * files (connectionFiles, write/readConnectionFile, writeConnectionFiles, writeSecretFile),
 * topology views (states, routing tables, stream options), startTopology, writeTopologyConfigs.
 */
export {
  AUTH_MODES,
  parseTopology,
  ROUTE_ROLES,
  topologySchema,
  type AuthMode,
  type RouteRole,
  type TlsSettings,
  type Topology,
  type TopologyState,
} from './topology-schema.ts';
export { DEFAULT_TOPOLOGY_PATH, loadTopology, resolveTopologyPath } from './load-topology.ts';
export { hubNodeName, leafServerName, planTopologyLayouts, type TopologyLayouts } from './topology-layouts.ts';
export { renderTopology, requireGeneratedAuth, type RenderedServer, type RenderTopologyInput } from './render-topology.ts';
export {
  connectionFiles,
  generateCredentials,
  readConnectionFile,
  writeConnectionFile,
  writeConnectionFiles,
  writeSecretFile,
  type ConnectionFiles,
} from './credentials.ts';
export type { HubConnectionFile, StateConnectionFile } from '../nats-config/mod.ts';
export { hubStreamOptionsOf, narrowTopology, routingTablesOf, stateCodesOf } from './topology-views.ts';
export { startTopology, type StartTopologyOptions, type TopologyHandle } from './start-topology.ts';
export { writeTopologyConfigs, type WrittenTopology } from './write-topology-configs.ts';
