import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { KeyDirectory } from '../../services/core/signing/mod.ts';
import { STREAMS } from '../../services/core/subjects.ts';
import type { FeedItem } from '../../services/node/mod.ts';
import { startHubFixture, waitFor } from '../support/hub-fixture.ts';
import { getJson, postJson, startTestNode } from '../support/node-fixture.ts';

const example = JSON.parse(readFileSync(new URL('../../examples/rescue-request.json', import.meta.url), 'utf8')) as Record<string, any>;

/**
 * The example with a fresh case reference, so each alert is told apart, and a reply deadline a day
 * away: a rescue request's deadline is watched like an assistance request's, and these must not go
 * overdue on the short test clock.
 */
function rescueRequest(caseNumber: string | number): Record<string, unknown> {
  const replyDeadline = new Date(Date.now() + 24 * 3_600_000).toISOString();
  return { ...example, caseReference: `IDN-2026-${caseNumber}`, payload: { ...example.payload, replyDeadline } };
}

function assistanceRequest(): Record<string, unknown> {
  return {
    type: 'assistance-request',
    senderUnit: 'POLRI-BARESKRIM',
    distribution: { mode: 'named', states: ['KHM'] },
    handling: 'amber',
    priority: 'immediate',
    caseReference: 'IDN-2026-000777',
    payload: {
      kind: 'rescue', requestedState: 'KHM', summary: 'Please locate and rescue three nationals held in the compound.',
      personsCount: 3, identifiers: [{ kind: 'passport', value: 'X 9876543' }],
      location: { state: 'KHM', placeName: 'Sihanoukville' },
    },
  };
}

async function streamState(nc: NatsConnection, stream: string) {
  return (await (await jetstreamManager(nc)).streams.info(stream)).state;
}

