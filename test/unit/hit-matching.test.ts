import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { toKeyedIdentifier } from '../../services/core/keyed-hash.ts';
import { findHits, sightingKey, type IdentifierSighting } from '../../services/router/hit-matching.ts';
import { withSighting } from '../../services/router/message-index.ts';

const key = { id: 'asean-match-test', secret: randomBytes(32) };
const passport = toKeyedIdentifier('passport', 'C 1234567', key);
const phone = toKeyedIdentifier('phone', '+62 812 3456 7890', key);
const NOW = Date.UTC(2026, 11, 2, 9, 0, 0);
const sighting = (state: string, messageId: string, traffic = 'real', extra: Partial<IdentifierSighting> = {}): IdentifierSighting =>
  ({ state, messageId, traffic, identifierKind: 1, expiresAtUnixMs: NOW + 3_600_000, ...extra });

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
    ], NOW);
    assert.deepEqual(
      hits.map((hit) => [hit.counterpart.state, hit.counterpart.messageId, hit.matchedIdentifiers]).sort(),
      [['IDN', 'b', 2], ['THA', 'c', 1]],
    );
  });

  test('a state never hits itself, and real and exercise traffic never hit each other', () => {
    const hits = findHits({ state: 'IDN', messageId: 'new', traffic: 'real' }, [
      { identifierKind: 1, earlier: [sighting('IDN', 'a'), sighting('KHM', 'b', 'exercise:drill-1')] },
    ], NOW);
    assert.deepEqual(hits, []);
  });

  test('a phone hashed under the same key matches across states only when normalised equal', () => {
    assert.equal(sightingKey(phone), sightingKey(toKeyedIdentifier('phone', '0062 (812) 3456.7890', key)));
  });

  test('an expired sighting no longer makes a hit, and is replaced by the state\'s next message', () => {
    const expired = sighting('IDN', 'old', 'real', { expiresAtUnixMs: NOW - 1 });
    assert.deepEqual(findHits({ state: 'PHL', messageId: 'new', traffic: 'real' }, [{ identifierKind: 1, earlier: [expired] }], NOW), []);
    const next = withSighting([expired], sighting('IDN', 'newer'), NOW);
    assert.deepEqual(next?.map((s) => s.messageId), ['newer']);
  });

  test('a TLP:RED sighting reveals its state only to the RED message\'s audience; the RED sender still learns of others', () => {
    const red = sighting('IDN', 'red', 'real', { audience: ['IDN', 'KHM'] });
    const [outsider] = findHits({ state: 'PHL', messageId: 'new', traffic: 'real' }, [{ identifierKind: 1, earlier: [red] }], NOW);
    assert.equal(outsider?.tellSender, false, 'PHL must not learn that IDN holds it');
    assert.equal(outsider?.tellCounterpart, true, 'IDN may learn that PHL holds it');
    const [insider] = findHits({ state: 'KHM', messageId: 'new', traffic: 'real' }, [{ identifierKind: 1, earlier: [red] }], NOW);
    assert.equal(insider?.tellSender, true, 'KHM received the RED message, so it may be told');
    const bothRed = findHits({ state: 'PHL', messageId: 'new', traffic: 'real', audience: ['PHL', 'VNM'] }, [{ identifierKind: 1, earlier: [red] }], NOW);
    assert.deepEqual(bothRed, [], 'two RED holders outside each other\'s audience: no hit at all');
  });

  test('a state\'s RED sighting is replaced by a later one it shared more widely, never the reverse', () => {
    const red = sighting('IDN', 'red', 'real', { audience: ['IDN', 'KHM'] });
    assert.deepEqual(withSighting([red], sighting('IDN', 'green'), NOW)?.map((s) => s.messageId), ['green']);
    assert.equal(withSighting([sighting('IDN', 'green')], sighting('IDN', 'red2', 'real', { audience: ['IDN'] }), NOW), undefined);
  });
});
