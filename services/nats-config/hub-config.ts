import { baseServerConfig } from './base-config.ts';
import { clusterNodeConfigs } from './cluster-config.ts';
import { LocalNatsError, LocalNatsErrorCode } from './errors.ts';
import { hubJetStreamDomain, localAppsPermissions, userConfig, type Credentials, type UserAuth } from './hub-accounts.ts';
import { hostPort, type AccountConfig, type NatsServerConfig } from './server-config.ts';
import { hostOf, type ServerLayout } from './server-layout.ts';

export interface HubNodeOptions {
  /** Cluster name of a clustered hub (default 'hub'). */
  readonly clusterName?: string | undefined;
  /** JetStream domain of the hub (default 'hub'). */
  readonly jetstreamDomain?: string | undefined;
  /** max_payload (default LIMITS.maxServerPayloadBytes). */
  readonly maxPayloadBytes?: number | undefined;
}

/** Hub node configs: a plain server or cluster, plus the accounts and a leaf node listener. */
export function hubNodeConfigs(
  layouts: readonly ServerLayout[],
  accounts: Record<string, AccountConfig>,
  options: HubNodeOptions = {},
): NatsServerConfig[] {
  const nodes = clusterNodeConfigs(options.clusterName ?? 'hub', layouts, {
    jetstream: { domain: options.jetstreamDomain ?? hubJetStreamDomain },
    maxPayloadBytes: options.maxPayloadBytes,
  });
  return nodes.map((config, index) => ({
    ...config,
    leafnodes: { listen: hostPort(leafnodePortOf(layouts[index] as ServerLayout), hostOf(layouts[index] as ServerLayout)) },
    accounts,
  }));
}

/** URLs of the hub's leaf node listeners (`tls://` when the hub requires TLS of leaf nodes). */
export function hubLeafnodeUrls(hubLayouts: readonly ServerLayout[], scheme: 'nats' | 'tls' = 'nats'): string[] {
  return hubLayouts.map((layout) => `${scheme}://${hostPort(leafnodePortOf(layout), hostOf(layout))}`);
}

export interface LeafConfigInput {
  readonly state: string;
  /** hubLeafnodeUrls() of every hub node, so the leaf fails over inside a clustered hub. */
  readonly hubLeafnodeUrls: readonly string[];
  /**
   * The state account's leaf user on the hub; absent when the hub maps the leaf into the state's
   * account by its TLS certificate (the remote's `tls` block, added by withTls, is then its identity).
   */
  readonly leafUser?: Credentials | undefined;
  /**
   * How the local `apps` user, the only way in for the state's own software, logs in: a password
   * (string) or an nkey (the server holds its public key).
   */
  readonly localApps: string | { readonly nkey: string };
  /** max_payload (default LIMITS.maxServerPayloadBytes). */
  readonly maxPayloadBytes?: number | undefined;
}

export const localAppsUser = 'apps';

/**
 * A member state's own server: its own JetStream domain (the lowercased code), one local account
 * whose `apps` user may only submit as this state and read this state's deliveries, and a leaf
 * connection that binds that account to the state's account on the hub. The leaf connection is
 * bound to the account, not to a user, so the apps user's permissions do not limit it.
 */
export function leafServerConfig(layout: ServerLayout, input: LeafConfigInput): NatsServerConfig {
  return {
    ...baseServerConfig(layout, { jetstream: { domain: input.state.toLowerCase() }, maxPayloadBytes: input.maxPayloadBytes }),
    accounts: {
      [input.state]: {
        jetstream: 'enabled',
        users: [userConfig(localAppsAuth(input.localApps), localAppsPermissions(input.state))],
      },
    },
    leafnodes: {
      // nats-server 2.9 takes a leaf remote's user and password only from its URL (or a creds file).
      remotes: [{ urls: input.hubLeafnodeUrls.map((url) => (input.leafUser ? withCredentials(url, input.leafUser) : url)), account: input.state }],
    },
  };
}

function localAppsAuth(localApps: LeafConfigInput['localApps']): UserAuth {
  return typeof localApps === 'string' ? { user: localAppsUser, password: localApps } : localApps;
}

function withCredentials(url: string, credentials: Credentials): string {
  const withAuth = new URL(url);
  withAuth.username = encodeURIComponent(credentials.user);
  withAuth.password = encodeURIComponent(credentials.password);
  return withAuth.toString();
}

function leafnodePortOf(layout: ServerLayout): number {
  if (layout.ports.leafnode === undefined) {
    throw new LocalNatsError(LocalNatsErrorCode.invalidConfig, `hub node ${layout.name} has no leaf node port`);
  }
  return layout.ports.leafnode;
}
