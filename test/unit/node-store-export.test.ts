import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeStore } from '../../services/node/node-store.ts';
import { buildMispExport, buildStixBundle, findClearIdentifiers } from '../../services/export/mod.ts';
import { alertInput, prepared, storeReceived, storeSent } from '../support/store-messages.ts';

function tempStore(t: TestContext, state = 'IDN'): NodeStore {
  const dir = mkdtempSync(join(tmpdir(), 'tipnet-export-test-'));
  const store = NodeStore.open(dir, state);
  t.after(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return store;
}

test('the store hands the export its reports and alerts with keyed payloads and withdrawn marks, filtered by case and time', async (t) => {
  const store = tempStore(t);
  const now = Date.parse('2026-11-18T10:00:00Z');
  const sent = await storeSent(store, prepared('IDN', alertInput('IDN-2026-000300'), now));
  const received = await storeReceived(store, prepared('THA', alertInput('THA-2026-000301', { to: 'IDN' }), now + 60_000));
  await storeSent(store, prepared('IDN', {
    type: 'retraction', senderUnit: 'POLRI', distribution: { mode: 'named', states: ['KHM'] }, handling: 'amber', priority: 'urgent',
    caseReference: 'IDN-2026-000300', payload: { retractedMessageId: sent, kind: 'withdraw', reason: 'Sent in error.' },
  }, now + 120_000));

  const all = store.exportable();
  assert.deepEqual(all.map((m) => [m.messageId, m.direction]), [[sent, 'sent'], [received, 'received']]);
  assert.equal(all[0]?.retraction?.kind, 'withdrawn');
  assert.equal(all[1]?.retraction, undefined);
  assert.equal(all[0]?.payload.name, 'case-alert');
  assert.deepEqual(store.exportable({ caseReference: 'THA-2026-000301' }).map((m) => m.messageId), [received]);
  assert.deepEqual(store.exportable({ sinceUnixMs: now + 30_000 }).map((m) => m.messageId), [received]);

  const bundle = buildStixBundle(all, { ownState: 'IDN' });
  assert.ok(bundle.objects.some((o) => o.x_tipnet_message_id === sent && o.revoked === true));
  const clear = [{ kind: 'passport', value: 'X 9876543' }, { kind: 'phone', value: '+62 812-5555-0199' }] as const;
  assert.deepEqual(findClearIdentifiers(bundle, clear), []);
  assert.deepEqual(findClearIdentifiers(buildMispExport(all, { ownState: 'IDN' }), clear), []);
});
