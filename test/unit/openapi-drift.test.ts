// docs/openapi.json is what national integrators write their clients from: it must be the
// document the routes produce, and the node must serve the same.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createLogger } from '../../services/core/logging/mod.ts';
import { nodeOpenApiText, startNodeHttp } from '../../services/node/mod.ts';
import { listedNodeApi } from '../support/listed-node-api.ts';
import { MemoryAccess } from '../support/memory-access.ts';

const checkedIn = readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8');

test('docs/openapi.json is the document the routes produce (run `npm run openapi` after changing a route)', async () => {
  assert.equal(await nodeOpenApiText(), checkedIn);
});

test('the node serves the same document at /openapi.json, without credentials', async (t) => {
  const { node } = listedNodeApi();
  // With an identity provider configured, as the document describes every route a node may have.
  const oidc = { name: 'Polri SSO', defaultUnit: 'IDN-LIAISON', signIn: () => Promise.reject(new Error('not used')) };
  const http = await startNodeHttp({ node, access: new MemoryAccess(), oidc, logger: createLogger({ service: 'node', level: 'silent' }) });
  t.after(() => http.close());
  const served = await (await fetch(`${http.url}/openapi.json`)).json();
  assert.deepEqual(served, JSON.parse(checkedIn));
  const document = served as { paths: Record<string, unknown> };
  for (const path of ['/api/messages', '/api/messages/{messageId}/acknowledge', '/api/received', '/api/feed', '/auth/sign-in']) {
    assert.ok(path in document.paths, `${path} is documented`);
  }
});
