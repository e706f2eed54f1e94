import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exportPath } from '../../services/cli/commands/export.ts';

test('tipnet export puts only the options given into the API query', () => {
  assert.equal(exportPath('stix', {}), '/api/export/stix');
  assert.equal(exportPath('misp', { since: '2026-11-18T00:00:00Z', case: 'IDN-2026-000123', exercise: true, red: true, out: 'x.json' }),
    '/api/export/misp?since=2026-11-18T00%3A00%3A00Z&case=IDN-2026-000123&exercise=true&red=true');
  assert.equal(exportPath('stix', { exercise: false, red: false }), '/api/export/stix');
});
