import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  badValidityWindows, buildStixBundle, findClearIdentifiers, stixConfidence, unknownMarkingRefs, unofficialTlpMarkings, uuidV5,
  type StixBundle,
} from '../../services/export/mod.ts';
import { v1 } from '../../services/core/mod.ts';
import { CLEAR_IDENTIFIERS, EXPORT_IDS, sampleHoldings } from '../support/export-samples.ts';
import { schemaErrors, STANDARDS_DIR, stixValidator } from '../support/stix-schemas.ts';

const OFFICIAL = JSON.parse(readFileSync(join(STANDARDS_DIR, 'tlp-2.0-stix-marking-definitions.json'), 'utf8')) as { marking_definitions: Record<string, string> };
const TLP_RED = OFFICIAL.marking_definitions['TLP:RED'];

const bundleOf = (options: Partial<Parameters<typeof buildStixBundle>[1]> = {}): StixBundle => buildStixBundle(sampleHoldings(), { ownState: 'IDN', ...options });
const ofMessage = (bundle: StixBundle, messageId: string) => bundle.objects.filter((o) => JSON.stringify(o).includes(messageId) || o.x_tipnet_message_id === messageId);

describe('STIX 2.1 export conforms to the OASIS schemas', () => {
  for (const [label, options] of [['default', {}], ['with exercise and RED', { includeExercise: true, includeRed: true }]] as const) {
    test(`${label}: 0 ajv errors for the bundle and for every object against its own schema`, () => {
      const bundle = bundleOf(options);
      assert.ok(bundle.objects.length > 20);
      assert.deepEqual(schemaErrors(bundle), []);
    });
  }

  test('the validator does catch a broken object (so the check above can fail)', () => {
    const bundle = bundleOf();
    const broken = { ...bundle, objects: bundle.objects.map((o) => (o.type === 'indicator' ? { ...o, pattern_type: undefined, valid_from: 'yesterday' } : o)) };
    assert.ok(schemaErrors(broken as StixBundle).length > 0);
  });

  test('the published bundle schema rejects a valid note (why notes, locations and extension definitions are checked alone)', () => {
    const note = bundleOf().objects.find((o) => o.type === 'note');
    assert.ok(note && stixValidator('sdos/note.json')(note));
    assert.equal(stixValidator('common/bundle.json')({ type: 'bundle', id: bundleOf().id, objects: [note] }), false);
  });

  test('every type the export emits is covered', () => {
    const types = new Set(bundleOf({ includeRed: true }).objects.map((o) => o.type));
    for (const type of ['identity', 'report', 'note', 'indicator', 'observed-data', 'x-tipnet-keyed-identifier', 'extension-definition', 'location', 'relationship', 'sighting', 'marking-definition']) {
      assert.ok(types.has(type), type);
    }
  });
});

describe('STIX export rules beyond the schemas', () => {
  test('TLP markings are the official ids only, exactly the published objects, and every ref resolves', () => {
    const bundle = bundleOf({ includeRed: true, includeExercise: true });
    assert.deepEqual(unofficialTlpMarkings(bundle.objects), []);
    assert.deepEqual(unknownMarkingRefs(bundle.objects), []);
    const tlpIds = bundle.objects.filter((o) => o.type === 'marking-definition' && String(o.name).startsWith('TLP:')).map((o) => [o.name, o.id]);
    for (const [name, id] of tlpIds) assert.equal(OFFICIAL.marking_definitions[String(name)], id);
    for (const object of bundle.objects.filter((o) => o.type !== 'marking-definition' && !o.type.startsWith('x-'))) {
      assert.ok(Array.isArray(object.object_marking_refs) && object.object_marking_refs.length > 0, object.id);
    }
  });

  test('a minted TLP id is caught', () => {
    assert.deepEqual(unofficialTlpMarkings([{ type: 'marking-definition', id: `marking-definition--${uuidV5('x')}`, name: 'TLP:RED' }]).length, 1);
  });

  test('valid_until is after valid_from, and the checker catches one that is not', () => {
    const bundle = bundleOf();
    const indicators = bundle.objects.filter((o) => o.type === 'indicator');
    assert.ok(indicators.length >= 2 && indicators.every((i) => typeof i.valid_until === 'string'));
    assert.deepEqual(badValidityWindows(bundle.objects), []);
    assert.equal(badValidityWindows([{ type: 'indicator', id: 'x', valid_from: '2026-01-02T00:00:00Z', valid_until: '2026-01-02T00:00:00Z' }]).length, 1);
  });

  test('re-export gives identical ids and bytes', () => {
    assert.equal(JSON.stringify(bundleOf({ includeRed: true })), JSON.stringify(bundleOf({ includeRed: true })));
    assert.notEqual(bundleOf().id, bundleOf({ includeRed: true }).id);
  });

  test('patterns for clear values, escaped; keyed hashes only as the custom SCO under its extension', () => {
    const bundle = bundleOf();
    const patterns = bundle.objects.filter((o) => o.type === 'indicator').map((o) => o.pattern);
    assert.ok(patterns.includes("[url:value = 'https://jobs.example/bangkok?ref=it\\'s']"));
    assert.ok(patterns.includes("[user-account:account_login = 'lowongan.kerja.bangkok.example']"));
    const keyed = bundle.objects.filter((o) => o.type === 'x-tipnet-keyed-identifier');
    assert.ok(keyed.length >= 3);
    for (const sco of keyed) {
      assert.match(String(sco.hmac_sha256), /^[0-9a-f]{64}$/);
      assert.ok(Object.keys(sco.extensions as object).every((id) => bundle.objects.some((o) => o.id === id && o.type === 'extension-definition')));
      assert.ok(bundle.objects.some((o) => o.type === 'observed-data' && (o.object_refs as string[]).includes(sco.id)));
    }
  });

  test('Admiralty: credibility 2 → confidence 70 and a reliability label; 6 → no confidence', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 6].map((d) => stixConfidence(d as v1.InformationCredibility)), [90, 70, 50, 30, 10, undefined]);
    const reports = bundleOf().objects.filter((o) => o.type === 'report' && o.x_tipnet_source_reliability);
    const idn = reports.find((r) => r.x_tipnet_message_id === EXPORT_IDS.report);
    assert.equal(idn?.confidence, 70);
    assert.ok((idn?.labels as string[]).includes('admiralty:B'));
    const khm = reports.find((r) => r.x_tipnet_message_id === EXPORT_IDS.allKinds);
    assert.equal(khm?.confidence, undefined);
  });

  test('a hit notice is a sighting of the own report at the counterpart, with counts only', () => {
    const sighting = bundleOf().objects.find((o) => o.type === 'sighting');
    assert.ok(sighting);
    assert.equal(sighting.count, 2);
    assert.ok(bundleOf().objects.some((o) => o.id === sighting.sighting_of_ref && o.x_tipnet_message_id === EXPORT_IDS.alert));
    const khm = bundleOf().objects.find((o) => o.id === (sighting.where_sighted_refs as string[])[0]);
    assert.equal(khm?.name, 'Cambodia (KHM)');
  });
});

