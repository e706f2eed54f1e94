// One table turns contract enums into the words of input, summaries and logs, and back: every
// word names the value it came from, and input accepts exactly the words summaries show.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ENUM_WORDS, enumWords, UNSPECIFIED_WORD, v1 } from '../../services/core/mod.ts';
import { summariseMessage } from '../../services/node/mod.ts';
import { validMessage } from '../support/validation-fixtures.ts';

test('every word turns back into the value it was made from, in both directions', () => {
  for (const [name, table] of Object.entries(ENUM_WORDS)) {
    assert.ok(table.words.length > 0, `${name} has words`);
    for (const word of table.words) {
      const value = table.valueOf(word);
      assert.ok(value !== undefined && value !== 0, `${name}: ${word} has a value`);
      assert.equal(table.wordOf(value), word, `${name}: ${word} round-trips`);
    }
  }
});

test('words are the enum names without prefix, lower case and hyphenated, with the age bands renamed', () => {
  assert.equal(ENUM_WORDS.handling.wordOf(v1.HandlingMark.HANDLING_MARK_AMBER_STRICT), 'amber-strict');
  assert.equal(ENUM_WORDS.handling.valueOf('amber-strict'), v1.HandlingMark.HANDLING_MARK_AMBER_STRICT);
  assert.equal(ENUM_WORDS.ageBand.wordOf(v1.AgeBand.AGE_BAND_18_TO_24), '18-24');
  assert.equal(ENUM_WORDS.acknowledgementStatus.wordOf(v1.AcknowledgementStatus.ACKNOWLEDGEMENT_STATUS_DELIVERED), 'delivered');
});

test('a zero or unknown value reads as "unspecified" and an unknown word has no value', () => {
  assert.equal(ENUM_WORDS.priority.wordOf(0), UNSPECIFIED_WORD);
  assert.equal(ENUM_WORDS.priority.wordOf(99), UNSPECIFIED_WORD);
  assert.equal(ENUM_WORDS.priority.wordOf(undefined), UNSPECIFIED_WORD);
  assert.equal(ENUM_WORDS.priority.valueOf('unspecified'), undefined);
  assert.equal(ENUM_WORDS.priority.valueOf('constructor'), undefined);
  assert.deepEqual([...enumWords(v1.Priority, 'PRIORITY_').words].sort(), ['immediate', 'routine', 'urgent']);
});

test('a message summary shows the words input accepts for its handling, priority and kind', () => {
  const { envelope, decoded } = validMessage('case-alert');
  const summary = summariseMessage(envelope, decoded);
  assert.equal(ENUM_WORDS.handling.valueOf(summary.handling), envelope.handling);
  assert.equal(ENUM_WORDS.priority.valueOf(summary.priority), envelope.priority);
  assert.equal(ENUM_WORDS.caseAlertKind.valueOf(summary.kind), (decoded.message as v1.CaseAlert).kind);
  for (const leg of summary.route) assert.ok(ENUM_WORDS.routeRole.valueOf(leg.role) !== undefined);
});

test('an answer can be "delayed" (ASSISTANCE_OUTCOME_DELAYED = 6), in summaries and in input', () => {
  assert.equal(ENUM_WORDS.assistanceOutcome.valueOf('delayed'), v1.AssistanceOutcome.ASSISTANCE_OUTCOME_DELAYED);
  assert.equal(v1.AssistanceOutcome.ASSISTANCE_OUTCOME_DELAYED, 6);
  assert.deepEqual(ENUM_WORDS.assistanceOutcome.words, ['accepted', 'in-progress', 'completed', 'declined', 'needs-information', 'delayed']);
});
