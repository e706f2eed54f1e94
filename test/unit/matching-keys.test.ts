// The regional matching key's life cycle without a broker: the file's formats, rotation with an
// overlap, which keys hash while it lasts, the file written and followed, and `tipnet keys matching`.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createLogger, decodePayload, generateMatchingKey, keysInForce, MatchingKeyFileError, MatchingKeyFileExistsError, MatchingKeyRotationError, matchingKeyFileJson,
  newMatchingKeyId, parseMatchingKeyFile, payloadProblems, readMatchingKeyFile, rotateMatchingKeys, toEnvelopeFields, toKeyedIdentifier, parseSubmissionInput,
  writeMatchingKeyFile,
} from '../../services/core/mod.ts';
import { keysCommand } from '../../services/cli/commands/keys.ts';
import { followMatchingKeyFile } from '../../services/node/mod.ts';
import { perIdentifierAsked } from '../../services/node/hit-query-request.ts';
import { findHits, type IdentifierSighting } from '../../services/router/hit-matching.ts';
import { indicatorsToExport } from '../../services/export/mod.ts';

const NOW = Date.parse('2026-12-01T00:00:00.000Z');
const DAY = 24 * 3_600_000;
const SECRET = Buffer.alloc(32, 9).toString('base64');

function folder(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'tipnet-matching-test-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function quietly<T>(run: () => Promise<T>): Promise<{ result: T; out: string; err: string }> {
  const [log, error] = [console.log, console.error];
  let out = '';
  let err = '';
  console.log = (...args: unknown[]) => void (out += `${args.join(' ')}\n`);
  console.error = (...args: unknown[]) => void (err += `${args.join(' ')}\n`);
  try {
    return { result: await run(), out, err };
  } finally {
    [console.log, console.error] = [log, error];
  }
}

test('a key id reads mk-<date>-<8 hex>, and two keys of one day differ', () => {
  assert.equal(newMatchingKeyId(NOW, new Uint8Array([1, 2, 3, 255])), 'mk-20261201-010203ff');
  assert.match(generateMatchingKey(NOW).id, /^mk-20261201-[0-9a-f]{8}$/);
  assert.notEqual(generateMatchingKey(NOW).id, generateMatchingKey(NOW).id);
});

test('the first file format {id, secret} still loads, as a set with no previous key', () => {
  const keys = parseMatchingKeyFile({ id: 'asean-match-2026-12-01', secret: SECRET }, 'f');
  assert.equal(keys.current.id, 'asean-match-2026-12-01');
  assert.equal(keys.previous, undefined);
  assert.equal(keysInForce(keys, NOW).length, 1);
});

test('a bad file is refused with every problem named and no secret repeated', () => {
  const secretLike = 'c2VjcmV0';
  assert.throws(() => parseMatchingKeyFile({ id: '', secret: secretLike, previous: { id: 'old', secret: SECRET, until: 'soon' }, extra: 1 }, 'keys.json'), (error: unknown) => {
    assert.ok(error instanceof MatchingKeyFileError);
    assert.equal(error.code, 'MATCHING_KEY_FILE_INVALID');
    const text = error.problems.join('\n');
    for (const field of ['id:', 'secret: must be base64 of at least 32 bytes', 'previous.until:']) assert.ok(text.includes(field), `${field} in ${text}`);
    assert.match(text, /extra/);
    assert.ok(!error.message.includes(secretLike) && !error.message.includes(SECRET));
    return true;
  });
  assert.throws(() => parseMatchingKeyFile({ id: 'same', secret: SECRET, previous: { id: 'same', secret: SECRET, until: '2027-01-01T00:00:00Z' } }, 'f'), /previous\.id: must differ from id/);
});

test('a rotation makes the new key current and keeps the old one until now + overlap; both hash until then, then only the new one', () => {
  const first = { current: generateMatchingKey(NOW) };
  const next = generateMatchingKey(NOW);
  const rotated = rotateMatchingKeys(first, next, { overlapMs: 30 * DAY, nowMs: NOW });
  assert.equal(rotated.current.id, next.id);
  assert.deepEqual([rotated.previous?.id, rotated.previous?.untilUnixMs], [first.current.id, NOW + 30 * DAY]);
  assert.deepEqual(keysInForce(rotated, NOW + 30 * DAY - 1).map((key) => key.id), [next.id, first.current.id]);
  assert.deepEqual(keysInForce(rotated, NOW + 30 * DAY).map((key) => key.id), [next.id]);
  const roundTrip = parseMatchingKeyFile(JSON.parse(JSON.stringify(matchingKeyFileJson(rotated))), 'f');
  assert.deepEqual(roundTrip, rotated);
});

