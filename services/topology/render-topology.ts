// Topology + layouts + secrets -> every nats-server config of the deployment. Pure: the same
// input renders the same text, so it is tested without starting anything.
//  - `password` mode (the local run): generated passwords, leaf links log in with a leaf user.
//  - `nkey` mode: every client logs in with an nkey (servers hold public keys only) and every leaf
//    link is authenticated by its TLS certificate, which the hub maps to the state's account: the
//    hub holds no secret of any state, and no config holds a password.
import { join } from 'node:path';
import { ConfigurationError, type StateCode } from '../core/mod.ts';
import {
  defaultLeafCertificateSubject,
  hubAccounts,
  hubLeafnodeUrls,
  hubNodeConfigs,
  leafServerConfig,
  renderServerConfig,
  withLeafCertificateMapping,
  withTls,
  type AccountConfig,
  type Credentials,
  type HubCredentials,
  type HubNkeys,
  type NatsServerConfig,
  type ServerLayout,
  type TlsFiles,
} from '../nats-config/mod.ts';
import { leafServerName, type TopologyLayouts } from './topology-layouts.ts';
import type { Topology } from './topology-schema.ts';

export interface RenderedServer {
  readonly name: string;
  readonly role: 'hub' | 'leaf';
  /** The state a leaf belongs to. */
  readonly state?: StateCode | undefined;
  readonly layout: ServerLayout;
  readonly config: NatsServerConfig;
  /** The config file's text (in password mode it holds passwords: write it with mode 0600). */
  readonly text: string;
}

export interface RenderTopologyInput {
  readonly topology: Topology;
  readonly layouts: TopologyLayouts;
  /** Secrets of `auth.mode: "password"`. */
  readonly credentials?: HubCredentials | undefined;
  /** Nkeys of `auth.mode: "nkey"` (only their public keys reach the configs). */
  readonly nkeys?: HubNkeys | undefined;
  /** Where each server finds its TLS files (default: the topology's `tls.dir` layout). */
  readonly tlsFilesOf?: ((server: string) => TlsFiles) | undefined;
}

/** The TLS files of one server in a certificates folder as `tipnet certs` writes it. */
export function certificatesDirFiles(dir: string, server: string): TlsFiles {
  return { ca: join(dir, 'ca.pem'), cert: join(dir, server, 'cert.pem'), key: join(dir, server, 'key.pem') };
}

/** Hub nodes first, then one leaf per state in topology order. */
export function renderTopology(input: RenderTopologyInput): RenderedServer[] {
  const { topology, layouts } = input;
  requireGeneratedAuth(topology);
  const states = topology.states.map((state) => state.code);
  const tlsFilesOf = tlsFilesResolver(input);
  const hubConfigs = hubNodeConfigs(layouts.hub, accountsOf(input, states), {
    clusterName: topology.hub.clusterName,
    jetstreamDomain: topology.hub.jetstreamDomain,
    maxPayloadBytes: topology.limits.maxPayloadBytes,
  });
  const subjects = leafCertificateSubjects(topology);
  const hubServers = layouts.hub.map((layout, index) => {
    let config = hubConfigs[index] as NatsServerConfig;
    if (tlsFilesOf) config = withTls(config, tlsFilesOf(layout.name));
    if (topology.auth.mode === 'nkey') config = withLeafCertificateMapping(config, subjects);
    return rendered(layout, 'hub', undefined, config);
  });
  const leafServers = states.map((state) => {
    const layout = layouts.leaves[state];
    if (layout === undefined) throw new ConfigurationError('topology layouts', [`no server layout for state ${state}`]);
    const config = leafServerConfig(layout, {
      state,
      hubLeafnodeUrls: hubLeafnodeUrls(layouts.hub, tlsFilesOf ? 'tls' : 'nats'),
      ...leafLoginOf(input, state),
      maxPayloadBytes: topology.limits.maxPayloadBytes,
    });
    return rendered(layout, 'leaf', state, tlsFilesOf ? withTls(config, tlsFilesOf(layout.name)) : config);
  });
  return [...hubServers, ...leafServers];
}

/** Per state, the certificate subject its leaf presents to the hub. */
export function leafCertificateSubjects(topology: Topology): Record<string, string> {
  return Object.fromEntries(topology.states.map((state) => [state.code, state.certificateSubject ?? defaultLeafCertificateSubject(leafServerName(state.code))]));
}

function tlsFilesResolver(input: RenderTopologyInput): ((server: string) => TlsFiles) | undefined {
  const tls = input.topology.tls;
  if (tls === undefined) return undefined;
  return input.tlsFilesOf ?? ((server) => certificatesDirFiles(tls.dir, server));
}

function accountsOf(input: RenderTopologyInput, states: readonly StateCode[]): Record<string, AccountConfig> {
  if (input.topology.auth.mode === 'nkey') {
    const nkeys = requireSecrets(input.nkeys, 'nkey');
    return hubAccounts({ hubUser: { nkey: nkeys.hubUser.publicKey }, leafUsers: Object.fromEntries(states.map((state) => [state, undefined])) });
  }
  const credentials = requireSecrets(input.credentials, 'password');
  return hubAccounts({ hubUser: credentials.hubUser, leafUsers: Object.fromEntries(states.map((state) => [state, pick(credentials.leafUsers, state, 'leaf')])) });
}

function leafLoginOf(input: RenderTopologyInput, state: StateCode): { leafUser?: Credentials; localApps: string | { nkey: string } } {
  if (input.topology.auth.mode === 'nkey') {
    const apps = requireSecrets(input.nkeys, 'nkey').appsUsers[state];
    if (apps === undefined) throw new ConfigurationError('topology nkeys', [`no apps nkey for state ${state}`]);
    return { localApps: { nkey: apps.publicKey } };
  }
  const credentials = requireSecrets(input.credentials, 'password');
  return { leafUser: pick(credentials.leafUsers, state, 'leaf'), localApps: pick(credentials.appsUsers, state, 'apps').password };
}

function requireSecrets<T>(secrets: T | undefined, mode: string): T {
  if (secrets === undefined) throw new ConfigurationError('topology', [`auth.mode: "${mode}" needs ${mode === 'nkey' ? 'nkeys' : 'credentials'} to render with`]);
  return secrets;
}

/** JWT (operator mode) deployments are built with nsc, not generated here; see infra/README.md. */
export function requireGeneratedAuth(topology: Topology): void {
  if (topology.auth.mode === 'jwt') {
    throw new ConfigurationError('topology', [
      'auth.mode: "jwt" accounts are issued with nsc in operator mode (infra/README.md, "Operator (JWT) mode"); tipnet config generates "password" and "nkey" modes',
    ]);
  }
}

function rendered(layout: ServerLayout, role: 'hub' | 'leaf', state: StateCode | undefined, config: NatsServerConfig): RenderedServer {
  return { name: layout.name, role, state, layout, config, text: renderServerConfig(config) };
}

function pick(table: Readonly<Record<string, Credentials>>, state: string, role: string): Credentials {
  const found = table[state];
  if (found === undefined) throw new ConfigurationError('topology credentials', [`no ${role} credentials for state ${state}`]);
  return found;
}
