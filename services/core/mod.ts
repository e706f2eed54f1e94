// The public entry of the shared domain code; services import from here or from a sub-module's own mod.ts.
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
export * from './keyed-order-scheduler.ts';
export * from './signing/mod.ts';
export * from './logging/mod.ts';
export * from './durable-names.ts';
