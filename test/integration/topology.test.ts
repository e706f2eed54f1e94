import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { connect, PermissionViolationError, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { STREAMS, subjects } from '../../services/core/subjects.ts';
import { certsCommand } from '../../services/cli/commands/certs.ts';
import { configCommand } from '../../services/cli/commands/config.ts';
import { requireNatsServerBinary, type NatsConnectOptions } from '../../services/local-nats/mod.ts';
import {
  certificateSubjectsOf,
  generateCredentials,
  loadTopology,
  makeCertificates,
  parseTopology,
  planTopologyLayouts,
  readConnectionFile,
  renderTopology,
  startTopology,
  writeSecretFile,
} from '../../services/topology/mod.ts';
import { bytes, firstMessage, jetStreamPublishUntilStored, permissionViolationFor, publishUntilReceived } from '../support/nats-probes.ts';

const run = promisify(execFile);

async function temporaryDir(t: TestContext, prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** `nats-server -t` output for one config file; throws with the server's words when it is refused. */
async function checkWithNatsServer(binary: string, file: string): Promise<string> {
  const { stdout, stderr } = await run(binary, ['-t', '-c', file]);
  return stdout + stderr;
}

describe('a hub started from a subset of the default topology', () => {
  // One hub node is enough here; the 3-node hub is exercised in local-nats-hub.test.ts.
  const defaultTopology = loadTopology();
  const singleNodeTopology = parseTopology({ ...defaultTopology, hub: { ...defaultTopology.hub, nodes: 1 } });

  async function startSubset(t: TestContext) {
    const servers = await startTopology(singleNodeTopology, { states: ['IDN', 'KHM', 'THA'] });
    const connections: NatsConnection[] = [];
    t.after(async () => {
      await Promise.all(connections.map((nc) => nc.close()));
      await servers.stop();
    });
    const open = async (options: NatsConnectOptions, role: string) => {
      const nc = await connect({ ...options, name: `topology test ${role}` });
      connections.push(nc);
      return nc;
    };
    return {
      servers,
      hub: await open(servers.hubConnectOptions, 'HUB'),
      idn: await open(servers.leafConnectOptions('IDN'), 'IDN apps'),
      khm: await open(servers.leafConnectOptions('KHM'), 'KHM apps'),
    };
  }

  test('it runs only the chosen leaves and carries their sharing groups and stream options for the router', async (t) => {
    const { servers } = await startSubset(t);
    assert.deepEqual(Object.keys(servers.leaves).sort(), ['IDN', 'KHM', 'THA']);
    assert.equal(servers.hub.nodes.length, 1);
    assert.deepEqual(servers.routing.states, ['KHM', 'IDN', 'THA']);
    assert.deepEqual(servers.routing.sharingGroups, { 'financial-intelligence': ['IDN', 'THA', 'KHM'], 'mekong-border': ['KHM', 'THA'] });
    assert.equal(servers.streamOptions.replicas, 1);
  });

  test('submissions reach HUB\'s stream and deliveries reach only the recipient\'s TIP_INBOX, both acknowledged', async (t) => {
    const { hub, idn, khm } = await startSubset(t);
    await (await jetstreamManager(hub)).streams.add({ name: STREAMS.submissions, subjects: [subjects.submitAny()] });
    const submitted = await jetstream(idn).publish(subjects.submit('IDN', 'real', 'case-alert'), bytes('alert'), { retries: 20 });
    assert.deepEqual([submitted.stream, submitted.domain], [STREAMS.submissions, 'hub']);

    for (const [nc, state] of [[idn, 'IDN'], [khm, 'KHM']] as const) {
      await (await jetstreamManager(nc)).streams.add({ name: STREAMS.inbox, subjects: [subjects.deliverAll(state)] });
    }
    const delivered = await jetStreamPublishUntilStored(hub, subjects.deliver('KHM', 'real', 'case-alert'), bytes('for KHM'));
    assert.deepEqual([delivered.stream, delivered.domain, delivered.seq], [STREAMS.inbox, 'khm', 1]);
    assert.equal((await (await jetstreamManager(idn)).streams.info(STREAMS.inbox)).state.messages, 0);
  });

  test('IDN\'s apps are refused KHM\'s submit and delivery subjects and HUB\'s outbox', async (t) => {
    const { idn } = await startSubset(t);
    const forgedSubmit = subjects.submit('KHM', 'real', 'case-alert');
    const refusedPublish = await permissionViolationFor(idn, forgedSubmit, () => idn.publish(forgedSubmit, bytes('as KHM')));
    assert.equal(refusedPublish?.operation, 'publish');

    for (const forbidden of [subjects.deliverAll('KHM'), subjects.outboxAny()]) {
      const subscription = idn.subscribe(forbidden);
      const closedWith = await Promise.race([subscription.closed, new Promise((resolve) => setTimeout(() => resolve('still open'), 5_000))]);
      assert.ok(closedWith instanceof PermissionViolationError, `${forbidden}: subscription ended with ${String(closedWith)}`);
    }
  });

  test('a 5 MB submission crosses the leaf to HUB, so the router can dead-letter it with OVERSIZE', async (t) => {
    const { hub, idn } = await startSubset(t);
    const garbage = new Uint8Array(5 * 1000 * 1000).fill(7);
    const hubInbox = hub.subscribe(subjects.submitAll('IDN'), { max: 1 });
    const received = await publishUntilReceived(() => idn.publish(subjects.submit('IDN', 'real', 'case-alert'), garbage), firstMessage(hubInbox), 15_000);
    assert.equal(received.data.byteLength, garbage.byteLength);
  });
});

describe('`tipnet config` on the default topology', () => {
  test('it writes one bundle per server (3 hub, 12 leaf) whose configs `nats-server -t` accepts, with 0600 secrets', async (t) => {
    const binary = requireNatsServerBinary();
    const out = await temporaryDir(t, 'tipnet-config-');
    const printed: string[] = [];
    t.mock.method(console, 'log', (line: string) => printed.push(line));

    assert.equal(await configCommand.run({ values: { topology: 'infra/topology.json', out }, positionals: [] }), 0);

    const bundles = (await readdir(out)).sort();
    assert.equal(bundles.length, 15);
    assert.deepEqual(bundles.filter((name) => name.startsWith('hub-')), ['hub-1', 'hub-2', 'hub-3']);
    for (const bundle of bundles) {
      const config = join(out, bundle, 'nats-server.conf');
      assert.match(await checkWithNatsServer(binary, config), /configuration file .* is valid/, bundle);
      // Password mode (the local run): the configs hold passwords.
      assert.equal((await stat(config)).mode & 0o777, 0o600, config);
      assert.ok(printed.some((line) => line.includes(join(bundle, 'nats-server.conf'))), `${bundle} is listed in the output`);
    }
    const idnFile = join(out, 'leaf-IDN', 'connections', 'IDN.json');
    assert.equal((await stat(idnFile)).mode & 0o777, 0o600);
    const idn = JSON.parse(await readFile(idnFile, 'utf8'));
    assert.deepEqual(Object.keys(idn), ['state', 'servers', 'user', 'password', 'jetstreamDomain', 'submitSubject', 'deliverSubject']);
    assert.equal(idn.user, 'apps');
    assert.deepEqual(readConnectionFile(idnFile), idn, 'the file passes its own schema');
    assert.ok((await readFile(join(out, 'leaf-IDN', 'nats-server.conf'), 'utf8')).includes(idn.password));
  });

  test('the three-host example in nkey mode renders configs that `nats-server -t` accepts and that hold no password', async (t) => {
    const binary = requireNatsServerBinary();
    const dir = await temporaryDir(t, 'tipnet-config-hosts-');
    t.mock.method(console, 'log', () => undefined);
    assert.equal(await certsCommand.run({ values: { topology: 'infra/topology.three-hosts.json', out: join(dir, 'certs'), days: '2', force: false }, positionals: [] }), 0);
    const out = join(dir, 'out');
    assert.equal(await configCommand.run({ values: { topology: 'infra/topology.three-hosts.json', out, tls: join(dir, 'certs') }, positionals: [] }), 0);
    for (const bundle of await readdir(out)) {
      const config = join(out, bundle, 'nats-server.conf');
      assert.match(await checkWithNatsServer(binary, config), /configuration file .* is valid/, bundle);
      assert.doesNotMatch(await readFile(config, 'utf8'), /password|"SU[A-Z2-7]{56}"/, `${bundle}: no password and no seed`);
    }
  });

  test('with --only, a state renders its own bundle from its own certificate and key alone; an unknown server is named', async (t) => {
    const binary = requireNatsServerBinary();
    const dir = await temporaryDir(t, 'tipnet-config-only-');
    assert.equal(await certsCommand.run({ values: { topology: 'infra/topology.three-hosts.json', out: join(dir, 'all-certs'), days: '2', force: false }, positionals: [] }), 0);
    // IDN's machine holds the region's CA certificate and its own certificate and key, nothing else.
    const ownCerts = join(dir, 'idn-certs');
    await mkdir(join(ownCerts, 'leaf-IDN'), { recursive: true });
    await copyFile(join(dir, 'all-certs', 'ca.pem'), join(ownCerts, 'ca.pem'));
    for (const file of ['cert.pem', 'key.pem']) await copyFile(join(dir, 'all-certs', 'leaf-IDN', file), join(ownCerts, 'leaf-IDN', file));
    const out = join(dir, 'out');
    assert.equal(await configCommand.run({ values: { topology: 'infra/topology.three-hosts.json', out, tls: ownCerts, only: 'leaf-IDN' }, positionals: [] }), 0);
    assert.deepEqual(await readdir(out), ['leaf-IDN']);
    assert.match(await checkWithNatsServer(binary, join(out, 'leaf-IDN', 'nats-server.conf')), /configuration file .* is valid/);

    const errors: string[] = [];
    t.mock.method(console, 'error', (line: string) => errors.push(line));
    assert.equal(await configCommand.run({ values: { topology: 'infra/topology.three-hosts.json', out: join(dir, 'other'), tls: ownCerts, only: 'leaf-IDN,leaf-XYZ' }, positionals: [] }), 2);
    assert.match(errors.join('\n'), /no server "leaf-XYZ" in the topology \(its servers: hub-1, hub-2, hub-3, leaf-IDN, leaf-MYS, leaf-KHM\)/);
  });

  test('an invalid topology exits with 2 and lists every problem with its field path', async (t) => {
    const dir = await temporaryDir(t, 'tipnet-config-invalid-');
    const file = join(dir, 'topology.json');
    await writeFile(
      file,
      JSON.stringify({ hub: { nodes: 2 }, states: [{ code: 'IDN' }, { code: 'XYZ' }, { code: 'IDN' }], sharingGroups: [{ name: 'fiu', members: ['SGP'] }] }),
    );
    const errors: string[] = [];
    t.mock.method(console, 'error', (line: string) => errors.push(line));

    assert.equal(await configCommand.run({ values: { topology: file, out: join(dir, 'out') }, positionals: [] }), 2);
    const text = errors.join('\n');
    for (const path of ['hub.nodes:', 'states[1].code:', 'states[2].code: IDN is listed twice', 'sharingGroups[0].members[0]: SGP']) {
      assert.ok(text.includes(path), `missing "${path}" in:\n${text}`);
    }
    await assert.rejects(stat(join(dir, 'out')), { code: 'ENOENT' });
  });

  test('production TLS configs are accepted by `nats-server -t` with certificates from `tipnet certs`', async (t) => {
    const binary = requireNatsServerBinary();
    const dir = await temporaryDir(t, 'tipnet-config-tls-');
    const topology = parseTopology({ ...loadTopology(), tls: { dir: join(dir, 'certs') } });
    await makeCertificates(join(dir, 'certs'), certificateSubjectsOf(topology), { days: 2 });
    const layouts = await planTopologyLayouts(topology, join(dir, 'data'));
    for (const server of renderTopology({ topology, layouts, credentials: generateCredentials(topology) })) {
      const file = await writeSecretFile(join(dir, `${server.name}.conf`), server.text);
      assert.match(await checkWithNatsServer(binary, file), /configuration file .* is valid/, server.name);
    }
  });
});
