import { baseServerConfig, type BaseConfigOptions } from './base-config.ts';
import { LocalNatsError, LocalNatsErrorCode } from './errors.ts';
import { hostPort, type NatsServerConfig } from './server-config.ts';
import { hostOf, type ServerLayout } from './server-layout.ts';

/**
 * Configs for the nodes of one cluster: each node lists routes to all the others. A single
 * layout yields a plain server without a cluster block, so callers can treat "one server" and
 * "a cluster" alike.
 */
export function clusterNodeConfigs(
  clusterName: string,
  layouts: readonly ServerLayout[],
  options: BaseConfigOptions = {},
): NatsServerConfig[] {
  if (layouts.length === 1) return layouts.map((layout) => baseServerConfig(layout, options));
  return layouts.map((layout) => ({
    ...baseServerConfig(layout, options),
    cluster: {
      name: clusterName,
      listen: hostPort(clusterPortOf(layout), hostOf(layout)),
      routes: layouts.filter((peer) => peer !== layout).map((peer) => `nats-route://${hostPort(clusterPortOf(peer), hostOf(peer))}`),
    },
  }));
}

function clusterPortOf(layout: ServerLayout): number {
  if (layout.ports.cluster === undefined) {
    throw new LocalNatsError(LocalNatsErrorCode.invalidConfig, `cluster node ${layout.name} has no cluster port`);
  }
  return layout.ports.cluster;
}
