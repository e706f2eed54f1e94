/**
 * The deployment described once (infra/topology.json): validation, the nats-server configs and
 * connection files it implies, one bundle per host with systemd units (`tipnet config`), the
 * certificates for it (`tipnet certs`, openssl), and starting it locally. The configs themselves
 * are built by services/nats-config; only starting servers (start-topology.ts) and reserving free
 * ports (topology-layouts.ts) use the services/local-nats harness.
 *
 * Exports: the topology schema and loader, planTopologyLayouts, renderTopology, renderHostBundles,
 * makeCertificates, the connection files (connectionFiles, write/readConnectionFile,
 * writeConnectionFiles, writeSecretFile), generateCredentials / generateNkeys,
 * topology views (states, routing tables, stream options), startTopology, writeTopologyConfigs.
 */
export {
  AUTH_MODES,
  DEFAULT_HOST,
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
export { hubNodeName, leafServerName, NATS_DEFAULT_PORTS, planTopologyLayouts, type TopologyLayouts } from './topology-layouts.ts';
export {
  certificatesDirFiles,
  leafCertificateSubjects,
  renderTopology,
  requireGeneratedAuth,
  type RenderedServer,
  type RenderTopologyInput,
} from './render-topology.ts';
export { BUNDLE_TLS_DIR, NKEY_SEED_FILE, processUnit, renderHostBundles, type BundleFile, type HostBundle, type HostBundlesInput } from './host-bundles.ts';
export { certificateSubjectsOf, makeCertificates, subjectAltNameOf, type CertificateSubjectHost, type MadeCertificates, type MakeCertificatesOptions } from './make-certificates.ts';
export {
  connectionFiles,
  generateCredentials,
  generateNkeys,
  readConnectionFile,
  writeConnectionFile,
  writeConnectionFiles,
  writeSecretFile,
  type ConnectionFiles,
  type ConnectionLogins,
} from './credentials.ts';
export type { HubConnectionFile, StateConnectionFile } from '../nats-config/mod.ts';
export { hubStreamOptionsOf, narrowTopology, routingTablesOf, stateCodesOf } from './topology-views.ts';
export { startTopology, type StartTopologyOptions, type TopologyHandle } from './start-topology.ts';
export { writeTopologyConfigs, type WriteTopologyOptions, type WrittenBundle, type WrittenTopology } from './write-topology-configs.ts';