describe('what a STIX export leaves out or marks', () => {
  test('no clear passport, phone, national id or account value in any export (raw and normalised forms)', () => {
    for (const options of [{}, { includeRed: true, includeExercise: true }]) {
      assert.deepEqual(findClearIdentifiers(bundleOf(options), CLEAR_IDENTIFIERS), []);
    }
  });

  test('the scanner finds a clear value in its normalised form (so the scan can fail)', () => {
    assert.deepEqual(findClearIdentifiers({ note: 'call +6281200000001' }, [{ kind: 'phone', value: '+62 812-0000-0001' }]).length > 0, true);
    assert.ok(findClearIdentifiers({ note: 'passport C0000001' }, [{ kind: 'passport', value: 'C 0000001' }]).length > 0);
  });

  test('victims travel as counts and words, their keyed hashes not at all', () => {
    const alertObjects = ofMessage(bundleOf(), EXPORT_IDS.alert);
    const note = bundleOf().objects.find((o) => o.type === 'note' && alertObjects.some((a) => (o.object_refs as string[]).includes(a.id)));
    assert.match(String(note?.content), /Victims \(4\): 3 persons, male, aged 18-24, nationality IDN/);
    const keyedCount = bundleOf().objects.filter((o) => o.type === 'x-tipnet-keyed-identifier').length;
    assert.equal(keyedCount, 2 + 3, 'two from the IDN report, three from the KHM report; none from alerts');
  });

  test('a withdrawn message comes out revoked, modified at the retraction', () => {
    const objects = bundleOf().objects.filter((o) => o.created_by_ref && String(o.created_by_ref).includes('identity--') && o.revoked === true);
    assert.ok(objects.length >= 3);
    for (const object of objects) {
      assert.equal(object.modified, '2026-11-18T13:06:40.000Z');
      assert.ok(Date.parse(String(object.modified)) > Date.parse(String(object.created)));
    }
    assert.ok(objects.some((o) => o.x_tipnet_message_id === EXPORT_IDS.withdrawn));
  });

  test('RED is left out by default; with includeRed it is TLP:RED plus the own-use statement', () => {
    assert.equal(ofMessage(bundleOf(), EXPORT_IDS.red).length, 0);
    assert.ok(!bundleOf().objects.some((o) => o.id === TLP_RED));
    const red = bundleOf({ includeRed: true });
    const report = red.objects.find((o) => o.x_tipnet_message_id === EXPORT_IDS.red);
    const statement = red.objects.find((o) => o.definition_type === 'statement');
    assert.deepEqual(report?.object_marking_refs, [TLP_RED, statement?.id]);
    assert.match(String((statement?.definition as { statement: string }).statement), /^For Indonesia \(IDN\)'s own use only/);
  });

  test('exercise traffic is left out by default; included, it is labelled with its drill', () => {
    assert.equal(ofMessage(bundleOf(), EXPORT_IDS.exercise).length, 0);
    const report = bundleOf({ includeExercise: true }).objects.find((o) => o.x_tipnet_message_id === EXPORT_IDS.exercise);
    assert.equal(report?.x_tipnet_exercise, 'DRILL-2026-MEKONG-01');
    assert.ok((report?.labels as string[]).includes('exercise'));
  });

  test('since and case narrow the export', () => {
    const onlyCase = bundleOf({ caseReference: 'THA-2026-004417' });
    assert.deepEqual(onlyCase.objects.filter((o) => o.type === 'report').map((o) => o.x_tipnet_message_id), [EXPORT_IDS.withdrawn]);
    const later = bundleOf({ sinceUnixMs: Date.parse('2026-11-19T13:00:00Z') });
    assert.ok(!later.objects.some((o) => o.x_tipnet_message_id === EXPORT_IDS.report));
  });
});
