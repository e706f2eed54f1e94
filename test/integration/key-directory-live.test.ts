// Keys with a life cycle, on real servers: the hub operator publishes a signed key directory into
// the hub's TIP_KEY_DIRECTORY bucket, and the hub services and a recipient node pick up a rotated
// key and a revoked one within seconds, with no process restarted. Then the attacks: a directory
// signed by a state's key, a replayed older version, and a state writing the directory itself.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream } from '@nats-io/jetstream';
import { headers } from '@nats-io/transport-node';
import { Kvm } from '@nats-io/kv';
import { encodeEnvelope } from '../../services/core/codec.ts';
import { KEY_DIRECTORY_BUCKET, KEY_DIRECTORY_KEY } from '../../services/core/durable-names.ts';
import { createLogger } from '../../services/core/logging/mod.ts';
import { v1 } from '../../services/core/proto.ts';
import {
  encodeSignedDirectory, generateSigningKey, LiveKeyDirectory, nextDirectory, OPERATOR_KEY_OWNER, operatorAnchor, openLiveKeyDirectory,
  readSignedDirectory, revokeKey, rotateKey, signDirectory, signEnvelope, writeSignedDirectory, type SignedDirectory, type SigningKey,
} from '../../services/core/signing/mod.ts';
import { CONTRACT_VERSION, HEADERS, subjects } from '../../services/core/subjects.ts';
import { permissionViolationFor } from '../../services/local-nats/mod.ts';
import { keptDirectoryFile } from '../../services/node/mod.ts';
import { publishKeyDirectory, routingPolicy, startHubServices } from '../../services/router/mod.ts';
import { startHubFixture, waitFor, type HubFixture } from '../support/hub-fixture.ts';
import { startTestNode, type TestNode } from '../support/node-fixture.ts';

const named = (...states: string[]) => ({ mode: v1.DistributionMode.DISTRIBUTION_MODE_NAMED, states });
const HOUR_MS = 3_600_000;

interface Scene {
  readonly fixture: HubFixture;
  readonly operator: SigningKey;
  readonly hubKeys: LiveKeyDirectory;
  readonly khmKeys: LiveKeyDirectory;
  khm: TestNode;
  published: SignedDirectory;
}

/** An IDN alert named to KHM, signed by `key`, ready to submit. */
function alertSignedBy(fixture: HubFixture, key: SigningKey) {
  return signEnvelope(fixture.alert({ messageId: randomUUID(), distribution: named('KHM') }), key);
}

/** Signs the next version with the operator's key, puts it in the hub's bucket, and waits until hub and node use it. */
async function publish(scene: Scene, keys: SignedDirectory['keys']): Promise<SignedDirectory> {
  const next = signDirectory(nextDirectory(scene.published, keys, Date.now()), scene.operator);
  await publishKeyDirectory(scene.fixture.hub, next, 1);
  await waitFor(() => scene.hubKeys.version === next.version && scene.khmKeys.version === next.version, `hub and KHM node on version ${next.version}`, 10_000);
  scene.published = next;
  return next;
}

/** Hands an envelope straight to KHM's inbox from the hub's account, as a hub that skipped its checks would. */
async function deliverToKhm(fixture: HubFixture, envelope: ReturnType<typeof signEnvelope>): Promise<void> {
  const h = headers();
  h.set(HEADERS.contract, CONTRACT_VERSION);
  h.set(HEADERS.recipient, 'KHM');
  await jetstream(fixture.hub).publish(subjects.deliver('KHM', 'real', 'case-alert'), encodeEnvelope(envelope), { msgID: `${envelope.messageId}.KHM`, headers: h, timeout: 5_000 });
}

