// The deployment on separate hosts: three hub servers and three states (origin, transit,
// destination), each in its own Linux network namespace with its own address, joined by veth
// pairs and a bridge. Every server, node and the hub services run from their `tipnet config`
// bundles with TLS and nkeys; only the namespaces' addresses are used. An alert and its receipts
// cross all three states; a cut link (not a stopped process) heals with nothing lost or doubled;
// a leaf with a certificate of another CA, claiming to be KHM from an attacker's host, never joins.
// Needs root for `ip netns`: without it the test fails saying so (it does not skip).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { HUB_SENDER, keyFilePath, readJsonFile, type StateCode } from '../../services/core/mod.ts';
import { createDeploymentKeys, hubServicesProcess, provisionNodeAccess, type DeploymentKeys, type HubServicesProcess } from '../../services/deployment/mod.ts';
import { natsConnectOptions } from '../../services/nats-client/mod.ts';
import { hubConnectionFileSchema } from '../../services/nats-config/mod.ts';
import { NetworkLab } from '../../services/network-lab/mod.ts';
import { certificateSubjectsOf, makeCertificates, parseTopology, readConnectionFile, writeTopologyConfigs, type WrittenTopology } from '../../services/topology/mod.ts';
import { ConfigFileServers, logText } from '../support/config-file-servers.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const example = JSON.parse(await readFile(join(root, 'examples', 'rescue-request.json'), 'utf8')) as Record<string, any>;
const STATES = ['IDN', 'THA', 'KHM'] as const satisfies readonly StateCode[];
const HUB_NODES = ['hub-1', 'hub-2', 'hub-3'];
// The attacker's host: a leaf that claims to be KHM with a certificate from a CA of its own.
const ROGUE = 'rogue-KHM';

const servers = new ConfigFileServers();
const connections: NatsConnection[] = [];
let lab: NetworkLab | undefined;
let dir = '';
let written: WrittenTopology;
let keys: DeploymentKeys;
let hubServices: HubServicesProcess | undefined;
const tokens = new Map<StateCode, string>();

const bundle = (name: string) => {
  const found = written.servers.find((server) => server.name === name);
  assert.ok(found, `no bundle ${name}`);
  return found;
};
const logOf = (name: string) => join(bundle(name).dataDir, 'nats-server.log');
const nodeUrl = (state: StateCode) => `https://${lab?.address(`leaf-${state}`)}:8443`;
const opened = async (options: Parameters<typeof connect>[0]) => {
  const nc = await connect({ timeout: 5_000, ...options });
  connections.push(nc);
  return nc;
};

interface Answer { readonly status: number; readonly body: any }

/** The node API over HTTPS, trusting only the deployment's CA (the node serves its leaf's certificate). */
async function api(state: StateCode, method: 'GET' | 'POST', path: string, body?: unknown, timeoutMs = 10_000): Promise<Answer> {
  const ca = await readFile(join(dir, 'certs', 'ca.pem'));
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const call = httpsRequest(new URL(path, nodeUrl(state)), {
      method, ca, timeout: timeoutMs,
      headers: { authorization: `Bearer ${tokens.get(state)}`, ...(payload ? { 'content-type': 'application/json' } : {}) },
    }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => { text += chunk; });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }));
    });
    call.on('timeout', () => call.destroy(new Error(`${method} ${path} at ${state}: no answer in ${timeoutMs} ms`)));
    call.on('error', reject);
    call.end(payload);
  });
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(250);
  }
}

function rescueRequest(caseNumber: number): Record<string, unknown> {
  const replyDeadline = new Date(Date.now() + 24 * 3_600_000).toISOString();
  return { ...example, caseReference: `IDN-2026-${String(caseNumber).padStart(6, '0')}`, payload: { ...example.payload, replyDeadline } };
}

