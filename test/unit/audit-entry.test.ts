// An audit entry holds who, what, which message, when and from where, and nothing else: the schema
// is strict, every string is bounded, and the one free-text field refuses what looks like a
// victim's phone, passport or account. Its hash covers a canonical serialisation written down in
// services/audit/canonical-entry.ts and README.md.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  AUDIT_ACTIONS, AuditError, auditEntrySchema, canonicalEntryText, chainEntry, EMPTY_CHAIN, entryHash, GENESIS_PREV,
  parseDraft, personalIdentifierProblem, storedEntryText, type AuditDraft,
} from '../../services/audit/mod.ts';
import { AUDIT_T0, sampleDraft } from '../support/audit-samples.ts';

const base: AuditDraft = { actor: { kind: 'officer', id: 'idn-liaison-1' }, action: 'export', outcome: 'ok' };

function refusal(draft: unknown): string[] {
  try {
    parseDraft(draft as AuditDraft);
  } catch (error) {
    assert.ok(error instanceof AuditError, String(error));
    assert.equal(error.code, 'AUDIT_ENTRY_INVALID');
    return [...error.problems];
  }
  assert.fail('the draft was accepted');
}

describe('the detail text refuses what looks like a personal identifier', () => {
  for (const [what, text] of [
    ['a local phone number', 'caller=081234567890'],
    ['a phone number with dashes', 'callback 0812-3456-7890'],
    ['a phone number with spaces', 'number 917 123 4567'],
    ['an international number', 'contact=+855 12 345 678'],
    ['a passport number', 'passport=A1234567'],
    ['an e-mail address', 'reported by maria@example.com'],
    ['a social-media handle', 'account=@recruiter_jobs'],
    ['text in another script', 'ชื่อ=สมชาย'],
  ] as const) {
    test(`${what} is refused`, () => {
      assert.ok(personalIdentifierProblem(text), `"${text}" passed`);
      const problems = refusal({ ...base, detail: text });
      assert.equal(problems.length, 1);
      assert.match(problems[0]!, /^detail: /);
      assert.ok(!problems[0]!.includes(text), 'the refusal must not repeat the value');
    });
  }

  for (const text of ['payload=case-alert recipients=KHM,THA', 'scope=submit,read', 'entries=123456', 'message 3f1c9a52-7b0e-4d6a-9c21-5e8f0b7d4a13 exported', 'needs=export']) {
    test(`code-like text passes: ${text}`, () => {
      assert.equal(personalIdentifierProblem(text), undefined);
      assert.equal(parseDraft({ ...base, detail: text }).detail, text);
    });
  }
});

describe('the entry schema', () => {
  test('a field that is not part of the entry is refused, so nothing else can be stored', () => {
    assert.deepEqual(refusal({ ...base, victimName: 'x' }), ['victimName: is not a known field (check its spelling)']);
  });

  test('strings are bounded and free of control characters', () => {
    assert.match(refusal({ ...base, detail: 'x'.repeat(201) })[0]!, /^detail: /);
    assert.match(refusal({ ...base, actor: { kind: 'officer', id: 'idn-1', unit: 'Unit\nforged line' } })[0]!, /^actor\.unit: /);
    assert.match(refusal({ ...base, actor: { kind: 'officer', id: 'has space' } })[0]!, /^actor\.id: /);
    assert.match(refusal({ ...base, from: 'evil\r\nhost' })[0]!, /^from: /);
  });

  test('message ids are lower-case UUIDs, actions and outcomes come from their tables', () => {
    assert.match(refusal({ ...base, messageId: 'not-a-uuid' })[0]!, /^messageId: /);
    assert.match(refusal({ ...base, action: 'delete-everything' })[0]!, /^action: /);
    assert.match(refusal({ ...base, outcome: 'maybe' })[0]!, /^outcome: /);
    assert.match(refusal({ ...base, actor: { kind: 'robot', id: 'x' } })[0]!, /^actor\.kind: /);
  });

  test('a checkpoint cannot be appended as an ordinary entry: only the trail writes them', () => {
    assert.match(refusal({ ...base, action: 'checkpoint' })[0]!, /^action: checkpoint entries are written by the trail itself/);
  });

  test('the action table covers every event the issue names', () => {
    for (const action of ['sign-in', 'sign-in-refused', 'sign-out', 'submit', 'read', 'acknowledge', 'answer', 'retract', 'export', 'permission-change', 'feed-open', 'audit-read', 'access-denied', 'checkpoint']) {
      assert.ok(action in AUDIT_ACTIONS, action);
    }
  });

  test('only checkpoints carry a key id and a signature', () => {
    const entry = chainEntry(parseDraft(sampleDraft(0)), { state: 'IDN', nowUnixMs: 0 }, EMPTY_CHAIN);
    assert.ok(auditEntrySchema.safeParse(entry).success);
    const signed = { ...entry, keyId: 'IDN-0123456789abcdef', signature: `${'A'.repeat(86)}==` };
    assert.ok(!auditEntrySchema.safeParse(signed).success);
  });
});

describe('the hash chain', () => {
  test('the first entry links to 64 zeros, the next to the first one\'s hash', () => {
    const first = chainEntry(parseDraft(sampleDraft(0)), { state: 'IDN', nowUnixMs: 0 }, EMPTY_CHAIN);
    const second = chainEntry(parseDraft(sampleDraft(1)), { state: 'IDN', nowUnixMs: 0 }, { seq: 1, hash: first.hash, isCheckpoint: false });
    assert.deepEqual([first.seq, first.prev, second.seq, second.prev], [1, GENESIS_PREV, 2, first.hash]);
    assert.match(first.hash, /^[0-9a-f]{64}$/);
  });

  test('the canonical serialisation is the documented text, whatever the key order of the object', () => {
    const entry = chainEntry(parseDraft({ ...sampleDraft(1), atUnixMs: AUDIT_T0 }), { state: 'IDN', nowUnixMs: 0 }, EMPTY_CHAIN);
    const expected = 'tipnet/audit-entry/v1\n{"seq":1,"atUnixMs":1768464000000,"state":"IDN","actor":{"kind":"officer","id":"idn-liaison-1","role":"liaison"},'
      + '"action":"submit","messageId":"3f1c9a52-7b0e-4d6a-9c21-5e8f0b7d4a13","from":"10.20.0.7","outcome":"ok",'
      + `"detail":"payload=case-alert recipients=KHM,THA","prev":"${GENESIS_PREV}"}`;
    assert.equal(canonicalEntryText(entry), expected);
    assert.equal(entry.hash, createHash('sha256').update(expected, 'utf8').digest('hex'));
    const shuffled = Object.fromEntries(Object.entries(entry).reverse()) as typeof entry;
    assert.equal(entryHash(shuffled), entry.hash);
    assert.equal(storedEntryText(entry), `${expected.slice('tipnet/audit-entry/v1\n'.length, -1)},"hash":"${entry.hash}"}`);
  });

  test('the time defaults to the writer\'s clock when the draft has none', () => {
    const { atUnixMs: _drop, ...draft } = sampleDraft(0);
    assert.equal(chainEntry(parseDraft(draft), { state: 'IDN', nowUnixMs: AUDIT_T0 + 5 }, EMPTY_CHAIN).atUnixMs, AUDIT_T0 + 5);
  });
});
