// The sender's Ed25519 signature proves origin end to end: any changed byte, a wrong key or a key
// the directory does not vouch for is refused with the code the hub puts on the dead letter.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import { decodeEnvelope, encodeEnvelope } from '../../services/core/codec.ts';
import { RejectionError } from '../../services/core/errors.ts';
import { PAYLOAD_KINDS } from '../../services/core/payload-registry.ts';
import { tip, type Envelope, type v1 } from '../../services/core/proto.ts';
import type { ReasonCode } from '../../services/core/reason-codes.ts';
import {
  KeyDirectory, SIGNING_CONTEXT, directoryEntryFor, envelopeSigningInput, generateSigningKey, signEnvelope, verifyEnvelope,
  type DirectoryEntry, type SigningKey,
} from '../../services/core/signing/mod.ts';
import { SAMPLE_NOW_UNIX_MS, sampleEnvelopeFields } from '../support/message-samples.ts';

const idnKey = generateSigningKey('IDN');
const idnSecondKey = generateSigningKey('IDN');
const khmKey = generateSigningKey('KHM');
const directory = new KeyDirectory([idnKey, idnSecondKey, khmKey].map((key) => directoryEntryFor(key)));

/** What the hub receives: the bytes of an envelope IDN signed, decoded. */
function receivedFrom(key: SigningKey, fields: v1.Envelope.$Properties = sampleEnvelopeFields('case-alert')): Envelope {
  return decodeEnvelope(encodeEnvelope(signEnvelope(fields, key)));
}

function rejectsWith(code: ReasonCode): (error: unknown) => boolean {
  return (error) => {
    assert.ok(error instanceof RejectionError, `expected a RejectionError, got ${String(error)}`);
    assert.equal(error.code, code);
    return true;
  };
}

function assertRefused(envelope: Envelope, code: ReasonCode, keys: KeyDirectory = directory, what = ''): void {
  assert.throws(() => verifyEnvelope(envelope, keys), rejectsWith(code), what);
}

function flipped(bytes: Uint8Array, index: number, mask = 0x01): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[index] = copy[index]! ^ mask;
  return copy;
}

describe('a signed envelope', () => {
  test('verifies against the directory, as signed and after an encode/decode round trip', () => {
    const signed = signEnvelope(sampleEnvelopeFields('case-alert'), idnKey);
    assert.equal(signed.keyId, idnKey.keyId);
    assert.equal(signed.signature.byteLength, 64);
    verifyEnvelope(signed, directory);
    // The hub forwards the exact bytes it received; every recipient decodes and verifies them.
    verifyEnvelope(decodeEnvelope(encodeEnvelope(signed)), directory);
    verifyEnvelope(decodeEnvelope(encodeEnvelope(decodeEnvelope(encodeEnvelope(signed)))), directory);
  });

  test('verifies for every payload type', () => {
    for (const kind of PAYLOAD_KINDS) verifyEnvelope(receivedFrom(idnKey, sampleEnvelopeFields(kind.name)), directory);
  });

  test('signEnvelope does not change the fields it was given', () => {
    const fields = sampleEnvelopeFields('case-alert');
    signEnvelope(fields, idnKey);
    assert.equal(fields.keyId, undefined);
    assert.equal(fields.signature, undefined);
  });
});

