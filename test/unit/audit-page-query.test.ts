// The auditor's filters: by actor, action, message and time, at most 500 entries a page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { auditPageQuerySchema, matchesAuditQuery } from '../../services/audit/mod.ts';
import { generateKeyRing, type SigningKey } from '../../services/core/signing/mod.ts';
import { AUDIT_T0, buildTrail } from '../support/audit-samples.ts';

const trail = buildTrail(10, generateKeyRing(['IDN']).signingKeys.IDN as SigningKey, { checkpointEvery: 0 });
const seqsMatching = (query: Parameters<typeof matchesAuditQuery>[1]) => trail.filter((entry) => matchesAuditQuery(entry, query)).map((entry) => entry.seq);

test('filters combine: actor, action, message id and an inclusive time range', () => {
  assert.deepEqual(seqsMatching({ actorId: 'idn-liaison-1' }), [1, 2, 6, 7]);
  assert.deepEqual(seqsMatching({ action: 'submit' }), [2, 7]);
  assert.deepEqual(seqsMatching({ messageId: '9b2d4e61-0c3f-4a8b-8e5d-2f7a1c6b3e90' }), [3, 8]);
  assert.deepEqual(seqsMatching({ actorId: 'idn-liaison-1', action: 'submit', sinceUnixMs: AUDIT_T0 + 5_000 }), [7]);
  assert.deepEqual(seqsMatching({ sinceUnixMs: AUDIT_T0 + 2_000, untilUnixMs: AUDIT_T0 + 3_000 }), [3, 4]);
  assert.deepEqual(seqsMatching({}), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
});

test('a page holds 50 entries unless asked, never more than 500', () => {
  assert.equal(auditPageQuerySchema.parse({}).limit, 50);
  assert.equal(auditPageQuerySchema.safeParse({ limit: 501 }).success, false);
  assert.equal(auditPageQuerySchema.safeParse({ action: 'everything' }).success, false);
  assert.equal(auditPageQuerySchema.safeParse({ before: 0 }).success, false);
});
