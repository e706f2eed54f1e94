import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodePayload } from '../../services/core/codec.ts';
import { isRejection } from '../../services/core/errors.ts';
import type { OriginalMessage } from '../../services/core/reply-rules.ts';
import { directoryEntryFor, generateSigningKey, KeyDirectory } from '../../services/core/signing/mod.ts';
import { HubRuleRefusal } from '../../services/core/validation/mod.ts';
import { prepareSubmission, replyDeadlines, type SubmissionContext } from '../../services/node/mod.ts';
import { knownOriginal } from '../../services/node/known-original.ts';
import type { MessageIndex } from '../../services/router/message-index.ts';
import { replyRecipients } from '../../services/router/mod.ts';
import { TEST_MATCHING_KEY } from '../support/validation-fixtures.ts';

const KHM_KEY = generateSigningKey('KHM');
const ORIGINAL_ID = '3f9d2b64-1c7e-4a55-8b20-6d4e9c1a7f30';
const common = { senderUnit: 'KHM-NCB', distribution: { mode: 'named', states: ['IDN'] }, handling: 'amber', priority: 'urgent', caseReference: 'IDN-2026-000123' };
const answer = { ...common, type: 'assistance-response', payload: { requestMessageId: ORIGINAL_ID, outcome: 'accepted' } };
const retraction = { ...common, type: 'retraction', payload: { retractedMessageId: ORIGINAL_ID, kind: 'withdraw', reason: 'Not needed any more.' } };

function context(original?: OriginalMessage, directory = new KeyDirectory([directoryEntryFor(KHM_KEY)])): SubmissionContext {
  return {
    state: 'KHM', signingKey: KHM_KEY, matchingKey: TEST_MATCHING_KEY, deadlines: replyDeadlines(), nowMs: Date.now(), directory,
    ...(original ? { original: (id: string) => (id === original.messageId ? original : undefined) } : {}),
  };
}

function refusal(json: unknown, submission: SubmissionContext): HubRuleRefusal {
  try {
    prepareSubmission(json, submission);
  } catch (error) {
    if (error instanceof HubRuleRefusal) return error;
    throw error;
  }
  return assert.fail('the node would have sent it');
}

/** The router's words for the same reply, from an index holding the same original. */
async function routerWords(json: unknown, original: OriginalMessage): Promise<string> {
  const { envelope } = prepareSubmission(json, context());
  const index = { get: async () => ({ ...original, payloadName: 'case-alert', handling: 0, drillId: '' }) } as unknown as MessageIndex;
  try {
    await replyRecipients(envelope, decodePayload(envelope), index);
  } catch (error) {
    if (isRejection(error)) return error.message;
    throw error;
  }
  return assert.fail('the hub would accept it');
}

describe('a node refuses what the hub would, before sending, in the hub\'s words', () => {
  const weSentIt: OriginalMessage = { messageId: ORIGINAL_ID, sender: 'KHM', recipients: ['IDN'], exercise: false };
  const weReceivedIt: OriginalMessage = { messageId: ORIGINAL_ID, sender: 'IDN', recipients: ['KHM'], exercise: false };

  test('answering a message this state sent itself is NOT_A_RECIPIENT, naming payload.requestMessageId', async () => {
    const refused = refusal(answer, context(weSentIt));
    assert.deepEqual([refused.code, refused.field, refused.reason], ['NOT_A_RECIPIENT', 'payload.requestMessageId', await routerWords(answer, weSentIt)]);
  });

  test('retracting a message another state sent is RETRACTION_NOT_OWNER, naming payload.retractedMessageId', async () => {
    const refused = refusal(retraction, context(weReceivedIt));
    assert.deepEqual([refused.code, refused.field, refused.reason], ['RETRACTION_NOT_OWNER', 'payload.retractedMessageId', await routerWords(retraction, weReceivedIt)]);
  });

  test('an exercise answer to real traffic is TRAFFIC_CLASS_MISMATCH', () => {
    const drillAnswer = { ...answer, exercise: { drillId: 'DRILL-1' } };
    assert.equal(refusal(drillAnswer, context(weReceivedIt)).code, 'TRAFFIC_CLASS_MISMATCH');
  });

  test('an answer to a message this state received passes; one to a message it has no record of is left to the hub', () => {
    assert.doesNotThrow(() => prepareSubmission(answer, context(weReceivedIt)));
    assert.doesNotThrow(() => prepareSubmission(answer, context()));
  });

  test('a signing key the directory does not hold (or has revoked) is UNKNOWN_KEY, as the hub would say', () => {
    const refused = refusal(answer, context(weReceivedIt, new KeyDirectory([{ ...directoryEntryFor(KHM_KEY), revoked: true }])));
    assert.deepEqual([refused.code, refused.field], ['UNKNOWN_KEY', "(the node's signing key)"]);
    assert.match(refused.problems[0] ?? '', /^\(the node's signing key\): UNKNOWN_KEY: key_id "KHM-[0-9a-f]{16}" was revoked$/);
  });

  test('what the node knows of an original: received (it is a recipient) or sent (it is the sender)', () => {
    const summary = { messageId: ORIGINAL_ID, sender: 'IDN', recipients: [], traffic: 'exercise' } as never;
    assert.deepEqual(knownOriginal('KHM', undefined, { summary } as never), { messageId: ORIGINAL_ID, sender: 'IDN', recipients: ['KHM'], exercise: true });
    const sent = { summary: { messageId: ORIGINAL_ID, recipients: ['IDN'], traffic: 'real' }, recipients: { THA: { state: 'THA' } } } as never;
    assert.deepEqual(knownOriginal('KHM', sent, undefined), { messageId: ORIGINAL_ID, sender: 'KHM', recipients: ['IDN', 'THA'], exercise: false });
    assert.equal(knownOriginal('KHM', undefined, undefined), undefined);
  });
});
