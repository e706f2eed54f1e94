// What a refusal's code means, in words: the hub's reason codes from core's table, and the
// outcomes only the drill names (NATS refusing a publish, or nothing refusing it).
import { isReasonCode, REASON_CODES } from '../core/mod.ts';

const DRILL_OUTCOMES: Readonly<Record<string, string>> = {
  NATS_PERMISSION_DENIED: "The NATS server refused the publish: the state's leaf may not publish on that subject.",
  'not rejected': 'Nothing refused it: no dead letter names it.',
  'not refused by NATS': 'The NATS server accepted a publish it should have refused.',
};

export function reasonInWords(code: string): string {
  if (isReasonCode(code)) return REASON_CODES[code];
  return DRILL_OUTCOMES[code] ?? 'A code this version of the report does not know.';
}
