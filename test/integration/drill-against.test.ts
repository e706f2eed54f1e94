import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runDrill } from '../../services/drill/mod.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tipnet = join(root, 'bin/tipnet.js');

interface DueList { toAnswer: { messageId: string; summary: { sender: string; drillId: string; payloadName: string; traffic: string } }[] }

/** KHM's duty officer, a person at the dashboard: answers every request due, through KHM's node API. */
async function startOfficer(nodeUrl: string, officer: string, password: string) {
  const signIn = await fetch(`${nodeUrl}/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ officer, password }) });
  assert.equal(signIn.status, 200, 'the officer signs in');
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const answered = new Map<string, string>();
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const due = (await (await fetch(`${nodeUrl}/api/due`, { headers: { cookie } })).json()) as DueList;
      for (const item of due.toAnswer) {
        if (answered.has(item.messageId) || item.summary.traffic !== 'exercise') continue;
        const response = await fetch(`${nodeUrl}/api/messages`, {
          method: 'POST', headers: { 'content-type': 'application/json', cookie },
          body: JSON.stringify({
            type: 'assistance-response', senderUnit: 'KHM-LIAISON', distribution: { mode: 'named', states: [item.summary.sender] },
            handling: 'amber', priority: 'immediate', inReplyTo: item.messageId, exercise: { drillId: item.summary.drillId },
            payload: { requestMessageId: item.messageId, outcome: 'accepted', summary: 'KHM duty officer: police team on its way to the compound.' },
          }),
        });
        assert.equal(response.status, 202, `the officer's answer is taken: ${await response.clone().text()}`);
        answered.set(item.messageId, item.summary.payloadName);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  return { answered, async stop() { stopped = true; await loop; } };
}

test('tipnet drill --against a deployment started separately: traffic through the nodes\' APIs, KHM\'s real officer answering, counted in the report; process faults left out, bad injects refused, the deployment left running', async (t) => {
  const base = await mkdtemp(join(tmpdir(), 'tipnet-against-'));
  const dir = join(base, 'run');
  const up = spawn(process.execPath, [tipnet, 'up', '--states', 'IDN,VNM,THA,KHM', '--dir', dir, '--drill-controllers', 'IDN'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  t.after(async () => {
    if (up.exitCode === null) {
      up.kill('SIGTERM');
      const exited = new Promise((resolve) => up.once('exit', resolve));
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 20_000))]);
      if (up.exitCode === null) up.kill('SIGKILL');
    }
    await rm(base, { recursive: true, force: true });
  });
  let output = '';
  up.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 90_000;
  while (!output.includes('running; stop with')) {
    if (Date.now() > deadline || up.exitCode !== null) assert.fail(`tipnet up did not come up:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const description = JSON.parse(await readFile(join(dir, 'deployment.json'), 'utf8')) as { states: Record<string, { node?: { url: string } }> };
  const khmUrl = description.states.KHM?.node?.url ?? assert.fail('KHM runs a node');
  const credentials = JSON.parse(await readFile(join(dir, 'credentials', 'KHM.json'), 'utf8')) as { officer: { officer: string; password: string } };
  const officer = await startOfficer(khmUrl, credentials.officer.officer, credentials.officer.password);
  t.after(() => officer.stop());

  const lines: string[] = [];
  const { report } = await runDrill({
    against: dir, simulate: ['IDN', 'VNM', 'THA'], scenarioPath: join(root, 'test/fixtures/against-drill.yaml'),
    outDir: join(base, 'out'), print: (line) => lines.push(line),
  });
  await officer.stop();

  assert.equal(report.conduct.mode, 'against');
  assert.deepEqual(report.conduct.officers, { IDN: 'simulated', VNM: 'simulated', THA: 'simulated', KHM: 'people' });
  assert.deepEqual(report.conduct.skippedFaults.map((fault) => fault.kind), ['leaf-offline'], 'a fault that stops a process is not the drill\'s to inject here');
  assert.ok(lines.some((line) => line.startsWith('not injected: leaf-offline KHM')), lines.join('\n'));
  assert.equal(report.lost, 0, `nothing lost: ${report.failures.join('; ')}`);
  assert.equal(report.duplicates, 0);
  assert.ok(report.delivered > 20, `the scenario's traffic went through the nodes (${report.delivered})`);
  assert.deepEqual([report.badInjects.rejected, report.badInjects.total, report.badInjects.leaked], [8, 8, 0], 'malformed and spoofed injects are still tried, and refused');

  // The person's answers are what the report counts for KHM: no simulated officer played KHM.
  assert.equal(report.officers.KHM, undefined, 'KHM had no simulated officer');
  const answeredRequests = [...officer.answered.values()].filter((payload) => payload === 'assistance-request').length;
  const khm = report.byState.KHM?.deadlines ?? assert.fail('KHM figures');
  assert.ok(answeredRequests >= 2, `the officer answered requests (${answeredRequests})`);
  assert.equal(khm.total, report.deadlines.total, 'every assistance request asked KHM');
  assert.ok(khm.met + khm.answeredLate >= 1 && khm.met + khm.answeredLate <= answeredRequests,
    `the report counts the officer's answers: ${khm.met} met + ${khm.answeredLate} late of ${answeredRequests} answered, ${khm.total} asked`);
  assert.equal(khm.leftUnansweredByScenario, 0, 'no answer was declined by a simulation');
  assert.match(report.summary.join('\n'), /officers of KHM answered through their nodes themselves/);
  assert.match(report.summary.join('\n'), /not injected \(leaf-offline KHM\)/);

  // The deployment is left as it was: still running, its nodes answering.
  assert.equal(up.exitCode, null, 'tipnet up still runs');
  assert.equal((await fetch(`${khmUrl}/api/due`, { headers: { cookie: 'none' } })).status, 401, 'the node still answers (and still wants credentials)');
});