test('a second rotation while the first overlap lasts is refused with OVERLAP_NOT_OVER unless the overlap is ended at once', () => {
  const rotated = rotateMatchingKeys({ current: generateMatchingKey(NOW) }, generateMatchingKey(NOW), { overlapMs: DAY, nowMs: NOW });
  assert.throws(() => rotateMatchingKeys(rotated, generateMatchingKey(NOW), { overlapMs: DAY, nowMs: NOW + 1 }), (error: unknown) =>
    error instanceof MatchingKeyRotationError && error.code === 'OVERLAP_NOT_OVER' && error.message.includes(rotated.previous?.id ?? '?'));
  const forced = rotateMatchingKeys(rotated, generateMatchingKey(NOW), { overlapMs: DAY, nowMs: NOW + 1, endOverlapNow: true });
  assert.equal(forced.previous?.id, rotated.current.id);
  assert.equal(rotateMatchingKeys(rotated, generateMatchingKey(NOW), { overlapMs: DAY, nowMs: NOW + DAY }).previous?.id, rotated.current.id);
  assert.throws(() => rotateMatchingKeys(rotated, generateMatchingKey(NOW), { overlapMs: 0, nowMs: NOW + DAY }), /longer than zero/);
});

test('during an overlap a submission hashes each identifier under both keys, current first; after it under the current key only', () => {
  const rotated = rotateMatchingKeys({ current: generateMatchingKey(NOW) }, generateMatchingKey(NOW), { overlapMs: DAY, nowMs: NOW });
  const input = parseSubmissionInput({
    type: 'intelligence-report', senderUnit: 'U', distribution: { mode: 'named', states: ['KHM'] }, handling: 'amber', priority: 'routine',
    payload: {
      title: 'T', summary: 'S', sourceReliability: 'B', informationCredibility: 2,
      indicators: [{ type: 'phone-number', shareAs: 'keyed', value: '+62 812 3456 7890' }, { type: 'url', value: 'https://scam.example/jobs' }],
    },
  });
  const fieldsAt = (nowMs: number) => toEnvelopeFields(input, { sender: 'IDN', nowMs, matchingKey: rotated }).fields;
  const during = fieldsAt(NOW + 1);
  const after = fieldsAt(NOW + DAY);
  const indicators = (fields: typeof during) => (decodePayload({ payloadType: fields.payloadType ?? 0, payload: fields.payload as Uint8Array }).message as { indicators: Array<{ keyed?: { hashKeyId: string } | null; value: string }> }).indicators;
  assert.deepEqual(indicators(during).map((i) => i.keyed?.hashKeyId ?? i.value), [rotated.current.id, rotated.previous?.id, 'https://scam.example/jobs']);
  assert.deepEqual(indicators(after).map((i) => i.keyed?.hashKeyId ?? i.value), [rotated.current.id, 'https://scam.example/jobs']);
  assert.equal(indicatorsToExport(indicators(during) as never).length, 2, 'an export keeps the current key\'s indicator and the clear one');
});

test('the file is written mode 0600, never over an existing one unless replacing, and read back', async (t) => {
  const path = join(folder(t), 'matching-key.json');
  const keys = { current: generateMatchingKey(NOW) };
  await writeMatchingKeyFile(path, keys, { replace: false });
  assert.equal(statSync(path).mode & 0o777, 0o600);
  await assert.rejects(writeMatchingKeyFile(path, { current: generateMatchingKey(NOW) }, { replace: false }), MatchingKeyFileExistsError);
  assert.deepEqual(await readMatchingKeyFile(path), keys);
  const rotated = rotateMatchingKeys(keys, generateMatchingKey(NOW), { overlapMs: DAY, nowMs: NOW });
  await writeMatchingKeyFile(path, rotated, { replace: true });
  assert.equal(statSync(path).mode & 0o777, 0o600);
  assert.deepEqual(await readMatchingKeyFile(path), rotated);
  await assert.rejects(readMatchingKeyFile(join(path, '..', 'missing.json')), /file not found/);
});

test('tipnet keys matching makes the file, refuses to overwrite it without --force, and --rotate keeps the old key as previous', async (t) => {
  const out = join(folder(t), 'matching-key.json');
  const run = (values: Record<string, string | boolean>) => quietly(() => keysCommand.run({ values: { out, ...values }, positionals: ['matching'] }));
  assert.equal((await run({})).result, 0);
  const first = await readMatchingKeyFile(out);
  assert.match(first.current.id, /^mk-\d{8}-[0-9a-f]{8}$/);
  assert.equal(statSync(out).mode & 0o777, 0o600);
  const refused = await run({});
  assert.equal(refused.result, 2);
  assert.match(refused.err, /already exists/);
  assert.deepEqual(await readMatchingKeyFile(out), first, 'the file is untouched');

  const rotated = await run({ rotate: true, overlap: '30d' });
  assert.equal(rotated.result, 0);
  const after = await readMatchingKeyFile(out);
  assert.equal(after.previous?.id, first.current.id);
  assert.ok(Math.abs((after.previous?.untilUnixMs ?? 0) - (Date.now() + 30 * DAY)) < 60_000);
  assert.doesNotMatch(rotated.out, new RegExp(Buffer.from(after.current.secret).toString('base64').slice(0, 12).replace(/[+/]/g, '.')), 'no secret printed');
  assert.match((await run({ rotate: true, overlap: '1d' })).err, /still in force until/);
  assert.match((await run({ rotate: true, overlap: 'soon' })).err, /--overlap: "soon" is not a duration/);
  assert.equal((await run({ force: true })).result, 0);
  assert.equal((await readMatchingKeyFile(out)).previous, undefined, '--force makes a fresh file');
});