describe('the signing input', () => {
  test('starts with SIGNING_CONTEXT and is the same on every call and after a round trip', () => {
    const signed = signEnvelope(sampleEnvelopeFields('case-alert'), idnKey);
    const input = envelopeSigningInput(signed);
    const context = Buffer.from(SIGNING_CONTEXT, 'ascii');
    assert.equal(context.byteLength, 39);
    assert.deepEqual(Buffer.from(input.subarray(0, context.byteLength)), context);
    assert.deepEqual(envelopeSigningInput(signed), input);
    assert.deepEqual(envelopeSigningInput(decodeEnvelope(encodeEnvelope(signed))), input);
    // Ed25519 is deterministic: the same input and key give the same signature.
    assert.deepEqual(signEnvelope(sampleEnvelopeFields('case-alert'), idnKey).signature, signed.signature);
  });

  test('follows the byte layout of docs/wire-contract.md, "Signing input"', () => {
    const envelope = signEnvelope(sampleEnvelopeFields('retraction', { exercise: true, drillId: 'DRILL-2026-MEKONG-01' }), idnKey);
    const u32 = (n: number): Buffer => { const b = Buffer.alloc(4); b.writeUInt32BE(n); return b; };
    const i64 = (n: number): Buffer => { const b = Buffer.alloc(8); b.writeBigInt64BE(BigInt(n)); return b; };
    const bytes = (b: Uint8Array): Buffer => Buffer.concat([u32(b.byteLength), b]);
    const str = (s: string): Buffer => bytes(Buffer.from(s, 'utf8'));
    const distribution = envelope.distribution;
    const expected = Buffer.concat([
      Buffer.from('tipnet/asean.tip.v1/envelope-signature\n', 'ascii'),
      str(envelope.messageId), str(envelope.senderState), str(envelope.senderUnit),
      u32(distribution.mode),
      u32(distribution.states.length), ...distribution.states.map(str),
      u32(distribution.routeRoles.length), ...distribution.routeRoles.map(u32),
      str(distribution.sharingGroup),
      u32(envelope.handling), u32(envelope.priority),
      i64(envelope.createdAtUnixMs), i64(envelope.expiresAtUnixMs),
      str(envelope.caseReference), str(envelope.inReplyTo),
      u32(1), str(envelope.drillId),
      u32(envelope.payloadType), str(envelope.keyId), bytes(envelope.payload),
    ]);
    assert.deepEqual(Buffer.from(envelopeSigningInput(envelope)), expected);
  });

  test('covers every Envelope field except signature, so a new field cannot go unsigned', () => {
    const envelopeType = loadContract().lookupType('asean.tip.v1.Envelope');
    const names = envelopeType.fieldsArray.map((field) => field.name);
    assert.ok(names.includes('signature'), 'the Envelope has no signature field any more: update this test');
    const bases: Array<[string, Record<string, unknown>]> = [
      ['the fully populated sample', { ...sampleEnvelopeFields('case-alert'), keyId: idnKey.keyId }],
      ['an empty envelope', {}],
    ];
    for (const [label, base] of bases) {
      const input = signingInputOf(base);
      const changes = mutations(envelopeType, base, 'Envelope');
      // Every leaf field of the Envelope (and of messages inside it) is mutated once.
      assert.ok(changes.length >= names.length, `only ${changes.length} mutations for ${names.length} fields`);
      for (const change of changes) {
        const changedInput = signingInputOf(change.object);
        if (change.path === 'Envelope.signature') {
          assert.deepEqual(changedInput, input, 'the signature must not sign itself');
        } else {
          assert.notDeepEqual(changedInput, input, `changing ${change.path} of ${label} does not change the signing input`);
        }
      }
    }
  });
});

