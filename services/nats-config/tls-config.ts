import type { NatsServerConfig, TlsConfig } from './server-config.ts';

/** PEM files of one server: its certificate and key, and the CA that signed every peer. */
export interface TlsFiles {
  readonly cert: string;
  readonly key: string;
  readonly ca: string;
}

/**
 * The production form of a server config: TLS on every listener and every leaf remote, and no
 * monitoring listener (plain HTTP would expose account and connection details). Cluster routes
 * and leaf connections verify the peer's certificate (mutual TLS); clients still authenticate with
 * their credentials over a server-authenticated TLS connection.
 */
export function withTls(config: NatsServerConfig, files: TlsFiles): NatsServerConfig {
  const serverTls: TlsConfig = { cert_file: files.cert, key_file: files.key, ca_file: files.ca };
  const mutualTls: TlsConfig = { ...serverTls, verify: true };
  const { http: _monitoringOff, ...rest } = config;
  return {
    ...rest,
    tls: serverTls,
    cluster: config.cluster && { ...config.cluster, tls: mutualTls },
    leafnodes: config.leafnodes && {
      ...config.leafnodes,
      tls: config.leafnodes.listen === undefined ? undefined : mutualTls,
      remotes: config.leafnodes.remotes?.map((remote) => ({ ...remote, tls: serverTls })),
    },
  };
}
