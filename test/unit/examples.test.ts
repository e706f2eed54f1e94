import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { parseSubmissionInput, toEnvelopeFields } from '../../services/core/validation/mod.ts';
import { TEST_MATCHING_KEY } from '../support/validation-fixtures.ts';

const folder = new URL('../../examples/', import.meta.url);
/** Before every time the examples name, so their deadlines and expected completions lie ahead. */
const WRITTEN_AT = Date.parse('2026-12-01T00:00:00Z');

/** Every example, who sends it and what it shows; a new file must be added here, so none goes untested. */
const EXAMPLES: Readonly<Record<string, { sender: string; type: string; shows: string }>> = {
  'rescue-request.json': { sender: 'IDN', type: 'case-alert', shows: 'a rescue request by route role (the node fills the reply deadline)' },
  'missing-person.json': { sender: 'IDN', type: 'case-alert', shows: 'a missing-person alert, broadcast' },
  'compound-location.json': { sender: 'IDN', type: 'case-alert', shows: 'a compound location, AMBER+STRICT to named states' },
  'intelligence-report.json': { sender: 'IDN', type: 'intelligence-report', shows: 'indicators (keyed and clear) and an Admiralty grade' },
  'assistance-request.json': { sender: 'IDN', type: 'assistance-request', shows: 'a repatriation request' },
  'assistance-request-hit-detail.json': { sender: 'IDN', type: 'assistance-request', shows: 'request the detail behind a hit (relatedMessageId = the hit notice)' },
  'assistance-response.json': { sender: 'KHM', type: 'assistance-response', shows: 'a completed answer' },
  'assistance-response-delayed.json': { sender: 'KHM', type: 'assistance-response', shows: 'delayed, with reason and a new time' },
  'acknowledgement.json': { sender: 'KHM', type: 'acknowledgement', shows: 'ACTIONED, naming the officer by reference' },
  'retraction-withdraw.json': { sender: 'IDN', type: 'retraction', shows: 'withdraw' },
  'retraction-correct.json': { sender: 'IDN', type: 'retraction', shows: 'correct, naming the replacement' },
  'drill-control-start.json': { sender: 'IDN', type: 'drill-control', shows: 'a drill start (exercise traffic)' },
  'hit-query.json': { sender: 'VNM', type: 'hit-query', shows: 'a hit/no-hit query across the region (a national phone number with its country)' },
  'assistance-request-hit-follow-up.json': { sender: 'THA', type: 'assistance-request', shows: "a hit's follow-up, to its counterpart alone" },
};

describe('examples/ holds a valid file for every message type a state sends', () => {
  test('every file in examples/ is listed here, and every listed file exists', () => {
    assert.deepEqual(readdirSync(folder).filter((name) => name.endsWith('.json')).sort(), Object.keys(EXAMPLES).sort());
  });

  test('every submission type has an example', () => {
    const types = new Set(Object.values(EXAMPLES).map((example) => example.type));
    assert.deepEqual([...types].sort(), ['acknowledgement', 'assistance-request', 'assistance-response', 'case-alert', 'drill-control', 'hit-query', 'intelligence-report', 'retraction']);
  });

  for (const [file, { sender, type, shows }] of Object.entries(EXAMPLES)) {
    test(`${file} (${shows}) passes the submission schema and the contract rules`, () => {
      const json: unknown = JSON.parse(readFileSync(new URL(file, folder), 'utf8'));
      const input = parseSubmissionInput(json);
      assert.equal(input.type, type);
      // The reply deadline a node fills in for requests that need one, as the node does.
      const withDeadline = input.type === 'assistance-request' || (input.type === 'case-alert' && input.payload.kind === 'rescue-request')
        ? { ...input, payload: { ...input.payload, replyDeadline: input.payload.replyDeadline ?? new Date(WRITTEN_AT + 8 * 3_600_000).toISOString() } }
        : input;
      const { payloadName } = toEnvelopeFields(withDeadline as typeof input, { sender, nowMs: WRITTEN_AT, matchingKey: TEST_MATCHING_KEY });
      assert.equal(payloadName, type);
    });
  }

  test('the hit-detail request is an information request linked to the hit notice', () => {
    const input = parseSubmissionInput(JSON.parse(readFileSync(new URL('assistance-request-hit-detail.json', folder), 'utf8')));
    assert.ok(input.type === 'assistance-request' && input.payload.kind === 'information' && input.payload.relatedMessageId);
  });
});
