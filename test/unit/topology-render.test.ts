import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigurationError } from '../../services/core/errors.ts';
import type { HubCredentials, ServerLayout } from '../../services/nats-config/mod.ts';
import {
  connectionFiles,
  parseTopology,
  planTopologyLayouts,
  renderTopology,
  type TopologyLayouts,
} from '../../services/topology/mod.ts';

const topology = parseTopology({
  hub: { nodes: 3, clusterName: 'asean-hub' },
  states: [
    { code: 'IDN', routeRoles: ['origin'] },
    { code: 'KHM', routeRoles: ['destination'] },
  ],
  sharingGroups: [{ name: 'financial-intelligence', members: ['IDN', 'KHM'] }],
  limits: { maxPayloadBytes: 4 * 1024 * 1024 },
});

function layout(name: string, ports: ServerLayout['ports']): ServerLayout {
  return { name, dataDir: `/srv/tipnet/${name}`, keepData: true, ports };
}

const layouts: TopologyLayouts = {
  hub: [1, 2, 3].map((n) => layout(`hub-${n}`, { client: 4220 + n, cluster: 6220 + n, leafnode: 7420 + n, monitoring: 8220 + n })),
  leaves: { IDN: layout('leaf-IDN', { client: 4301, monitoring: 8301 }), KHM: layout('leaf-KHM', { client: 4302, monitoring: 8302 }) },
};

const credentials: HubCredentials = {
  hubUser: { user: 'hub', password: 'hub-secret' },
  leafUsers: { IDN: { user: 'leaf-IDN', password: 'leaf-idn-secret' }, KHM: { user: 'leaf-KHM', password: 'leaf-khm-secret' } },
  appsUsers: { IDN: { user: 'apps', password: 'apps-idn-secret' }, KHM: { user: 'apps', password: 'apps-khm-secret' } },
};

const servers = renderTopology({ topology, layouts, credentials });
const server = (name: string) => {
  const found = servers.find((candidate) => candidate.name === name);
  assert.ok(found, `no server ${name}`);
  return found;
};

describe('rendering a topology into nats-server configs', () => {
  test('it renders every hub node, then one leaf per state', () => {
    assert.deepEqual(servers.map((s) => [s.name, s.role, s.state]), [
      ['hub-1', 'hub', undefined],
      ['hub-2', 'hub', undefined],
      ['hub-3', 'hub', undefined],
      ['leaf-IDN', 'leaf', 'IDN'],
      ['leaf-KHM', 'leaf', 'KHM'],
    ]);
    assert.equal(server('hub-2').config.cluster?.name, 'asean-hub');
    assert.equal(server('hub-2').config.jetstream?.domain, 'hub');
    assert.equal(server('leaf-KHM').config.jetstream?.domain, 'khm');
  });

  test('every server takes the topology\'s max_payload', () => {
    assert.ok(servers.every((s) => s.config.max_payload === 4 * 1024 * 1024));
    assert.ok(servers.every((s) => s.text.includes('max_payload: 4194304')));
  });

  test('HUB exports submit services to each state and the signed key directory to all, and imports each state\'s delivery service; states export deliveries to HUB only', () => {
    const accounts = server('hub-1').config.accounts ?? {};
    assert.deepEqual(accounts['HUB']?.exports, [
      { service: 'tip.v1.submit.IDN.>', accounts: ['IDN'] },
      { service: 'tip.v1.submit.KHM.>', accounts: ['KHM'] },
      { stream: 'tip.v1.keys.published', accounts: ['IDN', 'KHM'] },
      { service: 'tip.v1.keys.current', accounts: ['IDN', 'KHM'] },
    ]);
    assert.deepEqual(accounts['HUB']?.imports, [
      { service: { account: 'IDN', subject: 'tip.v1.deliver.IDN.>' } },
      { service: { account: 'KHM', subject: 'tip.v1.deliver.KHM.>' } },
    ]);
    assert.deepEqual(accounts['IDN']?.exports, [{ service: 'tip.v1.deliver.IDN.>', accounts: ['HUB'] }]);
    assert.deepEqual(accounts['IDN']?.imports, [
      { service: { account: 'HUB', subject: 'tip.v1.submit.IDN.>' } },
      { stream: { account: 'HUB', subject: 'tip.v1.keys.published' } },
      { service: { account: 'HUB', subject: 'tip.v1.keys.current' } },
    ]);
    assert.equal(accounts['IDN']?.jetstream, undefined);
  });

  test('each leaf has an apps user limited to its own state\'s subjects, and no anonymous access', () => {
    const leaf = server('leaf-KHM').config;
    assert.equal(leaf.no_auth_user, undefined);
    const [apps, ...others] = leaf.accounts?.['KHM']?.users ?? [];
    assert.equal(others.length, 0);
    assert.ok(apps !== undefined && 'user' in apps);
    assert.equal(apps.user, 'apps');
    assert.equal(apps.password, 'apps-khm-secret');
    assert.deepEqual(apps?.permissions?.publish?.allow, ['tip.v1.submit.KHM.>', '$JS.API.>', '$JS.ACK.>', '$JS.FC.>', '$KV.>', '_INBOX.>', '$SRV.>', 'tipnet.local.>', 'tip.v1.keys.current']);
    assert.deepEqual(apps?.permissions?.subscribe?.allow, ['tip.v1.deliver.KHM.>', '_INBOX.>', '$SRV.>', 'tipnet.local.>', 'tip.v1.keys.published']);
  });

  test('each leaf connects to every hub node\'s leaf node port with its own leaf user, bound to its account', () => {
    assert.deepEqual(server('leaf-IDN').config.leafnodes?.remotes, [
      {
        urls: [7421, 7422, 7423].map((port) => `nats://leaf-IDN:leaf-idn-secret@127.0.0.1:${port}`),
        account: 'IDN',
      },
    ]);
  });

  test('without tls the configs have monitoring and no tls blocks', () => {
    assert.ok(servers.every((s) => s.config.http !== undefined && s.config.tls === undefined && !s.text.includes('tls {')));
  });
});

