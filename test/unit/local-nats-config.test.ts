import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  chooseNatsRuntime,
  LocalNatsError,
  LocalNatsErrorCode,
  requireNatsServerBinary,
} from '../../services/local-nats/mod.ts';
import {
  hubAccounts,
  hubNodeConfigs,
  leafServerConfig,
  renderConf,
  renderServerConfig,
  validateLeafNames,
  withTls,
  type ServerLayout,
} from '../../services/nats-config/mod.ts';
import { LIMITS } from '../../services/core/limits.ts';

function layout(name: string, ports: ServerLayout['ports']): ServerLayout {
  return { name, dataDir: `/tmp/${name}`, keepData: false, ports };
}

describe('nats-server config rendering', () => {
  test('nested blocks, arrays and scalars render in the nats conf syntax', () => {
    const text = renderConf({
      server_name: 'hub-1',
      jetstream: { store_dir: '/tmp/js', max_memory_store: 1024 },
      cluster: { name: 'hub', routes: ['nats-route://127.0.0.1:1', 'nats-route://127.0.0.1:2'] },
      debug: true,
    });
    assert.equal(
      text,
      [
        'server_name: "hub-1"',
        'jetstream {',
        '  store_dir: "/tmp/js"',
        '  max_memory_store: 1024',
        '}',
        'cluster {',
        '  name: "hub"',
        '  routes: [',
        '    "nats-route://127.0.0.1:1",',
        '    "nats-route://127.0.0.1:2"',
        '  ]',
        '}',
        'debug: true',
        '',
      ].join('\n'),
    );
  });

  test('blocks inside arrays render as multi-line objects', () => {
    assert.equal(
      renderConf({ users: [{ user: 'a', password: 'b' }] }),
      'users: [\n  {\n    user: "a"\n    password: "b"\n  }\n]\n',
    );
  });

  test('undefined settings are left out and empty collections stay valid', () => {
    assert.equal(renderConf({ a: undefined, b: [], c: {} }), 'b: []\nc {\n}\n');
  });

  test('strings are quoted with only the escapes nats-server accepts, and odd keys are quoted', () => {
    assert.equal(renderConf({ 'A-B': 'q"\\\t\n\u0001$x' }), '"A-B": "q\\"\\\\\\t\\n\\x01$x"\n');
  });

  test('values the format cannot express are rejected with LOCAL_NATS_INVALID_CONFIG naming the key', () => {
    for (const bad of [{ port: Number.NaN }, { nested: { value: null } }]) {
      assert.throws(
        () => renderConf(bad),
        (error: unknown) => error instanceof LocalNatsError && error.code === LocalNatsErrorCode.invalidConfig && /config\./.test(error.message),
      );
    }
  });

  test('a rendered server config starts with a comment naming the server', () => {
    assert.match(renderServerConfig({ server_name: 'x', listen: '127.0.0.1:1' }), /^# .* server x\.\n/);
  });
});

describe('hub isolation model', () => {
  const accounts = hubAccounts({
    hubUser: { user: 'hub', password: 'hub-secret' },
    leafUsers: { IDN: { user: 'leaf-IDN', password: 'p1' }, KHM: { user: 'leaf-KHM', password: 'p2' } },
  });

  test('HUB exports each state its own submit service, to that state only, the signed key directory to every state, and imports each state\'s delivery service', () => {
    assert.equal(accounts['HUB']?.jetstream, 'enabled');
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
  });

  test('a state account exports its delivery service to HUB alone, imports only its own submit service and the key directory, and has no JetStream on the hub', () => {
    assert.deepEqual(accounts['KHM'], {
      users: [{ user: 'leaf-KHM', password: 'p2' }],
      exports: [{ service: 'tip.v1.deliver.KHM.>', accounts: ['HUB'] }],
      imports: [
        { service: { account: 'HUB', subject: 'tip.v1.submit.KHM.>' } },
        { stream: { account: 'HUB', subject: 'tip.v1.keys.published' } },
        { service: { account: 'HUB', subject: 'tip.v1.keys.current' } },
      ],
    });
  });

  test('the only stream crossing accounts is the key directory announcement, which a node also fetches by request, so nothing it needs lacks a reply path', () => {
    const all = Object.values(accounts).flatMap((account) => [...(account.exports ?? []), ...(account.imports ?? [])]);
    const streams = all.flatMap((entry) => ('stream' in entry ? [typeof entry.stream === 'string' ? entry.stream : entry.stream.subject] : []));
    assert.deepEqual([...new Set(streams)], ['tip.v1.keys.published']);
  });

  test('invalid leaf names are all reported at once', () => {
    assert.throws(
      () => validateLeafNames(['idn', 'HUB', 'KHM', 'KHM', 'A.B']),
      (error: unknown) =>
        error instanceof LocalNatsError &&
        error.code === LocalNatsErrorCode.invalidConfig &&
        ['"idn"', '"HUB"', '"KHM" is listed twice', '"A.B"'].every((part) => error.message.includes(part)),
    );
  });

  test('a leaf name that is not a member state is refused, since its subjects come from core/subjects.ts', () => {
    assert.throws(
      () => validateLeafNames(['IDN', 'XYZ']),
      (error: unknown) => error instanceof LocalNatsError && error.code === LocalNatsErrorCode.invalidConfig && error.message.includes('"XYZ" is not a member state code'),
    );
  });

  test('every hub node listens for leaf nodes and carries the same accounts', () => {
    const nodes = [1, 2, 3].map((n) => layout(`hub-${n}`, { client: n, monitoring: 10 + n, cluster: 20 + n, leafnode: 30 + n }));
    const configs = hubNodeConfigs(nodes, accounts);
    assert.deepEqual(
      configs.map((config) => config.leafnodes?.listen),
      ['127.0.0.1:31', '127.0.0.1:32', '127.0.0.1:33'],
    );
    assert.ok(configs.every((config) => config.accounts === accounts && config.jetstream?.domain === 'hub'));
    assert.deepEqual(configs[0]?.cluster?.routes, ['nats-route://127.0.0.1:22', 'nats-route://127.0.0.1:23']);
  });

  test('a leaf binds its local account to the state account on every hub node, in its own JetStream domain', () => {
    const config = leafServerConfig(layout('leaf-IDN', { client: 1, monitoring: 2 }), {
      state: 'IDN',
      hubLeafnodeUrls: ['nats://127.0.0.1:31', 'nats://127.0.0.1:32'],
      leafUser: { user: 'leaf-IDN', password: 'p1' },
      localApps: 'local',
    });
    assert.equal(config.jetstream?.domain, 'idn');
    assert.equal(config.no_auth_user, undefined);
    assert.equal(config.max_payload, 8 * 1024 * 1024);
    assert.deepEqual(config.leafnodes?.remotes, [
      { urls: ['nats://leaf-IDN:p1@127.0.0.1:31', 'nats://leaf-IDN:p1@127.0.0.1:32'], account: 'IDN' },
    ]);
    assert.equal(config.accounts?.['IDN']?.jetstream, 'enabled');
  });

  test('the apps user of a leaf may submit and read only as its own state, and read the signed key directory', () => {
    const config = leafServerConfig(layout('leaf-IDN', { client: 1, monitoring: 2 }), {
      state: 'IDN',
      hubLeafnodeUrls: ['nats://127.0.0.1:31'],
      leafUser: { user: 'leaf-IDN', password: 'p1' },
      localApps: 'local',
    });
    assert.deepEqual(config.accounts?.['IDN']?.users, [
      {
        user: 'apps',
        password: 'local',
        permissions: {
          publish: { allow: ['tip.v1.submit.IDN.>', '$JS.API.>', '$JS.ACK.>', '$JS.FC.>', '$KV.>', '_INBOX.>', '$SRV.>', 'tipnet.local.>', 'tip.v1.keys.current'] },
          subscribe: { allow: ['tip.v1.deliver.IDN.>', '_INBOX.>', '$SRV.>', 'tipnet.local.>', 'tip.v1.keys.published'] },
        },
      },
    ]);
  });

  test('every hub node accepts payloads up to LIMITS.maxServerPayloadBytes unless told otherwise', () => {
    const nodes = [layout('hub-1', { client: 1, monitoring: 2, leafnode: 3 })];
    assert.equal(hubNodeConfigs(nodes, accounts)[0]?.max_payload, LIMITS.maxServerPayloadBytes);
    assert.equal(hubNodeConfigs(nodes, accounts, { maxPayloadBytes: 4096 })[0]?.max_payload, 4096);
  });
});

describe('production TLS', () => {
  const files = { cert: '/etc/tipnet/tls/server.pem', key: '/etc/tipnet/tls/server-key.pem', ca: '/etc/tipnet/tls/ca.pem' };

  test('withTls puts TLS on the client, cluster and leaf node listeners and on leaf remotes, and turns monitoring off', () => {
    const node = withTls(
      {
        server_name: 'hub-1',
        listen: '127.0.0.1:1',
        http: '127.0.0.1:2',
        cluster: { name: 'hub', listen: '127.0.0.1:3', routes: [] },
        leafnodes: { listen: '127.0.0.1:4' },
      },
      files,
    );
    const server = { cert_file: files.cert, key_file: files.key, ca_file: files.ca };
    assert.equal(node.http, undefined);
    assert.deepEqual(node.tls, server);
    assert.deepEqual(node.cluster?.tls, { ...server, verify: true });
    assert.deepEqual(node.leafnodes?.tls, { ...server, verify: true });
    const leaf = withTls({ server_name: 'leaf-IDN', listen: '127.0.0.1:5', leafnodes: { remotes: [{ urls: ['nats://u:p@hub:7422'], account: 'IDN' }] } }, files);
    assert.deepEqual(leaf.leafnodes?.remotes?.[0]?.tls, server);
    assert.equal(leaf.leafnodes?.tls, undefined);
    assert.equal(leaf.cluster, undefined);
  });
});

describe('runtime selection', () => {
  test('a NATS_SERVER_BIN that is not executable fails with LOCAL_NATS_BINARY_NOT_FOUND and says how to install', () => {
    assert.throws(
      () => requireNatsServerBinary({ NATS_SERVER_BIN: '/nonexistent/nats-server' }),
      (error: unknown) =>
        error instanceof LocalNatsError &&
        error.code === LocalNatsErrorCode.binaryNotFound &&
        error.message.includes('apt-get install nats-server'),
    );
  });

  test('TIPNET_NATS_RUNTIME picks the runtime and an unknown value is rejected', async () => {
    assert.equal(await chooseNatsRuntime(undefined, { TIPNET_NATS_RUNTIME: 'container' }), 'container');
    assert.equal(await chooseNatsRuntime('binary', { TIPNET_NATS_RUNTIME: 'container' }), 'binary');
    await assert.rejects(chooseNatsRuntime(undefined, { TIPNET_NATS_RUNTIME: 'podman' }), {
      code: LocalNatsErrorCode.invalidConfig,
    });
  });
});
