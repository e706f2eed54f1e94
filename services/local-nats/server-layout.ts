import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePorts } from './free-port.ts';
import { trackTemporaryDir } from './process-registry.ts';
import type { FixedPorts, ServerLayout, ServerPorts } from '../nats-config/mod.ts';


export interface LayoutOptions {
  /** Also reserve a cluster route port. */
  cluster?: boolean | undefined;
  /** Also reserve a port that accepts leaf node connections. */
  leafnodeListener?: boolean | undefined;
  /** Ports to use as given (e.g. fixed in a topology); the others are chosen free. */
  fixedPorts?: FixedPorts | undefined;
  keepData?: boolean | undefined;
}

/** Reserves free loopback ports and a temporary data dir for one server (see nats-config's ServerLayout). */
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
