// Builders of the individual STIX 2.1 objects an export contains, and the per-message context
// (creator, markings, timestamps, revocation) every object of one message shares.
import { stateInfo, isStateCode, v1, type IntelligenceReport } from '../core/mod.ts';
import { alpha2Of, identifierKindWord, isoTime, tlpOf, uuidV5, type ExportableMessage } from './export-model.ts';
import { TLP_MARKING_IDS } from './tlp-markings.ts';

export type StixObject = Record<string, unknown> & { readonly type: string; readonly id: string };

/**
 * The extension-definition of tipnet's custom SCO `x-tipnet-keyed-identifier`: a keyed hash
 * (HMAC-SHA-256 under a shared matching key) of an identifier, never the clear value. The UUID
 * is fixed here once and must not change, so every export and importer agree on it.
 */
export const KEYED_IDENTIFIER_EXTENSION_ID = 'extension-definition--3b0e9f52-6c1d-4a8e-9f27-b4d5c6e7a801';
export const KEYED_IDENTIFIER_TYPE = 'x-tipnet-keyed-identifier';

/** Timestamp of objects that belong to no message (identities, extension, statements): fixed, never the clock. */
export const TIPNET_DEFINITIONS_CREATED = '2026-01-01T00:00:00.000Z';

export function stixId(type: string, name: string): string {
  return `${type}--${uuidV5(name)}`;
}

export function identityId(state: string): string {
  return stixId('identity', `identity:${state}`);
}

export function stateName(state: string): string {
  if (state === 'HUB') return 'tipnet hub (HUB)';
  return isStateCode(state) ? `${stateInfo(state).name} (${state})` : state;
}

export function identityObject(state: string): StixObject {
  return {
    type: 'identity', spec_version: '2.1', id: identityId(state),
    created: TIPNET_DEFINITIONS_CREATED, modified: TIPNET_DEFINITIONS_CREATED,
    name: stateName(state), identity_class: state === 'HUB' ? 'system' : 'organization',
    object_marking_refs: [TLP_MARKING_IDS.clear],
  };
}

export function keyedIdentifierExtension(): StixObject {
  return {
    type: 'extension-definition', spec_version: '2.1', id: KEYED_IDENTIFIER_EXTENSION_ID,
    created: TIPNET_DEFINITIONS_CREATED, modified: TIPNET_DEFINITIONS_CREATED,
    created_by_ref: identityId('HUB'),
    name: 'tipnet keyed identifier',
    description: 'An identifier (phone, bank account, wallet...) as an HMAC-SHA-256 under a matching key shared by tipnet states: '
      + 'kind (identifier kind), hash_key_id (the matching key id), hmac_sha256 (lowercase hex). Never the clear value.',
    schema: 'https://tipnet.invalid/schemas/x-tipnet-keyed-identifier.json',
    version: '1.0.0',
    extension_types: ['new-sco'],
    object_marking_refs: [TLP_MARKING_IDS.clear],
  };
}

export function ownUseStatementId(ownState: string): string {
  return stixId('marking-definition', `statement:own-use:${ownState}`);
}

export function ownUseStatement(ownState: string): StixObject {
  return {
    type: 'marking-definition', spec_version: '2.1', id: ownUseStatementId(ownState),
    created: TIPNET_DEFINITIONS_CREATED, created_by_ref: identityId(ownState),
    definition_type: 'statement',
    definition: { statement: `For ${stateName(ownState)}'s own use only: TLP:RED content exported from tipnet, not to be shared further.` },
  };
}

/** Properties every object derived from one message shares. */
export function messageCommon(message: ExportableMessage, ownState: string): Record<string, unknown> {
  const created = isoTime(message.createdAtUnixMs);
  const tlp = tlpOf(message.handling);
  const markings = tlp === 'red' ? [TLP_MARKING_IDS.red, ownUseStatementId(ownState)] : [TLP_MARKING_IDS[tlp]];
  const common: Record<string, unknown> = {
    spec_version: '2.1', created, modified: created,
    created_by_ref: identityId(message.senderState), object_marking_refs: markings,
  };
  if (message.exercise) {
    common.labels = ['exercise'];
    common.x_tipnet_exercise = message.drillId || 'exercise';
  }
  if (message.retraction) {
    // modified must be later than created: a retraction stamped at or before creation still moves it on by 1 ms.
    common.modified = isoTime(Math.max(message.retraction.atUnixMs, message.createdAtUnixMs + 1));
    common.revoked = true;
    common.x_tipnet_retraction = message.retraction.kind;
  }
  return common;
}

/** A STIX location, or undefined when the protobuf location says nothing. */
export function locationObject(id: string, location: v1.ILocation | null | undefined, common: Record<string, unknown>, name?: string): StixObject | undefined {
  if (!location) return undefined;
  const country = alpha2Of(location.state ?? '');
  const placeName = name || location.placeName || '';
  if (!country && !location.hasCoordinates && !placeName) return undefined;
  const object: Record<string, unknown> = { type: 'location', id, ...common };
  if (placeName) object.name = placeName;
  if (country) object.country = country;
  if (location.hasCoordinates) {
    object.latitude = location.latitude;
    object.longitude = location.longitude;
    if (location.precisionMeters) object.precision = location.precisionMeters;
  }
  // The schema wants region, country or coordinates: a name-only place is at least in South-eastern Asia.
  if (!country && !location.hasCoordinates) object.region = 'south-eastern-asia';
  return object as StixObject;
}

export function relationshipObject(source: string, target: string, type: string, common: Record<string, unknown>): StixObject {
  return { type: 'relationship', id: stixId('relationship', `${source}:${type}:${target}`), ...common, relationship_type: type, source_ref: source, target_ref: target };
}

export function keyedIdentifierObject(id: string, keyed: v1.IKeyedIdentifier): StixObject {
  return {
    type: KEYED_IDENTIFIER_TYPE, spec_version: '2.1', id,
    kind: identifierKindWord(keyed.kind ?? 0),
    hash_key_id: keyed.hashKeyId ?? '',
    hmac_sha256: Buffer.from(keyed.digest ?? new Uint8Array()).toString('hex'),
    extensions: { [KEYED_IDENTIFIER_EXTENSION_ID]: { extension_type: 'new-sco' } },
  };
}

function quoted(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * The STIX pattern for an indicator's clear value, or undefined when the type's clear value is not
 * exported. URL → url:value; social handle → user-account:account_login. Phone numbers, bank
 * accounts, e-wallets and crypto wallets go out only as keyed hashes (they identify people and
 * accounts; the keyed form is what other states match on). Companies and compounds are not
 * patterns: they become identity and location objects.
 */
export function patternFor(indicator: v1.IIndicator): string | undefined {
  const value = (indicator.value ?? '').trim();
  if (!value) return undefined;
  switch (indicator.type) {
    case v1.IndicatorType.INDICATOR_TYPE_URL: return `[url:value = ${quoted(value)}]`;
    case v1.IndicatorType.INDICATOR_TYPE_SOCIAL_HANDLE: return `[user-account:account_login = ${quoted(value)}]`;
    default: return undefined;
  }
}

export function reportRelated(report: IntelligenceReport): string[] {
  return report.relatedCaseReferences ?? [];
}
