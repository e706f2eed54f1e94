import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { createUser } from '@nats-io/nkeys';
import { ConfigurationError } from '../../services/core/mod.ts';
import { natsConnectOptions, serverIdentityCheck } from '../../services/nats-client/mod.ts';
import type { PeerCertificate } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectionFileText, stateConnectionFile, stateConnectionFileSchema } from '../../services/nats-config/mod.ts';
import { readHubServicesConfig, writeHubServicesConfig } from '../../services/router/mod.ts';
import { readConnectionFile, writeConnectionFile } from '../../services/topology/mod.ts';

describe('the connection file and the hub-services config are defined once', () => {
  test('a state connection file names its servers, domain and own subjects, and passes its schema', () => {
    const file = stateConnectionFile({ state: 'KHM', servers: ['nats://127.0.0.1:4302'], login: { user: 'apps', password: 'secret' } });
    assert.deepEqual(file, {
      state: 'KHM',
      servers: ['nats://127.0.0.1:4302'],
      user: 'apps',
      password: 'secret',
      jetstreamDomain: 'khm',
      submitSubject: 'tip.v1.submit.KHM.>',
      deliverSubject: 'tip.v1.deliver.KHM.>',
    });
    assert.deepEqual(stateConnectionFileSchema.parse(JSON.parse(connectionFileText(file))), file);
  });

  test('the old `urls` shape is refused by the schema', () => {
    const file = stateConnectionFile({ state: 'KHM', servers: ['nats://127.0.0.1:4302'], login: { user: 'apps', password: 'secret' } });
    const { servers, ...rest } = file;
    assert.equal(stateConnectionFileSchema.safeParse({ ...rest, urls: servers }).success, false);
  });

  test('an nkey connection file names its seed file and CA, and one login only is accepted', () => {
    const file = stateConnectionFile({ state: 'IDN', servers: ['tls://10.1.0.1:4222'], login: { nkeySeedFile: '/etc/tipnet/leaf-IDN/apps.nk' }, tls: { caFile: '/etc/tipnet/leaf-IDN/tls/ca.pem' } });
    assert.equal(stateConnectionFileSchema.safeParse(file).success, true);
    assert.equal('password' in file, false);
    const both = stateConnectionFileSchema.safeParse({ ...file, user: 'apps', password: 'secret' });
    assert.equal(both.success, false);
    assert.deepEqual(both.error?.issues.map((issue) => [issue.path.join('.'), issue.message]), [['nkeySeedFile', 'give either user and password or nkeySeedFile, not both']]);
    const { nkeySeedFile: _seed, ...none } = file;
    assert.deepEqual(stateConnectionFileSchema.safeParse(none).error?.issues.map((issue) => issue.path.join('.')), ['nkeySeedFile']);
  });

  test('nats.js options come with an nkey authenticator from the seed file, and a bad seed file is named', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'tipnet-seed-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const seedFile = join(dir, 'apps.nk');
    await writeFile(seedFile, `${new TextDecoder().decode(createUser().getSeed())}\n`, { mode: 0o600 });
    const options = natsConnectOptions({ servers: ['tls://127.0.0.1:4222'], nkeySeedFile: seedFile, tls: { caFile: '/ca.pem' } });
    assert.equal(typeof options.authenticator, 'function');
    assert.equal(options.user, undefined);
    const { checkServerIdentity, ...files } = options.tls as Record<string, unknown>;
    assert.deepEqual(files, { caFile: '/ca.pem' });
    assert.equal(typeof checkServerIdentity, 'function');
    await writeFile(seedFile, 'not a seed\n');
    assert.throws(() => natsConnectOptions({ servers: ['nats://127.0.0.1:4222'], nkeySeedFile: seedFile }), (error: unknown) => error instanceof ConfigurationError && error.message.includes(seedFile));
  });

  test('files written with key paths read back the same, with mode 0600', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'tipnet-connection-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const file = stateConnectionFile({
      state: 'IDN', servers: ['nats://127.0.0.1:4301'], login: { user: 'apps', password: 'secret' },
      keyFiles: { signingKeyFile: '/k/IDN.json', keyDirectoryFile: '/k/directory.json', matchingKeyFile: '/k/matching.json' },
    });
    const path = await writeConnectionFile(join(dir, 'IDN.json'), file);
    assert.equal((await stat(path)).mode & 0o777, 0o600);
    assert.deepEqual(readConnectionFile(path), file);
  });

  test('the hub-services config is validated when written and read back with its defaults', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'tipnet-hub-config-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const path = join(dir, 'hub-services.json');
    await writeHubServicesConfig(path, {
      servers: ['nats://127.0.0.1:4221'], user: 'hub', password: 'secret', replicas: 1,
      hubKeyFile: '/k/HUB.json', keyDirectoryFile: '/k/directory.json', states: ['IDN', 'KHM'],
    });
    assert.equal((await stat(path)).mode & 0o777, 0o600);
    const config = readHubServicesConfig(path);
    assert.deepEqual([config.states, config.sharingGroups, config.drills, config.logLevel], [['IDN', 'KHM'], {}, {}, 'info']);
    await assert.rejects(writeHubServicesConfig(path, { ...config, servers: ['http://nope'] }));
  });
});

test('a server named by IP address is checked against the addresses of the connection\'s own servers (nats.js checks it as "localhost")', () => {
  const check = serverIdentityCheck(['tls://10.1.2.10:4222', 'tls://10.1.2.11:4222', 'tls://hub-3.tipnet.example:4222']);
  const certFor = (san: string) => ({ subject: { CN: 'hub' }, subjectaltname: san }) as unknown as PeerCertificate;
  assert.equal(check('localhost', certFor('IP Address:10.1.2.11')), undefined);
  assert.match(String(check('localhost', certFor('IP Address:10.9.9.9'))), /does not match certificate's altnames/);
  // Names still go through the standard check.
  assert.equal(check('hub-3.tipnet.example', certFor('DNS:hub-3.tipnet.example')), undefined);
  assert.ok(check('hub-3.tipnet.example', certFor('DNS:someone-else.example')) instanceof Error);
});
