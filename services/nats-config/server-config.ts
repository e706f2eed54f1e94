import { renderConf } from './conf-syntax.ts';

/*
 * A typed subset of the nats-server 2.9 configuration file. Property names are the server's own
 * keys (snake_case), so the nats-server documentation applies to them word for word and the
 * renderer needs no translation table. Only settings that 2.9 understands belong here.
 * Addresses are "host:port" strings, as the server writes them.
 */

export interface NatsServerConfig {
  server_name: string;
  /** Client listen address, "host:port". */
  listen: string;
  /** Monitoring (HTTP) listen address. */
  http?: string | undefined;
  jetstream?: JetStreamConfig | undefined;
  cluster?: ClusterConfig | undefined;
  leafnodes?: LeafNodesConfig | undefined;
  accounts?: Record<string, AccountConfig> | undefined;
  system_account?: string | undefined;
  /** Clients that present no credentials are logged in as this user. */
  no_auth_user?: string | undefined;
  /** Largest message the server accepts from clients, routes and leaf nodes, in bytes. */
  max_payload?: number | undefined;
  /** TLS on the client listener. */
  tls?: TlsConfig | undefined;
  debug?: boolean | undefined;
  trace?: boolean | undefined;
  logfile?: string | undefined;
}

export interface JetStreamConfig {
  store_dir: string;
  domain?: string | undefined;
  /** Bytes, or a size string such as "256M". */
  max_memory_store?: number | string | undefined;
  max_file_store?: number | string | undefined;
}

export interface ClusterConfig {
  name: string;
  listen: string;
  /** Route URLs of the other nodes, "nats-route://host:port". */
  routes: string[];
  tls?: TlsConfig | undefined;
}

export interface LeafNodesConfig {
  /** Where this server accepts leaf node connections (hub side). */
  listen?: string | undefined;
  /** Hubs this server connects to as a leaf. */
  remotes?: LeafNodeRemote[] | undefined;
  /** TLS on the leaf node listener. */
  tls?: TlsConfig | undefined;
  /**
   * Who may connect as a leaf, and into which account. With `tls.verify_and_map` each user is the
   * subject of a leaf's certificate (RFC 2253, e.g. "CN=leaf-IDN,O=tipnet"): no secret on the hub.
   */
  authorization?: { users: LeafNodeUser[] } | undefined;
}

export interface LeafNodeUser {
  user: string;
  account: string;
}

export interface LeafNodeRemote {
  url?: string;
  /** Several URLs of one hub cluster; user and password may sit in the URL. */
  urls?: string[];
  /** Local account bound to the remote connection. */
  account?: string;
  /** Path to a .creds file (JWT-based auth). */
  credentials?: string;
  /** TLS towards the hub; the certificate is presented when the hub verifies leaf nodes. */
  tls?: TlsConfig;
}

/** A `tls { }` block; paths are read by the server when it starts (and by `nats-server -t`). */
export interface TlsConfig {
  cert_file: string;
  key_file: string;
  ca_file: string;
  /** Require and verify a certificate from the other side (mutual TLS). */
  verify?: boolean;
  /** Verify, then log the peer in as the user named by its certificate's subject. */
  verify_and_map?: boolean;
  /** Seconds allowed for the TLS handshake. */
  timeout?: number;
}

export interface AccountConfig {
  jetstream?: 'enabled' | 'disabled';
  users?: UserConfig[];
  exports?: AccountExport[];
  imports?: AccountImport[];
}

/** A user that logs in with a password, or with an nkey (the server holds only the public key). */
export type UserConfig =
  | { user: string; password: string; permissions?: UserPermissions }
  | { nkey: string; permissions?: UserPermissions };

export interface UserPermissions {
  publish?: SubjectRule;
  subscribe?: SubjectRule;
  /** Lets a user answer requests without a publish permission for the reply subject. */
  allow_responses?: boolean | { max?: number; expires?: string };
}

export interface SubjectRule {
  allow?: string[];
  deny?: string[];
}

export type AccountExport =
  | { stream: string; accounts?: string[] }
  | { service: string; accounts?: string[]; response_type?: 'Singleton' | 'Stream' | 'Chunked' };

export type AccountImport =
  | { stream: { account: string; subject: string }; prefix?: string; to?: string }
  | { service: { account: string; subject: string }; to?: string };

export function renderServerConfig(config: NatsServerConfig): string {
  return `# Written by tipnet services/local-nats for server ${config.server_name}.\n${renderConf(config)}`;
}

/** "host:port", the form nats-server uses for every listen address. */
export function hostPort(port: number, host = '127.0.0.1'): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}
