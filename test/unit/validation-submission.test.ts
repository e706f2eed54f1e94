import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeEnvelope, decodePayload, encodeEnvelope } from '../../services/core/codec.ts';
import { DEFAULT_REPLY_DEADLINE_MS } from '../../services/core/limits.ts';
import { tip, v1 } from '../../services/core/proto.ts';
import { generateSigningKey, signEnvelope } from '../../services/core/signing/mod.ts';
import {
  InputValidationError, parseSubmissionInput, toEnvelopeFields, validateEnvelope, validatePayload,
} from '../../services/core/validation/mod.ts';
import { HOUR, IDS, NOW, TEST_MATCHING_KEY } from '../support/validation-fixtures.ts';

const PASSPORT = 'A1234567';
const PHONE = '+62 812 3456 7890';

function caseAlertInput(): Record<string, unknown> {
  return {
    type: 'case-alert',
    senderUnit: 'POLRI-BARESKRIM',
    distribution: { mode: 'route-roles', routeRoles: ['transit', 'destination'] },
    handling: 'amber',
    priority: 'immediate',
    caseReference: 'IDN-2026-000123',
    payload: {
      kind: 'rescue-request',
      summary: 'Four nationals held in a scam compound after a social-media job offer.',
      route: [{ state: 'IDN', role: 'origin', place: 'Medan' }, { state: 'THA', role: 'transit' }, { state: 'KHM', role: 'destination' }],
      victims: [{
        count: 4, ageBand: '18-24', gender: 'female', nationality: 'IDN',
        identifiers: [{ kind: 'passport', value: PASSPORT }, { kind: 'phone', value: PHONE }],
      }],
      location: { state: 'KHM', placeName: 'Sihanoukville', latitude: 10.6253, longitude: 103.5234 },
      recruitmentChannel: 'social-media',
      requestedActions: ['rescue', 'victim-identification'],
    },
  };
}

const convert = (json: unknown, sender = 'IDN') =>
  toEnvelopeFields(parseSubmissionInput(json), { sender, nowMs: NOW, matchingKey: TEST_MATCHING_KEY, newId: () => IDS.message });

function inputProblem(run: () => unknown, pattern: RegExp): InputValidationError {
  let caught: unknown;
  try { run(); } catch (error) { caught = error; }
  assert.ok(caught instanceof InputValidationError, `expected an InputValidationError, got ${String(caught)}`);
  assert.match(caught.message, pattern);
  assert.ok(caught.problems.some((problem) => pattern.test(problem) || pattern.test(`- ${problem}`)), caught.problems.join('\n'));
  return caught;
}

describe('a valid case alert document', () => {
  test('converts, hashes identifiers, and the signed envelope passes envelope and payload rules', () => {
    const { fields, payloadName } = convert(caseAlertInput());
    assert.equal(payloadName, 'case-alert');
    const bytes = encodeEnvelope(signEnvelope(fields, generateSigningKey('IDN')));
    const text = Buffer.from(bytes).toString('latin1');
    for (const clear of [PASSPORT, '6281234567890', '812 3456']) assert.ok(!text.includes(clear), `envelope bytes contain ${clear}`);

    const envelope = decodeEnvelope(bytes);
    validateEnvelope(envelope, NOW);
    const decoded = decodePayload(envelope);
    validatePayload(decoded, envelope, NOW);
    assert.equal(decoded.name, 'case-alert');
    const identifiers = decoded.name === 'case-alert' ? decoded.message.victims[0]?.identifiers ?? [] : [];
    assert.deepEqual(identifiers.map((id) => [id.kind, id.hashKeyId, id.digest.byteLength]), [
      [v1.IdentifierKind.IDENTIFIER_KIND_PASSPORT, TEST_MATCHING_KEY.id, 32],
      [v1.IdentifierKind.IDENTIFIER_KIND_PHONE, TEST_MATCHING_KEY.id, 32],
    ]);
  });

  test('gets the defaults: new message id, 30-day lifetime, reply deadline by priority, sender and route roles', () => {
    const { fields } = convert(caseAlertInput());
    assert.equal(fields.messageId, IDS.message);
    assert.equal(fields.senderState, 'IDN');
    assert.equal(fields.expiresAtUnixMs, NOW + 30 * 24 * 3_600_000);
    assert.equal(fields.handling, v1.HandlingMark.HANDLING_MARK_AMBER);
    assert.deepEqual(fields.distribution?.routeRoles, [v1.RouteRole.ROUTE_ROLE_TRANSIT, v1.RouteRole.ROUTE_ROLE_DESTINATION]);
    const alert = tip.CaseAlert.decode(fields.payload ?? new Uint8Array());
    assert.equal(Number(alert.replyDeadlineUnixMs), NOW + DEFAULT_REPLY_DEADLINE_MS.immediate);
    assert.equal(alert.victims[0]?.ageBand, v1.AgeBand.AGE_BAND_18_TO_24);
  });

  test('the same passport and phone written two ways hash to the same digests', () => {
    const other = caseAlertInput();
    const payload = other.payload as { victims: { identifiers: { kind: string; value: string }[] }[] };
    payload.victims[0]!.identifiers = [{ kind: 'passport', value: ' a123-4567 ' }, { kind: 'phone', value: '0062 812-3456-7890' }];
    const digests = (json: unknown) => tip.CaseAlert.decode(convert(json).fields.payload ?? new Uint8Array()).victims[0]?.identifiers.map((id) => Buffer.from(id.digest).toString('hex'));
    assert.deepEqual(digests(other), digests(caseAlertInput()));
  });

  test('the parsed input is frozen', () => {
    const input = parseSubmissionInput(caseAlertInput());
    assert.ok(Object.isFrozen(input) && Object.isFrozen(input.payload));
  });
});

