import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { connect } from '@nats-io/transport-node';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tipnet = join(root, 'bin/tipnet.js');
const run = promisify(execFile);

test('tipnet up starts the topology with a node per state and writes connection files; tipnet down stops it and removes them', async (t) => {
  const dir = join(await mkdtemp(join(tmpdir(), 'tipnet-up-')), 'run');
  const up = spawn(process.execPath, [tipnet, 'up', '--states', 'IDN,KHM', '--dir', dir, '--drill-controllers', 'IDN'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  t.after(async () => {
    if (up.exitCode === null) up.kill('SIGKILL');
    await rm(join(dir, '..'), { recursive: true, force: true });
  });
  let output = '';
  up.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 60_000;
  while (!output.includes('running; stop with')) {
    if (Date.now() > deadline || up.exitCode !== null) assert.fail(`tipnet up did not come up:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  assert.match(output, /KHM {2}node API and dashboard http:\/\/127\.0\.0\.1:\d+\//);
  const hubConfig = JSON.parse(await readFile(join(dir, 'hub-services.json'), 'utf8')) as { drillControllers: string[]; drills: object };
  assert.deepEqual([hubConfig.drillControllers, hubConfig.drills], [['IDN'], {}], 'IDN may start drills; no drill is configured in advance');

  // The connection file is private and enough to log in as the state's software.
  const file = join(dir, 'connections', 'IDN.json');
  assert.equal((await stat(file)).mode & 0o777, 0o600);
  const connection = JSON.parse(await readFile(file, 'utf8')) as { servers: string[]; user: string; password: string; submitSubject: string };
  assert.equal(connection.submitSubject, 'tip.v1.submit.IDN.>');
  const nc = await connect({ servers: connection.servers, user: connection.user, pass: connection.password });
  await nc.close();
  // The node's API answers only with credentials: the deployment made a duty supervisor and a
  // token for each node, in a private file.
  const url = /IDN {2}node API and dashboard (http:\/\/127\.0\.0\.1:\d+)\//.exec(output)?.[1];
  assert.equal((await fetch(`${url}/api/node`)).status, 401);
  const credentialsFile = join(dir, 'credentials', 'IDN.json');
  assert.equal((await stat(credentialsFile)).mode & 0o777, 0o600);
  const credentials = JSON.parse(await readFile(credentialsFile, 'utf8')) as { token: string; officer: { officer: string; password: string } };
  assert.ok(!output.includes(credentials.token) && !output.includes(credentials.officer.password), 'secrets are never printed');
  const response = await fetch(`${url}/api/node`, { headers: { authorization: `Bearer ${credentials.token}` } });
  assert.equal(response.status, 200);
  const signIn = await fetch(`${url}/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ officer: credentials.officer.officer, password: credentials.officer.password }) });
  assert.equal(signIn.status, 200);
  assert.equal(((await signIn.json()) as { role: string }).role, 'supervisor');

  // The operator rotates IDN's key and revokes KHM's against the running deployment: the hub
  // services process and the node processes apply both versions, none of them restarted.
  const khmKeyId = (JSON.parse(await readFile(join(dir, 'keys', 'KHM.signing-key.json'), 'utf8')) as { keyId: string }).keyId;
  const rotated = await run(process.execPath, [tipnet, 'keys', 'rotate', '--state', 'IDN', '--overlap', '1h', '--dir', dir], { cwd: root });
  assert.match(rotated.stdout, /version 2 written.*\n.*published to the hub/);
  const revoked = await run(process.execPath, [tipnet, 'keys', 'revoke', '--state', 'KHM', '--key-id', khmKeyId, '--reason', 'test revocation', '--dir', dir], { cwd: root });
  assert.match(revoked.stdout, /version 3 written.*\n.*published to the hub/);
  const applied = async (path: string, pattern: RegExp) => {
    const until = Date.now() + 20_000;
    while (!pattern.test(await readFile(path, 'utf8').catch(() => ''))) {
      if (Date.now() > until) assert.fail(`${path} never showed ${pattern}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  for (const state of ['IDN', 'KHM']) await applied(join(dir, 'data', state, 'key-directory.json'), /"version": 3,/);
  await applied(join(dir, 'logs', 'hub-services.log'), /"version":3,.*key directory applied/);

  const down = await run(process.execPath, [tipnet, 'down', '--dir', dir], { cwd: root });
  assert.match(down.stdout, /stopped tipnet up/);
  await new Promise((resolve) => (up.exitCode !== null ? resolve(undefined) : up.once('exit', resolve)));
  assert.equal(up.exitCode, 0);
  await assert.rejects(stat(dir), /ENOENT/);
});

test('tipnet up restarts hub services that crash, logging to a file; tipnet down after tipnet up was killed stops every server and the hub services, and removes their stores and the run folder', async (t) => {
  const dir = join(await mkdtemp(join(tmpdir(), 'tipnet-up-')), 'run');
  const up = spawn(process.execPath, [tipnet, 'up', '--states', 'IDN,KHM', '--dir', dir, '--without-nodes'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  let recorded: { processes: { pid: number; program: string }[]; folders: string[] } = { processes: [], folders: [] };
  t.after(async () => {
    if (up.exitCode === null) up.kill('SIGKILL');
    for (const { pid } of recorded.processes) {
      try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
    }
    await rm(join(dir, '..'), { recursive: true, force: true });
  });
  let output = '';
  up.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 60_000;
  while (!output.includes('running; stop with')) {
    if (Date.now() > deadline || up.exitCode !== null) assert.fail(`tipnet up did not come up:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  recorded = JSON.parse(await readFile(join(dir, 'children.json'), 'utf8')) as typeof recorded;
  // The hub services crash (SIGKILL from outside): tipnet up starts them again and says so.
  const first = recorded.processes.find((child) => child.program === 'router/main.ts');
  assert.ok(first);
  process.kill(first.pid, 'SIGKILL');
  const restartDeadline = Date.now() + 60_000;
  while (!/hub services exited on their own \(exit code -, signal SIGKILL\); restarted as pid \d+/.test(output)) {
    if (Date.now() > restartDeadline || up.exitCode !== null) assert.fail(`tipnet up did not restart the hub services:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const restartedPid = Number(/restarted as pid (\d+)/.exec(output)?.[1]);
  await new Promise((resolve) => setTimeout(resolve, 300));
  recorded = JSON.parse(await readFile(join(dir, 'children.json'), 'utf8')) as typeof recorded;
  assert.deepEqual(recorded.processes.filter((child) => child.program === 'router/main.ts').map((child) => child.pid), [restartedPid], 'the new pid is recorded for tipnet down');
  assert.ok((await stat(join(dir, 'logs', 'hub-services.log'))).size > 0, 'the hub services log to a file');
  // 3 hub servers, 2 leaf servers, the hub services; each server's store outside the run folder.
  assert.equal(recorded.processes.filter((child) => child.program === 'nats-server').length, 5);
  assert.equal(recorded.processes.filter((child) => child.program === 'router/main.ts').length, 1);
  assert.equal(recorded.folders.length, 5);

  up.kill('SIGKILL');
  await new Promise((resolve) => (up.exitCode !== null || up.signalCode !== null ? resolve(undefined) : up.once('exit', resolve)));
  const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };
  assert.equal(recorded.processes.filter(({ pid }) => alive(pid)).length, 6, 'killing tipnet up orphans what it started');

  const down = await run(process.execPath, [tipnet, 'down', '--dir', dir], { cwd: root });
  assert.match(down.stdout, /no longer running; stopping what it left behind/);
  assert.match(down.stdout, /stopped 6 process\(es\)/);
  assert.deepEqual(recorded.processes.filter(({ pid }) => alive(pid)), [], 'no process left');
  for (const folder of [...recorded.folders, dir]) await assert.rejects(stat(folder), /ENOENT/, `${folder} removed`);
});
