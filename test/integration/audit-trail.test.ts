// The audit trail on a state's real leaf (nats-server with the hub's per-state accounts, written as
// the state's `apps` user), and `tipnet audit` run as the operator would run it. The tampering is
// done as an attacker with admin access to the leaf would do it: deleting single entries is
// refused, so they read the stream, delete it, recreate it and republish the altered list.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  AUDIT_STREAM_CONFIG, openAuditTrail, readAuditTrail, verifyTrail, type AuditEntry, type AuditTrail,
} from '../../services/audit/mod.ts';
import { hasJetStreamCode, JetStreamApiCodes } from '../../services/core/failure-policy.ts';
import { NODE_STREAMS } from '../../services/core/durable-names.ts';
import { subjects } from '../../services/core/subjects.ts';
import { writeKeyDirectory, writeSigningKey, type SigningKey } from '../../services/core/signing/mod.ts';
import { startHubFixture, type HubFixture } from '../support/hub-fixture.ts';
import { rechained, sampleDraft, swapped, withChange, without } from '../support/audit-samples.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function tipnet(...args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/tipnet.js', ...args], { cwd: root, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** A node config file for IDN, as `tipnet up` writes one, with its key and the key directory. */
async function writeNodeConfig(fixture: HubFixture, dir: string, leaf = fixture.topology.leafConnectOptions('IDN')): Promise<string> {
  const keyPath = await writeSigningKey(dir, fixture.keys.IDN as SigningKey);
  await writeKeyDirectory(join(dir, 'directory.json'), fixture.directory.list());
  const path = join(dir, `node-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(path, JSON.stringify({
    state: 'IDN',
    leaf: { servers: leaf.servers, user: leaf.user, password: leaf.pass },
    signingKeyFile: keyPath,
    keyDirectoryFile: join(dir, 'directory.json'),
    matchingKeyFile: join(dir, 'matching-key.json'),
    httpPort: 0,
  }));
  return path;
}

async function dropTrail(nc: NatsConnection): Promise<void> {
  try {
    await (await jetstreamManager(nc)).streams.delete(NODE_STREAMS.audit);
  } catch (error) {
    if (!hasJetStreamCode(error, JetStreamApiCodes.StreamNotFound)) throw error;
  }
}

/** A fresh trail of `events` entries written by the real writer, checkpointing every 10. */
async function freshTrail(nc: NatsConnection, key: SigningKey, events: number): Promise<void> {
  await dropTrail(nc);
  const trail = await openAuditTrail(nc, { state: 'IDN', signingKey: key, checkpointEvery: 10 });
  for (let index = 0; index < events; index += 1) await trail.append(sampleDraft(index));
  await trail.close();
}

/** What an administrator of the leaf can do: read it all, delete the stream, put back an altered list. */
async function rewriteTrail(nc: NatsConnection, alter: (entries: AuditEntry[]) => AuditEntry[]): Promise<void> {
  const entries = (await readAuditTrail(nc)).map((record) => record.value as AuditEntry);
  const jsm = await jetstreamManager(nc);
  await jsm.streams.delete(NODE_STREAMS.audit);
  await jsm.streams.add({ ...AUDIT_STREAM_CONFIG, subjects: [...AUDIT_STREAM_CONFIG.subjects] });
  const js = jetstream(nc);
  for (const entry of alter(entries)) await js.publish(subjects.auditTrail(), JSON.stringify(entry));
}

describe('the audit trail on a state\'s leaf', () => {
  test('tipnet audit verify, export and list against a real leaf', async (t) => {
    const fixture = await startHubFixture(t, { states: ['IDN'], hubNodes: 1 });
    const dir = await mkdtemp(join(tmpdir(), 'tipnet-audit-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const config = await writeNodeConfig(fixture, dir);
    const nc = fixture.leaf('IDN');
    const key = fixture.keys.IDN as SigningKey;

    await t.test('the stream refuses deleting or purging single entries', async () => {
      await freshTrail(nc, key, 3);
      const jsm = await jetstreamManager(nc);
      const info = await jsm.streams.info(NODE_STREAMS.audit);
      assert.deepEqual([info.config.deny_delete, info.config.deny_purge, info.config.max_age, info.config.storage], [true, true, 0, 'file']);
      await assert.rejects(jsm.streams.deleteMessage(NODE_STREAMS.audit, 2), (error) => hasJetStreamCode(error, 10057));
      await assert.rejects(jsm.streams.purge(NODE_STREAMS.audit), (error) => hasJetStreamCode(error, 10110));
    });

    await t.test('an untouched trail verifies: exit 0, with its checkpoints and uncovered tail', async () => {
      await freshTrail(nc, key, 45);
      const run = await tipnet('audit', 'verify', '--config', config);
      assert.equal(run.code, 0, run.stdout + run.stderr);
      // 45 events, a checkpoint after every 10 and one on close: 50 entries, the last a checkpoint.
      assert.match(run.stdout, /IDN audit trail on nats:\/\/127\.0\.0\.1:\d+: 50 entries, 5 checkpoint\(s\), the last at entry 50/);
      assert.match(run.stdout, /^0 entries after the last checkpoint/m);
      assert.match(run.stdout, /intact: no entry changed, removed, reordered or inserted/);
    });

    await t.test('one edited entry: exit 1, naming entry 17', async () => {
      await freshTrail(nc, key, 45);
      await rewriteTrail(nc, (entries) => withChange(entries, 17, { outcome: 'denied' }));
      const run = await tipnet('audit', 'verify', '--config', config);
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assert.match(run.stdout, /TAMPERED: 1 problem\(s\)\n {2}\[changed\] entry 17 was changed: its hash does not match its content \(position 17\)/);
    });

    await t.test('one removed entry: exit 1, naming entry 17', async () => {
      await freshTrail(nc, key, 45);
      await rewriteTrail(nc, (entries) => without(entries, 17));
      const run = await tipnet('audit', 'verify', '--config', config);
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assert.match(run.stdout, /TAMPERED: 1 problem\(s\)\n {2}\[removed\] entry 17 is missing: entry 18 follows entry 16/);
    });

    await t.test('two swapped entries: exit 1, naming entries 17 and 18', async () => {
      await freshTrail(nc, key, 45);
      await rewriteTrail(nc, (entries) => swapped(entries, 17, 18));
      const run = await tipnet('audit', 'verify', '--config', config);
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assert.match(run.stdout, /TAMPERED: 1 problem\(s\)\n {2}\[reordered\] entries 17 and 18 are out of order: 18 comes before 17/);
    });

    await t.test('a rewrite that recomputes every hash: exit 1 on the checkpoints after the change', async () => {
      await freshTrail(nc, key, 45);
      await rewriteTrail(nc, (entries) => rechained(withChange(entries, 17, { actor: { kind: 'officer', id: 'someone-else' } })));
      const run = await tipnet('audit', 'verify', '--config', config);
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assert.match(run.stdout, /\[bad-checkpoint\] checkpoint entry 22 has a signature by IDN-[0-9a-f]{16} that does not verify over the chain as it now stands: an entry among entries 12 to 21 was changed/);
      assert.doesNotMatch(run.stdout, /\[changed\]|\[removed\]|\[reordered\]/);
    });

    await t.test('a rewrite that drops the checkpoints too: exit 1, too long unsigned', async () => {
      await freshTrail(nc, key, 250);
      await rewriteTrail(nc, (entries) => rechained(entries.filter((entry) => entry.action !== 'checkpoint')));
      const run = await tipnet('audit', 'verify', '--config', config);
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assert.match(run.stdout, /\[missing-checkpoint\] entries 1 to 250 have no valid checkpoint: more than 200 entries in a row unsigned/);
    });

    await t.test('two writers at once keep one chain that verifies', async () => {
      await dropTrail(nc);
      const second = await connect({ ...fixture.topology.leafConnectOptions('IDN'), name: 'second audit writer' });
      t.after(() => second.close());
      const node = await openAuditTrail(nc, { state: 'IDN', signingKey: key, checkpointEvery: 10 });
      const cli = await openAuditTrail(second, { state: 'IDN' });
      const write = (trail: AuditTrail, writer: string, count: number) => Array.from({ length: count }, (_, index) =>
        trail.append({ actor: { kind: writer === 'node' ? 'officer' : 'operator', id: `${writer}-writer` }, action: 'read', outcome: 'ok', detail: `n=${index}` }));
      const written = await Promise.all([...write(node, 'node', 40), ...write(cli, 'cli', 40)]);
      await cli.close();
      await node.close();
      await assert.rejects(cli.checkpoint(), /AUDIT_NO_SIGNING_KEY|no signing key/);

      const stored = (await readAuditTrail(nc)).map((record) => record.value as AuditEntry);
      assert.deepEqual(stored.map((entry) => entry.seq), stored.map((_, index) => index + 1), 'one chain, no gap, no fork');
      for (const writer of ['node', 'cli']) {
        const own = stored.filter((entry) => entry.actor.id === `${writer}-writer`).map((entry) => entry.detail);
        assert.deepEqual(own, Array.from({ length: 40 }, (_, index) => `n=${index}`), `${writer}'s entries are chained in call order`);
      }
      assert.equal(new Set(written.map((entry) => entry.seq)).size, 80);
      const checkpoints = stored.filter((entry) => entry.action === 'checkpoint').length;
      assert.ok(checkpoints >= 4, `${checkpoints} checkpoints`);
      assert.equal(stored.at(-1)?.action, 'checkpoint', 'the keyed writer signed on close');
      const result = verifyTrail(stored, { state: 'IDN', directory: fixture.directory });
      assert.deepEqual([result.ok, result.problems], [true, []]);
      const run = await tipnet('audit', 'verify', '--config', config);
      assert.equal(run.code, 0, run.stdout + run.stderr);
    });

    await t.test('page: newest first, filtered, with a cursor to older entries', async () => {
      await freshTrail(nc, key, 25);
      const trail = await openAuditTrail(nc, { state: 'IDN' });
      t.after(() => trail.close());
      const first = await trail.page({ action: 'submit', limit: 3 });
      assert.deepEqual(first.entries.map((entry) => entry.detail), Array(3).fill('payload=case-alert recipients=KHM,THA'));
      const seqs = first.entries.map((entry) => entry.seq);
      assert.deepEqual(seqs, [...seqs].sort((a, b) => b - a), 'newest first');
      assert.ok(first.nextBefore !== undefined);
      const rest = await trail.page({ action: 'submit', limit: 500, before: first.nextBefore });
      assert.equal(first.entries.length + rest.entries.length, 5);
      assert.equal(rest.nextBefore, undefined);
      assert.ok(Math.max(...rest.entries.map((entry) => entry.seq)) < Math.min(...seqs));
      const byActor = await trail.page({ actorId: 'ops-budi', limit: 500 });
      assert.equal(byActor.entries.length, 5);
      await assert.rejects(trail.page({ limit: 501 }), /AUDIT_QUERY_INVALID|audit query was refused/);
    });

    await t.test('export writes a 0600 copy that verifies offline, and the export and a list are themselves audited', async () => {
      await freshTrail(nc, key, 12);
      const out = join(dir, 'trail.jsonl');
      const exported = await tipnet('audit', 'export', '--config', config, '--out', out, '--operator', 'ops-budi');
      assert.equal(exported.code, 0, exported.stdout + exported.stderr);
      assert.equal((await stat(out)).mode & 0o777, 0o600);
      const lines = (await readFile(out, 'utf8')).trimEnd().split('\n');
      assert.match(exported.stdout, new RegExp(`exported ${lines.length} entries of IDN's audit trail`));

      const offline = await tipnet('audit', 'verify', '--file', out, '--directory', join(dir, 'directory.json'), '--state', 'IDN');
      assert.equal(offline.code, 0, offline.stdout + offline.stderr);
      assert.match(offline.stdout, /^0 entries after the last checkpoint/m, 'the copy ends with a checkpoint');
      await writeFile(out, lines.map((line, index) => (index === 4 ? line.replace('"outcome":"ok"', '"outcome":"failed"') : line)).join('\n'));
      const edited = await tipnet('audit', 'verify', '--file', out, '--config', config);
      assert.equal(edited.code, 1);
      assert.match(edited.stdout, /entry 5 was changed: its hash does not match its content/);

      const listed = await tipnet('audit', 'list', '--config', config, '--action', 'export', '--operator', 'ops-budi');
      assert.equal(listed.code, 0, listed.stdout + listed.stderr);
      assert.match(listed.stdout, /operator:ops-budi\s+export\s+ok\s+.*audit-trail entries=\d+/);
      const reads = await tipnet('audit', 'list', '--config', config, '--action', 'audit-read', '--json');
      assert.equal((JSON.parse(reads.stdout) as { entries: AuditEntry[] }).entries[0]?.detail, 'list filters=action shown=1');
      assert.equal((await tipnet('audit', 'verify', '--config', config)).code, 0);
    });

    await t.test('failures name what was wrong: usage 2, missing files 2, an unreachable leaf or no trail 3', async () => {
      const none = await tipnet('audit');
      assert.equal(none.code, 2);
      assert.match(none.stderr, /give one of verify, export, list/);
      assert.equal((await tipnet('audit', 'verify', '--out', 'x')).code, 2);
      const missing = await tipnet('audit', 'verify', '--config', join(dir, 'nope.json'));
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /nope\.json:\n {2}- file not found/);
      const badLimit = await tipnet('audit', 'list', '--config', config, '--limit', '9000');
      assert.equal(badLimit.code, 2);
      assert.match(badLimit.stderr, /limit/);

      const unreachable = await writeNodeConfig(fixture, dir, { servers: ['nats://127.0.0.1:1'], user: 'apps', pass: 'x' });
      const down = await tipnet('audit', 'verify', '--config', unreachable);
      assert.equal(down.code, 3);
      assert.match(down.stderr, /cannot reach IDN's leaf at nats:\/\/127\.0\.0\.1:1/);

      await dropTrail(nc);
      const empty = await tipnet('audit', 'verify', '--config', config);
      assert.equal(empty.code, 3);
      assert.match(empty.stderr, /AUDIT_TRAIL_NOT_FOUND: this leaf holds no audit trail \(no stream TIPNODE_AUDIT\)/);
    });
  });
});
