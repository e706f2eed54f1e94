import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { jetstreamManager } from '@nats-io/jetstream';
import { STREAMS } from '../../services/core/subjects.ts';
import { startHubFixture, waitFor } from '../support/hub-fixture.ts';
import { getJson, postJson, startTestNode } from '../support/node-fixture.ts';

const example = JSON.parse(readFileSync(new URL('../../examples/rescue-request.json', import.meta.url), 'utf8')) as Record<string, any>;
const HOUR = 3_600_000;
const root = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

function rescueRequestTo(states: string[], replyDeadline: Date): Record<string, unknown> {
  return { ...example, distribution: { mode: 'named', states }, caseReference: 'IDN-2026-000900', payload: { ...example.payload, replyDeadline: replyDeadline.toISOString() } };
}

function answer(requestMessageId: string, outcome: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'assistance-response', senderUnit: 'KHM-NCB', distribution: { mode: 'named', states: ['IDN'] }, handling: 'amber', priority: 'immediate',
    caseReference: 'IDN-2026-000900', payload: { requestMessageId, outcome, ...extra },
  };
}

describe('answers to a rescue request, on a hub with IDN, KHM and THA', () => {
  test('a recipient answers (delayed, with reason), a non-recipient is refused, a withdrawal clears the due lists', async (t) => {
    const fixture = await startHubFixture(t, { states: ['IDN', 'KHM', 'THA'], hubNodes: 1 });
    const [idn, khm, tha] = await Promise.all([startTestNode(t, fixture, 'IDN'), startTestNode(t, fixture, 'KHM'), startTestNode(t, fixture, 'THA')]);

    const sent = await postJson(`${idn.url}/api/messages`, rescueRequestTo(['KHM'], new Date(Date.now() + 24 * HOUR)));
    assert.equal(sent.status, 202, JSON.stringify(sent.body));
    const rescueId: string = sent.body.messageId;
    await waitFor(() => khm.node.receivedMessage(rescueId) !== undefined, 'KHM receiving the rescue request');
    const owed = (await getJson(`${khm.url}/api/due`)).body.toAnswer;
    assert.deepEqual(owed.map((item: { messageId: string }) => item.messageId), [rescueId], 'a rescue request is owed by the state it reached');

    await t.test('a real node checks before sending: validate answers 200 or 422 in the hub\'s words, and nothing reaches the hub', async () => {
      const before = (await (await jetstreamManager(fixture.hub)).streams.info(STREAMS.submissions)).state.last_seq;
      const ok = await postJson(`${idn.url}/api/messages/validate`, rescueRequestTo(['KHM'], new Date(Date.now() + HOUR)));
      assert.deepEqual([ok.status, ok.body], [200, { ok: true }]);
      const red = { ...example, handling: 'red', caseReference: 'IDN-2026-000901' };
      const validated = await postJson(`${idn.url}/api/messages/validate`, red);
      const submitted = await postJson(`${idn.url}/api/messages`, red);
      assert.deepEqual([validated.status, submitted.status, submitted.body.error], [422, 422, 'RED_NEEDS_NAMED_RECIPIENTS']);
      assert.deepEqual(validated.body, submitted.body);
      assert.match(submitted.body.problems[0], /^distribution\.mode: RED_NEEDS_NAMED_RECIPIENTS: TLP:RED must use distribution\.mode NAMED/);
      const after = (await (await jetstreamManager(fixture.hub)).streams.info(STREAMS.submissions)).state.last_seq;
      assert.equal(after, before, 'no submission reached the hub');
    });

    await t.test('the hub routes an assistance response to a rescue request back to its sender, with its outcome and reason', async () => {
      const expected = new Date(Date.now() + 48 * HOUR);
      const delayed = await postJson(`${khm.url}/api/messages`, answer(rescueId, 'delayed', { summary: 'Raid planned with the provincial police; needs a court order.', expectedCompletion: expected.toISOString() }));
      assert.equal(delayed.status, 202, JSON.stringify(delayed.body));
      await waitFor(() => (idn.node.status(rescueId)?.answers.length ?? 0) > 0, 'IDN receiving the answer');
      const [recorded] = (await getJson(`${idn.url}/api/messages/${rescueId}/status`)).body.answers;
      assert.deepEqual([recorded.from, recorded.outcome, recorded.unit, recorded.expectedCompletionUnixMs], ['KHM', 'delayed', 'KHM-NCB', expected.getTime()]);
      assert.match(recorded.summary, /court order/);
      const [awaiting] = (await getJson(`${idn.url}/api/due`)).body.awaitingAnswer;
      assert.deepEqual([awaiting.messageId, awaiting.deadlineUnixMs, awaiting.deadline.state], [rescueId, expected.getTime(), 'delayed']);
      await waitFor(() => khm.node.due().toAnswer[0]?.deadlineUnixMs === expected.getTime(), 'KHM seeing its own new deadline');
    });

    await t.test('a state the rescue request did not reach cannot answer it (NOT_A_RECIPIENT)', async () => {
      const refused = await postJson(`${tha.url}/api/messages`, { ...answer(rescueId, 'accepted'), senderUnit: 'THA-DSI' });
      assert.equal(refused.status, 202, JSON.stringify(refused.body));
      await waitFor(() => tha.node.status(refused.body.messageId)?.rejection !== undefined, 'the hub refusing THA');
      assert.equal(tha.node.status(refused.body.messageId)?.rejection?.reasonCode, 'NOT_A_RECIPIENT');
      assert.equal(idn.node.status(rescueId)?.answers.length, 1);
    });

    await t.test('`tipnet send` waits for the receipt: the hub\'s refusal is printed with its reason and exit 1; a delivery exits 0', async () => {
      const folder = await mkdtemp(join(tmpdir(), 'tipnet-send-'));
      t.after(() => rm(folder, { recursive: true, force: true }));
      const file = join(folder, 'answer.json');
      await writeFile(file, JSON.stringify({ ...answer(rescueId, 'completed', { summary: 'done' }), senderUnit: 'THA-DSI' }));
      const asTha = { cwd: root, env: { ...process.env, TIPNET_TOKEN: tha.token } };
      const failed = await run(process.execPath, ['bin/tipnet.js', 'send', '--node', tha.url, '--file', file, '--wait', '15'], asTha)
        .then(() => assert.fail('tipnet send exited 0 on a refused message'), (error: { code: number; stdout: string; stderr: string }) => error);
      assert.equal(failed.code, 1);
      assert.match(failed.stdout, /^sent [0-9a-f-]{36}/);
      assert.match(failed.stderr, /was refused by the hub: NOT_A_RECIPIENT: THA did not receive /);

      await writeFile(file, JSON.stringify(answer(rescueId, 'in-progress', { summary: 'Team on its way.' })));
      const delivered = await run(process.execPath, ['bin/tipnet.js', 'send', '--node', khm.url, '--file', file, '--wait', '15'], { cwd: root, env: { ...process.env, TIPNET_TOKEN: khm.token } });
      assert.match(delivered.stdout, /delivered to IDN/);
      const unwaited = await run(process.execPath, ['bin/tipnet.js', 'send', '--node', tha.url, '--file', file, '--wait', '0'], asTha);
      assert.match(unwaited.stdout, /^sent /, 'with --wait 0 it does not wait for the hub');
    });

    await t.test('withdrawing the rescue request removes it from both due lists', async () => {
      const withdraw = {
        type: 'retraction', senderUnit: 'POLRI-BARESKRIM', distribution: { mode: 'named', states: ['KHM'] }, handling: 'amber', priority: 'immediate',
        caseReference: 'IDN-2026-000900', payload: { retractedMessageId: rescueId, kind: 'withdraw', reason: 'The victims reached the embassy themselves.' },
      };
      const retraction = await postJson(`${idn.url}/api/messages`, withdraw);
      assert.equal(retraction.status, 202, JSON.stringify(retraction.body));
      await waitFor(() => khm.node.receivedMessage(retraction.body.messageId) !== undefined, 'KHM receiving the withdrawal');
      assert.deepEqual((await getJson(`${khm.url}/api/due`)).body.toAnswer, []);
      assert.deepEqual((await getJson(`${idn.url}/api/due`)).body.awaitingAnswer, []);
    });
  });
});
