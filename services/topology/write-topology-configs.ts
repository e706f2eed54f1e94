// What `tipnet config` does: plan layouts, generate credentials, render every server's config and
// write it with the connection files. Everything secret is written 0600 into 0700 folders.
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ServerPorts } from '../nats-config/mod.ts';
import { connectionFiles, generateCredentials, writeConnectionFiles, writeSecretFile } from './credentials.ts';
import { renderTopology } from './render-topology.ts';
import { planTopologyLayouts } from './topology-layouts.ts';
import type { Topology } from './topology-schema.ts';

export interface WrittenTopology {
  readonly servers: ReadonlyArray<{ readonly name: string; readonly configFile: string; readonly dataDir: string; readonly ports: ServerPorts }>;
  readonly connectionFiles: readonly string[];
}

/** Writes `<outDir>/<server>.conf`, `<outDir>/data/<server>/` and `<outDir>/connections/*.json`. */
export async function writeTopologyConfigs(topology: Topology, outDir: string): Promise<WrittenTopology> {
  const root = resolve(outDir);
  await mkdir(root, { recursive: true, mode: 0o700 });
  const layouts = await planTopologyLayouts(topology, join(root, 'data'));
  const credentials = generateCredentials(topology);
  const servers = [];
  for (const server of renderTopology({ topology, layouts, credentials })) {
    await mkdir(server.layout.dataDir, { recursive: true, mode: 0o700 });
    const configFile = await writeSecretFile(join(root, `${server.name}.conf`), server.text);
    servers.push({ name: server.name, configFile, dataDir: server.layout.dataDir, ports: server.layout.ports });
  }
  const written = await writeConnectionFiles(join(root, 'connections'), connectionFiles(topology, layouts, credentials));
  return { servers, connectionFiles: written };
}
