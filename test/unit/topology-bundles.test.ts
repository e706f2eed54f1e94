import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTopology, renderHostBundles, type HostBundle, type TopologyLayouts } from '../../services/topology/mod.ts';
import type { ServerLayout } from '../../services/nats-config/mod.ts';

const topology = parseTopology({
  hub: { nodes: 3, hosts: ['10.0.0.1', '10.0.0.2', '10.0.0.3'] },
  states: [{ code: 'IDN', host: '10.1.0.1' }, { code: 'KHM', host: '10.2.0.1' }, { code: 'THA', host: '10.3.0.1' }],
  auth: { mode: 'nkey' },
  tls: { dir: '/secure/certs' },
});

function layout(name: string, host: string, ports: ServerLayout['ports']): ServerLayout {
  return { name, host, dataDir: `/etc/tipnet/${name}/data`, keepData: true, ports };
}
const hubPorts = { client: 4222, cluster: 6222, leafnode: 7422, monitoring: 8222 };
const layouts: TopologyLayouts = {
  hub: [1, 2, 3].map((n) => layout(`hub-${n}`, `10.0.0.${n}`, hubPorts)),
  leaves: Object.fromEntries(['IDN', 'KHM', 'THA'].map((code, index) => [code, layout(`leaf-${code}`, `10.${index + 1}.0.1`, { client: 4222, monitoring: 8222 })])),
};
const seedOf = (owner: string) => `SU${owner.padEnd(56, 'A')}`;
const nkeys = {
  hubUser: { publicKey: 'UHUB', seed: seedOf('HUB') },
  appsUsers: Object.fromEntries(['IDN', 'KHM', 'THA'].map((code) => [code, { publicKey: `U${code}`, seed: seedOf(code) }])),
};
const bundles = renderHostBundles({ topology, layouts, nkeys, installRootOf: (name) => `/etc/tipnet/${name}` });
const named = (name: string): HostBundle => {
  const found = bundles.find((bundle) => bundle.name === name);
  assert.ok(found, `no bundle ${name}`);
  return found;
};
const contentOf = (bundle: HostBundle) => bundle.files.map((file) => file.text ?? `copy of ${file.copyFrom ?? ''}`).join('\n');

