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

/** The organisation every certificate made by `tipnet certs` names. */
export const CERTIFICATE_ORGANISATION = 'tipnet';

/**
 * The subject of a leaf's certificate as nats-server 2.9 reads it (RFC 2253, most specific first).
 * `tipnet certs` issues `/O=tipnet/CN=leaf-<STATE>`; a ministry's own PKI names its subject in the
 * topology instead (infra/README.md).
 */
export function defaultLeafCertificateSubject(serverName: string): string {
  return `CN=${serverName},O=${CERTIFICATE_ORGANISATION}`;
}

/**
 * The hub side of certificate-authenticated leaf links: the leaf node listener verifies the leaf's
 * certificate and logs it in as the user its subject names, bound to that state's account. The hub
 * holds the CA and these subjects, no leaf secret; a certificate of another CA fails the handshake,
 * and one of this CA with an unlisted subject is refused as unauthorised.
 */
export function withLeafCertificateMapping(config: NatsServerConfig, subjectsByState: Readonly<Record<string, string>>): NatsServerConfig {
  const leafnodes = config.leafnodes;
  if (leafnodes?.listen === undefined || leafnodes.tls === undefined) return config;
  const { verify: _replaced, ...tls } = leafnodes.tls;
  return {
    ...config,
    leafnodes: {
      ...leafnodes,
      tls: { ...tls, verify_and_map: true },
      authorization: { users: Object.entries(subjectsByState).map(([account, user]) => ({ user, account })) },
    },
  };
}
