// Every payload type survives encode and decode unchanged, alone and inside an envelope, and bad
// bytes are refused with the reason code the hub puts on the dead letter.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeEnvelope, decodePayload, encodeEnvelope, encodePayload } from '../../services/core/codec.ts';
import { RejectionError } from '../../services/core/errors.ts';
import { LIMITS } from '../../services/core/limits.ts';
import { PAYLOAD_KINDS, type PayloadKind } from '../../services/core/payload-registry.ts';
import { tip } from '../../services/core/proto.ts';
import type { ReasonCode } from '../../services/core/reason-codes.ts';
import { SAMPLE_PAYLOADS, sampleEnvelopeFields } from '../support/message-samples.ts';

/** Plain values that compare with deepEqual whatever the runtime representation of int64 and bytes. */
const PLAIN = Object.freeze({ longs: Number, enums: Number, bytes: Array, defaults: true, arrays: true });

function plain(kind: PayloadKind, message: unknown): Record<string, unknown> {
  return kind.messageClass.toObject(message, PLAIN);
}

function sampleOf(kind: PayloadKind): unknown {
  const sample = (SAMPLE_PAYLOADS as Record<string, unknown>)[kind.name];
  assert.ok(sample, `test/support/message-samples.ts has no sample for payload type ${kind.name}`);
  return sample;
}

function rejectsWith(code: ReasonCode): (error: unknown) => boolean {
  return (error) => {
    assert.ok(error instanceof RejectionError, `expected a RejectionError, got ${String(error)}`);
    assert.equal(error.code, code);
    return true;
  };
}

/** Paths of every leaf that still holds its proto3 default (0, '', false, empty list). */
function defaultLeaves(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) {
    if (value.length === 0) return [path];
    return value.flatMap((item, index) => defaultLeaves(item, `${path}[${index}]`));
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, field]) => defaultLeaves(field, path ? `${path}.${key}` : key));
  }
  return value === 0 || value === '' || value === false || value === null ? [path] : [];
}

describe('payload samples', () => {
  test('there is a sample for every payload type in the registry', () => {
    for (const kind of PAYLOAD_KINDS) sampleOf(kind);
    assert.deepEqual(Object.keys(SAMPLE_PAYLOADS).sort(), PAYLOAD_KINDS.map((kind) => kind.name).sort());
  });

  for (const kind of PAYLOAD_KINDS) {
    test(`the ${kind.name} sample sets every field, enum and list to a non-default value`, () => {
      const decoded = kind.messageClass.decode(kind.messageClass.encode(sampleOf(kind)).finish());
      // Decoding drops default values, so a field missing here was not set (or set to its default).
      const sparse = kind.messageClass.toObject(decoded, { defaults: false });
      // Bytes as base64 strings, so a zero byte inside a digest is not taken for an unset field.
      const full = kind.messageClass.toObject(decoded, { ...PLAIN, bytes: String });
      assert.deepEqual(Object.keys(sparse).sort(), Object.keys(full).sort());
      assert.deepEqual(defaultLeaves(full), []);
    });
  }
});

describe('payload encode and decode', () => {
  for (const kind of PAYLOAD_KINDS) {
    test(`the ${kind.name} sample decodes to the values it was encoded from`, () => {
      const sample = sampleOf(kind);
      const decoded = kind.messageClass.decode(kind.messageClass.encode(sample).finish());
      assert.deepEqual(plain(kind, decoded), plain(kind, sample));
    });

    test(`the ${kind.name} sample travels inside an envelope and decodePayload names it ${kind.name}`, () => {
      const sample = sampleOf(kind);
      const fields = sampleEnvelopeFields(kind.name, { keyId: 'IDN-0000000000000000', signature: new Uint8Array(64).fill(7) });
      const envelope = decodeEnvelope(encodeEnvelope(tip.Envelope.create(fields)));
      const envelopeClass = tip.Envelope as unknown as PayloadKind['messageClass'];
      assert.deepEqual(
        envelopeClass.toObject(envelope, PLAIN),
        envelopeClass.toObject(tip.Envelope.create(fields), PLAIN),
      );
      const decoded = decodePayload(envelope);
      assert.equal(decoded.name, kind.name);
      assert.deepEqual(plain(kind, decoded.message), plain(kind, sample));
    });
  }

  test('encodePayload gives the same bytes as the registry message class', () => {
    for (const kind of PAYLOAD_KINDS) {
      const sample = sampleOf(kind);
      assert.deepEqual(encodePayload(kind.name, sample as never), kind.messageClass.encode(sample).finish());
    }
  });
});

