// A matching key rotation through real nodes and a real hub: IDN rotates (its node follows its key
// file), KHM has not yet, and during the overlap they still get a hit on the same passport; once
// the overlap has ended IDN hashes under the new key only, so KHM's old-key holding no longer
// matches, while THA, already on the new key, does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, generateMatchingKey, keysInForce, rotateMatchingKeys, writeMatchingKeyFile } from '../../services/core/mod.ts';
import { followMatchingKeyFile } from '../../services/node/mod.ts';
import { startHubFixture, waitFor } from '../support/hub-fixture.ts';
import { postJson, startTestNode, type TestNode } from '../support/node-fixture.ts';

/** Long enough for the two alerts of the overlap phase on a loaded machine; the test then waits for its end. */
const OVERLAP_MS = 12_000;

let cases = 0;

function alertWith(unit: string, to: string, passport: string): Record<string, unknown> {
  cases += 1;
  return {
    type: 'case-alert', senderUnit: unit, caseReference: `${unit.slice(0, 3)}-2026-${String(cases).padStart(6, '0')}`, distribution: { mode: 'named', states: [to] }, handling: 'amber', priority: 'urgent',
    payload: {
      kind: 'repatriation-notice',
      summary: 'A national removed from a compound in Sihanoukville awaits repatriation.',
      route: [{ state: 'IDN', role: 'origin' }, { state: 'KHM', role: 'destination', place: 'Sihanoukville' }],
      victims: [{ count: 1, ageBand: '18-24', gender: 'male', nationality: 'IDN', identifiers: [{ kind: 'passport', value: passport }] }],
      requestedActions: ['repatriate'],
    },
  };
}

interface NoticeView { payload: { counterpartState: string; yourMessageId: string; matchedIdentifiers: number } }

function noticesOf(node: TestNode): NoticeView[] {
  return node.node.received().filter((message) => message.summary.payloadName === 'hit-notice')
    .map((message) => node.node.detail(message.messageId) as unknown as NoticeView);
}

async function send(node: TestNode, json: Record<string, unknown>): Promise<string> {
  const answer = await postJson(`${node.url}/api/messages`, json);
  assert.equal(answer.status, 202, JSON.stringify(answer.body));
  return answer.body.messageId as string;
}

function keyIdsOf(node: TestNode, messageId: string): string[] {
  const detail = node.node.detail(messageId) as unknown as { payload: { victims: Array<{ identifiers: Array<{ keyId: string }> }> } };
  return detail.payload.victims.flatMap((group) => group.identifiers.map((identifier) => identifier.keyId));
}

test('during an overlap a state that rotated and one that has not get a hit on the same passport; after it the old key no longer matches', async (t) => {
  const fixture = await startHubFixture(t, { states: ['IDN', 'KHM', 'THA'], hubNodes: 1 });
  const folder = mkdtempSync(join(tmpdir(), 'tipnet-matching-rotation-'));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  const keyFile = join(folder, 'matching-key.json');
  const oldKeys = { current: fixture.matchingKey };
  await writeMatchingKeyFile(keyFile, oldKeys, { replace: false });
  const follower = await followMatchingKeyFile(keyFile, { logger: createLogger({ service: 'node', state: 'IDN', level: 'silent' }), rereadMs: 500 });
  t.after(() => follower.stop());
  const newKey = generateMatchingKey(Date.now());
  const [idn, khm, tha] = await Promise.all([
    startTestNode(t, fixture, 'IDN', { matchingKey: follower.keys }),
    startTestNode(t, fixture, 'KHM'),
    startTestNode(t, fixture, 'THA', { matchingKey: newKey }),
  ]);

  // IDN's operator rotates; the running node takes the file without a restart.
  const rotated = rotateMatchingKeys(oldKeys, newKey, { overlapMs: OVERLAP_MS, nowMs: Date.now() });
  await writeMatchingKeyFile(keyFile, rotated, { replace: true });
  await waitFor(() => follower.keys().current.id === newKey.id, 'IDN\'s node taking the rotated key file');

  const fromKhm = await send(khm, alertWith('KHM-ATHJP', 'THA', 'B 1234567'));
  await waitFor(() => tha.node.receivedMessage(fromKhm) !== undefined, 'THA receiving KHM\'s alert');
  const fromIdn = await send(idn, alertWith('POLRI-BARESKRIM', 'THA', 'b1234567'));
  assert.deepEqual(keyIdsOf(idn, fromIdn), [newKey.id, fixture.matchingKey.id], 'hashed under the new key and, during the overlap, the old one');
  await waitFor(() => noticesOf(idn).length === 1 && noticesOf(khm).length === 1, 'both states told of the hit');
  assert.deepEqual(noticesOf(idn).map((notice) => [notice.payload.counterpartState, notice.payload.yourMessageId, notice.payload.matchedIdentifiers]), [['KHM', fromIdn, 1]]);
  assert.deepEqual(noticesOf(khm).map((notice) => [notice.payload.counterpartState, notice.payload.yourMessageId]), [['IDN', fromKhm]]);

  // The overlap ends: IDN hashes under the new key only.
  await waitFor(() => keysInForce(follower.keys(), Date.now()).length === 1, 'the overlap ending', OVERLAP_MS + 10_000);
  const lateKhm = await send(khm, alertWith('KHM-ATHJP', 'THA', 'B 7654321'));
  await waitFor(() => tha.node.receivedMessage(lateKhm) !== undefined, 'THA receiving KHM\'s second alert');
  const lateIdn = await send(idn, alertWith('POLRI-BARESKRIM', 'THA', 'B 7654321'));
  assert.deepEqual(keyIdsOf(idn, lateIdn), [newKey.id], 'the old key no longer hashes');
  // THA, on the new key, sends the same passport after IDN: its hit with IDN comes after anything IDN's alert caused.
  const fromTha = await send(tha, alertWith('RTP-ATHT', 'IDN', 'B 7654321'));
  await waitFor(() => noticesOf(idn).some((notice) => notice.payload.yourMessageId === lateIdn && notice.payload.counterpartState === 'THA'), 'IDN told of its hit with THA under the new key');
  assert.deepEqual(noticesOf(idn).filter((notice) => notice.payload.yourMessageId === lateIdn).map((notice) => notice.payload.counterpartState), ['THA'],
    'KHM\'s holding under the expired key no longer matches IDN');
  await waitFor(() => noticesOf(tha).length > 0, 'THA told of its hit with IDN');
  assert.deepEqual(noticesOf(tha).map((notice) => [notice.payload.counterpartState, notice.payload.yourMessageId]), [['IDN', fromTha]], 'THA never matches KHM\'s old-key holding');
  assert.equal(noticesOf(khm).length, 1, 'KHM was told of the overlap hit only');
});
