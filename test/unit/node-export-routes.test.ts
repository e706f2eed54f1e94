import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createLogger } from '../../services/core/logging/mod.ts';
import { startNodeHttp, type NodeApi } from '../../services/node/mod.ts';
import type { ExportQuery } from '../../services/node/node-queries.ts';
import { listedNodeApi } from '../support/listed-node-api.ts';
import { MemoryAccess } from '../support/memory-access.ts';

async function startApi(t: TestContext, scopes: string[] = ['read']) {
  const queries: ExportQuery[] = [];
  const base = listedNodeApi().node;
  const node: NodeApi = {
    ...base,
    exportStix: (query) => { queries.push(query); return { type: 'bundle', id: 'bundle--00000000-0000-5000-8000-000000000001', objects: [] }; },
    exportMisp: (query) => { queries.push(query); return { response: [] }; },
  };
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
  return { get, queries, audited };
}

test('GET /api/export/stix and /misp pass since, case, exercise and red to the node and audit the export', async (t) => {
  const { get, queries, audited } = await startApi(t);
  const stix = await get('/api/export/stix?since=2026-11-18T00:00:00Z&case=IDN-2026-000123&exercise=true&red=true');
  assert.equal(stix.status, 200);
  assert.equal(stix.body.type, 'bundle');
  assert.deepEqual(queries[0], { sinceUnixMs: Date.parse('2026-11-18T00:00:00Z'), caseReference: 'IDN-2026-000123', includeExercise: true, includeRed: true });
  const misp = await get('/api/export/misp');
  assert.equal(misp.status, 200);
  assert.deepEqual(misp.body, { response: [] });
  assert.deepEqual(queries[1], { sinceUnixMs: undefined, caseReference: undefined, includeExercise: false, includeRed: false });
  const exports = audited.filter((entry) => entry.action === 'export');
  assert.equal(exports.length, 2);
  assert.match(String(exports[0]?.detail), /^stix export; exercise included; TLP:RED included/);
});

test('a bad since, case or flag is answered 400 naming each, and nothing is exported', async (t) => {
  const { get, queries, audited } = await startApi(t);
  const answer = await get('/api/export/stix?since=yesterday&case=nope&red=yes');
  assert.equal(answer.status, 400);
  assert.match(String(answer.body.message), /since: .*case: .*red: /);
  assert.equal(queries.length, 0);
  assert.equal(audited.filter((entry) => entry.action === 'export').length, 0);
});

test('an export needs the read permission', async (t) => {
  const { get, queries } = await startApi(t, ['submit']);
  assert.equal((await get('/api/export/misp')).status, 403);
  assert.equal(queries.length, 0);
});
