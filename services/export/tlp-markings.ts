// The five TLP 2.0 marking-definition objects of the OASIS TLP 2.0 extension (cti-stix-common-objects,
// extension-definition--60a3c5c5-...). Their ids are fixed worldwide and must never be minted anew;
// a unit test checks them against the standards file. The other properties follow the extension's
// definition; no published copy of the whole objects was at hand to compare them with.
import type { TlpName } from './export-model.ts';

export const TLP_EXTENSION_DEFINITION_ID = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

export const TLP_MARKING_IDS: Readonly<Record<TlpName, string>> = Object.freeze({
  clear: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  green: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  amber: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'amber+strict': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  red: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
});

/** The marking-definition object for one TLP level, under its published id. */
export function tlpMarkingObject(tlp: TlpName): Record<string, unknown> {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP_MARKING_IDS[tlp],
    created: '2022-10-01T00:00:00.000Z',
    name: `TLP:${tlp.toUpperCase()}`,
    extensions: { [TLP_EXTENSION_DEFINITION_ID]: { extension_type: 'property-extension', tlp_2_0: tlp } },
  };
}
