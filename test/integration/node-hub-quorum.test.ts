import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { LIMITS } from '../../services/core/limits.ts';
import { NODE_ERROR_CODES } from '../../services/node/node-errors.ts';
import { startHubFixture, waitFor } from '../support/hub-fixture.ts';
import { startTestNode, withNodeCredentials, type JsonAnswer } from '../support/node-fixture.ts';

const example = JSON.parse(readFileSync(new URL('../../examples/rescue-request.json', import.meta.url), 'utf8')) as Record<string, any>;

/** The bound the national system is promised, with room for a loaded 2-core machine. */
const ANSWER_BOUND_MS = 20_000;

/** A rescue request named to KHM only, so one recipient counts the copies. */
function alertToKhm(caseNumber: string): Record<string, unknown> {
  return { ...example, caseReference: `IDN-2026-${caseNumber}`, distribution: { mode: 'named', states: ['KHM'] } };
}

/** POST with the client's own deadline: code that hangs fails here instead of holding the suite. */
async function timedPost(url: string, body: unknown, idempotencyKey: string): Promise<JsonAnswer & { elapsedMs: number }> {
  const started = performance.now();
  const giveUpMs = ANSWER_BOUND_MS + 5_000;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: withNodeCredentials(url, { 'content-type': 'application/json', 'Idempotency-Key': idempotencyKey }),
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(giveUpMs),
    });
    const answer = { status: response.status, body: await response.json() };
    return { ...answer, elapsedMs: Math.round(performance.now() - started) };
  } catch (error) {
    if ((error as Error).name === 'TimeoutError') assert.fail(`the node gave no answer within ${giveUpMs} ms`);
    throw error;
  }
}

describe('a node in front of a hub that lost its quorum', () => {
  test('answers 503 UNAVAILABLE within the bound, and the retry with the same Idempotency-Key delivers the same message once', async (t) => {
    const fixture = await startHubFixture(t, { states: ['IDN', 'KHM'], hubNodes: 3 });
    const idn = await startTestNode(t, fixture, 'IDN');
    const khm = await startTestNode(t, fixture, 'KHM');
    const { hub } = fixture.topology;
    let hubNodesDown = false;
    t.after(async () => {
      if (hubNodesDown) await Promise.all([hub.startNode(1), hub.startNode(2)]).catch(() => undefined);
    });

    // The path works before the outage (and the leaf has learnt the hub's interest).
    const before = await timedPost(`${idn.url}/api/messages`, alertToKhm('000900'), `quorum-${randomUUID()}`);
    assert.equal(before.status, 202, JSON.stringify(before.body));
    await waitFor(() => khm.node.receivedMessage(before.body.messageId) !== undefined, 'KHM receiving the alert sent before the outage');

    await hub.stopNode(1);
    await hub.stopNode(2);
    hubNodesDown = true;
    const key = `quorum-${randomUUID()}`;
    const body = alertToKhm('000901');
    const refused = await timedPost(`${idn.url}/api/messages`, body, key);
    t.diagnostic(`503 after ${refused.elapsedMs} ms with 2 of 3 hub servers down (deadline ${LIMITS.submitDeadlineMs} ms, bound ${ANSWER_BOUND_MS} ms)`);
    assert.equal(refused.status, 503, JSON.stringify(refused.body));
    assert.equal(refused.body.error, 'UNAVAILABLE');
    assert.equal(refused.body.retryable, true);
    assert.equal(refused.body.message, NODE_ERROR_CODES.UNAVAILABLE, 'the named refusal, not the catch-all for unexpected errors');
    assert.ok(refused.elapsedMs < ANSWER_BOUND_MS, `answered after ${refused.elapsedMs} ms`);
    // Kept, not half-sent: the node knows the signed message it will resend.
    const pending = idn.node.sent().filter((message) => message.summary.caseReference === 'IDN-2026-000901');
    assert.equal(pending.length, 1);

    await Promise.all([hub.startNode(1), hub.startNode(2)]);
    hubNodesDown = false;
    // The national system retries while the node says the hub is unavailable, as it was told.
    const healedAt = performance.now();
    const retries: string[] = [];
    let retry = await timedPost(`${idn.url}/api/messages`, body, key);
    while (retry.status === 503 && performance.now() - healedAt < 90_000) {
      assert.equal(retry.body.retryable, true);
      retries.push(`503 after ${retry.elapsedMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      retry = await timedPost(`${idn.url}/api/messages`, body, key);
    }
    t.diagnostic(`after the restart: ${[...retries, `${retry.status} after ${retry.elapsedMs} ms`].join(', ')}`);
    assert.equal(retry.status, 202, JSON.stringify(retry.body));
    assert.equal(retry.body.messageId, pending[0]?.messageId, 'the retry resends the message the first attempt signed');
    assert.equal(retry.body.duplicate, true);

    const messageId = retry.body.messageId as string;
    await waitFor(() => khm.node.receivedMessage(messageId) !== undefined, 'KHM receiving the retried alert', 60_000);
    await waitFor(() => idn.node.status(messageId)?.recipients[0]?.stage === 'delivered', 'the DELIVERED receipt at IDN', 30_000);
    // A late duplicate would arrive after the receipt: give it time, then count.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    assert.equal(fixture.inbox('KHM').count(messageId), 1, 'one copy in KHM\'s inbox');
    assert.equal(khm.node.received().filter((message) => message.summary.caseReference === 'IDN-2026-000901').length, 1);
  });
});