describe('documents of every other type convert into valid messages', () => {
  const common = { senderUnit: 'BAKAMLA', handling: 'green', priority: 'routine', distribution: { mode: 'named', states: ['KHM'] } };
  const documents: Record<string, Record<string, unknown>> = {
    'intelligence-report': {
      ...common, type: 'intelligence-report', distribution: { mode: 'sharing-group', group: 'financial-intelligence' },
      payload: {
        title: 'Mule accounts', summary: 'Accounts receiving visa fees.', sourceReliability: 'B', informationCredibility: 2,
        indicators: [{ type: 'bank-account', value: 'BCA 1234567890', shareAs: 'keyed' }, { type: 'url', value: 'https://jobs.example/x' }],
        permittedActions: ['share-with-financial-unit'],
      },
    },
    'assistance-request': {
      ...common, type: 'assistance-request', caseReference: 'IDN-2026-000123',
      payload: { kind: 'financial-freeze', requestedState: 'KHM', summary: 'Freeze the account.', identifiers: [{ kind: 'bank-account', value: 'ABA 000123' }] },
    },
    'assistance-response': { ...common, type: 'assistance-response', payload: { requestMessageId: IDS.request, outcome: 'accepted' } },
    acknowledgement: { ...common, type: 'acknowledgement', payload: { acknowledgedMessageId: IDS.alert, status: 'actioned', note: 'team dispatched' } },
    retraction: { ...common, type: 'retraction', payload: { retractedMessageId: IDS.alert, kind: 'correct', reason: 'Wrong district.', replacementMessageId: IDS.replacement } },
    'drill-control': {
      ...common, type: 'drill-control', exercise: { drillId: 'DRILL-2026-01' }, distribution: { mode: 'named', states: ['THA', 'KHM'] },
      payload: { action: 'start', participants: ['IDN', 'THA', 'KHM'], scenario: 'Compound rescue' },
    },
  };
  for (const [type, document] of Object.entries(documents)) {
    test(`a ${type} document converts and passes the contract rules`, () => {
      const { fields, payloadName } = convert(document);
      assert.equal(payloadName, type);
      const envelope = decodeEnvelope(encodeEnvelope(signEnvelope(fields, generateSigningKey('IDN'))));
      validateEnvelope(envelope, NOW);
      validatePayload(decodePayload(envelope), envelope, NOW);
    });
  }

  test('an assistance request without a deadline gets the default for its priority', () => {
    const { fields } = convert(documents['assistance-request']);
    const request = tip.AssistanceRequest.decode(fields.payload ?? new Uint8Array());
    assert.equal(Number(request.replyDeadlineUnixMs), NOW + DEFAULT_REPLY_DEADLINE_MS.routine);
  });

  test('replies carry what they answer in in_reply_to, and keyed indicators lose their clear value', () => {
    assert.equal(convert(documents['assistance-response']).fields.inReplyTo, IDS.request);
    const report = tip.IntelligenceReport.decode(convert(documents['intelligence-report']).fields.payload ?? new Uint8Array());
    assert.equal(report.indicators[0]?.value, '');
    assert.equal(report.indicators[0]?.keyed?.digest.byteLength, 32);
    assert.equal(report.indicators[1]?.value, 'https://jobs.example/x');
  });
});