test('a node follows its key file: a rotation is taken without a restart, a bad file is logged and the keys in use kept', async (t) => {
  const path = join(folder(t), 'matching-key.json');
  const first = { current: generateMatchingKey(NOW) };
  await writeMatchingKeyFile(path, first, { replace: false });
  const lines: string[] = [];
  const logger = createLogger({ service: 'node', level: 'info', destination: { write: (line: string) => void lines.push(line) } } as never);
  const follower = await followMatchingKeyFile(path, { logger, rereadMs: 60_000 });
  t.after(() => follower.stop());
  assert.equal(follower.keys().current.id, first.current.id);
  writeFileSync(path, '{"id": "x", "secret": "not-a-key"');
  assert.equal(await follower.reload(), false);
  assert.equal(follower.keys().current.id, first.current.id, 'the keys in use are kept');
  const rotated = rotateMatchingKeys(first, generateMatchingKey(NOW), { overlapMs: DAY, nowMs: Date.now() });
  await writeMatchingKeyFile(path, rotated, { replace: true });
  assert.equal(await follower.reload(), true);
  assert.deepEqual(keysInForce(follower.keys(), Date.now()).map((key) => key.id), [rotated.current.id, first.current.id]);
  assert.equal(await follower.reload(), false, 'an unchanged file changes nothing');
  const logged = lines.join('');
  assert.match(logged, /matching key file not usable/);
  assert.ok(!logged.includes(Buffer.from(first.current.secret).toString('base64')) && !logged.includes(Buffer.from(rotated.current.secret).toString('base64')), 'no secret in the log');
});

test('the hub counts an identifier matched under both keys once, and a state still on the old key matches one that rotated', () => {
  const sighting = (state: string, messageId: string): IdentifierSighting => ({ state, messageId, traffic: 'real', identifierKind: 1 });
  const rotatedState = { state: 'IDN', messageId: 'm-idn', traffic: 'real' };
  const bothRotated = findHits(rotatedState, [
    { identifierKind: 1, hashKeyId: 'new', earlier: [sighting('KHM', 'm-khm')] },
    { identifierKind: 1, hashKeyId: 'old', earlier: [sighting('KHM', 'm-khm')] },
  ], NOW);
  assert.deepEqual(bothRotated.map((hit) => [hit.counterpart.state, hit.matchedIdentifiers]), [['KHM', 1]]);
  const oldOnly = findHits(rotatedState, [
    { identifierKind: 1, hashKeyId: 'new', earlier: [] },
    { identifierKind: 1, hashKeyId: 'old', earlier: [sighting('THA', 'm-tha')] },
  ], NOW);
  assert.deepEqual(oldOnly.map((hit) => [hit.counterpart.state, hit.matchedIdentifiers]), [['THA', 1]]);
});

test('a query asked under two keys is answered per identifier asked: a hit under either key is a hit, each hit named once', () => {
  const hit = { counterpartState: 'KHM', hitId: 'h1' };
  const folded = perIdentifierAsked([
    { index: 3, identifierKind: 'passport', hit: false, hits: [] },
    { index: 0, identifierKind: 'phone', hit: true, hits: [hit] },
    { index: 1, identifierKind: 'phone', hit: true, hits: [hit] },
    { index: 2, identifierKind: 'passport', hit: false, hits: [] },
  ], 2);
  assert.deepEqual(folded, [
    { index: 0, kind: 'phone', hit: true, hits: [hit] },
    { index: 1, kind: 'passport', hit: false, hits: [] },
  ]);
});

test('a message whose keyed identifiers use three matching key ids is refused, naming the limit; two pass', () => {
  const input = parseSubmissionInput({
    type: 'hit-query', senderUnit: 'U', distribution: { mode: 'regional-broadcast' }, handling: 'amber', priority: 'urgent',
    payload: { identifiers: [{ kind: 'passport', value: 'C 1234567' }] },
  });
  const rotated = rotateMatchingKeys({ current: generateMatchingKey(NOW) }, generateMatchingKey(NOW), { overlapMs: DAY, nowMs: NOW });
  const { fields } = toEnvelopeFields(input, { sender: 'VNM', nowMs: NOW + 1, matchingKey: rotated });
  const decoded = decodePayload({ payloadType: fields.payloadType ?? 0, payload: fields.payload as Uint8Array });
  assert.deepEqual(payloadProblems(decoded, fields, NOW + 1), [], 'the current and the previous key');
  if (decoded.name !== 'hit-query') throw new Error('not a hit query');
  decoded.message.identifiers.push(toKeyedIdentifier('passport', 'C 1234567', generateMatchingKey(NOW)));
  assert.match(payloadProblems(decoded, fields, NOW + 1).join('\n'), /use 3 matching key ids; at most 2/);
});
