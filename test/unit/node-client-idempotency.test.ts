import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { clientIdempotencyKey, InputValidationError, NODE_IDEMPOTENCY_KEYS } from '../../services/core/mod.ts';
import { clientIdempotencyClaim, requestDigest } from '../../services/node/client-idempotency.ts';
import { NODE_ERROR_CODES } from '../../services/node/mod.ts';
import { IDS } from '../support/validation-fixtures.ts';

const request = { type: 'case-alert', handling: 'amber', payload: { kind: 'rescue-request', victims: [{ count: 2 }, { count: 1 }] } };

function problemsOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof InputValidationError);
    return error.problems;
  }
  assert.fail('accepted');
}

describe('the digest of a client request', () => {
  test('the same content in another key order or spacing is the same request', () => {
    const reordered = JSON.parse('{ "payload": {"victims": [{"count": 2}, {"count": 1}], "kind": "rescue-request"},\n "handling": "amber", "type": "case-alert" }');
    assert.equal(requestDigest(reordered), requestDigest(request));
    assert.match(requestDigest(request), /^[0-9a-f]{64}$/);
  });

  test('any change of a value, or of the order of a list, is another request', () => {
    assert.notEqual(requestDigest({ ...request, handling: 'red' }), requestDigest(request));
    assert.notEqual(requestDigest({ ...request, payload: { ...request.payload, victims: [{ count: 1 }, { count: 2 }] } }), requestDigest(request));
    assert.notEqual(requestDigest({ ...request, extra: null }), requestDigest(request));
  });
});

describe('client idempotency keys', () => {
  test('no key, no claim (callerId alone is allowed)', () => {
    assert.equal(clientIdempotencyClaim(request), undefined);
    assert.equal(clientIdempotencyClaim(request, { callerId: 'token-moha' }), undefined);
  });

  test("a client's key lives in the clients' namespace, per caller: client:<caller or ->:<key>", () => {
    assert.equal(clientIdempotencyKey('case-124'), 'client:-:case-124');
    assert.equal(clientIdempotencyKey('case-124', 'token-moha'), 'client:token-moha:case-124');
    assert.equal(clientIdempotencyClaim(request, { idempotencyKey: 'case-124' })?.key, 'client:-:case-124');
    assert.equal(clientIdempotencyClaim(request, { idempotencyKey: 'case-124', callerId: 'token-moha' })?.key, 'client:token-moha:case-124');
  });

  test('two callers using the same key do not share it, and a colon in a caller id cannot move into the key', () => {
    const a = clientIdempotencyClaim(request, { idempotencyKey: 'k', callerId: 'police' })?.key;
    const b = clientIdempotencyClaim(request, { idempotencyKey: 'k', callerId: 'immigration' })?.key;
    assert.notEqual(a, b);
    assert.notEqual(clientIdempotencyKey('b:c', 'a'), clientIdempotencyKey('c', 'a:b'));
  });

  test("a client key spelled like the node's own acknowledgement key is not the node's key", () => {
    const nodeKey = NODE_IDEMPOTENCY_KEYS.acknowledgement(IDS.alert, 'actioned');
    const claim = clientIdempotencyClaim(request, { idempotencyKey: nodeKey });
    assert.notEqual(claim?.key, nodeKey);
    assert.equal(claim?.legacyKey, undefined, "the node's own keys are never looked up for a client");
    assert.equal(clientIdempotencyClaim(request, { idempotencyKey: 'case-124' })?.legacyKey, 'case-124', 'other keys of before are, for a day');
  });

  test('the claim carries the request digest', () => {
    assert.equal(clientIdempotencyClaim(request, { idempotencyKey: 'k' })?.requestDigest, requestDigest(request));
  });

  test('a bad key or caller id is refused naming the option', () => {
    assert.deepEqual(problemsOf(() => clientIdempotencyClaim(request, { idempotencyKey: '' })), ['idempotencyKey: must not be empty']);
    assert.deepEqual(problemsOf(() => clientIdempotencyClaim(request, { idempotencyKey: 'k'.repeat(201) })), ['idempotencyKey: must be at most 200 characters long']);
    assert.match(problemsOf(() => clientIdempotencyClaim(request, { idempotencyKey: 'k', callerId: 'a\nb' }))[0] ?? '', /^callerId: must not contain control characters/);
    assert.match(problemsOf(() => clientIdempotencyClaim(request, { idempotencyKey: 'k', callerId: '-' }))[0] ?? '', /^callerId: must not be "-"/);
    assert.throws(() => clientIdempotencyKey('k', '-'), RangeError);
  });

  test('IDEMPOTENCY_KEY_CONFLICT is a code of the node', () => {
    assert.match(NODE_ERROR_CODES.IDEMPOTENCY_KEY_CONFLICT, /first used for a different request.*Nothing was sent/);
  });
});
