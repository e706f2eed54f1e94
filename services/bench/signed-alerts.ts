// The traffic: the demo's rescue request from IDN to KHM, each copy with its own message id and
// signed by IDN, prepared before a batch so that signing is not part of the timed path (the micro
// benchmarks time it on its own).
import { type Envelope, type MatchingKey, signEnvelope, type SigningKey } from '../core/mod.ts';
import { demoAlertFields } from '../demo/mod.ts';

export function signedAlerts(count: number, key: SigningKey, matchingKey: MatchingKey): Envelope[] {
  const nowMs = Date.now();
  return Array.from({ length: count }, () => signEnvelope(demoAlertFields(nowMs, matchingKey), key));
}
