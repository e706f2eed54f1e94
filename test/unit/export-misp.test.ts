import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildMispExport, findClearIdentifiers, uuidV5, type MispExport } from '../../services/export/mod.ts';
import { CLEAR_IDENTIFIERS, EXPORT_IDS, sampleHoldings } from '../support/export-samples.ts';
import { mispEventValidator } from '../support/stix-schemas.ts';

const exportOf = (options: Partial<Parameters<typeof buildMispExport>[1]> = {}): MispExport => buildMispExport(sampleHoldings(), { ownState: 'IDN', ...options });
const validate = mispEventValidator();
const attributesOf = (data: MispExport, messageId: string) => data.response.flatMap((r) => r.Event.Attribute).filter((a) => a.comment.includes(messageId));

function schemaErrors(data: MispExport): string[] {
  return data.response.flatMap((entry, index) => (validate(entry) ? [] : (validate.errors ?? []).map((e) => `event ${index} ${e.instancePath} ${e.message ?? ''}`)));
}

describe('MISP export conforms to the PyMISP event schema', () => {
  for (const [label, options] of [['default', {}], ['with exercise and RED', { includeExercise: true, includeRed: true }]] as const) {
    test(`${label}: 0 ajv errors for every {"Event": ...}`, () => {
      const data = exportOf(options);
      assert.ok(data.response.length >= 3);
      assert.deepEqual(schemaErrors(data), []);
    });
  }

  test('the schema does catch a broken event (so the check above can fail)', () => {
    const data = exportOf();
    const first = data.response[0]?.Event;
    assert.ok(first);
    const broken = { response: [{ Event: { ...first, distribution: 3, x_extra: true } }] } as unknown as MispExport;
    assert.ok(schemaErrors(broken).length >= 2);
  });
});

describe('MISP export content', () => {
  test('one event per case; a hit joins the event of the message it hit; a message without a case gets its own', () => {
    const infos = exportOf().response.map((r) => r.Event.info).sort();
    assert.deepEqual(infos, ['tipnet case IDN-2026-000123', 'tipnet case THA-2026-004417', `tipnet message ${EXPORT_IDS.allKinds}`]);
    const idnCase = exportOf().response.find((r) => r.Event.info === 'tipnet case IDN-2026-000123')?.Event;
    assert.ok(idnCase?.Attribute.some((a) => a.value.startsWith('The hub matched 2 phone identifiers')));
  });

  test('distribution and TLP tags follow handling', () => {
    const byInfo = new Map(exportOf({ includeRed: true }).response.map((r) => [r.Event.info, r.Event]));
    assert.equal(byInfo.get('tipnet case IDN-2026-000123')?.distribution, '0');
    assert.equal(byInfo.get('tipnet case THA-2026-004417')?.distribution, '1');
    assert.deepEqual(byInfo.get('tipnet case THA-2026-004417')?.Tag, [{ name: 'tlp:green' }]);
    const clear = byInfo.get(`tipnet message ${EXPORT_IDS.allKinds}`);
    assert.equal(clear?.distribution, '3');
    assert.deepEqual(byInfo.get(`tipnet message ${EXPORT_IDS.red}`)?.Tag, [{ name: 'tlp:red' }]);
  });

  test('keyed hashes are text attributes, not for IDS, named as HMAC under their key; Admiralty as tags', () => {
    const keyed = attributesOf(exportOf(), EXPORT_IDS.allKinds).filter((a) => /^[0-9a-f]{64}$/.test(a.value));
    assert.equal(keyed.length, 3);
    for (const attribute of keyed) {
      assert.equal(attribute.to_ids, false);
      assert.match(attribute.comment, /HMAC-SHA-256 under matching key ASEAN-MATCH-2026-01, not a clear value/);
    }
    assert.deepEqual(keyed.map((a) => a.category), ['Social network', 'Financial fraud', 'Financial fraud']);
    const idn = attributesOf(exportOf(), EXPORT_IDS.report)[0];
    assert.deepEqual(idn?.Tag.map((t) => t.name), ['tlp:amber', 'admiralty-scale:source-reliability="b"', 'admiralty-scale:information-credibility="2"']);
    assert.ok(attributesOf(exportOf(), EXPORT_IDS.allKinds).some((a) => a.type === 'url' && a.to_ids));
  });

  test('re-export gives the same uuids and bytes', () => {
    assert.equal(JSON.stringify(exportOf({ includeRed: true })), JSON.stringify(exportOf({ includeRed: true })));
    assert.equal(exportOf().response.find((r) => r.Event.info.includes('IDN-2026-000123'))?.Event.uuid, uuidV5('misp-event:case:IDN-2026-000123'));
  });

  test('a withdrawn message has its attributes deleted; others not', () => {
    const withdrawn = attributesOf(exportOf(), EXPORT_IDS.withdrawn);
    assert.ok(withdrawn.length >= 2 && withdrawn.every((a) => a.deleted));
    assert.ok(attributesOf(exportOf(), EXPORT_IDS.alert).every((a) => !a.deleted));
  });

  test('no clear passport, phone, national id or account value in any export (raw and normalised forms)', () => {
    for (const options of [{}, { includeRed: true, includeExercise: true }]) {
      assert.deepEqual(findClearIdentifiers(exportOf(options), CLEAR_IDENTIFIERS), []);
    }
  });

  test('RED and exercise are left out by default; exercise included carries the tipnet drill tag', () => {
    assert.equal(attributesOf(exportOf(), EXPORT_IDS.red).length, 0);
    assert.equal(attributesOf(exportOf(), EXPORT_IDS.exercise).length, 0);
    const drill = attributesOf(exportOf({ includeExercise: true }), EXPORT_IDS.exercise);
    assert.ok(drill.length > 0 && drill.every((a) => a.Tag.some((t) => t.name === 'exercise:tipnet-drill="DRILL-2026-MEKONG-01"')));
    const event = exportOf({ includeExercise: true }).response.find((r) => r.Event.Attribute.some((a) => a.comment.includes(EXPORT_IDS.exercise)));
    assert.ok(event?.Event.Tag.some((t) => t.name === 'exercise:tipnet-drill="DRILL-2026-MEKONG-01"'));
  });
});
