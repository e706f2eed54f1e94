// `tipnet up`: the whole local topology in the foreground until Ctrl-C or `tipnet down`.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { isStateCode, type StateCode } from '../../core/mod.ts';
import { hubServicesLogFile, provisionNodeAccess, startLocalDeployment, writeDeploymentDescription, type DeploymentDescription, type HubServicesSupervision, type LocalDeployment } from '../../deployment/mod.ts';
import { findFreePort } from '../../local-nats/mod.ts';
import { runNode, type RunningNodeProcess } from '../../node/mod.ts';
import { loadTopology, writeSecretFile } from '../../topology/mod.ts';
import type { Command } from '../command.ts';
import { CHILDREN_FILE, type RunRecord } from '../run-record.ts';

export const DEFAULT_RUN_DIR = '.tipnet/run';
export const PID_FILE = 'up.pid';

export const upCommand: Command = {
  name: 'up',
  summary: 'start the local topology (hub cluster, a leaf node per state, hub services) and write each state\'s connection file',
  options: {
    topology: { type: 'string', description: 'topology file', valueName: 'file', default: 'infra/topology.json' },
    states: { type: 'string', description: 'comma-separated state codes to start (default: every state in the topology)', valueName: 'codes' },
    dir: { type: 'string', description: 'folder for keys, configs and connection files (git-ignored; removed by down)', valueName: 'dir', default: DEFAULT_RUN_DIR },
    'drill-controllers': { type: 'string', description: 'comma-separated states the hub lets start drills at run time (a signed DrillControl START); none by default', valueName: 'codes' },
    'without-nodes': { type: 'boolean', description: 'start no node service (HTTP API and dashboard) for the states; only servers and hub services', default: false },
  },
  async run({ values }) {
    const dir = resolve(String(values.dir));
    const states = stateList(values.states, '--states');
    const controllers = stateList(values['drill-controllers'], '--drill-controllers');
    if (states === null || controllers === null) return 2;
    const existing = await readPid(dir);
    if (existing !== undefined && isAlive(existing)) {
      console.error(`tipnet up: already running as pid ${existing} (${join(dir, PID_FILE)}); run tipnet down first`);
      return 2;
    }
    const topology = loadTopology(String(values.topology));
    console.log(`starting ${topology.hub.nodes} hub node(s) and ${states?.length ?? topology.states.length} leaf nodes ...`);
    let started: LocalDeployment | undefined;
    const deployment = await startLocalDeployment({
      topology, states, dir, drillControllers: controllers ?? [],
      // An operator's run keeps the hub services' full log (ids and routing only, never content) in its file.
      logLevel: 'info',
      superviseHubServices: supervision(dir, () => started),
    });
    started = deployment;
    await writeFile(join(dir, PID_FILE), `${process.pid}\n`);
    await writeRunRecord(dir, deployment);

    console.log(`hub (account HUB, JetStream domain ${topology.hub.jetstreamDomain}): ${deployment.servers.hubUrls.join(', ')}`);
    console.log(`hub services (router + dispatcher): pid ${deployment.hubServices.pid}, log ${hubServicesLogFile(dir)}, restarted if they exit`);
    for (const state of deployment.states) {
      const connection = deployment.connections[state];
      console.log(`${state}  ${connection?.servers.join(', ')}  connection file ${deployment.connectionFiles[state]}`);
    }
    console.log(`keys and key directory: ${deployment.keys.folder}`);

    // One node service per state (HTTP API, dashboard, durable inbox), as a state would run it.
    const nodes: RunningNodeProcess[] = [];
    const provisioned: Promise<void>[] = [];
    if (values['without-nodes'] !== true) {
      await mkdir(join(dir, 'nodes'), { recursive: true, mode: 0o700 });
      await mkdir(join(dir, 'credentials'), { recursive: true, mode: 0o700 });
      for (const state of deployment.states) {
        const connection = deployment.connections[state]!;
        const configPath = join(dir, 'nodes', `${state}.json`);
        await writeSecretFile(configPath, `${JSON.stringify({
          state,
          leaf: { servers: connection.servers, user: connection.user, password: connection.password },
          signingKeyFile: connection.signingKeyFile,
          keyDirectoryFile: connection.keyDirectoryFile,
          // The trust anchor: the node applies only directories this key signed (`tipnet keys rotate|revoke`).
          operatorPublicKey: deployment.keys.operatorPublicKey,
          matchingKeyFile: connection.matchingKeyFile,
          // Each state's own store, inside the deployment folder (removed with it by `tipnet down`).
          dataDir: join(dir, 'data', state),
          httpPort: await findFreePort(),
          logLevel: 'warn',
        }, null, 2)}\n`);
        const node = await runNode(configPath);
        nodes.push(node);
        const credentialsPath = join(dir, 'credentials', `${state}.json`);
        // Password hashing is deliberately slow: the states' accounts are made side by side.
        provisioned.push(provisionNodeAccess(node.nc, state, credentialsPath).then(() => {
          console.log(`${state}  node API and dashboard ${node.url}/  (config ${configPath}; sign-in and API token in ${credentialsPath}, mode 0600)`);
        }));
      }
      await Promise.all(provisioned);
    }
    // For tools that come to this deployment from outside, e.g. `tipnet drill --against <dir>`.
    const described = await writeDeploymentDescription(dir, describe(dir, resolve(String(values.topology)), deployment, nodes));
    console.log(`deployment description (for tipnet drill --against ${dir}): ${described}`);
    console.log('running; stop with Ctrl-C or `tipnet down`');

    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    console.log('stopping ...');
    for (const node of nodes) await node.stop().catch(() => undefined);
    await deployment.stop();
    console.log('stopped every server and service, and removed their files');
    return 0;
  },
};

