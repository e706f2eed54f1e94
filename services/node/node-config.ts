// The configuration file of one node process (`tipnet node --config <file>`), validated once at
// start with every problem reported together. services/node/README.md documents the format.
import { basename, dirname, extname, join } from 'node:path';
import { z } from 'zod';
import { readJsonFile, stateCodeSchema } from '../core/mod.ts';
import { natsConnectionSchema } from '../nats-config/mod.ts';
import { oidcConfigSchema } from '../oidc-sign-in/mod.ts';
import type { ReplyDeadlines } from './deadlines.ts';

const HOUR_MS = 3_600_000;
const hours = z.number().positive().max(400 * 24);

export const nodeConfigSchema = z.strictObject({
  state: stateCodeSchema,
  /** The state's own leaf: servers, a password or nkey seed file login, and TLS (connection-file settings). */
  leaf: natsConnectionSchema,
  signingKeyFile: z.string().min(1),
  keyDirectoryFile: z.string().min(1),
  /**
   * The hub operator's Ed25519 public key (base64 of the raw 32 bytes), the node's trust anchor.
   * With it, keyDirectoryFile must be a directory this key signed, and newer signed versions from
   * the hub are applied live and kept in the data folder; without it, the file is read once.
   */
  operatorPublicKey: z.string().refine((value) => Buffer.from(value, 'base64').byteLength === 32, 'must be the base64 of a raw 32-byte Ed25519 public key').optional(),
  matchingKeyFile: z.string().min(1),
  /** The node's own folder (its SQLite store); default: "<config file name>-data" beside the config file. */
  dataDir: z.string().min(1).optional(),
  httpPort: z.int().min(0).max(65_535),
  /** Loopback by default. Any other address needs `tls` (or `plainHttpBehindProxy`): sign-in cookies and tokens must not cross a network in clear. */
  httpHost: z.string().default('127.0.0.1'),
  /** Further Host header values the API answers to, e.g. "tipnet.idn.example:8443" (default: only the listening address). */
  allowedHosts: z.array(z.string().min(1).max(260)).default([]),
  /** Serve HTTPS with this PEM key and certificate. */
  tls: z.strictObject({ keyFile: z.string().min(1), certFile: z.string().min(1) }).optional(),
  /** A TLS-terminating proxy in front of a non-loopback httpHost: the operator takes responsibility for the encryption. */
  plainHttpBehindProxy: z.boolean().default(false),
  /** Requests a minute per caller before 429 (default ACCESS_LIMITS.requestsPerMinute). */
  requestsPerMinute: z.int().min(1).max(1_000_000).optional(),
  /** Sign-in through the ministry's identity provider (services/oidc-sign-in/README.md), besides local accounts. */
  oidc: oidcConfigSchema.optional(),
  /** What the sign-in page calls that provider (default: its host name). */
  oidcDisplayName: z.string().trim().min(1).max(80).optional(),
  /** Reply deadlines by priority, in hours. */
  deadlines: z.strictObject({ immediate: hours, urgent: hours, routine: hours }).partial().default({}),
  senderUnit: z.string().min(1).max(200).optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default('info'),
}).refine((config) => isLoopbackHost(config.httpHost) || config.tls !== undefined || config.plainHttpBehindProxy, {
  path: ['httpHost'], message: 'a non-loopback address needs "tls" (or "plainHttpBehindProxy": true behind a TLS-terminating proxy)',
});

function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

export type NodeConfig = z.output<typeof nodeConfigSchema>;

export function readNodeConfig(path: string): Readonly<NodeConfig> {
  return readJsonFile(path, nodeConfigSchema);
}

/** Where the node keeps its store: `dataDir` as given, or "<config name>-data" beside the config file. */
export function dataDirOf(config: Pick<NodeConfig, 'dataDir'>, configPath: string): string {
  if (config.dataDir !== undefined) return config.dataDir;
  return join(dirname(configPath), `${basename(configPath, extname(configPath))}-data`);
}

export function deadlinesInMs(config: Pick<NodeConfig, 'deadlines'>): Partial<ReplyDeadlines> {
  return Object.fromEntries(Object.entries(config.deadlines).flatMap(([priority, value]) => (value === undefined ? [] : [[priority, value * HOUR_MS]])));
}
