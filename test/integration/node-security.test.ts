// A real node (real HTTP, real NATS) tried the way an attacker and each kind of user would: no
// credentials, forged cross-site requests, a rebound Host name, each role's actions, a revoked
// token, the feed cap and the inactivity limit of abandoned officer feeds, and the officer named
// on an acknowledgement as the sender sees it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { jetstreamManager } from '@nats-io/jetstream';
import { STREAMS } from '../../services/core/mod.ts';
import { readAuditTrail, verifyTrail } from '../../services/audit/mod.ts';
import { openApiDocument } from '../../services/node/mod.ts';
import { startHubFixture, waitFor } from '../support/hub-fixture.ts';
import { getJson, postJson, startTestNode } from '../support/node-fixture.ts';

const example = JSON.parse(readFileSync(new URL('../../examples/rescue-request.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const SOME_ID = '3f1c9a52-7b0e-4d6a-9c21-5e8f0b7d4a13';

function rawRequest(url: string, path: string, headers: Record<string, string>): Promise<number> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const request = httpRequest({ hostname, port, path, headers }, (response) => { response.resume(); resolve(response.statusCode ?? 0); });
    request.on('error', reject);
    request.end();
  });
}

describe('a node only its own people can use', () => {
  test('attacks from outside fail and nothing is published; roles, tokens, feeds and acknowledgements behave', async (t) => {
    const fixture = await startHubFixture(t, { states: ['IDN', 'KHM'], hubNodes: 1 });
    const idn = await startTestNode(t, fixture, 'IDN');
    const khm = await startTestNode(t, fixture, 'KHM', { officerFeedInactiveMs: 2_000, maxOpenFeedsPerCaller: 2 });

    await t.test('no credentials: 401 on every API route, nothing published', async () => {
      const document = openApiDocument(idn.http.app) as { paths: Record<string, Record<string, { security?: unknown[] }>> };
      const routes = Object.entries(document.paths).flatMap(([path, operations]) => Object.entries(operations)
        .filter(([, operation]) => !(Array.isArray(operation.security) && operation.security.length === 0))
        .map(([method]) => [method.toUpperCase(), path.replace('{messageId}', SOME_ID)] as const));
      assert.ok(routes.length >= 10);
      for (const [method, path] of routes) {
        const answer = method === 'GET' ? await getJson(`${idn.url}${path}`, {}, true) : await postJson(`${idn.url}${path}`, example, {}, true);
        assert.equal(answer.status, 401, `${method} ${path}`);
      }
      assert.deepEqual(idn.node.sent(), []);
    });

    await t.test('a cross-origin text/plain or form POST and a Host: evil.example request are refused; nothing is published', async () => {
      const cookie = await idn.signInAs('chief', 'supervisor');
      for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
        const response = await fetch(`${idn.url}/api/messages`, { method: 'POST', headers: { 'content-type': contentType, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', cookie }, body: JSON.stringify(example) });
        assert.equal(response.status, 403, contentType);
      }
      const sameOriginText = await fetch(`${idn.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'text/plain', cookie }, body: JSON.stringify(example) });
      assert.equal(sameOriginText.status, 415);
      const ack = await fetch(`${idn.url}/api/messages/${SOME_ID}/acknowledge`, { method: 'POST', headers: { 'content-type': 'text/plain', origin: 'https://evil.example', cookie }, body: '{"status":"actioned"}' });
      assert.equal(ack.status, 403);
      assert.equal(await rawRequest(idn.url, '/api/received', { host: 'evil.example', authorization: `Bearer ${idn.token}` }), 421);
      assert.deepEqual(idn.node.sent(), []);
    });

    let alertId = '';
    await t.test('each role does exactly its actions', async () => {
      const officer = await idn.signInAs('sokha', 'officer');
      const supervisor = await idn.signInAs('chief', 'supervisor');
      const auditor = await idn.signInAs('inspector', 'auditor');
      const refused = await postJson(`${idn.url}/api/messages`, example, { cookie: officer });
      assert.deepEqual([refused.status, refused.body.missingPermission], [403, 'send']);
      const sent = await postJson(`${idn.url}/api/messages`, example, { cookie: supervisor });
      assert.equal(sent.status, 202, JSON.stringify(sent.body));
      alertId = sent.body.messageId;
      assert.equal((await getJson(`${idn.url}/api/messages`, { cookie: officer })).status, 200);
      const auditorRead = await getJson(`${idn.url}/api/messages`, { cookie: auditor });
      assert.deepEqual([auditorRead.status, auditorRead.body.missingPermission], [403, 'read']);
      assert.deepEqual(idn.node.sent().map((status) => status.messageId), [alertId]);
    });

    await t.test('a revoked token stops working at once', async () => {
      const { record, token } = await idn.access.addToken({ name: 'old case system', unit: 'IDN-CASES', scopes: ['read'] });
      assert.equal((await getJson(`${idn.url}/api/received`, { authorization: `Bearer ${token}` })).status, 200);
      await idn.access.revokeToken(record.tokenId);
      const after = await getJson(`${idn.url}/api/received`, { authorization: `Bearer ${token}` });
      assert.deepEqual([after.status, after.body.reason], [401, 'TOKEN_REVOKED']);
    });

    await t.test("KHM's officer marks the alert read: IDN sees which unit and officer", async () => {
      await waitFor(() => khm.node.receivedMessage(alertId) !== undefined, 'KHM receiving the alert');
      const cookie = await khm.signInAs('dara', 'officer', 'KHM-NCB-PHNOM-PENH');
      const read = await postJson(`${khm.url}/api/messages/${alertId}/acknowledge`, { status: 'read' }, { cookie });
      assert.equal(read.status, 202, JSON.stringify(read.body));
      await waitFor(() => idn.node.status(alertId)?.recipients.find((recipient) => recipient.state === 'KHM')?.readAtUnixMs !== undefined, 'the READ receipt at IDN');
      const status = await getJson(`${idn.url}/api/messages/${alertId}/status`);
      const khmStatus = (status.body.recipients as { state: string; readBy?: { unit: string; note?: string } }[]).find((recipient) => recipient.state === 'KHM');
      assert.equal(khmStatus?.readBy?.unit, 'KHM-NCB-PHNOM-PENH');
      assert.match(khmStatus?.readBy?.note ?? '', /dara/);
    });

    await t.test('open feeds are capped per caller; an abandoned officer feed is removed after its inactivity limit', async () => {
      const cookie = await khm.signInAs('night-shift', 'officer');
      const streams = [new AbortController(), new AbortController()];
      t.after(() => streams.forEach((stream) => stream.abort()));
      for (const stream of streams) assert.equal((await fetch(`${khm.url}/api/feed?durable=true`, { headers: { cookie }, signal: stream.signal })).status, 200);
      assert.equal((await getJson(`${khm.url}/api/feed?durable=true`, { cookie })).status, 429);
      const jsm = await jetstreamManager(khm.nc);
      const consumers = async () => (await jsm.consumers.list(STREAMS.inbox).next()).map((info) => info.name);
      assert.ok((await consumers()).includes('feed-night-shift'));
      streams.forEach((stream) => stream.abort());
      const deadline = Date.now() + 20_000;
      while ((await consumers()).includes('feed-night-shift')) {
        assert.ok(Date.now() < deadline, 'the abandoned feed consumer is still there after 20 s');
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      // A token cannot make durable consumers at all.
      assert.equal((await getJson(`${khm.url}/api/feed?durable=true`)).status, 403);
    });

    await t.test('the auditor pages the trail (sign-ins, the submission, refusals), others may not, and it verifies with no victim identifier in it', async () => {
      const auditor = await idn.signInAs('inspector', 'auditor');
      const page = await getJson(`${idn.url}/api/audit?limit=200`, { cookie: auditor });
      assert.equal(page.status, 200, JSON.stringify(page.body));
      const entries = page.body.entries as { action: string; outcome: string; messageId?: string; actor: { id: string; kind: string }; detail?: string }[];
      const actions = new Set(entries.map((entry) => entry.action));
      for (const action of ['sign-in', 'submit', 'access-denied']) assert.ok(actions.has(action), `${action} in ${[...actions].join(', ')}`);
      const submitted = entries.find((entry) => entry.action === 'submit');
      assert.deepEqual([submitted?.messageId, submitted?.actor.id, submitted?.actor.kind], [alertId, 'chief', 'officer']);
      assert.ok(entries.some((entry) => entry.action === 'access-denied' && entry.actor.id === 'sokha' && /permission=send/.test(entry.detail ?? '')));
      const onlySubmissions = await getJson(`${idn.url}/api/audit?action=submit`, { cookie: auditor });
      assert.deepEqual([...new Set((onlySubmissions.body.entries as { action: string }[]).map((entry) => entry.action))], ['submit']);
      const officer = await idn.signInAs('sokha', 'officer');
      const refused = await getJson(`${idn.url}/api/audit`, { cookie: officer });
      assert.deepEqual([refused.status, refused.body.missingPermission], [403, 'audit']);

      await idn.trail.checkpoint();
      const records = await readAuditTrail(idn.nc);
      const verification = verifyTrail(records.map((record) => record.value), { state: 'IDN', directory: fixture.directory });
      assert.equal(verification.ok, true, JSON.stringify(verification.problems));
      const text = JSON.stringify(records);
      for (const clear of ['X 9876543', '5555-0199', '6281255550199']) assert.ok(!text.includes(clear), `${clear} in the trail`);
    });
  });
});