describe('bad documents are refused with problems naming field and rule', () => {
  const withChange = (change: (doc: Record<string, any>) => void) => {
    const doc: Record<string, any> = caseAlertInput();
    change(doc);
    return doc;
  };

  test('a delayed answer is written "delayed" and needs a reason and an expected completion', () => {
    const doc = {
      senderUnit: 'KHM-NCB', handling: 'green', priority: 'urgent', distribution: { mode: 'named', states: ['IDN'] }, type: 'assistance-response',
      payload: { requestMessageId: IDS.request, outcome: 'delayed' },
    };
    const error = inputProblem(() => convert(doc, 'KHM'), /summary: must say why for ASSISTANCE_OUTCOME_DELAYED/);
    assert.match(error.message, /expected_completion_unix_ms: is required for ASSISTANCE_OUTCOME_DELAYED/);
    const later = new Date(NOW + 48 * HOUR).toISOString();
    const { fields } = convert({ ...doc, payload: { ...doc.payload, summary: 'Floods; the team leaves on Monday.', expectedCompletion: later } }, 'KHM');
    const response = tip.AssistanceResponse.decode(fields.payload ?? new Uint8Array());
    assert.equal(response.outcome, tip.AssistanceOutcome.ASSISTANCE_OUTCOME_DELAYED);
    assert.equal(Number(response.expectedCompletionUnixMs), NOW + 48 * HOUR);
  });

  test('an unknown type lists the accepted types', () => {
    inputProblem(() => parseSubmissionInput(withChange((doc) => { doc.type = 'gossip'; })), /type: must be one of "case-alert", "intelligence-report", .*"drill-control"/);
  });

  test('an invalid phone number names the identifier without repeating the number', () => {
    const doc = withChange((d) => { d.payload.victims[0].identifiers[1].value = '+12 34'; });
    const error = inputProblem(() => convert(doc), /payload\.victims\[0\]\.identifiers\[1\]\.value: is not a usable phone identifier \(.*E\.164/);
    assert.ok(!error.message.includes('+12 34') && !error.problems.join().includes('12 34'));
  });

  test('a handling mark outside TLP is refused with the accepted marks', () => {
    inputProblem(() => parseSubmissionInput(withChange((doc) => { doc.handling = 'purple'; })), /handling: must be one of "clear", "green", "amber", "amber-strict", "red"/);
  });

  test('an unknown field is refused by name, at any depth', () => {
    inputProblem(() => parseSubmissionInput(withChange((doc) => { doc.payload.victims[0].passportNumber = PASSPORT; })),
      /payload\.victims\[0\]\.passportNumber: is not a known field/);
    inputProblem(() => parseSubmissionInput(withChange((doc) => { doc.urgent = true; })), /- urgent: is not a known field/);
  });

  test('missing and mistyped fields are named', () => {
    const error = inputProblem(() => parseSubmissionInput(withChange((doc) => { delete doc.senderUnit; doc.payload.victims[0].count = '4'; })),
      /senderUnit: is required/);
    assert.match(error.message, /payload\.victims\[0\]\.count: must be a number \(got string\)/);
  });

  test('an unknown state in a named distribution is named', () => {
    inputProblem(() => parseSubmissionInput(withChange((doc) => { doc.distribution = { mode: 'named', states: ['KHM', 'XYZ'] }; })),
      /distribution\.states\[1\]: "XYZ" is not a known state code/);
  });

  test('a case alert without case reference, and a victim group of zero, are refused', () => {
    const error = inputProblem(() => parseSubmissionInput(withChange((doc) => { delete doc.caseReference; doc.payload.victims[0].count = 0; })),
      /caseReference: is required/);
    assert.match(error.message, /payload\.victims\[0\]\.count: must be at least 1/);
  });

  test('drill control without exercise is refused', () => {
    inputProblem(() => parseSubmissionInput({ type: 'drill-control', senderUnit: 'X', handling: 'green', priority: 'routine', distribution: { mode: 'regional-broadcast' }, payload: { action: 'pause' } }),
      /exercise: is required/);
  });

  test('contract rules the schema cannot see are checked after conversion', () => {
    const doc = withChange((d) => { d.payload.victims = []; d.payload.replyDeadline = '2020-01-01T00:00:00+07:00'; });
    const error = inputProblem(() => convert(doc), /case_alert\.victims: must list at least one victim group for a rescue request/);
    assert.match(error.message, /case_alert\.reply_deadline_unix_ms: must be after the envelope's created_at_unix_ms/);
  });

  test('a named distribution that includes the sender is caught before signing', () => {
    const doc = withChange((d) => { d.distribution = { mode: 'named', states: ['IDN', 'KHM'] }; });
    inputProblem(() => convert(doc), /envelope\.distribution\.states\[0\]: must not name the sender \(IDN\)/);
  });

  test('an input that is not an object at all is refused', () => {
    inputProblem(() => parseSubmissionInput('case-alert'), /\(input\): must be an object \(got string\)/);
  });
});

test('input words map to the enum values whose names they come from', async () => {
  const words = await import('../../services/core/validation/input-vocabulary.ts');
  assert.equal(words.HANDLING['amber-strict'], v1.HandlingMark.HANDLING_MARK_AMBER_STRICT);
  assert.equal(words.AGE_BAND['50-and-over'], v1.AgeBand.AGE_BAND_50_AND_OVER);
  assert.equal(words.REQUESTED_ACTION['take-down-content'], v1.RequestedAction.REQUESTED_ACTION_TAKE_DOWN_CONTENT);
  assert.ok(!('delivered' in words.ACKNOWLEDGEMENT_STATUS), 'DELIVERED is the hub receipt, not input');
  for (const [letter, value] of Object.entries(words.SOURCE_RELIABILITY)) {
    assert.match(v1.SourceReliability[value] ?? '', new RegExp(`^SOURCE_RELIABILITY_${letter}_`));
  }
  for (let grade = 1; grade <= 6; grade++) assert.match(v1.InformationCredibility[grade] ?? '', new RegExp(`^INFORMATION_CREDIBILITY_${grade}_`));
});
