// The sighting mirror's cache: it never goes back to an older revision, remembers deletes, and
// says `unknown` (ask the bucket) until it has read the whole bucket once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SightingCache } from '../../services/router/sighting-mirror.ts';

test('an unloaded cache knows what it holds and nothing about the rest', () => {
  const cache = new SightingCache();
  cache.put('seen.a', 3, '[]');
  assert.deepEqual(cache.lookup('seen.a'), { revision: 3, json: '[]' });
  assert.equal(cache.lookup('seen.b'), 'unknown');
  cache.markLoaded();
  assert.equal(cache.lookup('seen.b'), 'absent');
});

test('an older revision arriving after a newer one is ignored, for values and for deletes', () => {
  const cache = new SightingCache();
  cache.markLoaded();
  cache.put('seen.a', 5, '["new"]');
  cache.put('seen.a', 4, '["old"]');
  assert.deepEqual(cache.lookup('seen.a'), { revision: 5, json: '["new"]' });
  cache.remove('seen.a', 3);
  assert.equal(cache.size, 1);
  cache.remove('seen.a', 6);
  assert.equal(cache.lookup('seen.a'), 'absent');
  // The value written before the delete, arriving late, does not bring the key back.
  cache.put('seen.a', 5, '["new"]');
  assert.equal(cache.lookup('seen.a'), 'absent');
  cache.put('seen.a', 7, '["again"]');
  assert.deepEqual(cache.lookup('seen.a'), { revision: 7, json: '["again"]' });
});