/** Per recipient state, the receipt stages IDN's node holds for one message. */
async function stagesAtIdn(messageId: string): Promise<Record<string, string[]>> {
  const status = await api('IDN', 'GET', `/api/messages/${messageId}/status`);
  return Object.fromEntries((status.body?.recipients ?? []).map((recipient: { state: string; stages: string[] }) => [recipient.state, recipient.stages]));
}

async function receivedItems(state: StateCode): Promise<Array<{ messageId: string; receivedAtUnixMs: number }>> {
  const answer = await api(state, 'GET', '/api/received?states=IDN');
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  const items: any[] = Array.isArray(answer.body) ? answer.body : answer.body.items ?? answer.body.messages;
  return items.map((item) => ({ messageId: item.messageId ?? item.summary?.messageId, receivedAtUnixMs: item.receivedAtUnixMs }));
}

/** Each bundle gets only its own signing key, the signed directory and (states only) the matching key. */
async function placeKeys(server: string, owner: string, withMatchingKey: boolean): Promise<void> {
  const folder = join(bundle(server).dir, 'keys');
  await mkdir(folder, { recursive: true, mode: 0o700 });
  await copyFile(keys.signingKeyFile(owner), keyFilePath(folder, owner));
  await copyFile(keys.directoryFile, join(folder, 'directory.json'));
  if (withMatchingKey) await copyFile(keys.matchingKeyFile, join(folder, 'matching-key.json'));
}

async function startNode(state: StateCode): Promise<void> {
  const server = bundle(`leaf-${state}`);
  // As the bundle has it: the API on the host's address over HTTPS with its certificate, the operator key pinned.
  const configFile = join(server.dir, 'node.json');
  const nc = await opened(natsConnectOptions(readConnectionFile(join(server.dir, 'connections', `${state}.json`))));
  const credentials = await provisionNodeAccess(nc, state, join(dir, `${state}-access.json`));
  assert.ok(credentials, `${state}'s node access provisioned`);
  tokens.set(state, credentials.token);
  servers.spawnProcess(`node-${state}`, [...(lab as NetworkLab).launcher(`leaf-${state}`), process.execPath, join(root, 'bin', 'tipnet.js'), 'node', '--config', configFile], join(dir, `node-${state}.log`), { cwd: root });
}

async function startRogueLeaf(): Promise<void> {
  const rogueDir = join(dir, ROGUE);
  const khm = bundle('leaf-KHM');
  // Its own folder: the server config of KHM's bundle, pointed at the rogue host and its own files.
  await mkdir(join(rogueDir, 'tls'), { recursive: true });
  await mkdir(join(rogueDir, 'data'), { recursive: true });
  await makeCertificates(join(dir, 'foreign'), [{ name: 'leaf-KHM', host: (lab as NetworkLab).address(ROGUE) }], { days: 2, caName: 'someone else' });
  // The region's CA certificate is public, so the rogue trusts the hub; only its own certificate is foreign.
  await copyFile(join(dir, 'certs', 'ca.pem'), join(rogueDir, 'tls', 'ca.pem'));
  for (const file of ['cert.pem', 'key.pem']) await copyFile(join(dir, 'foreign', 'leaf-KHM', file), join(rogueDir, 'tls', file));
  const config = (await readFile(khm.configFile, 'utf8')).replaceAll(khm.dir, rogueDir).replaceAll(khm.host, (lab as NetworkLab).address(ROGUE));
  await writeFile(join(rogueDir, 'nats-server.conf'), config);
  await servers.start(ROGUE, join(rogueDir, 'nats-server.conf'), join(rogueDir, 'data', 'nats-server.log'), 20_000, (lab as NetworkLab).launcher(ROGUE));
}