describe('tampering is refused', () => {
  const original = receivedFrom(idnKey);

  function tampered(change: (envelope: Envelope) => void): Envelope {
    const copy = decodeEnvelope(encodeEnvelope(original));
    change(copy);
    return copy;
  }

  test('changing any single byte of the payload gives SIGNATURE_INVALID', () => {
    assert.ok(original.payload.byteLength > 100);
    for (let index = 0; index < original.payload.byteLength; index += 1) {
      for (const mask of [0x01, 0x80]) {
        assertRefused(tampered((e) => { e.payload = flipped(original.payload, index, mask); }), 'SIGNATURE_INVALID', directory, `payload byte ${index}`);
      }
    }
  });

  test('appending to or cutting the payload gives SIGNATURE_INVALID', () => {
    assertRefused(tampered((e) => { e.payload = Buffer.concat([original.payload, Buffer.from([0])]); }), 'SIGNATURE_INVALID');
    assertRefused(tampered((e) => { e.payload = original.payload.subarray(0, -1); }), 'SIGNATURE_INVALID');
  });

  const FIELD_CHANGES: ReadonlyArray<[string, (e: Envelope) => void]> = [
    ['message_id', (e) => { e.messageId = '3f1c9a52-7b0e-4d6a-9c21-5e8f0b7d4a14'; }],
    ['sender_unit', (e) => { e.senderUnit = 'POLRI-BARESKRIM-X'; }],
    ['distribution.mode', (e) => { e.distribution.mode = tip.DistributionMode.DISTRIBUTION_MODE_REGIONAL_BROADCAST; }],
    ['distribution.states (one added)', (e) => { e.distribution.states = [...e.distribution.states, 'MYS']; }],
    ['distribution.states (one removed)', (e) => { e.distribution.states = e.distribution.states.slice(1); }],
    ['distribution.states (reordered)', (e) => { e.distribution.states = [...e.distribution.states].reverse(); }],
    ['distribution.route_roles', (e) => { e.distribution.routeRoles = [tip.RouteRole.ROUTE_ROLE_ORIGIN]; }],
    ['distribution.sharing_group', (e) => { e.distribution.sharingGroup = 'asean-all'; }],
    ['distribution (removed)', (e) => { e.distribution = null as unknown as v1.Distribution; }],
    ['handling', (e) => { e.handling = tip.HandlingMark.HANDLING_MARK_CLEAR; }],
    ['priority', (e) => { e.priority = tip.Priority.PRIORITY_IMMEDIATE; }],
    ['created_at_unix_ms', (e) => { e.createdAtUnixMs = SAMPLE_NOW_UNIX_MS + 1; }],
    ['expires_at_unix_ms', (e) => { e.expiresAtUnixMs = Number(e.expiresAtUnixMs) + 1; }],
    ['case_reference', (e) => { e.caseReference = 'IDN-2026-000124'; }],
    ['in_reply_to', (e) => { e.inReplyTo = ''; }],
    ['exercise', (e) => { e.exercise = true; }],
    ['drill_id', (e) => { e.drillId = 'DRILL-2026-MEKONG-01'; }],
    ['payload_type', (e) => { e.payloadType = tip.PayloadType.PAYLOAD_TYPE_INTELLIGENCE_REPORT; }],
    ['key_id (another valid IDN key)', (e) => { e.keyId = idnSecondKey.keyId; }],
  ];

  for (const [field, change] of FIELD_CHANGES) {
    test(`changing ${field} gives SIGNATURE_INVALID`, () => {
      assertRefused(tampered(change), 'SIGNATURE_INVALID');
    });
  }

  test('changing sender_state gives KEY_NOT_OWNED_BY_SENDER, checked before the signature', () => {
    // verifyEnvelope asks the directory who owns key_id before it checks the signature: the IDN key
    // cannot speak for THA, whatever the signature says. (The signature would not verify either.)
    assertRefused(tampered((e) => { e.senderState = 'THA'; }), 'KEY_NOT_OWNED_BY_SENDER');
  });

  test('flipping any bit of the signature gives SIGNATURE_INVALID', () => {
    for (let index = 0; index < 64; index += 1) {
      const bit = 1 << (index % 8);
      assertRefused(tampered((e) => { e.signature = flipped(original.signature, index, bit); }), 'SIGNATURE_INVALID', directory, `signature byte ${index}`);
    }
  });

  test('a truncated, extended or missing signature gives SIGNATURE_INVALID', () => {
    assertRefused(tampered((e) => { e.signature = original.signature.subarray(0, 63); }), 'SIGNATURE_INVALID');
    assertRefused(tampered((e) => { e.signature = original.signature.subarray(0, 32); }), 'SIGNATURE_INVALID');
    assertRefused(tampered((e) => { e.signature = Buffer.concat([original.signature, Buffer.from([0])]); }), 'SIGNATURE_INVALID');
    assertRefused(tampered((e) => { e.signature = new Uint8Array(); }), 'SIGNATURE_INVALID');
    assertRefused(tampered((e) => { e.signature = new Uint8Array(64); }), 'SIGNATURE_INVALID');
  });

  test("a signature made with another state's key while key_id claims the IDN key gives SIGNATURE_INVALID", () => {
    const impostor: SigningKey = { ...khmKey, keyId: idnKey.keyId, owner: 'IDN' };
    const forged = receivedFrom(impostor);
    assert.equal(forged.keyId, idnKey.keyId);
    assertRefused(forged, 'SIGNATURE_INVALID');
  });

  test('the signature of one envelope moved onto another gives SIGNATURE_INVALID', () => {
    const other = receivedFrom(idnKey, sampleEnvelopeFields('retraction'));
    assertRefused(tampered((e) => { e.signature = other.signature; }), 'SIGNATURE_INVALID');
  });
});

