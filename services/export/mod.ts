// The export module: turns what a node holds into the formats analysts load elsewhere. Exports the
// exportable-message model and its filter, the STIX 2.1 bundle builder, the MISP event builder and
// the export rules the published schemas cannot express (official TLP ids, validity order, and a
// scanner for clear identifiers), and which keyed indicators an export keeps during a matching key
// rotation's overlap. Pure functions, no I/O.
export * from './export-model.ts';
export * from './stix-bundle.ts';
export * from './misp-event.ts';
export * from './export-rules.ts';
export * from './current-key-indicators.ts';
