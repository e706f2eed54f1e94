// The operator-signed key directory, without a broker: its canonical encoding, the signature, the
// rules for applying an update, a key's standing at a time, and the atomic swap of a live directory.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  directoryEntryFor, directorySigningInput, DIRECTORY_SIGNING_CONTEXT, generateSigningKey, judgeDirectoryUpdate, keyStatusAt, LiveKeyDirectory,
  nextDirectory, OPERATOR_KEY_OWNER, operatorAnchor, parseSignedDirectory, revokeKey, rotateKey, signDirectory, SIGNING_CONTEXT, type DirectoryEntry,
} from '../../services/core/signing/mod.ts';

const operator = generateSigningKey(OPERATOR_KEY_OWNER);
const anchor = operatorAnchor(Buffer.from(operator.publicKey).toString('base64'));
const idn = generateSigningKey('IDN');
const khm = generateSigningKey('KHM');
const NOW = 1_800_000_000_000;
const HOUR = 3_600_000;
const first = signDirectory(nextDirectory(undefined, [directoryEntryFor(idn, NOW - HOUR), directoryEntryFor(khm, NOW - HOUR)], NOW), operator);

describe('canonical encoding and signature', () => {
  test('the encoding starts with its own context, distinct from the envelope signature context', () => {
    const input = Buffer.from(directorySigningInput(first));
    assert.ok(input.subarray(0, DIRECTORY_SIGNING_CONTEXT.length).equals(Buffer.from(DIRECTORY_SIGNING_CONTEXT, 'ascii')));
    assert.notEqual(DIRECTORY_SIGNING_CONTEXT, SIGNING_CONTEXT);
  });

  test('the encoding does not depend on JSON: a round trip through text gives the same bytes, and the signature still verifies', () => {
    const reread = parseSignedDirectory(JSON.parse(JSON.stringify(first, null, 4)), 'test');
    assert.ok(Buffer.from(directorySigningInput(reread)).equals(Buffer.from(directorySigningInput(first))));
    assert.equal(judgeDirectoryUpdate(undefined, reread, anchor).kind, 'apply');
  });

  test('every field is covered: changing any one of them breaks the signature', () => {
    const entry = first.keys[0] as DirectoryEntry;
    const changes = [
      { ...first, issuedAtUnixMs: first.issuedAtUnixMs + 1 },
      { ...first, keys: [{ ...entry, notAfterUnixMs: NOW }, ...first.keys.slice(1)] },
      { ...first, keys: [{ ...entry, revoked: true }, ...first.keys.slice(1)] },
      { ...first, keys: [{ ...entry, publicKey: Buffer.from(khm.publicKey).toString('base64') }, ...first.keys.slice(1)] },
      { ...first, keys: [...first.keys].reverse() },
      { ...first, keys: first.keys.slice(1) },
    ];
    for (const changed of changes) assert.deepEqual(judgeDirectoryUpdate(undefined, changed, anchor).kind, 'refuse');
  });
});

describe('applying an update', () => {
  test('a newer version signed by the pinned operator key is applied', () => {
    const second = signDirectory(nextDirectory(first, first.keys, NOW + 1), operator);
    assert.equal(second.version, 2);
    assert.deepEqual(judgeDirectoryUpdate(1, second, anchor), { kind: 'apply', directory: second });
  });

  test('an older or equal version is refused NOT_NEWER, even when genuinely signed', () => {
    const verdict = judgeDirectoryUpdate(1, first, anchor);
    assert.equal(verdict.kind === 'refuse' && verdict.refusal, 'NOT_NEWER');
  });

  test('a directory signed by a state key is refused UNKNOWN_OPERATOR_KEY, and one that only names the operator key BAD_SIGNATURE', () => {
    const byState = signDirectory(nextDirectory(first, first.keys, NOW), idn);
    const byStateVerdict = judgeDirectoryUpdate(1, byState, anchor);
    assert.equal(byStateVerdict.kind === 'refuse' && byStateVerdict.refusal, 'UNKNOWN_OPERATOR_KEY');
    const posing = judgeDirectoryUpdate(1, { ...byState, operatorKeyId: operator.keyId }, anchor);
    assert.equal(posing.kind === 'refuse' && posing.refusal, 'BAD_SIGNATURE');
  });

  test('a malformed signed directory is refused at parsing, naming the field', () => {
    assert.throws(() => parseSignedDirectory({ ...first, version: 0 }, 'test directory'), /version/);
    assert.throws(() => parseSignedDirectory({ ...first, keys: [first.keys[0], first.keys[0]] }, 'test directory'), /listed twice/);
  });
});

describe('rotation, revocation and a key\'s standing at a time', () => {
  const fresh = generateSigningKey('IDN');
  const rotated = rotateKey(first.keys, fresh, { nowMs: NOW, overlapMs: HOUR });
  const old = rotated.find((entry) => entry.keyId === idn.keyId) as DirectoryEntry;

  test('after a rotation the old key is valid until the overlap ends (inclusive) and expired after; the new one from now', () => {
    assert.equal(keyStatusAt(old, NOW + HOUR), 'valid');
    assert.equal(keyStatusAt(old, NOW + HOUR + 1), 'expired');
    const added = rotated.find((entry) => entry.keyId === fresh.keyId) as DirectoryEntry;
    assert.equal(keyStatusAt(added, NOW - 1), 'not-yet-valid');
    assert.equal(keyStatusAt(added, NOW), 'valid');
    assert.equal(rotated.find((entry) => entry.keyId === khm.keyId)?.notAfterUnixMs, 0, 'other states are untouched');
  });

  test('a revoked key is revoked at any time, with when and why', () => {
    const revoked = revokeKey(rotated, idn.keyId, 'laptop stolen', NOW).find((entry) => entry.keyId === idn.keyId) as DirectoryEntry;
    assert.equal(keyStatusAt(revoked, NOW - HOUR), 'revoked');
    assert.deepEqual([revoked.revokedAtUnixMs, revoked.revocationReason], [NOW, 'laptop stolen']);
    assert.throws(() => revokeKey(rotated, 'IDN-0000000000000000', 'x', NOW), /not in the directory/);
  });
});

describe('a live directory', () => {
  test('swaps to a newer signed version whole, and keeps the one in use when an update is refused', () => {
    const live = new LiveKeyDirectory(anchor, first);
    const fresh = generateSigningKey('IDN');
    const second = signDirectory(nextDirectory(first, rotateKey(first.keys, fresh, { nowMs: NOW, overlapMs: 0 }), NOW), operator);
    assert.equal(live.usableKey(fresh.keyId, NOW), undefined);
    assert.equal(live.offer(second).kind, 'apply');
    assert.equal(live.version, 2);
    assert.ok(live.usableKey(fresh.keyId, NOW));
    const forged = signDirectory(nextDirectory(second, [], NOW), khm);
    assert.equal(live.offer(forged).kind, 'refuse');
    assert.equal(live.offer(first).kind, 'refuse');
    assert.equal(live.current(), second);
    assert.equal(live.keyStatus(idn.keyId, NOW + 1), 'expired');
  });
});
