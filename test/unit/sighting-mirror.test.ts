// The sighting mirror's cache: keys per identifier and state (and the shared list of older
// releases), never going back to an older revision, and the sightings of an identifier in the
// order they were written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSightingKey, SHARED_SLOT, SightingCache, sightingSubject } from '../../services/router/sighting-mirror.ts';

const list = (...ids: string[]) => JSON.stringify(ids.map((messageId) => ({ state: messageId.slice(0, 3), messageId, traffic: 'real', identifierKind: 1 })));
const ids = (cache: SightingCache, identifier: string, except?: string) => cache.sightingsOf(identifier, except).map((s) => s.messageId);

test('a sighting key names its identifier and state; the shared list of older releases has no state', () => {
  assert.deepEqual(parseSightingKey('seen.', 'seen.ab12.KHM'), { identifier: 'ab12', slot: 'KHM' });
  assert.deepEqual(parseSightingKey('seen.', 'seen.ab12'), { identifier: 'ab12', slot: SHARED_SLOT });
  assert.equal(parseSightingKey('seen.', 'msg.ab12'), undefined);
  assert.equal(parseSightingKey('seen.', 'seen.ab12.KHM.extra'), undefined);
  assert.equal(sightingSubject('seen.', 'ab12', 'KHM'), 'seen.ab12.KHM');
  assert.equal(sightingSubject('seen.', 'ab12', SHARED_SLOT), 'seen.ab12');
});

test("an identifier's sightings: the shared list first, then each state's in revision order, one state left out on request", () => {
  const cache = new SightingCache();
  cache.put('id', { slot: 'PHL', revision: 9, json: list('PHL-2') });
  cache.put('id', { slot: 'KHM', revision: 4, json: list('KHM-1') });
  cache.put('id', { slot: SHARED_SLOT, revision: 2, json: list('IDN-0', 'THA-0') });
  assert.deepEqual(ids(cache, 'id'), ['IDN-0', 'THA-0', 'KHM-1', 'PHL-2']);
  assert.deepEqual(ids(cache, 'id', 'KHM'), ['IDN-0', 'THA-0', 'PHL-2']);
  assert.deepEqual(ids(cache, 'other'), []);
  assert.equal(cache.size, 1);
});

test('an older revision arriving after a newer one is ignored, for values and for deletes', () => {
  const cache = new SightingCache();
  cache.put('id', { slot: 'KHM', revision: 5, json: list('KHM-new') });
  cache.put('id', { slot: 'KHM', revision: 4, json: list('KHM-old') });
  assert.deepEqual(ids(cache, 'id'), ['KHM-new']);
  cache.remove('id', 'KHM', 3);
  assert.deepEqual(ids(cache, 'id'), ['KHM-new']);
  cache.remove('id', 'KHM', 6);
  assert.equal(cache.slot('id', 'KHM'), undefined);
  assert.equal(cache.size, 0);
  // The value written before the delete, arriving late, does not bring the key back.
  cache.put('id', { slot: 'KHM', revision: 5, json: list('KHM-new') });
  assert.equal(cache.slot('id', 'KHM'), undefined);
  cache.put('id', { slot: 'KHM', revision: 7, json: list('KHM-again') });
  assert.deepEqual(ids(cache, 'id'), ['KHM-again']);
});

test('the watched revision only moves forward', () => {
  const cache = new SightingCache();
  cache.watchedUpTo(10);
  cache.watchedUpTo(7);
  assert.equal(cache.watchedRevision, 10);
});

test('SHA-256 identifiers are kept compactly and found again; two of them never mix', () => {
  const cache = new SightingCache();
  const a = 'ab'.repeat(32);
  const b = 'ab'.repeat(31) + 'ac';
  cache.put(a, { slot: 'KHM', revision: 1, json: list('KHM-1') });
  cache.put(b, { slot: 'IDN', revision: 2, json: list('IDN-1') });
  cache.put(a, { slot: 'PHL', revision: 3, json: list('PHL-1') });
  assert.deepEqual(ids(cache, a), ['KHM-1', 'PHL-1']);
  assert.deepEqual(ids(cache, b), ['IDN-1']);
  assert.deepEqual(cache.slot(a, 'PHL')?.revision, 3);
  assert.equal(cache.size, 2);
});
