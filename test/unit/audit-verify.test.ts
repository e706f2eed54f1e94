// `verifyTrail` names what was done to a trail: the entry changed, the one removed, the two
// swapped, the one inserted, the checkpoint that no longer holds. A rewrite that recomputes every
// hash is caught by the checkpoint signatures; what it cannot see (the unsigned tail) is
// reported as not yet covered.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyRing, KeyDirectory, directoryEntryFor, type SigningKey } from '../../services/core/signing/mod.ts';
import { parseTrailFile, storedEntryText, trailFileText, verifyTrail, type TrailVerification } from '../../services/audit/mod.ts';
import { longestIncreasingRun } from '../../services/audit/trail-order.ts';
import { buildTrail, bySeq, rechained, swapped, withChange, without } from '../support/audit-samples.ts';

const ring = generateKeyRing(['IDN', 'KHM']);
const idnKey = ring.signingKeys.IDN as SigningKey;
const khmKey = ring.signingKeys.KHM as SigningKey;
const options = { state: 'IDN', directory: ring.directory };
/** 45 events, a checkpoint after every 10: seqs 1..49, checkpoints at 11, 22, 33, 44; 5 entries uncovered. */
const trail = buildTrail(45, idnKey);

function verify(entries: readonly unknown[], extra: Partial<typeof options> & { maxEntriesBetweenCheckpoints?: number } = {}): TrailVerification {
  return verifyTrail(entries, { ...options, ...extra });
}

function only(result: TrailVerification) {
  assert.equal(result.ok, false);
  assert.equal(result.problems.length, 1, JSON.stringify(result.problems, null, 2));
  return result.problems[0]!;
}

describe('an untouched trail', () => {
  test('verifies, counting checkpoints and the entries after the last one', () => {
    assert.deepEqual(verify(trail), { ok: true, entries: 49, checkpoints: 4, lastCheckpointSeq: 44, uncoveredEntries: 5, problems: [] });
  });

  test('an empty trail verifies, with nothing to cover', () => {
    assert.deepEqual(verify([]), { ok: true, entries: 0, checkpoints: 0, lastCheckpointSeq: 0, uncoveredEntries: 0, problems: [] });
  });

  test('survives export to JSON Lines and back', () => {
    const text = trailFileText(trail.map((entry) => JSON.parse(storedEntryText(entry)) as unknown));
    assert.equal(text.split('\n').length, 50);
    assert.equal(verify(parseTrailFile(text)).ok, true);
  });
});

describe('tampering is named', () => {
  test('an edited entry: its hash no longer matches its content', () => {
    const problem = only(verify(withChange(trail, 17, { outcome: 'denied' })));
    assert.deepEqual(problem, { position: 17, seq: 17, kind: 'changed', message: 'entry 17 was changed: its hash does not match its content' });
  });

  test('an edited entry whose own hash was recomputed: the next entry recorded another hash', () => {
    const edited = rechained(withChange(trail, 17, { actor: { kind: 'officer', id: 'someone-else' } }), 17).slice(0, 17);
    const problem = only(verify([...edited, ...trail.slice(17)]));
    assert.deepEqual(problem, { position: 17, seq: 17, kind: 'changed', message: 'entry 17 was changed: entry 18 records a different hash for it' });
  });

  test('a removed entry: the gap is named', () => {
    const problem = only(verify(without(trail, 17)));
    assert.deepEqual(problem, { position: 17, seq: 17, kind: 'removed', message: 'entry 17 is missing: entry 18 follows entry 16' });
  });

  test('several removed entries, and a removed start', () => {
    assert.equal(only(verify(without(without(trail, 17), 18))).message, 'entries 17 to 18 are missing: entry 19 follows entry 16');
    assert.equal(only(verify(trail.slice(3))).message, 'entries 1 to 3 are missing: the trail starts at entry 4');
  });

  test('two swapped entries: named as a pair', () => {
    const problem = only(verify(swapped(trail, 17, 18)));
    assert.equal(problem.kind, 'reordered');
    assert.equal(problem.message, 'entries 17 and 18 are out of order: 18 comes before 17');
  });

  test('one entry moved far away is one problem, not one per entry it jumped', () => {
    const moved = [...trail.slice(0, 4), ...trail.slice(5, 30), trail[4]!, ...trail.slice(30)];
    const problem = only(verify(moved));
    assert.deepEqual([problem.seq, problem.kind, problem.message], [5, 'reordered', 'entry 5 is out of order: it comes after entry 30 (position 29)']);
  });

  test('an entry repeated is an insertion', () => {
    const problem = only(verify([...trail.slice(0, 20), bySeq(trail, 7), ...trail.slice(20)]));
    assert.deepEqual([problem.position, problem.kind, problem.message], [21, 'inserted', 'entry 7 appears twice: at position 7 and again at position 21']);
  });

  test("an entry of another state's trail is an insertion", () => {
    const khmTrail = buildTrail(20, khmKey);
    const mixed = trail.map((entry) => (entry.seq === 12 ? bySeq(khmTrail, 12) : entry));
    const result = verify(mixed);
    assert.ok(result.problems.some((problem) => problem.kind === 'inserted' && problem.message === "entry 12 belongs to KHM's trail, not IDN's"));
  });

  test('a record that is not an entry is malformed, at its position', () => {
    const lines = parseTrailFile(`${trailFileText(trail.slice(0, 3))}{"seq": 4, "note": "hello"}\nnot json at all\n`);
    const result = verify(lines);
    assert.deepEqual(result.problems.map((problem) => [problem.position, problem.kind]), [[4, 'malformed'], [5, 'malformed']]);
    assert.match(result.problems[0]!.message, /^entry 4 \(position 4\) is not a valid audit entry: /);
    assert.match(result.problems[1]!.message, /^the record at position 5 is not a valid audit entry/);
  });
});

