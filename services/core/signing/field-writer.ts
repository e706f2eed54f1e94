// The byte layout every tipnet signature covers (envelopes, the key directory): big-endian,
// length-prefixed fields, so a signing input is unambiguous and easy to rebuild in any language.
// docs/wire-contract.md (section 7) gives the notation: u32, i64, str, bytes, list.

/** Big-endian, length-prefixed fields: trivial to reproduce in any language. */
export class FieldWriter {
  private readonly chunks: Uint8Array[] = [];

  raw(bytes: Uint8Array): void {
    this.chunks.push(bytes);
  }

  uint32(value: number): void {
    const chunk = Buffer.alloc(4);
    chunk.writeUInt32BE(value >>> 0);
    this.chunks.push(chunk);
  }

  int64(value: number): void {
    const chunk = Buffer.alloc(8);
    chunk.writeBigInt64BE(BigInt(Math.trunc(value)));
    this.chunks.push(chunk);
  }

  bytes(value: Uint8Array): void {
    this.uint32(value.byteLength);
    this.chunks.push(value);
  }

  string(value: string): void {
    this.bytes(Buffer.from(value ?? '', 'utf8'));
  }

  list<T>(values: readonly T[], write: (value: T) => void): void {
    this.uint32(values.length);
    for (const value of values) write(value);
  }

  finish(): Uint8Array {
    return Buffer.concat(this.chunks);
  }
}