describe('a key directory signed by the hub operator, live on the hub and the nodes', () => {
  test('rotation and revocation take effect within seconds without a restart, and forged or old directories are refused', async (t) => {
    const fixture = await startHubFixture(t, { states: ['IDN', 'KHM'], hubNodes: 1, hubServices: 'process' });
    const operator = generateSigningKey(OPERATOR_KEY_OWNER);
    const anchor = operatorAnchor(Buffer.from(operator.publicKey).toString('base64'));
    const first = signDirectory(nextDirectory(undefined, fixture.directory.list(), Date.now()), operator);
    const hubKeys = new LiveKeyDirectory(anchor, first);
    const services = await startHubServices({
      nc: fixture.hub, replicas: 1, directory: hubKeys, policy: routingPolicy({ states: ['IDN', 'KHM'] }),
      hubKey: fixture.keys['HUB'] as SigningKey, logger: createLogger({ service: 'hub', level: 'silent' }),
    });
    fixture.beforeStop('stop the hub services', () => services.stop());
    const khmKeys = new LiveKeyDirectory(anchor, first);
    const khm = await startTestNode(t, fixture, 'KHM', { directory: khmKeys });
    const refusedByKhm: string[] = [];
    khm.node.events.on('rejected', (event) => { if (event.direction === 'incoming') refusedByKhm.push(`${event.messageId}:${event.reasonCode}`); });
    const scene: Scene = { fixture, operator, hubKeys, khmKeys, khm, published: first };
    const oldIdnKey = fixture.keys['IDN'] as SigningKey;
    const newIdnKey = generateSigningKey('IDN');

    await t.test('a rotated key is accepted by the hub and by KHM\'s node, and the old key still is during the overlap', async () => {
      const early = alertSignedBy(fixture, newIdnKey);
      await fixture.submit(early);
      await waitFor(async () => (await fixture.deadLetters()).some((letter) => letter.reason === 'UNKNOWN_KEY' && letter.text.includes(newIdnKey.keyId)), 'the hub refusing a key it does not know yet');
      await publish(scene, rotateKey(first.keys, newIdnKey, { nowMs: Date.now(), overlapMs: HOUR_MS }));
      const withNew = alertSignedBy(fixture, newIdnKey);
      const withOld = alertSignedBy(fixture, oldIdnKey);
      await fixture.submit(withNew);
      await fixture.submit(withOld);
      await waitFor(() => [withNew, withOld].every((envelope) => khm.node.receivedMessage(envelope.messageId) !== undefined), 'KHM\'s node receiving both');
      assert.equal(hubKeys.entry(oldIdnKey.keyId)?.notAfterUnixMs, scene.published.keys.find((entry) => entry.keyId === oldIdnKey.keyId)?.notAfterUnixMs);
    });

    await t.test('a revoked key is refused by the hub with UNKNOWN_KEY naming the revocation, and by KHM\'s node even when the hub hands it over', async () => {
      await publish(scene, revokeKey(scene.published.keys, oldIdnKey.keyId, 'laptop stolen', Date.now()));
      const refusedByHub = alertSignedBy(fixture, oldIdnKey);
      await fixture.submit(refusedByHub);
      await waitFor(async () => (await fixture.deadLetters()).some((letter) => letter.reason === 'UNKNOWN_KEY' && letter.text.includes('was revoked') && letter.text.includes('laptop stolen')), 'the hub refusing the revoked key');
      const handedOver = alertSignedBy(fixture, oldIdnKey);
      await deliverToKhm(fixture, handedOver);
      await waitFor(() => refusedByKhm.includes(`${handedOver.messageId}:UNKNOWN_KEY`), 'KHM\'s node refusing the revoked key');
      assert.equal(khm.node.receivedMessage(refusedByHub.messageId), undefined);
      assert.equal(khm.node.receivedMessage(handedOver.messageId), undefined);
    });

    await t.test('the node kept what it applied: started again from its first directory, it uses the newest', async () => {
      assert.equal((await readSignedDirectory(keptDirectoryFile(khm.dataDir))).version, scene.published.version);
      const dir = await mkdtemp(join(tmpdir(), 'tipnet-key-directory-'));
      t.after(() => rm(dir, { recursive: true, force: true }));
      await writeSignedDirectory(join(dir, 'directory.json'), first);
      const reopened = await openLiveKeyDirectory({ configured: join(dir, 'directory.json'), kept: keptDirectoryFile(khm.dataDir), operatorPublicKey: Buffer.from(operator.publicKey).toString('base64') });
      assert.equal(reopened.version, scene.published.version);
      assert.equal(reopened.keyStatus(oldIdnKey.keyId, Date.now()), 'revoked');
    });

    await t.test('a directory signed by a state\'s key, or an older version, is refused by the hub services and the node alike', async () => {
      const intruder = generateSigningKey('IDN');
      const forgedKeys = rotateKey(scene.published.keys.map((entry) => (entry.keyId === oldIdnKey.keyId ? { ...entry, revoked: false } : entry)), intruder, { nowMs: Date.now(), overlapMs: HOUR_MS });
      const byState = signDirectory(nextDirectory(scene.published, forgedKeys, Date.now()), oldIdnKey);
      const posingAsOperator = { ...byState, operatorKeyId: operator.keyId };
      const replayed = signDirectory({ ...nextDirectory(undefined, forgedKeys, Date.now()), version: 1 }, operator);
      for (const attempt of [byState, posingAsOperator, replayed]) {
        // Both ways in: the hub's bucket (as someone holding hub credentials) and the announcement subject.
        await (await new Kvm(fixture.hub).open(KEY_DIRECTORY_BUCKET)).put(KEY_DIRECTORY_KEY, encodeSignedDirectory(attempt));
        fixture.hub.publish(subjects.keyDirectoryPublished(), encodeSignedDirectory(attempt));
      }
      // A genuine update after the forgeries: once both apply it, both have judged everything before it.
      const genuine = await publish(scene, scene.published.keys);
      for (const keys of [hubKeys, khmKeys]) {
        assert.equal(keys.version, genuine.version);
        assert.equal(keys.entry(intruder.keyId), undefined);
        assert.equal(keys.keyStatus(oldIdnKey.keyId, Date.now()), 'revoked');
      }
      const fromIntruder = alertSignedBy(fixture, intruder);
      await fixture.submit(fromIntruder);
      await waitFor(async () => (await fixture.deadLetters()).some((letter) => letter.reason === 'UNKNOWN_KEY' && letter.text.includes(intruder.keyId)), 'the hub refusing the intruder\'s key');
    });

    await t.test('a state cannot write the directory: the announcement subject and the hub\'s bucket are out of its reach', async () => {
      const leaf = fixture.leaf('IDN');
      const forged = encodeSignedDirectory(signDirectory(nextDirectory(scene.published, [], Date.now()), oldIdnKey));
      const announced = await permissionViolationFor(leaf, subjects.keyDirectoryPublished(), () => leaf.publish(subjects.keyDirectoryPublished(), forged));
      assert.ok(announced, 'publishing on tip.v1.keys.published is a permissions violation');
      const hubApi = `$JS.hub.API.STREAM.INFO.KV_${KEY_DIRECTORY_BUCKET}`;
      assert.ok(await permissionViolationFor(leaf, hubApi, () => leaf.publish(hubApi)), 'the hub\'s JetStream API is a permissions violation');
      // $KV.> is the leaf's own (its node's buckets): a put there stays on the state's server.
      leaf.publish(`$KV.${KEY_DIRECTORY_BUCKET}.${KEY_DIRECTORY_KEY}`, forged);
      await leaf.flush();
      const genuine = await publish(scene, scene.published.keys);
      const history = await (await new Kvm(fixture.hub).open(KEY_DIRECTORY_BUCKET)).history({ key: KEY_DIRECTORY_KEY });
      const values: string[] = [];
      for await (const entry of history) values.push(Buffer.from(entry.value).toString('utf8'));
      assert.ok(values.length > 0 && !values.includes(Buffer.from(forged).toString('utf8')), 'the forged directory never reached the hub\'s bucket');
      assert.equal(hubKeys.version, genuine.version);
    });
  });
});
