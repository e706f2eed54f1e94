// One folder per host of a deployment (`tipnet config`): that server's nats-server config, only the
// secrets and certificates that host needs, its processes' configs, and a systemd unit per process.
// Pure: it says which file holds what; write-topology-configs.ts writes them. Every path inside a
// config is where the bundle will sit on its host (`installRoot`), so a bundle is copied as is.
import { join } from 'node:path';
import { ConfigurationError, HUB_SENDER, keyFilePath, type StateCode } from '../core/mod.ts';
import { connectionFileText, hubAccount, type HubCredentials, type HubNkeys, type NatsLogin, type TlsFiles } from '../nats-config/mod.ts';
import { connectionFiles } from './credentials.ts';
import { renderTopology, type RenderedServer } from './render-topology.ts';
import type { TopologyLayouts } from './topology-layouts.ts';
import type { Topology } from './topology-schema.ts';
import { hubStreamOptionsOf, routingTablesOf } from './topology-views.ts';

export interface BundleFile {
  /** Inside the bundle folder. */
  readonly path: string;
  /** The content, or `copyFrom`: a file to copy (a certificate or key from the certificates folder). */
  readonly text?: string | undefined;
  readonly copyFrom?: string | undefined;
  /** Written 0600 (keys, seeds, configs with passwords); others 0644. */
  readonly secret: boolean;
}

export interface HostBundle {
  /** The server's name, also the bundle folder: hub-1, leaf-IDN, ... */
  readonly name: string;
  readonly host: string;
  readonly state?: StateCode | undefined;
  readonly files: readonly BundleFile[];
}

export interface HostBundlesInput {
  readonly topology: Topology;
  readonly layouts: TopologyLayouts;
  readonly credentials?: HubCredentials | undefined;
  readonly nkeys?: HubNkeys | undefined;
  /** Where the bundle folder of a server sits on its host (absolute). */
  readonly installRootOf: (server: string) => string;
  /** The certificates folder (`tipnet certs` layout) when the topology has TLS. */
  readonly certsDir?: string | undefined;
  /** The tipnet command on the hosts, for the node and hub services units (default /opt/tipnet/bin/tipnet.js). */
  readonly tipnetCommand?: string | undefined;
  readonly natsServerCommand?: string | undefined;
}

export const BUNDLE_TLS_DIR = 'tls';
export const NKEY_SEED_FILE = { hub: 'hub.nk', apps: 'apps.nk' } as const;

export function renderHostBundles(input: HostBundlesInput): HostBundle[] {
  const tlsFilesOf = (server: string): TlsFiles => {
    const root = join(input.installRootOf(server), BUNDLE_TLS_DIR);
    return { ca: join(root, 'ca.pem'), cert: join(root, 'cert.pem'), key: join(root, 'key.pem') };
  };
  const servers = renderTopology({ topology: input.topology, layouts: input.layouts, credentials: input.credentials, nkeys: input.nkeys, tlsFilesOf });
  return servers.map((server) => {
    const root = input.installRootOf(server.name);
    const files = [
      { path: 'nats-server.conf', text: server.text, secret: input.topology.auth.mode === 'password' },
      { path: 'tipnet-nats-server.service', text: natsServerUnit(server, root, input.natsServerCommand), secret: false },
      ...tlsFilesFor(input, server.name),
      ...(server.role === 'hub' ? hubProcessFiles(input, root) : leafProcessFiles(input, server, root)),
    ];
    return { name: server.name, host: server.layout.host ?? '127.0.0.1', state: server.state, files };
  });
}

function tlsFilesFor(input: HostBundlesInput, server: string): BundleFile[] {
  if (input.topology.tls === undefined) return [];
  const certsDir = input.certsDir ?? input.topology.tls.dir;
  return [
    { path: join(BUNDLE_TLS_DIR, 'ca.pem'), copyFrom: join(certsDir, 'ca.pem'), secret: false },
    { path: join(BUNDLE_TLS_DIR, 'cert.pem'), copyFrom: join(certsDir, server, 'cert.pem'), secret: false },
    { path: join(BUNDLE_TLS_DIR, 'key.pem'), copyFrom: join(certsDir, server, 'key.pem'), secret: true },
  ];
}

/** How a bundle's own processes log in: its own seed file (nkey mode) or the generated passwords. */
function loginsFor(input: HostBundlesInput, root: string) {
  const caFile = input.topology.tls === undefined ? undefined : join(root, BUNDLE_TLS_DIR, 'ca.pem');
  const login = (owner: string): NatsLogin => {
    if (input.topology.auth.mode === 'nkey') return { nkeySeedFile: join(root, owner === hubAccount ? NKEY_SEED_FILE.hub : NKEY_SEED_FILE.apps) };
    const found = owner === hubAccount ? input.credentials?.hubUser : input.credentials?.appsUsers[owner];
    if (found === undefined) throw new ConfigurationError('topology credentials', [`no credentials for ${owner}`]);
    return { user: found.user, password: found.password };
  };
  return connectionFiles(input.topology, input.layouts, { login, caFile });
}

