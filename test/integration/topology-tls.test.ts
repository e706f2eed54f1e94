// `tipnet certs` + `tipnet config` output run for real on nats-server 2.9.10: TLS on client,
// route and leaf links, nkey logins, leaf links authenticated by certificate, and refusals of a
// certificate from another CA and of a client without its nkey.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { HUB_SENDER, keyFilePath, readJsonFile } from '../../services/core/mod.ts';
import { createDeploymentKeys, hubServicesProcess } from '../../services/deployment/mod.ts';
import { runNode } from '../../services/node/mod.ts';
import { natsConnectOptions } from '../../services/nats-client/mod.ts';
import { hubConnectionFileSchema } from '../../services/nats-config/mod.ts';
import { certificateSubjectsOf, makeCertificates, parseTopology, readConnectionFile, writeTopologyConfigs, type WrittenTopology } from '../../services/topology/mod.ts';
import { ConfigFileServers, logText } from '../support/config-file-servers.ts';

const servers = new ConfigFileServers();
const connections: NatsConnection[] = [];
let dir = '';
let written: WrittenTopology;

const bundle = (name: string) => {
  const found = written.servers.find((server) => server.name === name);
  assert.ok(found, `no bundle ${name}`);
  return found;
};
const logOf = (name: string) => join(bundle(name).dataDir, 'nats-server.log');
const hubFile = (node: string) => readJsonFile(join(bundle(node).dir, 'connections', 'HUB.json'), hubConnectionFileSchema);
const opened = async (options: Parameters<typeof connect>[0]) => {
  const nc = await connect({ timeout: 5_000, ...options });
  connections.push(nc);
  return nc;
};

/** Requests until answered: a leaf link takes a moment to come up after its server is ready. */
async function requestUntilAnswered(nc: NatsConnection, subject: string, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return (await nc.request(subject, 'ping', { timeout: 1_000 })).string();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(250);
    }
  }
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tipnet-topology-tls-'));
  const topology = parseTopology({ hub: { nodes: 3 }, states: [{ code: 'IDN' }, { code: 'KHM' }, { code: 'THA' }], auth: { mode: 'nkey' }, tls: { dir: join(dir, 'certs') } });
  await makeCertificates(join(dir, 'certs'), certificateSubjectsOf(topology), { days: 2 });
  // The same subject as KHM's leaf, issued by a CA the hub does not trust.
  await makeCertificates(join(dir, 'foreign'), [{ name: 'leaf-KHM', host: '127.0.0.1' }], { days: 2, caName: 'someone else' });
  written = await writeTopologyConfigs(topology, join(dir, 'out'));
  for (const file of ['cert.pem', 'key.pem']) {
    await copyFile(join(dir, 'foreign', 'leaf-KHM', file), join(bundle('leaf-KHM').dir, 'tls', file));
    // THA's leaf presents a certificate of the right CA whose subject (CN=hub-1) the hub maps to no account.
    await copyFile(join(dir, 'certs', 'hub-1', file), join(bundle('leaf-THA').dir, 'tls', file));
  }
  for (const name of ['hub-1', 'hub-2', 'hub-3', 'leaf-IDN', 'leaf-KHM', 'leaf-THA']) await servers.start(name, bundle(name).configFile, logOf(name));
});

