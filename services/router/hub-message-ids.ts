// Ids of the messages the hub originates (receipts, hit notices). They are derived, so a router
// that crashes and redoes its work publishes the same id and JetStream drops the second copy; and
// they are keyed with a secret only the hub holds, so no state can predict one and take it first.
import { createHash, createHmac } from 'node:crypto';
import type { SigningKey } from '../core/mod.ts';

const DERIVATION_CONTEXT = 'tipnet/hub-message-ids/v1\n';

export class HubMessageIds {
  private readonly secret: Buffer;

  /** The secret comes from the hub's signing key, which every hub services instance already holds. */
  constructor(hubKey: SigningKey) {
    const der = hubKey.privateKey.export({ format: 'der', type: 'pkcs8' });
    this.secret = createHash('sha256').update(DERIVATION_CONTEXT).update(der).digest();
  }

  /** A version-8 (custom) RFC 9562 UUID from what the message is about. */
  derive(...parts: readonly string[]): string {
    return uuidFromHex(createHmac('sha256', this.secret).update(parts.join('\u0000')).digest('hex'));
  }
}

function uuidFromHex(hex: string): string {
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