describe('checkpoints', () => {
  test('a rewrite that recomputes every hash keeps the chain consistent, but its checkpoints fail and name the stretch', () => {
    const rewritten = rechained(withChange(trail, 17, { outcome: 'failed' }));
    const result = verify(rewritten);
    assert.equal(result.ok, false);
    assert.ok(result.problems.every((problem) => problem.kind === 'bad-checkpoint'), JSON.stringify(result.problems));
    assert.equal(result.problems[0]!.message,
      'checkpoint entry 22 has a signature by ' + idnKey.keyId + ' that does not verify over the chain as it now stands: '
      + 'an entry among entries 12 to 21 was changed and the hashes after it recomputed, or the checkpoint was forged');
    assert.deepEqual(result.problems.map((problem) => problem.seq), [22, 33, 44]);
    assert.equal(result.lastCheckpointSeq, 11);
  });

  test('a removal hidden by renumbering and recomputing is caught the same way', () => {
    const result = verify(rechained(without(trail, 30)));
    assert.deepEqual(result.problems.map((problem) => [problem.kind, problem.seq]), [['bad-checkpoint', 32], ['bad-checkpoint', 43]]);
  });

  test('a rewrite that also drops the checkpoints is caught by the longest unsigned stretch allowed', () => {
    const stripped = rechained(withChange(trail, 17, { outcome: 'failed' }).filter((entry) => entry.action !== 'checkpoint'));
    assert.equal(verify(stripped).ok, true, 'without the stretch rule, a chain with no checkpoints is only "uncovered"');
    const problem = only(verify(stripped, { maxEntriesBetweenCheckpoints: 20 }));
    assert.equal(problem.kind, 'missing-checkpoint');
    assert.match(problem.message, /^entries 1 to 45 have no valid checkpoint: more than 20 entries in a row unsigned/);
  });

  test("a checkpoint signed with another state's key fails, naming the key's owner", () => {
    const forged = buildTrail(10, khmKey, { state: 'IDN' });
    const problem = only(verify(forged));
    assert.equal(problem.message, `checkpoint entry 11 is signed with key ${khmKey.keyId} of KHM, not with one of IDN's keys`);
  });

  test('a checkpoint signed with a key the directory does not hold, or holds as revoked, fails', () => {
    const stranger = generateKeyRing(['IDN']).signingKeys.IDN as SigningKey;
    assert.match(only(verify(buildTrail(10, stranger))).message, new RegExp(`^checkpoint entry 11 is signed with key ${stranger.keyId}, which the key directory does not hold as valid at 2026-`));
    const revoked = new KeyDirectory([{ ...directoryEntryFor(idnKey), revoked: true }]);
    assert.equal(only(verify(buildTrail(10, idnKey), { directory: revoked })).kind, 'bad-checkpoint');
  });

  test("a checkpoint carrying another checkpoint's signature fails", () => {
    const copied = rechained(withChange(trail, 11, { signature: bySeq(trail, 22).signature }), 11);
    const first = verify(copied).problems[0];
    assert.deepEqual([first?.seq, first?.kind], [11, 'bad-checkpoint']);
    assert.match(first?.message ?? '', /does not verify over the chain as it now stands: an entry among entries 1 to 10 was changed/);
  });

  test('removing entries after the last checkpoint cannot be seen: they are only ever reported as not yet covered', () => {
    const truncated = trail.slice(0, 46);
    assert.deepEqual({ ...verify(truncated), problems: [] }, { ok: true, entries: 46, checkpoints: 4, lastCheckpointSeq: 44, uncoveredEntries: 2, problems: [] });
  });
});

test('the order check keeps the longest increasing run', () => {
  assert.deepEqual([...longestIncreasingRun([1, 2, 4, 3, 5])].sort(), [0, 1, 3, 4]);
  assert.deepEqual([...longestIncreasingRun([])], []);
  assert.deepEqual([...longestIncreasingRun([5, 1, 2, 3])].sort(), [1, 2, 3]);
});
