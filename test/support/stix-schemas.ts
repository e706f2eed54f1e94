// Validators over the published standards in ../shared/standards: every OASIS STIX 2.1 schema in
// one ajv 2020 instance, and PyMISP's draft-04 MISP event schema.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import AjvDraft04 from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';

export const STANDARDS_DIR = fileURLToPath(new URL('../../../shared/standards/', import.meta.url));
const STIX_DIR = join(STANDARDS_DIR, 'stix-2.1', 'schemas');
const STIX_BASE = 'http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/';

// ajv-formats is CommonJS: its default export arrives wrapped under tsx.
type FormatsPlugin = (ajv: Ajv2020) => unknown;
const formatsImport = addFormatsModule as unknown as FormatsPlugin & { default?: FormatsPlugin };
const addFormats: FormatsPlugin = formatsImport.default ?? formatsImport;

function stixAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  for (const folder of readdirSync(STIX_DIR)) {
    for (const file of readdirSync(join(STIX_DIR, folder))) {
      if (file.endsWith('.json')) ajv.addSchema(JSON.parse(readFileSync(join(STIX_DIR, folder, file), 'utf8')) as object);
    }
  }
  return ajv;
}

const stix = stixAjv();

export function stixValidator(relative: string): ValidateFunction {
  const validate = stix.getSchema(`${STIX_BASE}${relative}`);
  if (!validate) throw new Error(`no STIX schema ${relative}`);
  return validate;
}

/** The schema an object of `type` is checked against on its own (the bundle schema lets some through as custom). */
export function schemaForType(type: string): string {
  if (type.startsWith('x-')) return 'common/cyber-observable-core.json';
  if (type === 'marking-definition' || type === 'extension-definition') return `common/${type}.json`;
  if (type === 'relationship' || type === 'sighting') return `sros/${type}.json`;
  return `sdos/${type}.json`;
}

/** Every ajv error of each `{"Event": ...}` of a MISP export (`{"response": [...]}`) against PyMISP's schema. */
export function mispErrors(exported: { readonly response: readonly unknown[] }): string[] {
  const validate = mispEventValidator();
  return exported.response.flatMap((event, index) => (validate(event) ? [] : (validate.errors ?? []).map((e) => `event ${index} ${e.instancePath} ${e.message ?? ''}`)));
}

export function mispEventValidator(): ValidateFunction {
  type Draft04Class = new (options: object) => { compile(schema: object): ValidateFunction };
  const draft04Import = AjvDraft04 as unknown as Draft04Class & { default?: Draft04Class };
  const Ajv04 = draft04Import.default ?? draft04Import;
  const ajv = new Ajv04({ strict: false, allErrors: true });
  return ajv.compile(JSON.parse(readFileSync(join(STANDARDS_DIR, 'misp', 'event-schema.json'), 'utf8')) as object);
}

/**
 * The published bundle.json lists no note, location or extension-definition, and its branch for
 * other objects is a oneOf of core.json and cyber-observable-core.json, both of which any SDO
 * matches: so it rejects every bundle holding one of these types (pinned by a test below). Those
 * objects are checked against their own schemas only; everything else against both.
 */
export const OUTSIDE_BUNDLE_SCHEMA = new Set(['note', 'location', 'extension-definition']);

/** Every ajv error of the bundle schema and of each object's own schema, as readable lines. */
export function schemaErrors(bundle: { readonly objects: ReadonlyArray<{ readonly type: string; readonly id: string }> }): string[] {
  const bundleCheck = stixValidator('common/bundle.json');
  const listed = { ...bundle, objects: bundle.objects.filter((o) => !OUTSIDE_BUNDLE_SCHEMA.has(o.type)) };
  const errors: string[] = bundleCheck(listed) ? [] : (bundleCheck.errors ?? []).map((e) => `bundle ${e.instancePath} ${e.message ?? ''}`);
  for (const object of bundle.objects) {
    const check = stixValidator(schemaForType(object.type));
    const { id } = object;
    if (!check(object)) errors.push(...(check.errors ?? []).map((e) => `${id} ${e.instancePath} ${e.message ?? ''}`));
  }
  return errors;
}
