// A drill stopped by SIGINT while its traffic runs: it stops every server and service it started,
// removes its temporary folders (keys, passwords, stores) and says it was interrupted. The drill
// runs with its own TMPDIR, so what it leaves behind is counted exactly: folders there, and
// processes whose command line points there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Processes whose command line names the folder (nats-server -c <folder>/..., the hub services' config). */
function processesUsing(folder: string): string[] {
  const lines = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' }).split('\n');
  return lines.filter((line) => line.includes(folder) && !line.includes('ps -eo'));
}

/** tipnet's own folders there (tsx keeps its compile cache in TMPDIR too). */
async function ours(folder: string): Promise<string[]> {
  return (await readdir(folder)).filter((name) => name.startsWith('tipnet-'));
}

test('tipnet drill stopped by SIGINT mid-traffic leaves no process and no folder behind, and says "interrupted"', async (t) => {
  const base = await mkdtemp(join(tmpdir(), 'tipnet-interrupt-'));
  const scratch = join(base, 'tmp');
  const out = join(base, 'out');
  await mkdir(scratch);
  const drill = spawn(process.execPath, ['bin/tipnet.js', 'drill', 'test/fixtures/short-drill.yaml', '--out', out], {
    cwd: root, env: { ...process.env, TMPDIR: scratch }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.after(async () => {
    if (drill.exitCode === null && drill.signalCode === null) drill.kill('SIGKILL');
    for (const line of processesUsing(scratch)) {
      try { process.kill(Number(line.trim().split(/\s+/)[0]), 'SIGKILL'); } catch { /* gone */ }
    }
    await rm(base, { recursive: true, force: true });
  });
  let output = '';
  drill.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  drill.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 90_000;
  // Traffic is flowing: some messages sent.
  while (!/sent [1-9]\d*\//.test(output)) {
    if (Date.now() > deadline || drill.exitCode !== null) assert.fail(`the drill did not get to its traffic:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  assert.ok((await ours(scratch)).length > 0, 'the drill keeps its folders in TMPDIR');
  assert.ok(processesUsing(scratch).length > 0, 'and its servers run from there');

  drill.kill('SIGINT');
  const code = await new Promise<number | null>((resolve) => drill.once('exit', (exitCode) => resolve(exitCode)));
  assert.equal(code, 130, output);
  assert.match(output, /interrupted: the drill was interrupted; everything it started was stopped and its folders removed/);
  assert.deepEqual(processesUsing(scratch), [], 'no process left');
  assert.deepEqual(await ours(scratch), [], 'no folder left (keys, passwords, stores)');
});