describe('refusing bad bytes', () => {
  const envelopeBytes = encodeEnvelope(tip.Envelope.create({
    ...sampleEnvelopeFields('case-alert'), keyId: 'IDN-0000000000000000', signature: new Uint8Array(64).fill(7),
  }));

  test('garbage bytes are refused with ENVELOPE_UNDECODABLE', () => {
    const garbage = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f, 0x07, 0x13, 0x37]);
    assert.throws(() => decodeEnvelope(garbage), rejectsWith('ENVELOPE_UNDECODABLE'));
  });

  test('a truncated envelope is refused with ENVELOPE_UNDECODABLE', () => {
    // The signature is the last field: cutting into it leaves a length prefix longer than the rest.
    for (const cut of [1, 10, 63]) {
      assert.throws(() => decodeEnvelope(envelopeBytes.subarray(0, envelopeBytes.byteLength - cut)), rejectsWith('ENVELOPE_UNDECODABLE'));
    }
  });

  test('an envelope over LIMITS.maxEnvelopeBytes is refused with OVERSIZE before decoding', () => {
    const oversize = tip.Envelope.create({ ...sampleEnvelopeFields('case-alert'), payload: new Uint8Array(LIMITS.maxEnvelopeBytes) });
    assert.throws(() => decodeEnvelope(encodeEnvelope(oversize)), rejectsWith('OVERSIZE'));
    assert.throws(() => decodeEnvelope(new Uint8Array(LIMITS.maxEnvelopeBytes + 1)), rejectsWith('OVERSIZE'));
  });

  test('an envelope exactly at LIMITS.maxEnvelopeBytes is not refused as OVERSIZE', () => {
    // One field 14 (payload): tag (1 byte) + varint length (3 bytes) + payload fills the limit.
    const payloadLength = LIMITS.maxEnvelopeBytes - 4;
    const bytes = encodeEnvelope(tip.Envelope.create({ payload: new Uint8Array(payloadLength) }));
    assert.equal(bytes.byteLength, LIMITS.maxEnvelopeBytes);
    assert.equal(decodeEnvelope(bytes).payload.byteLength, payloadLength);
  });

  test('an unknown payload_type is refused with UNKNOWN_PAYLOAD_TYPE', () => {
    const known = new Set(PAYLOAD_KINDS.map((kind) => kind.type as number));
    const unknown = Math.max(...known) + 1;
    for (const payloadType of [0, unknown]) {
      assert.throws(() => decodePayload({ payloadType, payload: encodePayload('case-alert', SAMPLE_PAYLOADS['case-alert']) }), rejectsWith('UNKNOWN_PAYLOAD_TYPE'));
    }
  });

  test('payload bytes that are not the named message are refused with PAYLOAD_UNDECODABLE', () => {
    const garbage = new Uint8Array([0x0a, 0xff, 0xff, 0x03, 0x01]);
    for (const kind of PAYLOAD_KINDS) {
      assert.throws(() => decodePayload({ payloadType: kind.type, payload: garbage }), rejectsWith('PAYLOAD_UNDECODABLE'));
    }
  });
});

test('decoded int64 fields are plain numbers, as the generated types declare', () => {
  const envelope = decodeEnvelope(encodeEnvelope(tip.Envelope.create(sampleEnvelopeFields('case-alert'))));
  assert.equal(typeof envelope.createdAtUnixMs, 'number');
  assert.equal(envelope.createdAtUnixMs + 1000, 1_795_000_001_000);
});
