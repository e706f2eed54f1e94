import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePorts } from './free-port.ts';
import { trackTemporaryDir } from './process-registry.ts';

/**
 * Where one server lives: its name, loopback ports and a private data dir. Config builders take
 * layouts, so they stay pure, and restarting a server reuses its layout (same ports, same
 * JetStream store), which is what lets JetStream state survive a restart.
 */
export interface ServerLayout {
  readonly name: string;
  readonly dataDir: string;
  /** Whether the data dir outlives stop(); otherwise it is temporary and removed. */
  readonly keepData: boolean;
  readonly ports: ServerPorts;
}

export interface ServerPorts {
  readonly client: number;
  readonly monitoring: number;
  readonly cluster?: number;
  readonly leafnode?: number;
}

export interface LayoutOptions {
  /** Also reserve a cluster route port. */
  cluster?: boolean;
  /** Also reserve a port that accepts leaf node connections. */
  leafnodeListener?: boolean;
  /** Ports to use as given (e.g. fixed in a topology); the others are chosen free. */
  fixedPorts?: Partial<ServerPorts>;
  keepData?: boolean;
}

export async function allocateServerLayout(name: string, options: LayoutOptions = {}): Promise<ServerLayout> {
  const fixed = options.fixedPorts ?? {};
  const wanted: Array<keyof ServerPorts> = ['client', 'monitoring'];
  if (options.cluster) wanted.push('cluster');
  if (options.leafnodeListener) wanted.push('leafnode');
  const missing = wanted.filter((port) => fixed[port] === undefined);
  const free = await findFreePorts(missing.length);
  const chosen = Object.fromEntries(missing.map((port, index) => [port, free[index]]));
  const ports = { ...fixed, ...chosen } as ServerPorts;
  const dataDir = await mkdtemp(join(tmpdir(), 'tipnet-nats-'));
  const keepData = options.keepData ?? false;
  if (!keepData) trackTemporaryDir(dataDir);
  return {
    name,
    dataDir,
    keepData,
    ports: {
      client: ports.client,
      monitoring: ports.monitoring,
      cluster: options.cluster ? ports.cluster : undefined,
      leafnode: options.leafnodeListener ? ports.leafnode : undefined,
    },
  };
}

export function storeDirOf(layout: ServerLayout): string {
  return join(layout.dataDir, 'jetstream');
}

export function logFileOf(layout: ServerLayout): string {
  return join(layout.dataDir, 'nats-server.log');
}

export function configFileOf(layout: ServerLayout): string {
  return join(layout.dataDir, 'nats-server.conf');
}

export function clientUrlOf(layout: ServerLayout): string {
  return `nats://127.0.0.1:${layout.ports.client}`;
}
