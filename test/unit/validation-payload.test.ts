import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RejectionError } from '../../services/core/errors.ts';
import type { PayloadName } from '../../services/core/payload-registry.ts';
import { v1 } from '../../services/core/proto.ts';
import { validatePayload } from '../../services/core/validation/mod.ts';
import { HOUR, IDS, NOW, validMessage, type MessageOverrides } from '../support/validation-fixtures.ts';

/** Validates the payload of a valid message with some fields changed; returns the rejection. */
function rejected<N extends PayloadName>(name: N, overrides: MessageOverrides<N>, pattern: RegExp): RejectionError {
  const { envelope, decoded } = validMessage(name, overrides);
  let caught: unknown;
  try { validatePayload(decoded, envelope, NOW); } catch (error) { caught = error; }
  assert.ok(caught instanceof RejectionError, `expected a RejectionError, got ${String(caught)}`);
  assert.equal(caught.code, 'INVALID_PAYLOAD');
  assert.match(caught.message, pattern);
  return caught;
}

const A = v1.AcknowledgementStatus;

test('a rescue request without victims is rejected with INVALID_PAYLOAD', () => {
  rejected('case-alert', { payload: { victims: [] } }, /case_alert\.victims: must list at least one victim group for a rescue request/);
});

test('a rescue request needs a location, a route, RESCUE among the actions and a reply deadline', () => {
  const error = rejected('case-alert', { payload: { location: undefined, route: undefined, requestedActions: [], replyDeadlineUnixMs: 0 } },
    /case_alert\.location: is required for a rescue request/);
  assert.match(error.message, /case_alert\.route: is required for a rescue request \(with ROUTE_ROLE_DESTINATION legs\)/);
  assert.match(error.message, /case_alert\.requested_actions: must include REQUESTED_ACTION_RESCUE/);
  assert.match(error.message, /case_alert\.reply_deadline_unix_ms: is required for a rescue request/);
});

test('a victim group of zero persons is rejected', () => {
  rejected('case-alert', { payload: { victims: [{ count: 0, ageBand: 2, gender: 1, nationality: 'IDN' }] } },
    /case_alert\.victims\[0\]\.count: must be at least 1/);
});

test('a clear passport number smuggled into a digest is rejected without echoing it', () => {
  const digest = new TextEncoder().encode('A1234567');
  const error = rejected('case-alert', {
    payload: { victims: [{ count: 1, ageBand: 2, gender: 1, nationality: 'IDN', identifiers: [{ kind: 1, hashKeyId: 'ASEAN-MATCH-TEST-01', digest }] }] },
  }, /case_alert\.victims\[0\]\.identifiers\[0\]\.digest: must be exactly 32 bytes .* not 8; clear identifiers are never accepted/);
  assert.ok(!error.message.includes('A1234567'));
});

test('an identifier without kind or hash key id is rejected', () => {
  const digest = new Uint8Array(32);
  rejected('assistance-request', { payload: { identifiers: [{ kind: 0, hashKeyId: '', digest }] } },
    /assistance_request\.identifiers\[0\]\.kind: must be set \(IDENTIFIER_KIND_UNSPECIFIED is not allowed\); assistance_request\.identifiers\[0\]\.hash_key_id: must not be empty/);
});

test('a victim nationality that is not an ISO alpha-3 code is rejected', () => {
  rejected('case-alert', { payload: { victims: [{ count: 1, ageBand: 2, gender: 1, nationality: 'idn' }] } },
    /case_alert\.victims\[0\]\.nationality: must be an ISO 3166-1 alpha-3 code/);
});

