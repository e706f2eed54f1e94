// `tipnet config`: validate the topology and write one bundle per host: that server's nats-server
// config, only the secrets and certificates it needs, its processes' configs and systemd units.
import { relative, resolve } from 'node:path';
import { ConfigurationError } from '../../core/mod.ts';
import { DEFAULT_TOPOLOGY_PATH, loadTopology, parseTopology, resolveTopologyPath, writeTopologyConfigs, type Topology } from '../../topology/mod.ts';
import type { Command } from '../command.ts';

export const configCommand: Command = {
  name: 'config',
  summary: 'validate the topology and write one bundle per host (nats-server config, its secrets and certificates, node or hub services config, systemd units)',
  options: {
    topology: { type: 'string', description: 'topology file (a relative path is taken from the current directory)', valueName: 'file', default: DEFAULT_TOPOLOGY_PATH },
    out: { type: 'string', description: 'folder for the bundles, one folder per server (mode 0700; holds secrets)', valueName: 'dir', default: '.tipnet/config' },
    tls: { type: 'string', description: 'certificates folder (`tipnet certs` layout); turns TLS on as the topology\'s "tls": {"dir"} does', valueName: 'dir' },
    'install-dir': { type: 'string', description: 'where the bundles will sit on their hosts, e.g. /etc/tipnet (default: where they are written)', valueName: 'dir' },
    only: { type: 'string', description: 'only these servers\' bundles, comma-separated (e.g. leaf-IDN): each party renders its own, so a state\'s key and seed never leave its host', valueName: 'servers' },
    'tipnet-command': { type: 'string', description: 'the tipnet command on the hosts, for the node and hub services units', valueName: 'path', default: '/opt/tipnet/bin/tipnet.js' },
  },
  async run({ values }) {
    const topologyOption = String(values.topology);
    // The default names the repository's file from anywhere; a path given by hand is the caller's.
    const topologyPath = topologyOption === DEFAULT_TOPOLOGY_PATH ? resolveTopologyPath() : resolve(topologyOption);
    try {
      const topology = withTlsOption(loadTopology(topologyPath), values.tls);
      const written = await writeTopologyConfigs(topology, String(values.out), {
        installDir: values['install-dir'] === undefined ? undefined : String(values['install-dir']),
        tipnetCommand: values['tipnet-command'] === undefined ? undefined : String(values['tipnet-command']),
        only: values.only === undefined ? undefined : String(values.only).split(',').map((name) => name.trim()).filter(Boolean),
      });
      const security = `auth ${topology.auth.mode}${topology.tls ? `, TLS with certificates from ${shown(resolve(topology.tls.dir))}` : ', no TLS (local run)'}`;
      console.log(`topology ${shown(topologyPath)} is valid: hub of ${topology.hub.nodes} node(s), ${topology.states.length} state leaves; ${security}`);
      console.log('one bundle per host:');
      for (const server of written.servers) {
        const ports = Object.entries(server.ports).filter(([, port]) => port !== undefined).map(([kind, port]) => `${kind} ${port}`);
        console.log(`  ${server.name.padEnd(10)} host ${server.host}  ${shown(server.configFile)} (${ports.join(', ')})`);
      }
      console.log('connection files (mode 0600):');
      for (const file of written.connectionFiles) console.log(`  ${shown(file)}`);
      console.log('check a config with `nats-server -t -c <file>`; on each host install its folder and enable its *.service units.');
      return 0;
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      console.error(`tipnet config: ${error.message}`);
      return 2;
    }
  },
};

function withTlsOption(topology: Readonly<Topology>, dir: unknown): Readonly<Topology> {
  if (dir === undefined) return topology;
  return parseTopology({ ...topology, tls: { dir: resolve(String(dir)) } }, '--tls');
}

function shown(path: string): string {
  const fromHere = relative(process.cwd(), path);
  return fromHere.startsWith('..') ? path : fromHere;
}
