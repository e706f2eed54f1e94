import { join } from 'node:path';

/**
 * Where one server lives: its name, host and ports and a private data dir. Config builders take
 * layouts, so they stay pure, and restarting a server reuses its layout (same ports, same
 * JetStream store), which is what lets JetStream state survive a restart.
 */
export interface ServerLayout {
  readonly name: string;
  /** The address it listens on and is reached at (default 127.0.0.1: the local run). */
  readonly host?: string | undefined;
  readonly dataDir: string;
  /** Whether the data dir outlives stop(); otherwise it is temporary and removed. */
  readonly keepData: boolean;
  readonly ports: ServerPorts;
}

export interface ServerPorts {
  readonly client: number;
  readonly monitoring: number;
  readonly cluster?: number | undefined;
  readonly leafnode?: number | undefined;
}

/** Ports a caller wants fixed; the rest are chosen free. */
export type FixedPorts = { readonly [K in keyof ServerPorts]?: number | undefined };

export function storeDirOf(layout: ServerLayout): string {
  return join(layout.dataDir, 'jetstream');
}

export function logFileOf(layout: ServerLayout): string {
  return join(layout.dataDir, 'nats-server.log');
}

export function configFileOf(layout: ServerLayout): string {
  return join(layout.dataDir, 'nats-server.conf');
}

export const LOOPBACK_HOST = '127.0.0.1';

export function hostOf(layout: ServerLayout): string {
  return layout.host ?? LOOPBACK_HOST;
}

export function clientUrlOf(layout: ServerLayout, scheme: 'nats' | 'tls' = 'nats'): string {
  return `${scheme}://${urlHost(hostOf(layout))}:${layout.ports.client}`;
}

/** An IPv6 address sits in brackets inside a URL or "host:port". */
export function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