function hubProcessFiles(input: HostBundlesInput, root: string): BundleFile[] {
  const hub = loginsFor(input, root).hub;
  const routing = routingTablesOf(input.topology);
  const { account: _account, jetstreamDomain: _domain, ...connection } = hub;
  const hubServices = {
    ...connection,
    replicas: hubStreamOptionsOf(input.topology).replicas,
    // Placed by the hub operator from `tipnet keys` (the hub's signing key and the key directory).
    hubKeyFile: keyFilePath(join(root, 'keys'), HUB_SENDER),
    keyDirectoryFile: join(root, 'keys', 'directory.json'),
    ...operatorKeyOf(input),
    states: routing.states,
    sharingGroups: routing.sharingGroups,
    logLevel: 'info',
  };
  const seed = input.nkeys?.hubUser.seed;
  return [
    { path: `connections/${hubAccount}.json`, text: connectionFileText(hub), secret: true },
    { path: 'hub-services.json', text: `${JSON.stringify(hubServices, null, 2)}\n`, secret: true },
    ...(seed === undefined ? [] : [{ path: NKEY_SEED_FILE.hub, text: `${seed}\n`, secret: true }]),
    { path: 'tipnet-hub-services.service', text: processUnit('tipnet hub services (router and dispatcher)', `${tipnetCommand(input)} hub --config ${join(root, 'hub-services.json')}`, root), secret: false },
  ];
}

function leafProcessFiles(input: HostBundlesInput, server: RenderedServer, root: string): BundleFile[] {
  const state = server.state as StateCode;
  const connection = loginsFor(input, root).states.find((file) => file.state === state);
  if (connection === undefined) throw new ConfigurationError('topology', [`no connection file for ${state}`]);
  const { servers, user, password, nkeySeedFile, tls } = connection;
  const node = {
    state,
    leaf: { servers, user, password, nkeySeedFile, tls },
    // Placed by the state's operator from `tipnet keys` (its signing key, the directory, the matching key).
    signingKeyFile: keyFilePath(join(root, 'keys'), state),
    keyDirectoryFile: join(root, 'keys', 'directory.json'),
    matchingKeyFile: join(root, 'keys', 'matching-key.json'),
    ...operatorKeyOf(input),
    dataDir: join(root, 'node-data'),
    ...nodeListenerOf(input, server, root),
    logLevel: 'info',
  };
  const seed = input.nkeys?.appsUsers[state]?.seed;
  return [
    { path: `connections/${state}.json`, text: connectionFileText(connection), secret: true },
    { path: 'node.json', text: `${JSON.stringify(node, null, 2)}\n`, secret: true },
    ...(seed === undefined ? [] : [{ path: NKEY_SEED_FILE.apps, text: `${seed}\n`, secret: true }]),
    { path: 'tipnet-node.service', text: processUnit(`tipnet node of ${state}`, `${tipnetCommand(input)} node --config ${join(root, 'node.json')}`, root, 'tipnet-nats-server.service'), secret: false },
  ];
}

function operatorKeyOf(input: HostBundlesInput): { operatorPublicKey?: string } {
  return input.topology.operatorPublicKey === undefined ? {} : { operatorPublicKey: input.topology.operatorPublicKey };
}

/**
 * With TLS the node's API listens on its host's address over HTTPS with the host's certificate,
 * for the state's national systems and officers; without, on loopback only (a local run).
 */
function nodeListenerOf(input: HostBundlesInput, server: RenderedServer, root: string) {
  const host = server.layout.host;
  if (input.topology.tls === undefined || host === undefined) return { httpPort: 8443 };
  return { httpHost: host, httpPort: 8443, tls: { certFile: join(root, BUNDLE_TLS_DIR, 'cert.pem'), keyFile: join(root, BUNDLE_TLS_DIR, 'key.pem') } };
}

function tipnetCommand(input: HostBundlesInput): string {
  return input.tipnetCommand ?? '/opt/tipnet/bin/tipnet.js';
}

function natsServerUnit(server: RenderedServer, root: string, command = '/usr/sbin/nats-server'): string {
  return processUnit(`nats-server ${server.name} of tipnet`, `${command} -c ${join(root, 'nats-server.conf')}`, root);
}

/** A systemd unit restarted on failure; `after` orders a node after its own leaf server. */
export function processUnit(description: string, execStart: string, workingDirectory: string, after?: string): string {
  return [
    '[Unit]',
    `Description=${description}`,
    `After=network-online.target${after ? ` ${after}` : ''}`,
    'Wants=network-online.target',
    '',
    '[Service]',
    `ExecStart=${execStart}`,
    `WorkingDirectory=${workingDirectory}`,
    'Restart=on-failure',
    'RestartSec=2s',
    'UMask=0077',
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    '',
  ].join('\n');
}

export type { RenderedServer };
