// The public entry of the shared domain code: everything every service agrees on, and the only
// file of core that other modules import. Exports the member states and limits; reason codes,
// coded errors and the consumer failure policy; the protobuf types, payload registry and codec;
// the enum-word table and the one envelope composer; subjects, streams, headers, JetStream domains
// and durable names; the distribution rules a sender can check before sending; keyed hashing, the matching key's file and life cycle, and which keyed identifiers a payload carries; the keyed order scheduler; signing, logging and validation.
export * from './member-states.ts';
export * from './limits.ts';
export * from './reason-codes.ts';
export * from './errors.ts';
export * from './failure-policy.ts';
export * from './proto.ts';
export * from './payload-registry.ts';
export * from './codec.ts';
export * from './enum-words.ts';
export * from './compose-envelope.ts';
export * from './subjects.ts';
export * from './hub-streams.ts';
export * from './keyed-hash.ts';
export * from './keyed-identifiers.ts';
export * from './keyed-order-scheduler.ts';
export * from './signing/mod.ts';
export * from './logging/mod.ts';
export * from './validation/mod.ts';
export * from './durable-names.ts';
export * from './distribution-policy.ts';
export * from './reply-rules.ts';
export * from './hit-follow-up-rules.ts';
export * from './matching-keys.ts';
export * from './matching-key-file.ts';
