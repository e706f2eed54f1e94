// Rules of an export the published JSON schemas cannot express: TLP marking ids only from the
// official set, an indicator's validity ending after it starts, and no clear identifier anywhere.
import { normaliseIdentifier, type IdentifierName } from '../core/mod.ts';
import { TLP_MARKING_IDS } from './tlp-markings.ts';

const OFFICIAL_TLP_IDS = new Set(Object.values(TLP_MARKING_IDS));

/** Marking refs that look like TLP (named TLP in the bundle) but are not one of the five official ids. */
export function unofficialTlpMarkings(objects: readonly Record<string, unknown>[]): string[] {
  return objects
    .filter((o) => o.type === 'marking-definition' && typeof o.name === 'string' && o.name.startsWith('TLP:'))
    .map((o) => String(o.id))
    .filter((id) => !OFFICIAL_TLP_IDS.has(id));
}

/** Every marking ref used by some object that is neither official TLP nor a statement defined in the bundle. */
export function unknownMarkingRefs(objects: readonly Record<string, unknown>[]): string[] {
  const statements = new Set(objects.filter((o) => o.type === 'marking-definition' && o.definition_type === 'statement').map((o) => String(o.id)));
  const refs = objects.flatMap((o) => (Array.isArray(o.object_marking_refs) ? o.object_marking_refs.map(String) : []));
  return [...new Set(refs)].filter((id) => !OFFICIAL_TLP_IDS.has(id) && !statements.has(id));
}

/** Ids of indicators whose valid_until is not strictly after valid_from (STIX 2.1 §4.7 MUST). */
export function badValidityWindows(objects: readonly Record<string, unknown>[]): string[] {
  return objects
    .filter((o) => o.type === 'indicator' && typeof o.valid_until === 'string')
    .filter((o) => Date.parse(String(o.valid_until)) <= Date.parse(String(o.valid_from)))
    .map((o) => String(o.id));
}

export interface ClearIdentifier {
  readonly kind: IdentifierName;
  readonly value: string;
}

/** The forms a clear value could take in an export: as typed, normalised, and digits or letters only. */
export function searchForms(identifier: ClearIdentifier): string[] {
  const forms = new Set<string>([identifier.value.trim()]);
  try {
    forms.add(normaliseIdentifier(identifier.kind, identifier.value));
  } catch {
    // A value the normaliser refuses has no normalised form to look for.
  }
  forms.add(identifier.value.replace(/[\s\-.()]/g, ''));
  forms.add(identifier.value.replace(/[^0-9A-Za-z]/g, ''));
  return [...forms].filter((form) => form.length >= 4).map((form) => form.toLowerCase());
}

/** The clear identifiers (with the form found) that appear anywhere in an export's JSON text. */
export function findClearIdentifiers(exported: unknown, identifiers: readonly ClearIdentifier[]): string[] {
  const text = JSON.stringify(exported).toLowerCase();
  const squeezed = text.replace(/[\s\-.()]/g, '');
  return identifiers.flatMap((identifier) => searchForms(identifier)
    .filter((form) => text.includes(form) || squeezed.includes(form))
    .map((form) => `${identifier.kind} "${form}"`));
}