before(async () => {
  try {
    lab = await NetworkLab.create([...HUB_NODES, ...STATES.map((state) => `leaf-${state}`), ROGUE]);
  } catch (error) {
    throw new Error(`this test needs Linux network namespaces (root and iproute2) and could not create them: ${(error as Error).message}`);
  }
  dir = await mkdtemp(join(tmpdir(), 'tipnet-netns-'));
  keys = await createDeploymentKeys(join(dir, 'keys'), [...STATES]);
  const topology = parseTopology({
    hub: { nodes: 3, hosts: HUB_NODES.map((name) => (lab as NetworkLab).address(name)) },
    states: [
      { code: 'IDN', routeRoles: ['origin'], host: lab.address('leaf-IDN') },
      { code: 'THA', routeRoles: ['transit'], host: lab.address('leaf-THA') },
      { code: 'KHM', routeRoles: ['destination'], host: lab.address('leaf-KHM') },
    ],
    auth: { mode: 'nkey' },
    tls: { dir: join(dir, 'certs') },
    operatorPublicKey: keys.operatorPublicKey,
  });
  await makeCertificates(join(dir, 'certs'), certificateSubjectsOf(topology), { days: 2 });
  written = await writeTopologyConfigs(topology, join(dir, 'out'));
  for (const state of STATES) await placeKeys(`leaf-${state}`, state, true);
  await placeKeys('hub-2', HUB_SENDER, false);

  await Promise.all(HUB_NODES.map((name) => servers.start(name, bundle(name).configFile, logOf(name), 30_000, lab?.launcher(name))));
  await Promise.all(STATES.map((state) => servers.start(`leaf-${state}`, bundle(`leaf-${state}`).configFile, logOf(`leaf-${state}`), 30_000, lab?.launcher(`leaf-${state}`))));

  const hubConfig = join(bundle('hub-2').dir, 'hub-services.json');
  const watcher = await opened(natsConnectOptions(readJsonFile(join(bundle('hub-2').dir, 'connections', 'HUB.json'), hubConnectionFileSchema)));
  hubServices = hubServicesProcess(hubConfig, watcher, { readyTimeoutMs: 90_000, logFile: join(dir, 'hub-services.log'), launcher: lab.launcher('hub-2') });
  await hubServices.start();
  for (const state of STATES) await startNode(state);
  for (const state of STATES) await waitFor(async () => (await api(state, 'GET', '/api/node')).status === 200, `${state}'s node API`, 90_000);
});

