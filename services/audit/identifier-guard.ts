// The one free-text field of an audit entry, `detail`, must never carry a victim's identifier.
// The rule is deliberately simple, so that anyone can predict it (services/audit/README.md):
//   1. printable ASCII only (letters of other scripts would let a name in);
//   2. no "@" (e-mail addresses and social-media handles);
//   3. no "+" followed by a digit (an international phone number);
//   4. no run of 7 or more digits, where a single space or dash between two digits does not end
//      the run (phone numbers "0812-3456-7890", "917 123 4567"; passport numbers "A1234567").
// Lower-case UUIDs (message and token ids) are taken out before rules 3 and 4: they are ids the
// node made, not identifiers of people. Counts up to 999999 pass; dates and times do not belong
// in `detail` (the entry has its own time).

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const PLUS_THEN_DIGIT = /\+\s?\d/;
const LONG_DIGIT_RUN = /\d(?:[ -]?\d){6,}/;

/** Why the text may hold a personal identifier, or undefined when it passes the rule. */
export function personalIdentifierProblem(text: string): string | undefined {
  if (!PRINTABLE_ASCII.test(text)) return 'must be printable ASCII (code-like text, e.g. "scope=submit,read")';
  if (text.includes('@')) return 'must not contain "@": e-mail addresses and account handles never enter the audit trail';
  const withoutIds = text.replace(UUID, ' ');
  if (PLUS_THEN_DIGIT.test(withoutIds)) return 'must not contain "+" followed by a digit: it looks like a phone number';
  if (LONG_DIGIT_RUN.test(withoutIds)) return 'must not contain 7 or more digits in a row: it looks like a phone or passport number';
  return undefined;
}
