import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createLogger } from '../../services/core/logging/mod.ts';
import { startNodeHttp, type CaseLinks, type NodeApi } from '../../services/node/mod.ts';
import { listedNodeApi } from '../support/listed-node-api.ts';
import { MemoryAccess } from '../support/memory-access.ts';

const LINKS: CaseLinks = {
  caseReference: 'IDN-2026-000300',
  messages: [{ messageId: '0a000000-0000-4000-8000-000000000001', payloadName: 'case-alert', createdAtUnixMs: 1_000 }],
  counterparts: [{
    hitId: 'hit-3f2a', counterpartState: 'THA', via: 'report', ourMessageId: '0a000000-0000-4000-8000-000000000001',
    identifierKind: 'phone', matchedIdentifiers: 1, atUnixMs: 2_000, exercise: false, followUps: [],
  }],
  linkedCases: [{ caseReference: 'IDN-2026-000400', sharedIdentifiers: 1, identifierKinds: ['phone'] }],
};

async function startApi(t: TestContext, scopes: string[]) {
  const asked: string[] = [];
  const node: NodeApi = { ...listedNodeApi().node, caseLinks: (caseReference) => { asked.push(caseReference); return caseReference === LINKS.caseReference ? LINKS : undefined; } };
  const audited: { action: string; detail?: string | undefined }[] = [];
  const access = new MemoryAccess();
  const { token } = access.addToken(scopes as Parameters<MemoryAccess['addToken']>[0]);
  const http = await startNodeHttp({
    node, access, logger: createLogger({ service: 'node', level: 'silent' }),
    audit: { record: async (event) => { audited.push({ action: event.action, detail: event.detail }); } },
  });
  t.after(() => http.close());
  const get = async (path: string) => {
    const response = await fetch(`${http.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return { get, asked, audited };
}

test("GET /api/cases/:caseReference/links answers the case's links and audits the read", async (t) => {
  const { get, audited } = await startApi(t, ['read']);
  const answer = await get('/api/cases/IDN-2026-000300/links');
  assert.equal(answer.status, 200);
  assert.deepEqual(answer.body, LINKS);
  assert.deepEqual(audited.filter((entry) => entry.action === 'read'), [{ action: 'read', detail: 'case links' }]);
});

test('a case the node sent nothing in is 404 UNKNOWN_CASE, a malformed reference 400, and a caller without read 403', async (t) => {
  const { get, asked, audited } = await startApi(t, ['read']);
  const unknown = await get('/api/cases/IDN-2026-000999/links');
  assert.equal(unknown.status, 404);
  assert.equal(unknown.body.error, 'UNKNOWN_CASE');
  assert.match(String(unknown.body.message), /sent no message in case IDN-2026-000999/);
  assert.equal((await get('/api/cases/not-a-case/links')).status, 400);
  assert.deepEqual(asked, ['IDN-2026-000999']);
  assert.equal(audited.filter((entry) => entry.action === 'read').length, 0);
  const { get: submitterGet } = await startApi(t, ['submit']);
  assert.equal((await submitterGet('/api/cases/IDN-2026-000300/links')).status, 403);
});
