import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDeploymentDescription } from '../../services/deployment/mod.ts';
import { faultsAgainst, simulatedStates } from '../../services/drill/drill-against.ts';
import { parseFrame } from '../../services/drill/node-api-drill-node.ts';
import { DEFAULT_SCENARIO, loadScenario } from '../../services/drill/mod.ts';

describe('tipnet drill --against, without a broker', () => {
  const scenario = loadScenario(DEFAULT_SCENARIO);

  test('only bad injects run against a deployment the drill does not own; each fault left out says why', () => {
    const { run, skipped } = faultsAgainst(scenario.faults, { readHub: true, signWith: (state) => state !== 'VNM' });
    assert.deepEqual(run.map((fault) => fault.kind), ['malformed']);
    assert.deepEqual(skipped.map((fault) => [fault.kind, fault.target]), [
      ['leaf-offline', 'KHM'], ['hub-node-stop', 'hub node 2'], ['router-kill', 'hub services'], ['slow-consumer', 'LAO'], ['spoofed', 'VNM as THA'],
    ]);
    assert.match(skipped[0]!.why, /stops none of its processes/);
    assert.match(skipped[4]!.why, /no signing key/);
    const blind = faultsAgainst(scenario.faults, { readHub: false, signWith: () => true });
    assert.equal(blind.run.length, 0, "without the hub's verdicts no bad inject is sent");
    assert.match(blind.skipped.find((fault) => fault.kind === 'malformed')!.why, /no hub login/);
  });

  test('--simulate takes all, a list, or nothing; an unknown code is named', () => {
    assert.deepEqual(simulatedStates(['IDN', 'KHM'], 'all'), ['IDN', 'KHM']);
    assert.deepEqual(simulatedStates(['IDN', 'KHM'], ['KHM']), ['KHM']);
    assert.deepEqual(simulatedStates(['IDN', 'KHM'], undefined), []);
    assert.throws(() => simulatedStates(['IDN'], ['XXX']), /--simulate: unknown state code\(s\) XXX/);
  });

  test('a server-sent event frame: its name and data; a keep-alive comment is nothing', () => {
    assert.deepEqual(parseFrame('event: delivery\nid: 4\ndata: {"a":1}'), { event: 'delivery', data: '{"a":1}' });
    assert.deepEqual(parseFrame('event: ready\ndata: {}'), { event: 'ready', data: '{}' });
    assert.equal(parseFrame(': keep-alive'), undefined);
  });

  test('deployment.json: every problem named with its field; relative paths taken from its folder', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'tipnet-description-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    await writeFile(join(dir, 'deployment.json'), JSON.stringify({ kind: 'tipnet-deployment', topologyFile: 'topology.json', states: { XXX: { connectionFile: 'a' }, KHM: { connectionFile: 'c/KHM.json', node: { url: 'ftp://x', credentialsFile: 'k' } } } }));
    await assert.rejects(readDeploymentDescription(dir), (error: Error & { problems?: string[] }) => {
      const text = JSON.stringify(error.problems ?? error.message);
      return /states/.test(text) && /KHM\.node\.url|node\.url/.test(text);
    });
    await writeFile(join(dir, 'deployment.json'), JSON.stringify({ kind: 'tipnet-deployment', topologyFile: 'topology.json', states: { KHM: { connectionFile: 'c/KHM.json', node: { url: 'http://127.0.0.1:8080', credentialsFile: '/abs/KHM.json' } } } }));
    const description = await readDeploymentDescription(dir);
    assert.deepEqual(description.states.KHM, { connectionFile: join(dir, 'c/KHM.json'), node: { url: 'http://127.0.0.1:8080', credentialsFile: '/abs/KHM.json' } });
    assert.equal(description.topologyFile, join(dir, 'topology.json'));
    await assert.rejects(readDeploymentDescription(join(dir, 'missing')), /is a deployment running there/);
  });
});
