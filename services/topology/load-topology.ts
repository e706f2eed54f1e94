import { fileURLToPath } from 'node:url';
import { isAbsolute, resolve } from 'node:path';
import { readJsonFile } from '../core/mod.ts';
import { topologySchema, type Topology } from './topology-schema.ts';

/** The repository's own description of the local deployment. */
export const DEFAULT_TOPOLOGY_PATH = 'infra/topology.json';

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

/** A relative path is taken from the repository root, so commands work from any directory. */
export function resolveTopologyPath(path: string = DEFAULT_TOPOLOGY_PATH): string {
  return isAbsolute(path) ? path : resolve(repositoryRoot, path);
}

/**
 * Reads and validates a topology file. A missing file, a JSON syntax error or any schema problem
 * is a ConfigurationError that lists every problem with its field path.
 */
export function loadTopology(path: string = DEFAULT_TOPOLOGY_PATH): Readonly<Topology> {
  return readJsonFile(resolveTopologyPath(path), topologySchema);
}