after(async () => {
  await hubServices?.stop().catch(() => undefined);
  await Promise.all(connections.map((nc) => nc.close().catch(() => undefined)));
  await servers.stopAll();
  await lab?.destroy();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('three hub servers and three states, each on its own host (network namespace)', () => {
  test('every cross-host link is TLS with nkeys or certificates; no config holds a password or a loopback address', async () => {
    for (const server of written.servers) {
      const text = await readFile(server.configFile, 'utf8');
      assert.doesNotMatch(text, /password|127\.0\.0\.1|localhost/, server.name);
      assert.match(text, new RegExp(`listen: "${server.host.replaceAll('.', '\\.')}:4222"`), `${server.name} listens on its own host`);
      if (server.name.startsWith('hub-')) {
        assert.match(text, /cluster \{[^]*?tls \{[^]*?verify: true/, `${server.name}: mutual TLS on routes`);
        assert.match(text, /leafnodes \{[^]*?verify_and_map: true/, `${server.name}: leaf links by certificate`);
      } else {
        const remotes = /urls: \[([^\]]*)\]/.exec(text)?.[1] ?? '';
        assert.deepEqual(remotes.match(/"[a-z]+:\/\//g), ['"tls://', '"tls://', '"tls://'], `${server.name}: leaf remotes over TLS`);
      }
      for (const file of await readdir(join(server.dir, 'connections'))) {
        const connection = JSON.parse(await readFile(join(server.dir, 'connections', file), 'utf8'));
        assert.ok(connection.nkeySeedFile && !connection.password && connection.servers.every((url: string) => url.startsWith('tls://')), `${server.name}/${file}`);
      }
    }
    for (const state of STATES) assert.match(await logText(logOf(`leaf-${state}`)), new RegExp(`Leafnode connection created for account: ${state}`));
  });

  test('an alert from IDN reaches THA (transit) and KHM (destination); their receipts come back to IDN', async () => {
    const submitted = await api('IDN', 'POST', '/api/messages', rescueRequest(1));
    assert.equal(submitted.status, 202, JSON.stringify(submitted.body));
    const { messageId } = submitted.body;
    await waitFor(async () => {
      const stages = await stagesAtIdn(messageId);
      return stages.THA?.includes('delivered') === true && stages.KHM?.includes('delivered') === true;
    }, 'delivered receipts from THA and KHM');
    const atKhm = await api('KHM', 'GET', `/api/received/${messageId}`);
    assert.equal(atKhm.body.summary.sender, 'IDN');
    assert.equal((await api('KHM', 'POST', `/api/messages/${messageId}/acknowledge`, { status: 'read' })).status, 202);
    await waitFor(async () => (await stagesAtIdn(messageId)).KHM?.includes('read') === true, "KHM's read receipt at IDN");
  });

  test("KHM's link is cut (its processes keep running): THA still gets every alert; when the link returns KHM catches up with each exactly once", async () => {
    const before = await receivedItems('KHM');
    await lab?.cutLink('leaf-KHM');
    const sent: string[] = [];
    let healedAt = 0;
    try {
      for (let index = 0; index < 10; index += 1) {
        const answer = await api('IDN', 'POST', '/api/messages', rescueRequest(100 + index));
        assert.equal(answer.status, 202, JSON.stringify(answer.body));
        sent.push(answer.body.messageId);
      }
      // DELIVERED means durably on the hub, so it comes for KHM too; THA's own inbox shows arrival.
      await waitFor(async () => (await Promise.all(sent.map(stagesAtIdn))).every((stages) => stages.THA?.includes('delivered') && stages.KHM?.includes('delivered')), 'the hub storing all 10 for THA and KHM');
      await waitFor(async () => {
        const atTha = new Set((await receivedItems('THA')).map((item) => item.messageId));
        return sent.every((id) => atTha.has(id));
      }, 'THA receiving all 10 while KHM is cut off');
      await assert.rejects(api('KHM', 'GET', '/api/node', undefined, 2_000), 'KHM is unreachable while its link is cut');
    } finally {
      await lab?.healLink('leaf-KHM');
      healedAt = Date.now();
    }
    await waitFor(async () => {
      const ids = new Set((await receivedItems('KHM')).map((item) => item.messageId));
      return sent.every((id) => ids.has(id));
    }, 'KHM catching up after the link returned', 120_000);
    const after = await receivedItems('KHM');
    assert.equal(after.length, before.length + sent.length, 'nothing lost, nothing doubled');
    assert.equal(new Set(after.map((item) => item.messageId)).size, after.length, 'no message received twice');
    const caughtUp = after.filter((item) => sent.includes(item.messageId));
    assert.ok(caughtUp.every((item) => item.receivedAtUnixMs >= healedAt - 1_000), 'KHM received them only after its link returned');
  });

  test('a leaf on another host claiming to be KHM with a certificate from another CA is refused by the hub', async () => {
    await startRogueLeaf();
    const rogueAddress = (lab as NetworkLab).address(ROGUE).replaceAll('.', '\\.');
    const refused = new RegExp(`${rogueAddress}:\\d+ - lid:\\d+ - TLS leafnode handshake error: .*certificate`);
    const hubLogs = async () => (await Promise.all(HUB_NODES.map((name) => logText(logOf(name))))).join('\n');
    await waitFor(async () => refused.test(await hubLogs()), 'the hub refusing the foreign certificate', 30_000);
    // Refused at the handshake: no hub server ever let the rogue's link carry KHM's account.
    assert.doesNotMatch(await hubLogs(), new RegExp(`${rogueAddress}:\\d+ - lid:\\d+ - Leafnode connection created for account: KHM`));
    assert.match(await logText(join(dir, ROGUE, 'data', 'nats-server.log')), /Leafnode connection closed/, 'the rogue sees its link closed');
  });
});
