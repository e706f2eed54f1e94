// `tipnet certs`: a regional CA and one certificate per server of the topology (hub-1.., leaf-IDN..),
// naming each server's host, for local and test use. A ministry with its own PKI puts its files in
// the same layout instead (infra/README.md, "TLS").
import { relative, resolve } from 'node:path';
import { ConfigurationError } from '../../core/mod.ts';
import { certificateSubjectsOf, DEFAULT_TOPOLOGY_PATH, loadTopology, makeCertificates, resolveTopologyPath, subjectAltNameOf } from '../../topology/mod.ts';
import type { Command } from '../command.ts';

export const certsCommand: Command = {
  name: 'certs',
  summary: 'make a regional CA and a certificate per server of the topology (openssl; for local and test use)',
  options: {
    topology: { type: 'string', description: 'topology file (hosts become the certificates\' subjectAltName)', valueName: 'file', default: DEFAULT_TOPOLOGY_PATH },
    out: { type: 'string', description: 'certificates folder: ca.pem, ca-key.pem and <server>/cert.pem, key.pem (keys mode 0600); default the topology\'s tls.dir, else .tipnet/certs (git-ignored)', valueName: 'dir' },
    days: { type: 'string', description: 'validity in days', valueName: 'n', default: '825' },
    force: { type: 'boolean', description: 'issue again where a certificate exists (the CA is kept)', default: false },
  },
  async run({ values }) {
    const topologyOption = String(values.topology);
    const topologyPath = topologyOption === DEFAULT_TOPOLOGY_PATH ? resolveTopologyPath() : resolve(topologyOption);
    const days = Number(values.days);
    if (!Number.isInteger(days) || days < 1) {
      console.error(`tipnet certs: --days: "${String(values.days)}" is not a whole number of days`);
      return 2;
    }
    try {
      const topology = loadTopology(topologyPath);
      const servers = certificateSubjectsOf(topology);
      const out = values.out === undefined ? (topology.tls?.dir ?? '.tipnet/certs') : String(values.out);
      const made = await makeCertificates(resolve(out), servers, { days, force: values.force === true });
      console.log(`${made.newCa ? 'made the CA' : 'kept the CA'} ${shown(made.ca)} (its key ca-key.pem stays here: never copy it to a host)`);
      for (const server of servers) {
        console.log(`  ${server.name.padEnd(10)} ${made.issued.includes(server.name) ? 'issued' : 'kept  '} ${subjectAltNameOf(server.host)}`);
      }
      console.log(`use it with \`tipnet config --tls ${shown(made.dir)}\` (or "tls": {"dir": ...} in the topology)`);
      return 0;
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      console.error(`tipnet certs: ${error.message}`);
      return 2;
    }
  },
};

function shown(path: string): string {
  const fromHere = relative(process.cwd(), path);
  return fromHere.startsWith('..') ? path : fromHere;
}
