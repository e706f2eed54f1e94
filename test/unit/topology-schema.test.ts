import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from '../../services/core/errors.ts';
import { ALL_STATE_CODES } from '../../services/core/member-states.ts';
import { LIMITS } from '../../services/core/limits.ts';
import { loadTopology, narrowTopology, parseTopology, routingTablesOf, hubStreamOptionsOf } from '../../services/topology/mod.ts';

/** A small valid topology; each test breaks one thing in a copy of it. */
function sampleTopology(): Record<string, any> {
  return {
    hub: { nodes: 1 },
    states: [
      { code: 'IDN', routeRoles: ['origin'] },
      { code: 'KHM', routeRoles: ['destination'] },
      { code: 'THA', routeRoles: ['transit'] },
    ],
    sharingGroups: [{ name: 'mekong-border', members: ['KHM', 'THA'] }],
  };
}

/** The problems of an invalid topology, or a failed assertion if it parses. */
function problemsOf(input: unknown): readonly string[] {
  try {
    parseTopology(input);
  } catch (error) {
    assert.ok(error instanceof ConfigurationError, `expected a ConfigurationError, got ${String(error)}`);
    return error.problems;
  }
  assert.fail('the topology was accepted');
}

function assertProblem(problems: readonly string[], pattern: RegExp): void {
  assert.ok(problems.some((problem) => pattern.test(problem)), `no problem matches ${pattern}:\n  ${problems.join('\n  ')}`);
}

