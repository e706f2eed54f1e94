/**
 * The NATS security model and server configs of tipnet, as pure data: the hub's accounts (one for
 * its services, one per member state) and the services they export and import, what a state's
 * local apps may publish and subscribe to, the configs of a single server, a hub cluster node and
 * a state's leaf, TLS settings, the nats-server conf syntax they are rendered in, and fresh
 * credentials (passwords or nkeys) for all of it. Every subject comes from core/subjects.ts. No processes, no files,
 * no network: services/local-nats starts servers from these configs, services/topology renders
 * them for a real deployment (`tipnet config`).
 *
 * Exports: hubAccounts, localAppsPermissions, validateLeafNames, leafUserName, hubAccount,
 * hubJetStreamDomain; hubNodeConfigs, hubLeafnodeUrls, leafServerConfig, localAppsUser;
 * baseServerConfig, clusterNodeConfigs, withTls, withLeafCertificateMapping (leaf links
 * authenticated by certificate), defaultLeafCertificateSubject; renderServerConfig, renderConf,
 * hostPort and the config types; ServerLayout (host, ports) and its path helpers;
 * generateHubCredentials, randomSecret, generateHubNkeys, generateNkeyIdentity; the NATS
 * connection settings (natsConnectionSchema, checkNatsLogin) and the connection files
 * (stateConnectionFileSchema, hubConnectionFileSchema, their types, builder, text);
 * LocalNatsError and its code table (shared with the local-nats harness).
 */
export { LocalNatsError, LocalNatsErrorCode } from './errors.ts';
export { renderConf } from './conf-syntax.ts';
export { renderServerConfig, hostPort } from './server-config.ts';
export type * from './server-config.ts';
export { clientUrlOf, configFileOf, hostOf, logFileOf, LOOPBACK_HOST, storeDirOf, urlHost, type FixedPorts, type ServerLayout, type ServerPorts } from './server-layout.ts';
export { baseServerConfig, type BaseConfigOptions } from './base-config.ts';
export { clusterNodeConfigs } from './cluster-config.ts';
export {
  hubAccount,
  hubAccounts,
  hubJetStreamDomain,
  leafUserName,
  localAppsPermissions,
  userConfig,
  validateLeafNames,
  type Credentials,
  type HubAccountsInput,
  type NkeyUser,
  type UserAuth,
} from './hub-accounts.ts';
export {
  hubLeafnodeUrls,
  hubNodeConfigs,
  leafServerConfig,
  localAppsUser,
  type HubNodeOptions,
  type LeafConfigInput,
} from './hub-config.ts';
export { CERTIFICATE_ORGANISATION, defaultLeafCertificateSubject, withLeafCertificateMapping, withTls, type TlsFiles } from './tls-config.ts';
export {
  generateHubCredentials,
  generateHubNkeys,
  generateNkeyIdentity,
  randomSecret,
  type HubCredentials,
  type HubNkeys,
  type NkeyIdentity,
} from './hub-credentials.ts';
export {
  checkNatsLogin,
  connectionFileText,
  hubConnectionFileSchema,
  natsConnectionFields,
  natsConnectionSchema,
  type NatsConnectionSettings,
  type NatsLogin,
  stateConnectionFile,
  stateConnectionFileSchema,
  type HubConnectionFile,
  type StateConnectionFile,
  type StateConnectionInput,
} from './connection-file.ts';
