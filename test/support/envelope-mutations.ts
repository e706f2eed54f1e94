// Mutated envelopes for fuzzing the hub from outside: bit flips, truncations, random field values,
// control characters in every string, payload corruption under a valid signature, and malformed
// subjects under the sender's own prefix. Seeded, so a failing run can be replayed.
import { randomUUID } from 'node:crypto';
import { encodeEnvelope, encodePayload } from '../../services/core/codec.ts';
import type { PayloadName } from '../../services/core/payload-registry.ts';
import { payloadKindByType } from '../../services/core/payload-registry.ts';
import { tip, v1, type Envelope } from '../../services/core/proto.ts';
import { subjects, trafficClassOf } from '../../services/core/subjects.ts';
import { TO_OBJECT } from '../../services/core/validation/proto-fields.ts';
import { SeededRandom } from '../../services/drill/mod.ts';

export type MutationKind = 'bit-flip' | 'truncation' | 'random-field' | 'control-character' | 'payload-corruption' | 'malformed-subject';
export const MUTATION_KINDS: readonly MutationKind[] = ['bit-flip', 'truncation', 'random-field', 'control-character', 'payload-corruption', 'malformed-subject'];

export interface Mutation {
  readonly kind: MutationKind;
  readonly subject: string;
  readonly bytes: Uint8Array;
}

/** Characters no single-line field may hold; a few are allowed in multi-line text, which is fine. */
const CONTROL = ['\u0000', '\r', '\n', '\r\n', '\t', '\u0007', '\u001b', '\u007f', '\u0085', '\u009b', '\u2028', '\u2029', '\u202e', '\u2066'];

export class EnvelopeMutator {
  private readonly random: SeededRandom;

  constructor(seed: number, private readonly sign: (fields: v1.Envelope.$Properties) => Envelope) {
    this.random = new SeededRandom(seed);
  }

  mutate(base: Envelope): Mutation {
    const kind = this.random.pick(MUTATION_KINDS);
    const subject = subjectOf(base);
    const bytes = encodeEnvelope(base);
    switch (kind) {
      case 'bit-flip':
        return { kind, subject, bytes: this.flipBits(bytes) };
      case 'truncation':
        return { kind, subject, bytes: bytes.subarray(0, this.random.int(0, bytes.length - 1)) };
      case 'random-field':
        return { kind, subject, bytes: this.randomField(base) };
      case 'control-character':
        return { kind, subject, bytes: this.controlCharacter(base) };
      case 'payload-corruption':
        return { kind, subject, bytes: encodeEnvelope(this.sign({ ...base, signature: new Uint8Array(), payload: this.flipBits(base.payload) })) };
      case 'malformed-subject':
        return { kind, subject: this.malformedSubject(subject), bytes: this.random.chance(0.5) ? bytes : this.flipBits(bytes) };
    }
  }

  private flipBits(bytes: Uint8Array): Uint8Array {
    const copy = new Uint8Array(bytes);
    if (copy.length === 0) return new Uint8Array([this.random.int(0, 255)]);
    for (let i = this.random.int(1, 8); i > 0; i -= 1) {
      const at = this.random.int(0, copy.length - 1);
      copy[at] = (copy[at] ?? 0) ^ (1 << this.random.int(0, 7));
    }
    return copy;
  }

  /** One envelope field set to a value of a random shape; signed again half the time, so the rules behind the signature check run too. */
  private randomField(base: Envelope): Uint8Array {
    const object = tip.Envelope.toObject(base, TO_OBJECT) as Record<string, unknown>;
    const field = this.random.pick(Object.keys(object).filter((key) => key !== 'signature'));
    object[field] = this.randomValue(object[field]);
    let envelope: Envelope;
    try {
      envelope = tip.Envelope.fromObject(object);
    } catch {
      return this.flipBits(encodeEnvelope(base));
    }
    return encodeEnvelope(this.random.chance(0.5) ? this.sign({ ...envelope, signature: new Uint8Array() }) : envelope);
  }

  private randomValue(current: unknown): unknown {
    if (typeof current === 'string') {
      return this.random.pick(['', ' ', 'x'.repeat(this.random.int(1, 5_000)), randomUUID().toUpperCase(), 'IDN', 'HUB', '../../etc', '\u00e9\u4e2d\u{1f600}', `a${this.random.pick(CONTROL)}b`]);
    }
    if (typeof current === 'number') return this.random.pick([0, -1, 1, 2 ** 31, -(2 ** 40), Number.MAX_SAFE_INTEGER, 99, Date.now() + 10 * 86_400_000]);
    if (typeof current === 'boolean') return !current;
    if (current instanceof Uint8Array) return this.flipBits(current);
    return null;
  }

  /** A control character put into one string field of the envelope or its payload, then signed: only the rules can catch it. */
  private controlCharacter(base: Envelope): Uint8Array {
    const kind = payloadKindByType(base.payloadType);
    const envelopeObject = tip.Envelope.toObject(base, TO_OBJECT) as Record<string, unknown>;
    const payloadObject = kind ? kind.messageClass.toObject(kind.messageClass.decode(base.payload), TO_OBJECT) as Record<string, unknown> : {};
    const paths = [
      ...stringPaths(envelopeObject).map((path) => ({ root: 'envelope' as const, path })),
      ...stringPaths(payloadObject).map((path) => ({ root: 'payload' as const, path })),
    ];
    const target = this.random.pick(paths);
    const character = this.random.pick(CONTROL);
    setString(target.root === 'envelope' ? envelopeObject : payloadObject, target.path, (value) => {
      const at = this.random.int(0, value.length);
      return `${value.slice(0, at)}${character}${value.slice(at)}`;
    });
    const envelope = tip.Envelope.fromObject(envelopeObject);
    if (kind && target.root === 'payload') envelope.payload = encodePayload(kind.name as PayloadName, kind.messageClass.fromObject(payloadObject) as never);
    return encodeEnvelope(this.sign({ ...envelope, signature: new Uint8Array() }));
  }

  private malformedSubject(subject: string): string {
    const parts = subject.split('.');
    return this.random.pick([
      `${subject}.${this.random.pick(['x', 'real', '*'.replace('*', 'star')])}`,
      [...parts.slice(0, 4), 'drill', ...parts.slice(5)].join('.'),
      [...parts.slice(0, 5), 'case-report'].join('.'),
      parts.slice(0, 5).join('.'),
      [...parts.slice(0, 4), parts[4]?.toUpperCase() ?? 'REAL', ...parts.slice(5)].join('.'),
    ]);
  }
}

export function subjectOf(envelope: Envelope): string {
  const kind = payloadKindByType(envelope.payloadType);
  return subjects.submit(envelope.senderState, trafficClassOf(envelope), kind?.name ?? 'case-alert');
}

function stringPaths(value: unknown, prefix: readonly (string | number)[] = []): Array<readonly (string | number)[]> {
  if (typeof value === 'string') return [prefix];
  if (Array.isArray(value)) return value.flatMap((item, index) => stringPaths(item, [...prefix, index]));
  if (value && typeof value === 'object' && !(value instanceof Uint8Array)) {
    return Object.entries(value).flatMap(([key, item]) => stringPaths(item, [...prefix, key]));
  }
  return [];
}

function setString(target: Record<string, unknown>, path: readonly (string | number)[], change: (value: string) => string): void {
  let node = target as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path.at(-1) as string | number;
  node[last] = change(String(node[last] ?? ''));
}
