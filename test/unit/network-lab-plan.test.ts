import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freeSubnet, ownerPidOf, planLab, runIdOf } from '../../services/network-lab/mod.ts';

test('a lab plan gives each host a namespace, a veth pair on the bridge and its own address in the /24', () => {
  const plan = planLab(runIdOf(48_213), ['hub-1', 'leaf-IDN'], '10.231.7.0/24');
  assert.equal(plan.gateway, '10.231.7.1');
  assert.deepEqual(plan.hosts.map((host) => [host.namespace, host.hostVeth, host.peerVeth, host.address]), [
    ['tn1179-hub-1', 'tn1179h1', 'tn1179p1', '10.231.7.10'],
    ['tn1179-leaf-idn', 'tn1179h2', 'tn1179p2', '10.231.7.11'],
  ]);
  // Linux refuses interface names over 15 bytes.
  for (const name of [plan.bridge, ...plan.hosts.flatMap((host) => [host.hostVeth, host.peerVeth])]) assert.ok(name.length <= 15, name);
});

test('every name of a lab tells its owner pid, so a later run removes only labs whose owner is gone', () => {
  const pid = 4_194_303; // the largest pid Linux hands out
  const plan = planLab(runIdOf(pid), ['a', 'b', 'c'], '10.200.0.0/24');
  for (const name of [plan.bridge, ...plan.hosts.flatMap((host) => [host.namespace, host.hostVeth, host.peerVeth])]) assert.equal(ownerPidOf(name), pid, name);
  assert.equal(ownerPidOf('eth0'), undefined);
  assert.equal(ownerPidOf('tnfoo'), undefined);
});

test('bad plans are refused naming what was wrong', () => {
  assert.throws(() => planLab('tn1', [], '10.1.2.0/24'), /1 to 200 hosts/);
  assert.throws(() => planLab('tn1', ['a', 'a'], '10.1.2.0/24'), /distinct/);
  assert.throws(() => planLab('tn1', ['a'], '192.168.1.0/24'), /10\.x\.y\.0\/24/);
  assert.throws(() => planLab('tnverylongrunid', ['a'], '10.1.2.0/24'), /longer than 15 bytes/);
});

test('a free subnet overlaps no route of the machine', () => {
  const routes = 'default via 172.17.0.1 dev eth0\n10.200.0.0/16 dev br0 proto kernel scope link\n10.201.5.0/24 dev x\n';
  const draws = [0, 0, 0.02, 5 / 256, 0.02, 6 / 256];
  let index = 0;
  // First 10.200.0.0 (inside the /16), then 10.201.5.0 (taken), then 10.201.6.0 (free).
  assert.equal(freeSubnet(routes, () => draws[index++] ?? 0.5), '10.201.6.0/24');
});