function describe(dir: string, topologyFile: string, deployment: LocalDeployment, nodes: readonly RunningNodeProcess[]): DeploymentDescription {
  const nodeOf = new Map(nodes.map((node) => [node.state, node]));
  return {
    kind: 'tipnet-deployment',
    topologyFile,
    hubServicesConfig: join(dir, 'hub-services.json'),
    states: Object.fromEntries(deployment.states.map((state) => {
      const node = nodeOf.get(state);
      return [state, {
        connectionFile: deployment.connectionFiles[state]!,
        ...(node ? { node: { url: node.url, credentialsFile: join(dir, 'credentials', `${state}.json`) } } : {}),
      }];
    })),
  };
}

/** A comma-separated list of state codes; undefined when not given, null (after saying why) when one is unknown. */
function stateList(value: unknown, option: string): StateCode[] | undefined | null {
  if (value === undefined) return undefined;
  const codes = String(value).split(',').map((code) => code.trim().toUpperCase()).filter(Boolean);
  const unknown = codes.filter((code) => !isStateCode(code));
  if (unknown.length > 0) {
    console.error(`tipnet up: ${option}: unknown state code(s) ${unknown.join(', ')}`);
    return null;
  }
  return codes.filter(isStateCode);
}

/** A crashed hub services process is started again, said so, and recorded for `tipnet down`. */
function supervision(dir: string, deployment: () => LocalDeployment | undefined): HubServicesSupervision {
  return {
    onRestart(pid, why) {
      console.log(`hub services exited on their own (${why}); restarted as pid ${pid ?? '?'} (log ${hubServicesLogFile(dir)})`);
      const started = deployment();
      if (started) void writeRunRecord(dir, started).catch((error: unknown) => console.error(`tipnet up: could not update ${CHILDREN_FILE}: ${String(error)}`));
    },
    onRestartFailed(error, attempt) {
      console.error(`tipnet up: restarting the hub services failed (attempt ${attempt}): ${error instanceof Error ? error.message : String(error)}; trying again`);
    },
  };
}

/** For `tipnet down` to clean up should this process be killed without a chance to stop what it started. */
async function writeRunRecord(dir: string, deployment: LocalDeployment): Promise<void> {
  const servers = [...deployment.servers.hub.nodes, ...Object.values(deployment.servers.leaves)];
  const record: RunRecord = {
    processes: [
      ...servers.flatMap((server) => (server.pid === undefined ? [] : [{ pid: server.pid, program: 'nats-server' }])),
      ...(deployment.hubServices.pid === undefined ? [] : [{ pid: deployment.hubServices.pid, program: 'router/main.ts' }]),
    ],
    folders: servers.map((server) => server.dataDir).filter((folder) => folder !== ''),
  };
  await writeFile(join(dir, `${CHILDREN_FILE}.tmp`), `${JSON.stringify(record)}\n`);
  await rename(join(dir, `${CHILDREN_FILE}.tmp`), join(dir, CHILDREN_FILE));
}

export async function readPid(dir: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt(await readFile(join(dir, PID_FILE), 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
