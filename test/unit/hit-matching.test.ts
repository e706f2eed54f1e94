import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { toKeyedIdentifier } from '../../services/core/keyed-hash.ts';
import { findHits, sightingKey, type IdentifierSighting } from '../../services/router/hit-matching.ts';

const key = { id: 'asean-match-test', secret: randomBytes(32) };
const passport = toKeyedIdentifier('passport', 'C 1234567', key);
const phone = toKeyedIdentifier('phone', '+62 812 3456 7890', key);
const sighting = (state: string, messageId: string, traffic = 'real'): IdentifierSighting => ({ state, messageId, traffic, identifierKind: 1 });

describe('hit matching', () => {
  test('the same identifier written two ways has the same sighting key; another kind or key does not', () => {
    assert.equal(sightingKey(passport), sightingKey(toKeyedIdentifier('passport', 'c1234567', key)));
    assert.notEqual(sightingKey(passport), sightingKey(toKeyedIdentifier('national-id', 'C 1234567', key)));
    assert.notEqual(sightingKey(passport), sightingKey(toKeyedIdentifier('passport', 'C 1234567', { id: 'other', secret: randomBytes(32) })));
    // The key is a hash of the digest, not the digest itself.
    assert.ok(!sightingKey(passport).includes(Buffer.from(passport.digest).toString('hex')));
  });

  test('a match with another state is one hit per state, naming its latest message and the count of shared identifiers', () => {
    const hits = findHits({ state: 'PHL', messageId: 'new', traffic: 'real' }, [
      { identifierKind: 1, earlier: [sighting('IDN', 'a'), sighting('IDN', 'b'), sighting('THA', 'c')] },
      { identifierKind: 2, earlier: [sighting('IDN', 'b')] },
    ]);
    assert.deepEqual(
      hits.map((hit) => [hit.counterpart.state, hit.counterpart.messageId, hit.matchedIdentifiers]).sort(),
      [['IDN', 'b', 2], ['THA', 'c', 1]],
    );
  });

  test('a state never hits itself, and real and exercise traffic never hit each other', () => {
    const hits = findHits({ state: 'IDN', messageId: 'new', traffic: 'real' }, [
      { identifierKind: 1, earlier: [sighting('IDN', 'a'), sighting('KHM', 'b', 'exercise:drill-1')] },
    ]);
    assert.deepEqual(hits, []);
  });

  test('a phone hashed under the same key matches across states only when normalised equal', () => {
    assert.equal(sightingKey(phone), sightingKey(toKeyedIdentifier('phone', '0812-3456-7890', key, '62')));
  });
});