describe('the key directory decides which keys may sign', () => {
  test('a key_id not in the directory gives UNKNOWN_KEY', () => {
    const stranger = generateSigningKey('IDN');
    assertRefused(receivedFrom(stranger), 'UNKNOWN_KEY');
    assertRefused(receivedFrom(idnKey), 'UNKNOWN_KEY', new KeyDirectory());
  });

  test('a KHM key signing an envelope whose sender_state is IDN gives KEY_NOT_OWNED_BY_SENDER', () => {
    assertRefused(receivedFrom(khmKey), 'KEY_NOT_OWNED_BY_SENDER');
    verifyEnvelope(receivedFrom(khmKey, sampleEnvelopeFields('case-alert', { senderState: 'KHM' })), directory);
  });

  test('a key not yet valid at created_at gives UNKNOWN_KEY, and is accepted from its first millisecond', () => {
    const envelope = receivedFrom(idnKey);
    assertRefused(envelope, 'UNKNOWN_KEY', new KeyDirectory([directoryEntryFor(idnKey, SAMPLE_NOW_UNIX_MS + 1)]));
    verifyEnvelope(envelope, new KeyDirectory([directoryEntryFor(idnKey, SAMPLE_NOW_UNIX_MS)]));
  });

  test('a key past its notAfter at created_at gives UNKNOWN_KEY, and is accepted up to its last millisecond', () => {
    const envelope = receivedFrom(idnKey);
    const entry = (notAfterUnixMs: number): DirectoryEntry => ({ ...directoryEntryFor(idnKey), notAfterUnixMs });
    assertRefused(envelope, 'UNKNOWN_KEY', new KeyDirectory([entry(SAMPLE_NOW_UNIX_MS - 1)]));
    verifyEnvelope(envelope, new KeyDirectory([entry(SAMPLE_NOW_UNIX_MS)]));
  });

  test('a revoked key gives UNKNOWN_KEY', () => {
    const revoked: DirectoryEntry = { ...directoryEntryFor(idnKey), revoked: true };
    assertRefused(receivedFrom(idnKey), 'UNKNOWN_KEY', new KeyDirectory([revoked]));
  });

  test('moving created_at back before notBefore to dodge the window still fails', () => {
    // created_at is signed: an old-looking timestamp on a new key breaks the signature, and on an
    // entry whose window starts later the directory refuses the key first.
    const keys = new KeyDirectory([directoryEntryFor(idnKey, SAMPLE_NOW_UNIX_MS - 1000)]);
    const envelope = receivedFrom(idnKey);
    verifyEnvelope(envelope, keys);
    envelope.createdAtUnixMs = SAMPLE_NOW_UNIX_MS - 500;
    assertRefused(envelope, 'SIGNATURE_INVALID', keys);
    envelope.createdAtUnixMs = SAMPLE_NOW_UNIX_MS - 2000;
    assertRefused(envelope, 'UNKNOWN_KEY', keys);
  });
});

// ---------------------------------------------------------------------------------------------
// Reflection over envelope.proto, so the coverage test follows the contract without naming fields.

function loadContract(): protobuf.Root {
  const protoRoot = fileURLToPath(new URL('../../proto', import.meta.url));
  const files = readdirSync(join(protoRoot, 'asean/tip/v1')).filter((name) => name.endsWith('.proto')).map((name) => `asean/tip/v1/${name}`);
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => (target.startsWith('/') ? target : join(protoRoot, target));
  root.loadSync(files);
  root.resolveAll();
  return root;
}

function signingInputOf(fields: Record<string, unknown>): Buffer {
  return Buffer.from(envelopeSigningInput(tip.Envelope.create(fields as v1.Envelope.$Properties)));
}

interface Mutation {
  readonly path: string;
  readonly object: Record<string, unknown>;
}

/** One copy of `object` per leaf field of `type`, with that field (only) changed. */
function mutations(type: protobuf.Type, object: Record<string, unknown>, path: string): Mutation[] {
  return type.fieldsArray.flatMap((field): Mutation[] => {
    const at = `${path}.${field.name}`;
    const current = object[field.name];
    if (field.resolvedType instanceof protobuf.Type) {
      if (field.repeated) throw new Error(`${at}: repeated message fields are not handled yet; extend this test`);
      const nested = (current ?? {}) as Record<string, unknown>;
      return mutations(field.resolvedType, nested, at).map((m) => ({ path: m.path, object: { ...object, [field.name]: m.object } }));
    }
    const changed = field.repeated
      ? [...((current as unknown[] | undefined) ?? []), changedScalar(field, undefined, at)]
      : changedScalar(field, current, at);
    return [{ path: at, object: { ...object, [field.name]: changed } }];
  });
}

function changedScalar(field: protobuf.Field, current: unknown, at: string): unknown {
  if (field.resolvedType instanceof protobuf.Enum) {
    const other = Object.values(field.resolvedType.values).find((value) => value !== 0 && value !== (current ?? 0));
    assert.ok(other !== undefined, `${at}: enum has no other value`);
    return other;
  }
  switch (field.type) {
    case 'string':
      return `${(current as string | undefined) ?? ''}x`;
    case 'bytes':
      return Buffer.concat([(current as Uint8Array | undefined) ?? new Uint8Array(), Buffer.from([0x2a])]);
    case 'bool':
      return !current;
    case 'int32': case 'uint32': case 'sint32': case 'fixed32': case 'sfixed32':
    case 'int64': case 'uint64': case 'sint64': case 'fixed64': case 'sfixed64':
      return Number(current ?? 0) + 1;
    default:
      throw new Error(`${at}: no mutation for field type ${field.type}; extend this test`);
  }
}