describe('per-host bundles of `tipnet config`', () => {
  test('there is one bundle per server, on its own host', () => {
    assert.deepEqual(bundles.map((bundle) => [bundle.name, bundle.host]), [
      ['hub-1', '10.0.0.1'], ['hub-2', '10.0.0.2'], ['hub-3', '10.0.0.3'], ['leaf-IDN', '10.1.0.1'], ['leaf-KHM', '10.2.0.1'], ['leaf-THA', '10.3.0.1'],
    ]);
  });

  test('a state\'s bundle holds its own seed and key, and no other state\'s and not the hub\'s', () => {
    const idn = contentOf(named('leaf-IDN'));
    assert.ok(idn.includes(seedOf('IDN')));
    assert.ok(idn.includes('copy of /secure/certs/leaf-IDN/key.pem'));
    for (const other of ['KHM', 'THA', 'HUB']) assert.ok(!idn.includes(seedOf(other)), `IDN's bundle holds ${other}'s seed`);
    assert.ok(!/leaf-(KHM|THA)\/key\.pem|hub-\d\/key\.pem|ca-key\.pem/.test(idn));
  });

  test('a hub bundle holds the hub services\' seed and its own key, no state seed, no leaf key and not the CA key', () => {
    for (const name of ['hub-1', 'hub-2', 'hub-3']) {
      const hub = contentOf(named(name));
      assert.ok(hub.includes(seedOf('HUB')));
      assert.ok(hub.includes(`copy of /secure/certs/${name}/key.pem`));
      for (const state of ['IDN', 'KHM', 'THA']) assert.ok(!hub.includes(seedOf(state)), `${name} holds ${state}'s seed`);
      assert.ok(!/leaf-[A-Z]{3}\/key\.pem|ca-key\.pem/.test(hub));
    }
  });

  test('keys and seeds are secret files, certificates and units are not', () => {
    const files = named('leaf-KHM').files;
    const secret = (path: string) => files.find((file) => file.path === path)?.secret;
    assert.equal(secret('apps.nk'), true);
    assert.equal(secret('tls/key.pem'), true);
    assert.equal(secret('node.json'), true);
    assert.equal(secret('tls/cert.pem'), false);
    assert.equal(secret('tipnet-node.service'), false);
  });

  test('every process has a systemd unit restarted on failure, pointing at the installed bundle', () => {
    const units = bundles.flatMap((bundle) => bundle.files.filter((file) => file.path.endsWith('.service')).map((file) => [bundle.name, file.path, file.text ?? ''] as const));
    assert.deepEqual(units.map(([name, path]) => `${name}/${path}`).sort(), [
      'hub-1/tipnet-hub-services.service', 'hub-1/tipnet-nats-server.service', 'hub-2/tipnet-hub-services.service', 'hub-2/tipnet-nats-server.service',
      'hub-3/tipnet-hub-services.service', 'hub-3/tipnet-nats-server.service', 'leaf-IDN/tipnet-nats-server.service', 'leaf-IDN/tipnet-node.service',
      'leaf-KHM/tipnet-nats-server.service', 'leaf-KHM/tipnet-node.service', 'leaf-THA/tipnet-nats-server.service', 'leaf-THA/tipnet-node.service',
    ]);
    for (const [, , text] of units) assert.match(text, /^Restart=on-failure$/m);
    assert.match(units.find(([name, path]) => name === 'leaf-IDN' && path === 'tipnet-node.service')?.[2] ?? '', /--config \/etc\/tipnet\/leaf-IDN\/node\.json/);
  });

  test('the node and the hub services connect over TLS with their seed file, trusting the bundle\'s CA', () => {
    const node = JSON.parse(named('leaf-THA').files.find((file) => file.path === 'node.json')?.text ?? '{}');
    assert.deepEqual(node.leaf, { servers: ['tls://10.3.0.1:4222'], nkeySeedFile: '/etc/tipnet/leaf-THA/apps.nk', tls: { caFile: '/etc/tipnet/leaf-THA/tls/ca.pem' } });
    const hubServices = JSON.parse(named('hub-2').files.find((file) => file.path === 'hub-services.json')?.text ?? '{}');
    assert.deepEqual(hubServices.servers, ['tls://10.0.0.1:4222', 'tls://10.0.0.2:4222', 'tls://10.0.0.3:4222']);
    assert.equal(hubServices.nkeySeedFile, '/etc/tipnet/hub-2/hub.nk');
    assert.equal(hubServices.replicas, 3);
  });

  test('the node serves its API on its host over HTTPS with the host\'s certificate', () => {
    const node = JSON.parse(named('leaf-THA').files.find((file) => file.path === 'node.json')?.text ?? '{}');
    assert.equal(node.httpHost, '10.3.0.1');
    assert.deepEqual(node.tls, { certFile: '/etc/tipnet/leaf-THA/tls/cert.pem', keyFile: '/etc/tipnet/leaf-THA/tls/key.pem' });
  });

  test('the operator public key of the topology is pinned in every node and hub services config', () => {
    const operatorPublicKey = Buffer.alloc(32, 7).toString('base64');
    const pinned = renderHostBundles({ topology: parseTopology({ ...topology, operatorPublicKey }), layouts, nkeys, installRootOf: (name) => `/etc/tipnet/${name}` });
    const configs = pinned.flatMap((bundle) => bundle.files.filter((file) => file.path === 'node.json' || file.path === 'hub-services.json'));
    assert.equal(configs.length, 6);
    for (const config of configs) assert.equal(JSON.parse(config.text ?? '{}').operatorPublicKey, operatorPublicKey, config.path);
    assert.equal(JSON.parse(named('leaf-THA').files.find((file) => file.path === 'node.json')?.text ?? '{}').operatorPublicKey, undefined, 'none without one in the topology');
    assert.throws(() => parseTopology({ ...topology, operatorPublicKey: 'abc' }), /operatorPublicKey: must be the base64 of a raw 32-byte Ed25519 public key/);
  });
});
