// Keys whose values never reach a log line, at whatever depth they appear: victim data, clear
// identifiers and secrets. Matching is by key name, so a new field named like these is covered too.
export const SENSITIVE_KEYS: readonly string[] = Object.freeze([
  // victim data and identifiers
  'victims', 'identifiers', 'identifier', 'passport', 'passportNumber', 'phone', 'phoneNumber',
  'nationalId', 'bankAccount', 'accountNumber', 'digest', 'keyed', 'clearValue', 'payload',
  // credentials and keys
  'password', 'pass', 'token', 'secret', 'seed', 'nkey', 'jwt', 'creds', 'credentials',
  'privateKey', 'privateKeyPkcs8', 'matchingKey', 'authorization', 'cookie',
]);

const SENSITIVE = new Set(SENSITIVE_KEYS.map((key) => key.toLowerCase()));

export const REDACTED = '[REDACTED]';

/** Copies a value with every sensitive key's value replaced; cycles and depth are bounded. */
export function redactDeep(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth > 8 || seen.has(value)) return '[Truncated]';
  seen.add(value);
  if (value instanceof Uint8Array) return `[${value.byteLength} bytes]`;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, depth + 1, seen));
  if (value instanceof Error) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = SENSITIVE.has(key.toLowerCase()) ? REDACTED : redactDeep(inner, depth + 1, seen);
  }
  return out;
}