describe('production settings', () => {
  const tls = { dir: '/etc/tipnet/tls' };
  const production = renderTopology({ topology: parseTopology({ ...topology, tls }), layouts, credentials });
  const serverTls = (server: string) => ({ cert_file: `/etc/tipnet/tls/${server}/cert.pem`, key_file: `/etc/tipnet/tls/${server}/key.pem`, ca_file: '/etc/tipnet/tls/ca.pem' });

  test('tls puts TLS on every client, cluster and leaf node listener and on every leaf remote, with mutual TLS between servers', () => {
    for (const hub of production.filter((s) => s.role === 'hub')) {
      assert.deepEqual(hub.config.tls, serverTls(hub.name));
      assert.deepEqual(hub.config.cluster?.tls, { ...serverTls(hub.name), verify: true });
      assert.deepEqual(hub.config.leafnodes?.tls, { ...serverTls(hub.name), verify: true });
    }
    for (const leaf of production.filter((s) => s.role === 'leaf')) {
      assert.deepEqual(leaf.config.tls, serverTls(leaf.name));
      assert.ok(leaf.config.leafnodes?.remotes?.every((remote) => JSON.stringify(remote.tls) === JSON.stringify(serverTls(leaf.name))));
      assert.ok(leaf.config.leafnodes?.remotes?.every((remote) => remote.urls?.every((url) => url.startsWith('tls://'))));
    }
    assert.match(production[0]?.text ?? '', /cluster \{[\s\S]*tls \{\n\s+cert_file: "\/etc\/tipnet\/tls\/hub-1\/cert.pem"/);
  });

  test('tls turns the plain-HTTP monitoring listener off', () => {
    assert.ok(production.every((s) => s.config.http === undefined && !s.text.includes('http:')));
  });

  test('connection files point at tls:// URLs and trust the CA when tls is set', () => {
    const files = connectionFiles(parseTopology({ ...topology, tls }), layouts, credentials);
    assert.deepEqual(files.states[0]?.servers, ['tls://127.0.0.1:4301']);
    assert.deepEqual(files.states[0]?.tls, { caFile: '/etc/tipnet/tls/ca.pem' });
    assert.deepEqual(files.hub.tls, { caFile: '/etc/tipnet/tls/ca.pem' });
  });

  test('jwt auth is refused with a ConfigurationError pointing to the operator-mode guide', () => {
    assert.throws(
      () => renderTopology({ topology: parseTopology({ ...topology, auth: { mode: 'jwt' } }), layouts, credentials }),
      (error: unknown) => error instanceof ConfigurationError && error.problems.some((problem) => problem.startsWith('auth.mode:') && problem.includes('infra/README.md')),
    );
  });
});

describe('nkey mode: no password anywhere, leaf links authenticated by certificate', () => {
  const nkeyTopology = parseTopology({ ...topology, tls: { dir: '/etc/tipnet/tls' }, auth: { mode: 'nkey' }, states: [{ code: 'IDN' }, { code: 'KHM', certificateSubject: 'CN=tipnet-leaf,OU=NCB,O=Cambodian National Police' }] });
  const nkeys = {
    hubUser: { publicKey: 'UHUBPUBLIC', seed: 'SUHUBSEED' },
    appsUsers: { IDN: { publicKey: 'UIDNPUBLIC', seed: 'SUIDNSEED' }, KHM: { publicKey: 'UKHMPUBLIC', seed: 'SUKHMSEED' } },
  };
  const rendered = renderTopology({ topology: nkeyTopology, layouts, nkeys });
  const named = (name: string) => rendered.find((candidate) => candidate.name === name);

  test('hub services log in with an nkey whose public key alone is in the hub config', () => {
    for (const hub of rendered.filter((s) => s.role === 'hub')) {
      assert.deepEqual(hub.config.accounts?.['HUB']?.users, [{ nkey: 'UHUBPUBLIC' }]);
      assert.doesNotMatch(hub.text, /password|SU[A-Z]+SEED/);
    }
  });

  test('the hub maps each leaf by its certificate subject into its state account, and the state accounts have no users', () => {
    const leafnodes = named('hub-2')?.config.leafnodes;
    assert.equal(leafnodes?.tls?.verify_and_map, true);
    assert.equal(leafnodes?.tls?.verify, undefined);
    assert.deepEqual(leafnodes?.authorization?.users, [
      { user: 'CN=leaf-IDN,O=tipnet', account: 'IDN' },
      { user: 'CN=tipnet-leaf,OU=NCB,O=Cambodian National Police', account: 'KHM' },
    ]);
    assert.deepEqual(named('hub-2')?.config.accounts?.['IDN']?.users, []);
  });

  test('a leaf reaches the hub with its certificate alone, and its apps user is an nkey', () => {
    const leaf = named('leaf-IDN');
    assert.deepEqual(leaf?.config.leafnodes?.remotes?.[0]?.urls, [7421, 7422, 7423].map((port) => `tls://127.0.0.1:${port}`));
    assert.equal(leaf?.config.leafnodes?.remotes?.[0]?.tls?.cert_file, '/etc/tipnet/tls/leaf-IDN/cert.pem');
    assert.deepEqual(leaf?.config.accounts?.['IDN']?.users?.map((user) => ('nkey' in user ? user.nkey : user.user)), ['UIDNPUBLIC']);
    assert.doesNotMatch(leaf?.text ?? '', /password|SU[A-Z]+SEED/);
  });

  test('nkey mode without tls is refused at auth.mode', () => {
    assert.throws(
      () => parseTopology({ ...topology, auth: { mode: 'nkey' } }),
      (error: unknown) => error instanceof ConfigurationError && error.problems.some((problem) => problem.startsWith('auth.mode: "nkey" needs "tls"')),
    );
  });
});

describe('hosts', () => {
  test('each server listens on its own host, routes and leaf remotes name the peers\' hosts', async () => {
    const spread = parseTopology({
      ...topology,
      hub: { nodes: 3, hosts: ['10.0.0.1', '10.0.0.2', 'hub-3.asean.example'] },
      states: [{ code: 'IDN', host: '10.1.0.1' }, { code: 'KHM', host: '10.2.0.1' }],
    });
    const planned = await planTopologyLayouts(spread, '/srv/tipnet');
    const spreadServers = renderTopology({ topology: spread, layouts: planned, credentials });
    const hub3 = spreadServers.find((s) => s.name === 'hub-3')?.config;
    assert.equal(hub3?.listen, 'hub-3.asean.example:4222');
    assert.equal(hub3?.leafnodes?.listen, 'hub-3.asean.example:7422');
    assert.deepEqual(hub3?.cluster?.routes, ['nats-route://10.0.0.1:6222', 'nats-route://10.0.0.2:6222']);
    assert.equal(hub3?.http, '127.0.0.1:8222');
    const idn = spreadServers.find((s) => s.name === 'leaf-IDN')?.config;
    assert.equal(idn?.listen, '10.1.0.1:4222');
    assert.ok(idn?.leafnodes?.remotes?.[0]?.urls?.[2]?.endsWith('@hub-3.asean.example:7422'));
  });
});

describe('connection files and layouts', () => {
  test('a state\'s connection file names its leaf, apps user, domain and own subjects', () => {
    const files = connectionFiles(topology, layouts, credentials);
    assert.deepEqual(files.states[1], {
      state: 'KHM',
      servers: ['nats://127.0.0.1:4302'],
      user: 'apps',
      password: 'apps-khm-secret',
      jetstreamDomain: 'khm',
      submitSubject: 'tip.v1.submit.KHM.>',
      deliverSubject: 'tip.v1.deliver.KHM.>',
    });
    assert.deepEqual(files.hub, {
      account: 'HUB',
      servers: ['nats://127.0.0.1:4221', 'nats://127.0.0.1:4222', 'nats://127.0.0.1:4223'],
      user: 'hub',
      password: 'hub-secret',
      jetstreamDomain: 'hub',
    });
  });

  test('planned layouts keep the topology\'s fixed ports, choose distinct free ports for the rest and put data under the data root', async () => {
    const fixed = parseTopology({
      hub: { nodes: 1, ports: [{ client: 14222 }] },
      states: [{ code: 'IDN', ports: { monitoring: 18301 } }, { code: 'KHM' }],
    });
    const planned = await planTopologyLayouts(fixed, '/srv/tipnet/data');
    assert.equal(planned.hub[0]?.ports.client, 14222);
    assert.equal(planned.hub[0]?.ports.cluster, undefined);
    assert.equal(planned.leaves.IDN?.ports.monitoring, 18301);
    assert.equal(planned.leaves.KHM?.dataDir, '/srv/tipnet/data/leaf-KHM');
    const all = [...planned.hub, planned.leaves.IDN, planned.leaves.KHM].flatMap((l) => Object.values(l?.ports ?? {}).filter((p) => p !== undefined));
    assert.equal(new Set(all).size, all.length);
    assert.equal(all.length, 3 + 2 + 2);
  });
});