after(async () => {
  await Promise.all(connections.map((nc) => nc.close().catch(() => undefined)));
  await servers.stopAll();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a generated nkey + TLS deployment on real servers', () => {
  test('hub services log in to every hub node over TLS with their nkey, from their bundle\'s connection file', async () => {
    for (const node of ['hub-1', 'hub-2', 'hub-3']) {
      const file = hubFile(node);
      assert.ok(file.servers.every((url) => url.startsWith('tls://')) && file.nkeySeedFile !== undefined && file.password === undefined);
      const nc = await opened(natsConnectOptions({ ...file, servers: [file.servers[Number(node.slice(-1)) - 1] as string] }));
      assert.ok(nc.info?.tls_required, `${node} requires TLS`);
      await nc.flush();
    }
  });

  test('a state\'s node logs in to its own leaf over TLS with its nkey', async () => {
    const nc = await opened(natsConnectOptions(readConnectionFile(join(bundle('leaf-IDN').dir, 'connections', 'IDN.json'))));
    assert.ok(nc.info?.tls_required);
    await nc.flush();
  });

  test('a client without the nkey, or trusting another CA, is refused', async () => {
    const file = hubFile('hub-1');
    await assert.rejects(connect({ servers: file.servers, tls: { caFile: join(dir, 'certs', 'ca.pem') }, timeout: 5_000 }), /Authorization|AUTHORIZATION/i);
    await assert.rejects(connect({ ...natsConnectOptions(file), tls: { caFile: join(dir, 'foreign', 'ca.pem') }, timeout: 5_000, reconnect: false }));
  });

  test('IDN\'s leaf reaches each hub node over mutual TLS, mapped to its account by certificate, and a request crosses the cluster routes both ways', async () => {
    const idn = await opened(natsConnectOptions(readConnectionFile(join(bundle('leaf-IDN').dir, 'connections', 'IDN.json'))));
    const file = hubFile('hub-1');
    // One responder per hub node in turn: the leaf is attached to one node, so the others' answers cross TLS routes.
    for (const [index, url] of file.servers.entries()) {
      const hub = await opened(natsConnectOptions({ ...file, servers: [url] }));
      const subscription = hub.subscribe('tip.v1.submit.IDN.>');
      void (async () => {
        for await (const message of subscription) message.respond(`hub-${index + 1} heard ${message.subject}`);
      })();
      await hub.flush();
      assert.equal(await requestUntilAnswered(idn, `tip.v1.submit.IDN.test-${index}`), `hub-${index + 1} heard tip.v1.submit.IDN.test-${index}`);
      subscription.unsubscribe();
    }
    // Only account IDN imports tip.v1.submit.IDN.> from HUB: the answers prove the hub mapped the leaf's certificate to IDN.
    assert.match(await logText(logOf('leaf-IDN')), /Leafnode connection created for account: IDN/);
  });

  test('KHM\'s leaf with a certificate of another CA never joins: the hub logs the failed TLS handshake and KHM\'s requests go unanswered', async () => {
    // KHM's leaf now serves its own clients with the foreign certificate too, so its apps trust that CA.
    const khmFile = readConnectionFile(join(bundle('leaf-KHM').dir, 'connections', 'KHM.json'));
    const khm = await opened(natsConnectOptions({ ...khmFile, tls: { caFile: join(dir, 'foreign', 'ca.pem') } }));
    const hub = await opened(natsConnectOptions(hubFile('hub-1')));
    const heard: string[] = [];
    const subscription = hub.subscribe('tip.v1.submit.KHM.>');
    void (async () => {
      for await (const message of subscription) heard.push(message.subject);
    })();
    await hub.flush();
    const deadline = Date.now() + 20_000;
    let hubLogs = '';
    // Go's TLS client offers no certificate the hub's CA list does not cover, so the hub sees none.
    while (!/TLS leafnode handshake error/.test(hubLogs) && Date.now() < deadline) {
      await sleep(250);
      hubLogs = (await Promise.all(['hub-1', 'hub-2', 'hub-3'].map(logOf).map(logText))).join('\n');
    }
    assert.match(hubLogs, /TLS leafnode handshake error/);
    assert.doesNotMatch(hubLogs, /Leafnode connection created for account: KHM/);
    khm.publish('tip.v1.submit.KHM.test', 'ping');
    await khm.flush();
    await sleep(1_000);
    assert.deepEqual(heard, []);
  });

  test('THA\'s leaf with a certificate of the right CA but a subject the hub does not map is refused as unauthenticated', async () => {
    const hub = await opened(natsConnectOptions(hubFile('hub-1')));
    const heard: string[] = [];
    const subscription = hub.subscribe('tip.v1.submit.THA.>');
    void (async () => {
      for await (const message of subscription) heard.push(message.subject);
    })();
    await hub.flush();
    const refusal = /lid:\d+ - Leafnode connection closed: Authentication Failure/;
    const deadline = Date.now() + 20_000;
    let hubLogs = '';
    while (!refusal.test(hubLogs) && Date.now() < deadline) {
      await sleep(250);
      hubLogs = (await Promise.all(['hub-1', 'hub-2', 'hub-3'].map(logOf).map(logText))).join('\n');
    }
    assert.match(hubLogs, refusal);
    const tha = await opened(natsConnectOptions(readConnectionFile(join(bundle('leaf-THA').dir, 'connections', 'THA.json'))));
    tha.publish('tip.v1.submit.THA.test', 'ping');
    await tha.flush();
    await sleep(1_000);
    assert.deepEqual(heard, []);
  });

  test('the node and the hub services run from their bundles\' configs, over TLS with their nkeys', async (t) => {
    // Keys come from `tipnet keys` in a real deployment; each bundle gets only its own signing key.
    const keys = await createDeploymentKeys(join(dir, 'keys'), ['IDN', 'KHM', 'THA']);
    const place = async (server: string, owner: string, withMatchingKey: boolean) => {
      const folder = join(bundle(server).dir, 'keys');
      await mkdir(folder, { recursive: true, mode: 0o700 });
      await copyFile(keys.signingKeyFile(owner), keyFilePath(folder, owner));
      await copyFile(keys.directoryFile, join(folder, 'directory.json'));
      if (withMatchingKey) await copyFile(keys.matchingKeyFile, join(folder, 'matching-key.json'));
    };
    await place('leaf-IDN', 'IDN', true);
    await place('hub-2', HUB_SENDER, false);

    const nodeConfig = join(bundle('leaf-IDN').dir, 'node.json');
    // Any free port here instead of the bundle's 8443, over plain HTTP on loopback for fetch().
    await writeFile(nodeConfig, JSON.stringify({ ...JSON.parse(await readFile(nodeConfig, 'utf8')), httpPort: 0, httpHost: '127.0.0.1', tls: undefined, logLevel: 'silent' }));
    const node = await runNode(nodeConfig);
    t.after(() => node.stop());
    assert.ok(node.nc.info?.tls_required, 'the node reached its leaf over TLS');
    assert.equal((await fetch(`${node.url}/auth/providers`)).status, 200, 'the node serves its API');

    const watcher = await opened(natsConnectOptions(hubFile('hub-2')));
    const hubServices = hubServicesProcess(join(bundle('hub-2').dir, 'hub-services.json'), watcher, { readyTimeoutMs: 60_000, logFile: join(dir, 'hub-services.log') });
    t.after(() => hubServices.stop());
    await hubServices.start();
    assert.ok(hubServices.running, 'the hub services answered $SRV.PING, logged in over TLS with their nkey');
  });
});
