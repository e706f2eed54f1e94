// What a running deployment offers to tools that come to it from outside (`tipnet drill
// --against`): for each state, its connection file and, where a node service runs, the node's API
// and the file holding its API token; the hub services' config (for the hub's verdicts) and the
// topology it was started from. `tipnet up` writes it as deployment.json in its folder. It names
// files and never holds a secret itself.
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { ConfigurationError, stateCodeSchema } from '../core/mod.ts';

export const DEPLOYMENT_FILE = 'deployment.json';

const stateEntrySchema = z.strictObject({
  /** The state's leaf connection file (servers, user, password, key files). */
  connectionFile: z.string().min(1),
  node: z.strictObject({
    url: z.url({ protocol: /^https?$/ }),
    /** JSON with a "token" field (an API token with scopes submit, read, acknowledge), mode 0600. */
    credentialsFile: z.string().min(1),
  }).optional(),
});

export const deploymentDescriptionSchema = z.strictObject({
  kind: z.literal('tipnet-deployment'),
  topologyFile: z.string().min(1),
  /** The hub services' config; absent when the tool may not log in to the hub. */
  hubServicesConfig: z.string().min(1).optional(),
  states: z.partialRecord(stateCodeSchema, stateEntrySchema),
});

export type DeploymentDescription = z.output<typeof deploymentDescriptionSchema>;

/** Writes deployment.json into the deployment folder; paths in it are absolute. */
export async function writeDeploymentDescription(folder: string, description: DeploymentDescription): Promise<string> {
  const path = join(folder, DEPLOYMENT_FILE);
  await writeFile(path, `${JSON.stringify(description, null, 2)}\n`, { mode: 0o600 });
  return path;
}

/** Reads a deployment folder's description (or the file itself); relative paths are taken from its folder. */
export async function readDeploymentDescription(folderOrFile: string): Promise<DeploymentDescription> {
  const path = folderOrFile.endsWith('.json') ? resolve(folderOrFile) : join(resolve(folderOrFile), DEPLOYMENT_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigurationError(path, [`cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); is a deployment running there (tipnet up --dir)?`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigurationError(path, [`not valid JSON: ${(error as Error).message}`]);
  }
  const parsed = deploymentDescriptionSchema.safeParse(json);
  if (!parsed.success) throw new ConfigurationError(path, parsed.error.issues.map((issue) => `${issue.path.join('.') || '(top)'}: ${issue.message}`));
  const base = dirname(path);
  const absolute = (file: string) => (isAbsolute(file) ? file : join(base, file));
  const { topologyFile, hubServicesConfig, states } = parsed.data;
  return {
    kind: 'tipnet-deployment',
    topologyFile: absolute(topologyFile),
    ...(hubServicesConfig === undefined ? {} : { hubServicesConfig: absolute(hubServicesConfig) }),
    states: Object.fromEntries(Object.entries(states).flatMap(([state, entry]) => (entry ? [[state, entry] as const] : [])).map(([state, entry]) => [state, {
      connectionFile: absolute(entry.connectionFile),
      ...(entry.node ? { node: { url: entry.node.url, credentialsFile: absolute(entry.node.credentialsFile) } } : {}),
    }])),
  };
}