describe('member-state nodes for IDN and KHM on a hub', () => {
  test('submit over HTTP, receipts, idempotency, bad input, escalation, catch-up, refusal and no clear identifiers on the wire', async (t) => {
    const fixture = await startHubFixture(t, { states: ['IDN', 'KHM'], hubNodes: 1 });
    // Short deadlines so an assistance request goes overdue within the test.
    const idnOptions = { deadlines: { immediate: 3_000 }, clockTickMs: 100 };
    let idn = await startTestNode(t, fixture, 'IDN', idnOptions);
    let khm = await startTestNode(t, fixture, 'KHM');

    await t.test('IDN submits over HTTP; KHM receives and verifies it; KHM reads and actions it; IDN sees delivered, read, actioned', async () => {
      const submitted = await postJson(`${idn.url}/api/messages`, rescueRequest('000123'));
      assert.equal(submitted.status, 202);
      const { messageId } = submitted.body;
      await waitFor(() => khm.node.receivedMessage(messageId) !== undefined, 'KHM receiving the alert');
      const received = await getJson(`${khm.url}/api/received/${messageId}`);
      assert.equal(received.body.summary.sender, 'IDN');
      assert.equal(received.body.summary.kind, 'rescue-request');
      assert.equal(received.body.summary.identifierCount, 2);
      assert.deepEqual(received.body.summary.route.map((leg: { state: string }) => leg.state), ['IDN', 'THA', 'KHM']);

      assert.equal((await postJson(`${khm.url}/api/messages/${messageId}/acknowledge`, { status: 'read' })).status, 202);
      assert.equal((await postJson(`${khm.url}/api/messages/${messageId}/acknowledge`, { status: 'actioned' })).status, 202);
      await waitFor(() => idn.node.status(messageId)?.recipients[0]?.stage === 'actioned', 'IDN seeing actioned');
      const status = await getJson(`${idn.url}/api/messages/${messageId}/status`);
      assert.equal(status.status, 200);
      assert.deepEqual(status.body.recipients.map((r: { state: string; stages: string[] }) => [r.state, r.stages]), [['KHM', ['delivered', 'read', 'actioned']]]);
      assert.ok(status.body.recipients[0].actionedAtUnixMs >= status.body.recipients[0].readAtUnixMs);
    });

    await t.test('the same Idempotency-Key twice creates one alert', async () => {
      const body = rescueRequest('000124');
      const first = await postJson(`${idn.url}/api/messages`, body, { 'Idempotency-Key': 'sim-case-124' });
      const second = await postJson(`${idn.url}/api/messages`, body, { 'Idempotency-Key': 'sim-case-124' });
      assert.equal(first.status, 202);
      assert.equal(second.status, 202);
      assert.equal(second.body.messageId, first.body.messageId);
      assert.deepEqual([first.body.duplicate, second.body.duplicate], [false, true]);
      const marker = await postJson(`${idn.url}/api/messages`, rescueRequest('000125'));
      await waitFor(() => khm.node.receivedMessage(marker.body.messageId) !== undefined, 'the marker after the resend');
      assert.equal(khm.node.received().filter((m) => m.summary.caseReference === 'IDN-2026-000124').length, 1);
    });

    await t.test('bad HTTP input gets a 400 naming each field, and nothing is published', async () => {
      const before = await streamState(fixture.hub, STREAMS.submissions);
      const bad = [
        [{ ...example, handling: 'purple' }, /^handling: /],
        [{ ...example, payload: { ...example.payload, victims: [{ ...example.payload.victims[0], count: 0 }] } }, /^payload\.victims\[0\]\.count: /],
        [{ ...example, payload: { ...example.payload, victims: [{ ...example.payload.victims[0], identifiers: [{ kind: 'phone', value: '12' }] }] } }, /^payload\.victims\[0\]\.identifiers\[0\]\.value: /],
        [{ ...example, distribution: { mode: 'named', states: ['XYZ'] } }, /^distribution\.states\[0\]: /],
        ['{"type": "case-alert",', /^\(body\): is not valid JSON/],
      ] as const;
      for (const [body, field] of bad) {
        const answer = await postJson(`${idn.url}/api/messages`, body);
        assert.equal(answer.status, 400, JSON.stringify(answer.body));
        assert.equal(answer.body.error, 'INVALID_INPUT');
        assert.ok(answer.body.problems.some((problem: string) => field.test(problem)), `${field}: ${answer.body.problems.join(' | ')}`);
        assert.ok(!JSON.stringify(answer.body).includes('9876543'), 'the answer never repeats an identifier');
      }
      const after = await streamState(fixture.hub, STREAMS.submissions);
      assert.equal(after.last_seq, before.last_seq, 'no submission reached the hub');
    });

    await t.test('an overdue assistance request is escalated exactly once, with one reminder to KHM', async () => {
      const escalations: FeedItem[] = [];
      idn.node.events.on('escalation', (item) => escalations.push(item));
      const submitted = await postJson(`${idn.url}/api/messages`, assistanceRequest());
      assert.equal(submitted.status, 202, JSON.stringify(submitted.body));
      const requestId = submitted.body.messageId;
      await waitFor(() => khm.node.receivedMessage(requestId) !== undefined, 'KHM receiving the request');
      assert.equal((await getJson(`${khm.url}/api/due`)).body.toAnswer[0]?.messageId, requestId);
      await waitFor(() => escalations.length > 0, 'the escalation', 10_000);
      const reminders = () => khm.node.received().filter((m) => m.summary.relatedMessageId === requestId && m.summary.payloadName === 'assistance-request');
      await waitFor(() => reminders().length === 1, 'the reminder at KHM');
      // Checks racing each other and the timer after the fact must not escalate again.
      assert.deepEqual(await Promise.all([idn.node.checkDeadlines(), idn.node.checkDeadlines()]), [0, 0]);
      assert.equal(reminders()[0]?.summary.priority, 'immediate');
      const due = (await getJson(`${idn.url}/api/due`)).body;
      assert.equal(due.awaitingAnswer[0].messageId, requestId);
      assert.equal(due.awaitingAnswer[0].overdue, true);
      assert.ok(due.awaitingAnswer[0].escalatedAtUnixMs > 0);
      const khmDue = (await getJson(`${khm.url}/api/due`)).body;
      assert.deepEqual(khmDue.toAnswer.filter((item: { summary: { payloadName: string } }) => item.summary.payloadName === 'assistance-request')
        .map((item: { messageId: string; reminders: number }) => [item.messageId, item.reminders]), [[requestId, 1]]);
      assert.ok(khmDue.toAnswer.some((item: { summary: { kind: string } }) => item.summary.kind === 'rescue-request'), 'the rescue requests are due at KHM too');
      assert.equal(escalations.length, 1);
      assert.equal(escalations[0]?.summary.messageId, requestId);

      // A restarted IDN node remembers the escalation (KV on its leaf) and does not repeat it.
      await idn.stop();
      idn = await startTestNode(t, fixture, 'IDN', idnOptions);
      assert.equal(await idn.node.checkDeadlines(), 0);
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(reminders().length, 1);
      assert.ok(idn.node.due().awaitingAnswer[0]?.escalatedAtUnixMs);
    });

    await t.test('a KHM node and leaf stopped while IDN sends catch up on every alert once after the restart', async () => {
      const deliveries: string[] = [];
      await khm.stop();
      await fixture.topology.stopLeaf('KHM');
      const sent: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        const answer = await postJson(`${idn.url}/api/messages`, rescueRequest(`0002${i}`));
        assert.equal(answer.status, 202);
        sent.push(answer.body.messageId);
      }
      await waitFor(() => sent.every((id) => idn.node.status(id)?.recipients.length === 1), 'DELIVERED receipts (copies safe on the hub)');
      await fixture.topology.startLeaf('KHM');
      khm = await startTestNode(t, fixture, 'KHM');
      khm.node.events.on('delivery', (item) => deliveries.push(item.summary.messageId));
      await waitFor(() => sent.every((id) => khm.node.receivedMessage(id) !== undefined), 'KHM catching up', 30_000);
      await new Promise((resolve) => setTimeout(resolve, 300));
      for (const id of sent) assert.equal(khm.node.received().filter((m) => m.messageId === id).length, 1);
      // What KHM knew before the outage is still there, and not announced again.
      assert.ok(khm.node.received().some((m) => m.summary.caseReference === 'IDN-2026-000123'));
      assert.deepEqual(deliveries.filter((id) => sent.includes(id)).sort(), [...sent].sort());
      assert.equal(deliveries.length, sent.length);
    });

    await t.test('a delivery that fails verification is refused and answered with REJECTED', async () => {
      await khm.stop();
      // A KHM node whose key directory lacks IDN's key cannot verify IDN.
      const withoutIdn = new KeyDirectory(fixture.directory.list().filter((entry) => entry.owner !== 'IDN'));
      khm = await startTestNode(t, fixture, 'KHM', { directory: withoutIdn });
      const rejected: string[] = [];
      khm.node.events.on('rejected', (event) => rejected.push(`${event.direction}:${event.reasonCode}`));
      const answer = await postJson(`${idn.url}/api/messages`, rescueRequest('000300'));
      const id = answer.body.messageId;
      await waitFor(() => idn.node.status(id)?.recipients[0]?.stage === 'rejected', 'IDN seeing KHM refuse it');
      assert.equal(idn.node.status(id)?.recipients[0]?.rejected?.reasonCode, 'UNKNOWN_KEY');
      assert.deepEqual(rejected, ['incoming:UNKNOWN_KEY']);
      assert.equal(khm.node.receivedMessage(id), undefined);
    });

    await t.test("no clear passport or phone number is in any stream on the hub or the leaves, nor in a node's store", async () => {
      const forbidden = ['9876543', 'X 9876543', 'X9876543', '0812-5555-0199', '81255550199', '+6281255550199', '5555-0199'];
      const scanned: string[] = [];
      const scan = async (nc: NatsConnection, where: string) => {
        const jsm = await jetstreamManager(nc);
        for await (const info of jsm.streams.list()) {
          const { first_seq: first, last_seq: last, messages } = info.state;
          scanned.push(`${where}:${info.config.name}:${messages}`);
          for (let seq = first; messages > 0 && seq <= last; seq += 1) {
            const stored = await jsm.streams.getMessage(info.config.name, { seq }).catch(() => null);
            if (!stored) continue;
            const text = `${stored.subject} ${Buffer.from(stored.data).toString('latin1')} ${stored.header ? [...stored.header].map(([k, v]) => `${k}:${v.join(',')}`).join(' ') : ''}`;
            for (const value of forbidden) assert.ok(!text.includes(value), `${where} ${info.config.name} #${seq} holds "${value}"`);
          }
        }
      };
      await scan(fixture.hub, 'hub');
      await scan(idn.nc, 'IDN');
      await scan(khm.nc, 'KHM');
      for (const name of ['TIP_DELIVERIES', 'TIP_DEAD_LETTERS', 'KV_TIP_MESSAGE_INDEX']) {
        assert.ok(scanned.some((entry) => entry.startsWith(`hub:${name}:`)), `hub stream ${name} was scanned: ${scanned.join(', ')}`);
      }
      assert.ok(scanned.some((entry) => /^hub:TIP_DELIVERIES:[1-9]/.test(entry)), 'the deliveries stream held messages');
      for (const state of ['IDN', 'KHM']) assert.ok(scanned.some((entry) => entry.startsWith(`${state}:TIP_INBOX:`)), `${state} TIP_INBOX was scanned`);
      // The nodes' own stores (database, write-ahead log), byte for byte.
      for (const node of [idn, khm]) {
        const files = readdirSync(node.dataDir);
        assert.ok(files.some((name) => name.endsWith('.sqlite')), `${node.state}'s store file is in ${node.dataDir}`);
        for (const name of files) {
          const text = readFileSync(join(node.dataDir, name)).toString('latin1');
          for (const value of forbidden) assert.ok(!text.includes(value), `${node.state} ${name} holds "${value}"`);
        }
      }
    });
  });
});

