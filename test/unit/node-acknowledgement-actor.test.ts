import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeEnvelope, decodePayload, InputValidationError, LIMITS } from '../../services/core/mod.ts';
import { generateSigningKey } from '../../services/core/signing/mod.ts';
import { officerNote, parseActor } from '../../services/node/actor.ts';
import { prepareAcknowledgement, type AnsweredMessage } from '../../services/node/mod.ts';
import { IDS, NOW } from '../support/validation-fixtures.ts';

const original: AnsweredMessage = { messageId: IDS.alert, sender: 'IDN', traffic: 'real', drillId: '', caseReference: 'IDN-2026-000123' };
const khmKey = generateSigningKey('KHM');

function problemsOf(actor: unknown): readonly string[] {
  try {
    parseActor(actor);
  } catch (error) {
    assert.ok(error instanceof InputValidationError);
    return error.problems;
  }
  assert.fail('the actor was accepted');
}

describe('the officer who acknowledges', () => {
  test('a unit and an officer reference are accepted as given', () => {
    assert.deepEqual(parseActor({ unit: 'KHM-NCB-PHNOM-PENH', officerRef: 'sokha' }), { unit: 'KHM-NCB-PHNOM-PENH', officerRef: 'sokha' });
    assert.deepEqual(parseActor({ unit: 'Anti-Human Trafficking Dept. (Phnom Penh)', officerRef: 'off_0042.b-7' }).officerRef, 'off_0042.b-7');
  });

  test('a unit with a control character, empty or over the short-text limit is refused naming actor.unit', () => {
    assert.match(problemsOf({ unit: 'KHM-NCB\u001b[2J', officerRef: 'sokha' }).join('\n'), /^actor\.unit: must not contain control characters/);
    assert.match(problemsOf({ unit: 'KHM\u202ENCB', officerRef: 'sokha' }).join('\n'), /^actor\.unit: /);
    assert.match(problemsOf({ unit: '  ', officerRef: 'sokha' }).join('\n'), /^actor\.unit: must not be empty/);
    assert.match(problemsOf({ unit: 'K'.repeat(LIMITS.maxShortTextChars + 1), officerRef: 'sokha' }).join('\n'), /^actor\.unit: must be at most 200 characters/);
  });

  test('an officer reference outside [A-Za-z0-9_.-]{1,64} is refused naming actor.officerRef, never repeating it', () => {
    for (const officerRef of ['', 'Sokha Chan', 'sokha\n', 'x'.repeat(65), 'sokha@khm.gov.kh', 'សុខា']) {
      const problems = problemsOf({ unit: 'KHM-NCB', officerRef });
      assert.deepEqual(problems, ['actor.officerRef: must be 1 to 64 letters, digits, dots, dashes or underscores'], JSON.stringify(officerRef));
    }
    assert.equal(problemsOf({ unit: 'KHM-NCB' })[0], 'actor.officerRef: is required');
  });

  test('both fields wrong: both named at once', () => {
    assert.deepEqual(problemsOf({ unit: '', officerRef: '' }).map((problem) => problem.split(':')[0]), ['actor.unit', 'actor.officerRef']);
  });

  test("the acknowledgement carries the actor's unit as sender_unit and the officer's reference as its note", () => {
    const actor = parseActor({ unit: 'KHM-NCB', officerRef: 'sokha' });
    const prepared = prepareAcknowledgement(original, { status: 'read', note: officerNote(actor) }, { state: 'KHM', senderUnit: actor.unit, signingKey: khmKey }, NOW);
    const envelope = decodeEnvelope(prepared.bytes);
    assert.equal(envelope.senderUnit, 'KHM-NCB');
    const payload = decodePayload(envelope);
    assert.equal(payload.name, 'acknowledgement');
    assert.equal(payload.name === 'acknowledgement' && payload.message.note, 'officer sokha');
    assert.deepEqual(
      { unit: prepared.summary.acknowledgement?.unit, note: prepared.summary.acknowledgement?.note, status: prepared.summary.acknowledgement?.status },
      { unit: 'KHM-NCB', note: 'officer sokha', status: 'read' },
    );
  });

  test("without an actor the acknowledgement names the node's unit and carries no note", () => {
    const prepared = prepareAcknowledgement(original, { status: 'actioned' }, { state: 'KHM', senderUnit: 'KHM-LIAISON', signingKey: khmKey }, NOW);
    assert.equal(prepared.envelope.senderUnit, 'KHM-LIAISON');
    assert.equal(prepared.summary.acknowledgement?.note, '');
  });
});
