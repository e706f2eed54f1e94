// Topology + layouts + credentials -> every nats-server config of the deployment. Pure: the same
// input renders the same text, so it is tested without starting anything.
import { ConfigurationError, type StateCode } from '../core/mod.ts';
import {
  hubAccounts,
  hubLeafnodeUrls,
  hubNodeConfigs,
  leafServerConfig,
  renderServerConfig,
  withTls,
  type Credentials,
  type HubCredentials,
  type NatsServerConfig,
  type ServerLayout,
} from '../nats-config/mod.ts';
import type { TopologyLayouts } from './topology-layouts.ts';
import type { Topology } from './topology-schema.ts';

export interface RenderedServer {
  readonly name: string;
  readonly role: 'hub' | 'leaf';
  /** The state a leaf belongs to. */
  readonly state?: StateCode | undefined;
  readonly layout: ServerLayout;
  readonly config: NatsServerConfig;
  /** The config file's text (holds passwords: write it with mode 0600). */
  readonly text: string;
}

export interface RenderTopologyInput {
  readonly topology: Topology;
  readonly layouts: TopologyLayouts;
  readonly credentials: HubCredentials;
}

/** Hub nodes first, then one leaf per state in topology order. */
export function renderTopology(input: RenderTopologyInput): RenderedServer[] {
  const { topology, layouts, credentials } = input;
  requireGeneratedAuth(topology);
  const states = topology.states.map((state) => state.code);
  const leafUsers = Object.fromEntries(states.map((state) => [state, pick(credentials.leafUsers, state, 'leaf')]));
  const accounts = hubAccounts({ hubUser: credentials.hubUser, leafUsers });
  const hubConfigs = hubNodeConfigs(layouts.hub, accounts, {
    clusterName: topology.hub.clusterName,
    jetstreamDomain: topology.hub.jetstreamDomain,
    maxPayloadBytes: topology.limits.maxPayloadBytes,
  });
  const production = (config: NatsServerConfig) => (topology.tls ? withTls(config, topology.tls) : config);
  const hubServers = layouts.hub.map((layout, index) =>
    rendered(layout, 'hub', undefined, production(hubConfigs[index] as NatsServerConfig)),
  );
  const leafServers = states.map((state) => {
    const layout = layouts.leaves[state];
    if (layout === undefined) throw new ConfigurationError('topology layouts', [`no server layout for state ${state}`]);
    const config = leafServerConfig(layout, {
      state,
      hubLeafnodeUrls: hubLeafnodeUrls(layouts.hub),
      leafUser: pick(credentials.leafUsers, state, 'leaf'),
      localAppsPassword: pick(credentials.appsUsers, state, 'apps').password,
      maxPayloadBytes: topology.limits.maxPayloadBytes,
    });
    return rendered(layout, 'leaf', state, production(config));
  });
  return [...hubServers, ...leafServers];
}

/** nkey and JWT (operator mode) deployments are built with nsc, not generated here; see infra/README.md. */
export function requireGeneratedAuth(topology: Topology): void {
  if (topology.auth.mode !== 'password') {
    throw new ConfigurationError('topology', [
      `auth.mode: "${topology.auth.mode}" accounts are issued with nsc in operator mode (infra/README.md, "Production"); tipnet config generates "password" mode only`,
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