test('a reply deadline before the envelope was created is rejected', () => {
  rejected('case-alert', { payload: { replyDeadlineUnixMs: NOW - HOUR } }, /case_alert\.reply_deadline_unix_ms: must be after the envelope's created_at_unix_ms/);
  rejected('assistance-request', { payload: { replyDeadlineUnixMs: NOW } }, /assistance_request\.reply_deadline_unix_ms: must be after/);
});

test('a route without a destination is rejected', () => {
  rejected('case-alert', { payload: { route: { legs: [{ state: 'IDN', role: v1.RouteRole.ROUTE_ROLE_ORIGIN }] } } },
    /case_alert\.route\.legs: must include at least one ROUTE_ROLE_DESTINATION leg/);
});

test('a suspected-recruitment alert needs the recruitment channel', () => {
  rejected('case-alert', { payload: { kind: v1.CaseAlertKind.CASE_ALERT_KIND_SUSPECTED_RECRUITMENT, recruitmentChannel: 0 } },
    /case_alert\.recruitment_channel: must be set for a suspected-recruitment alert \(use RECRUITMENT_CHANNEL_UNKNOWN/);
});

test('a compound-location alert needs a location, and a location needs a place or coordinates', () => {
  rejected('case-alert', { payload: { kind: v1.CaseAlertKind.CASE_ALERT_KIND_COMPOUND_LOCATION, location: undefined } },
    /case_alert\.location: is required for a compound-location alert/);
  rejected('case-alert', { payload: { location: { state: 'KHM' } } },
    /case_alert\.location\.place_name: is required when the location has no coordinates/);
});

test('a border watch needs victims or a route', () => {
  rejected('case-alert', { payload: { kind: v1.CaseAlertKind.CASE_ALERT_KIND_BORDER_WATCH, victims: [], route: undefined } },
    /case_alert\.victims: a border watch needs at least one victim group or a route/);
});

test('an intelligence report without Admiralty grading is rejected', () => {
  const error = rejected('intelligence-report', { payload: { sourceReliability: 0, informationCredibility: 0 } },
    /intelligence_report\.source_reliability: must be set \(SOURCE_RELIABILITY_UNSPECIFIED is not allowed\)/);
  assert.match(error.message, /intelligence_report\.information_credibility: must be set/);
});

test('an indicator needs a type and a value or a keyed hash of the matching kind', () => {
  const error = rejected('intelligence-report', { payload: { indicators: [{ type: 0 }] } }, /intelligence_report\.indicators\[0\]\.type: must be set/);
  assert.match(error.message, /intelligence_report\.indicators\[0\]\.value: an indicator needs a clear value or a keyed hash/);
  rejected('intelligence-report', {
    payload: { indicators: [{ type: v1.IndicatorType.INDICATOR_TYPE_PHONE_NUMBER, keyed: { kind: v1.IdentifierKind.IDENTIFIER_KIND_PASSPORT, hashKeyId: 'k', digest: new Uint8Array(32) } }] },
  }, /indicators\[0\]\.keyed\.kind: must be IDENTIFIER_KIND_PHONE for an INDICATOR_TYPE_PHONE_NUMBER indicator/);
  rejected('intelligence-report', { payload: { indicators: [] } }, /intelligence_report\.indicators: must list at least one item/);
});

test('a REJECTED acknowledgement without reason is rejected', () => {
  const error = rejected('acknowledgement', { payload: { status: A.ACKNOWLEDGEMENT_STATUS_REJECTED } },
    /acknowledgement\.reason_code: is required when status is ACKNOWLEDGEMENT_STATUS_REJECTED/);
  assert.match(error.message, /acknowledgement\.reason: is required when status is ACKNOWLEDGEMENT_STATUS_REJECTED/);
  rejected('acknowledgement', { payload: { status: A.ACKNOWLEDGEMENT_STATUS_REJECTED, reasonCode: 'BAD_VIBES', reason: 'x' } },
    /acknowledgement\.reason_code: is not a reason code of the contract/);
});

test('an acknowledgement that does not name its message, or whose in_reply_to is missing, is rejected', () => {
  rejected('acknowledgement', { payload: { acknowledgedMessageId: '' } }, /acknowledgement\.acknowledged_message_id: must be a lower-case UUID/);
  rejected('acknowledgement', { envelope: { inReplyTo: '' } },
    /acknowledgement\.acknowledged_message_id: must also be given as the envelope's in_reply_to, which is empty/);
  rejected('acknowledgement', { envelope: { inReplyTo: IDS.request } }, /acknowledgement\.acknowledged_message_id: must equal the envelope's in_reply_to/);
});

test('a state may not send a DELIVERED receipt or acknowledge for another state', () => {
  rejected('acknowledgement', { payload: { status: A.ACKNOWLEDGEMENT_STATUS_DELIVERED } }, /acknowledgement\.status: ACKNOWLEDGEMENT_STATUS_DELIVERED is sent by the hub only/);
  rejected('acknowledgement', { payload: { acknowledgingState: 'THA' } }, /acknowledgement\.acknowledging_state: must be the sender \(KHM\) for READ and ACTIONED/);
});

test('an assistance response must name the request in payload and in_reply_to', () => {
  rejected('assistance-response', { envelope: { inReplyTo: '' } },
    /assistance_response\.request_message_id: must also be given as the envelope's in_reply_to/);
  rejected('assistance-response', { payload: { outcome: v1.AssistanceOutcome.ASSISTANCE_OUTCOME_DECLINED, summary: '' } },
    /assistance_response\.summary: must say why for ASSISTANCE_OUTCOME_DECLINED/);
});

test('a delayed answer needs its reason in the summary and a new time after its creation', () => {
  const DELAYED = v1.AssistanceOutcome.ASSISTANCE_OUTCOME_DELAYED;
  const error = rejected('assistance-response', { payload: { outcome: DELAYED, summary: '', expectedCompletionUnixMs: 0 } },
    /assistance_response\.summary: must say why for ASSISTANCE_OUTCOME_DELAYED/);
  assert.match(error.message, /assistance_response\.expected_completion_unix_ms: is required for ASSISTANCE_OUTCOME_DELAYED/);
  rejected('assistance-response', { payload: { outcome: DELAYED, summary: 'Team held up by floods.', expectedCompletionUnixMs: NOW - HOUR } },
    /assistance_response\.expected_completion_unix_ms: must be after the envelope's created_at_unix_ms/);
  const { envelope, decoded } = validMessage('assistance-response', { payload: { outcome: DELAYED, summary: 'Team held up by floods.', expectedCompletionUnixMs: NOW + HOUR } });
  assert.doesNotThrow(() => validatePayload(decoded, envelope, NOW));
});

test('an assistance request must ask a named recipient other than the sender', () => {
  rejected('assistance-request', { payload: { requestedState: 'VNM' } },
    /assistance_request\.requested_state: must be one of the envelope's named recipients/);
  rejected('assistance-request', { payload: { requestedState: 'IDN' } }, /assistance_request\.requested_state: must not be the sender itself/);
  rejected('assistance-request', { payload: { personsCount: 0 } }, /assistance_request\.persons_count: must be at least 1 for ASSISTANCE_KIND_RESCUE/);
});

test('a retraction must name a UUID and, when it corrects, the replacement', () => {
  rejected('retraction', { payload: { retractedMessageId: 'the alert of Monday' } }, /retraction\.retracted_message_id: must be a lower-case UUID/);
  rejected('retraction', { payload: { kind: v1.RetractionKind.RETRACTION_KIND_CORRECT } },
    /retraction\.replacement_message_id: is required for RETRACTION_KIND_CORRECT/);
  rejected('retraction', { payload: { replacementMessageId: IDS.replacement } },
    /retraction\.replacement_message_id: must be empty for RETRACTION_KIND_WITHDRAW/);
});

test('drill control travels only as exercise traffic of its own drill', () => {
  rejected('drill-control', { envelope: { exercise: false, drillId: '' } }, /drill_control: travels only as exercise traffic/);
  rejected('drill-control', { payload: { drillId: 'DRILL-2026-02' } }, /drill_control\.drill_id: must equal the envelope's drill_id/);
  rejected('drill-control', { payload: { action: v1.DrillControlAction.DRILL_CONTROL_ACTION_INJECT_FAULT, note: '' } },
    /drill_control\.note: must describe the fault for DRILL_CONTROL_ACTION_INJECT_FAULT/);
});

test('hit notices come from the hub only', () => {
  rejected('hit-notice', { envelope: { senderState: 'IDN', distribution: { mode: 1, states: ['KHM'] } } },
    /hit_notice: is sent by the hub only \(sender_state must be HUB\)/);
  rejected('hit-notice', { payload: { matchedIdentifiers: 0 } }, /hit_notice\.matched_identifiers: must be at least 1/);
});

test('a payload that is not the type the envelope names is rejected', () => {
  const { envelope } = validMessage('case-alert');
  const { decoded } = validMessage('retraction');
  assert.throws(() => validatePayload(decoded, envelope, NOW), (error: unknown) =>
    error instanceof RejectionError && error.code === 'INVALID_PAYLOAD'
    && /retraction: is a retraction but the envelope's payload_type names case-alert/.test(error.message));
});
