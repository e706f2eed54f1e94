// `tipnet config`: validate the topology and write every nats-server config of the deployment,
// plus the connection file each state's software and the hub services log in with.
import { relative, resolve } from 'node:path';
import { ConfigurationError } from '../../core/mod.ts';
import { DEFAULT_TOPOLOGY_PATH, loadTopology, resolveTopologyPath, writeTopologyConfigs } from '../../topology/mod.ts';
import type { Command } from '../command.ts';

export const configCommand: Command = {
  name: 'config',
  summary: 'validate the topology and write every nats-server config and connection file',
  options: {
    topology: { type: 'string', description: 'topology file (a relative path is taken from the current directory)', valueName: 'file', default: DEFAULT_TOPOLOGY_PATH },
    out: { type: 'string', description: 'folder for .conf files, data dirs and connections/ (mode 0700; holds passwords)', valueName: 'dir', default: '.tipnet/config' },
  },
  async run({ values }) {
    const topologyOption = String(values.topology);
    // The default names the repository's file from anywhere; a path given by hand is the caller's.
    const topologyPath = topologyOption === DEFAULT_TOPOLOGY_PATH ? resolveTopologyPath() : resolve(topologyOption);
    try {
      const topology = loadTopology(topologyPath);
      const written = await writeTopologyConfigs(topology, String(values.out));
      console.log(`topology ${shown(topologyPath)} is valid: hub of ${topology.hub.nodes} node(s), ${topology.states.length} state leaves`);
      for (const server of written.servers) {
        const ports = Object.entries(server.ports).filter(([, port]) => port !== undefined).map(([kind, port]) => `${kind} ${port}`);
        console.log(`  ${server.name.padEnd(10)} ${shown(server.configFile)} (${ports.join(', ')})`);
      }
      console.log('connection files (mode 0600):');
      for (const file of written.connectionFiles) console.log(`  ${shown(file)}`);
      console.log('check a config with `nats-server -t -c <file>`; run it with `nats-server -c <file>`.');
      return 0;
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      console.error(`tipnet config: ${error.message}`);
      return 2;
    }
  },
};

function shown(path: string): string {
  const fromHere = relative(process.cwd(), path);
  return fromHere.startsWith('..') ? path : fromHere;
}