describe('topology schema', () => {
  test('a valid topology gets its defaults filled in and comes back frozen', () => {
    const topology = parseTopology(sampleTopology());
    assert.equal(topology.hub.clusterName, 'tipnet-hub');
    assert.equal(topology.hub.jetstreamDomain, 'hub');
    assert.equal(topology.limits.maxPayloadBytes, LIMITS.maxServerPayloadBytes);
    assert.deepEqual(topology.retention, { deliveryMaxAgeDays: 30, deadLetterMaxAgeDays: 90 });
    assert.deepEqual(topology.auth, { mode: 'password' });
    assert.ok(Object.isFrozen(topology) && Object.isFrozen(topology.states[0]) && Object.isFrozen(topology.sharingGroups[0]?.members));
  });

  test('an unknown state code is reported at states[i].code with the known codes', () => {
    const input = sampleTopology();
    input['states'][1].code = 'XYZ';
    assertProblem(problemsOf(input), /^states\[1\]\.code: "XYZ" is not a known state code \(known: BRN, .*ARE\)$/);
  });

  test('a state listed twice is reported at the second entry with the first one named', () => {
    const input = sampleTopology();
    input['states'].push({ code: 'KHM', routeRoles: [] });
    assertProblem(problemsOf(input), /^states\[3\]\.code: KHM is listed twice \(first at states\[1\]\)$/);
  });

  test('a sharing-group member that is not a state of the topology is reported at its index', () => {
    const input = sampleTopology();
    input['sharingGroups'][0].members = ['KHM', 'SGP'];
    assertProblem(problemsOf(input), /^sharingGroups\[0\]\.members\[1\]: SGP is not a state in this topology \(states: IDN, KHM, THA\)$/);
  });

  test('an even hub node count is refused at hub.nodes', () => {
    for (const nodes of [2, 4, 0]) {
      const input = sampleTopology();
      input['hub'].nodes = nodes;
      assertProblem(problemsOf(input), /^hub\.nodes: must be 1 or an odd number of at least 3/);
    }
    for (const nodes of [1, 3, 5]) parseTopology({ ...sampleTopology(), hub: { nodes } });
  });

  test('a port used twice is reported at the second use, naming the first', () => {
    const input = sampleTopology();
    input['hub'].ports = [{ client: 14222, leafnode: 17422 }];
    input['states'][2].ports = { client: 14300, monitoring: 17422 };
    assertProblem(problemsOf(input), /^states\[2\]\.ports\.monitoring: port 17422 is already used by hub\.ports\[0\]\.leafnode$/);
  });

  test('every problem is reported at once', () => {
    const input = sampleTopology();
    input['hub'].nodes = 2;
    input['states'][0].code = 'XYZ';
    input['states'].push({ code: 'THA' });
    input['sharingGroups'][0].members.push('ARE');
    input['limits'] = { maxPayloadBytes: 1024 };
    input['retention'] = { deliveryMaxAgeDays: 30, deadLetterMaxAgeDays: 90, typo: 1 };
    const problems = problemsOf(input);
    for (const pattern of [/^hub\.nodes:/, /^states\[0\]\.code:/, /^states\[3\]\.code:/, /^sharingGroups\[0\]\.members\[2\]:/, /^limits\.maxPayloadBytes:/, /^retention\.typo:/]) {
      assertProblem(problems, pattern);
    }
  });

  test('hub.ports must list one entry per node, and a single hub has no cluster port', () => {
    const input = sampleTopology();
    input['hub'].ports = [{ cluster: 16222 }, {}];
    const problems = problemsOf(input);
    assertProblem(problems, /^hub\.ports: must list one entry per hub node \(1\), not 2$/);
    assertProblem(problems, /^hub\.ports\[0\]\.cluster: is only used by a hub of 3 or more nodes$/);
  });

  test('the hub\'s JetStream domain may not be a state\'s domain, and TLS names its certificates folder', () => {
    const input: Record<string, any> = { ...sampleTopology(), tls: { cert: 'server.pem' } };
    input['hub'].jetstreamDomain = 'idn';
    const problems = problemsOf(input);
    assertProblem(problems, /^hub\.jetstreamDomain: must differ from IDN's JetStream domain "idn"$/);
    assertProblem(problems, /^tls\.dir: /);
  });

  test('hosts are checked at their field path, one per hub node, and a port is taken per host', () => {
    const input: Record<string, any> = sampleTopology();
    input['hub'].hosts = ['10.0.0.1', 'not a host!'];
    input['states'][0].host = '10.0.0.1';
    input['states'][0].ports = { client: 4999 };
    input['states'][1].host = '10.0.0.2';
    input['states'][1].ports = { client: 4999 };
    const problems = problemsOf(input);
    assertProblem(problems, /^hub\.hosts\[1\]: must be an IP address or a DNS name/);
    assertProblem(problems, /^hub\.hosts: must list one host per hub node/);
    assert.ok(!problems.some((problem) => problem.includes('4999')), `one port on two hosts is fine: ${problems.join('; ')}`);
    input['states'][1].host = '10.0.0.1';
    assertProblem(problemsOf(input), /^states\[1\]\.ports\.client: port 4999 is already used by states\[0\]\.ports\.client on 10\.0\.0\.1$/);
  });

  test('an unknown auth mode lists the modes', () => {
    assertProblem(problemsOf({ ...sampleTopology(), auth: { mode: 'token' } }), /^auth\.mode: must be one of "password", "nkey", "jwt"$/);
  });
});

describe('the default topology infra/topology.json', () => {
  const topology = loadTopology();

  test('it runs a 3-node hub in domain hub and a leaf for every member and partner state', () => {
    assert.equal(topology.hub.nodes, 3);
    assert.equal(topology.hub.jetstreamDomain, 'hub');
    assert.deepEqual([...topology.states.map((state) => state.code)].sort(), [...ALL_STATE_CODES].sort());
  });

  test('it carries the typical route roles and the sharing groups the router needs', () => {
    const roles = Object.fromEntries(topology.states.map((state) => [state.code, state.routeRoles]));
    assert.deepEqual(roles['IDN'], ['origin']);
    assert.deepEqual(roles['THA'], ['transit']);
    assert.deepEqual(roles['PHL'], ['origin', 'destination']);
    assert.deepEqual(roles['ARE'], ['destination']);
    const routing = routingTablesOf(topology);
    assert.deepEqual(routing.sharingGroups['financial-intelligence'], ['IDN', 'MYS', 'PHL', 'SGP', 'THA', 'KHM']);
    assert.deepEqual(routing.sharingGroups['mekong-border'], ['KHM', 'LAO', 'MMR', 'THA', 'VNM']);
    assert.deepEqual(hubStreamOptionsOf(topology), { replicas: 3, deliveryMaxAgeMs: 30 * 86_400_000, deadLetterMaxAgeMs: 90 * 86_400_000 });
  });

  test('narrowing it to some states keeps only their sharing-group memberships', () => {
    const narrowed = narrowTopology(topology, ['IDN', 'KHM']);
    assert.deepEqual(narrowed.states.map((state) => state.code), ['KHM', 'IDN']);
    assert.deepEqual(routingTablesOf(narrowed).sharingGroups, { 'financial-intelligence': ['IDN', 'KHM'], 'mekong-border': ['KHM'] });
    assert.throws(() => narrowTopology(topology, ['IDN', 'XYZ']), (error: unknown) => error instanceof ConfigurationError && /XYZ/.test(error.message));
  });

  test('a missing or malformed topology file is a ConfigurationError naming the problem', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'tipnet-topology-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    assert.throws(() => loadTopology(join(dir, 'absent.json')), (error: unknown) => error instanceof ConfigurationError && /file not found/.test(error.message));
    await writeFile(join(dir, 'broken.json'), '{ "hub": { "nodes": 3 }, }');
    assert.throws(() => loadTopology(join(dir, 'broken.json')), ConfigurationError);
  });
});
