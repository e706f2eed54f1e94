import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { ConfigurationError } from '../../services/core/errors.ts';
import { decodePayload } from '../../services/core/codec.ts';
import { tip } from '../../services/core/proto.ts';
import { envelopeProblems, parseSubmissionInput, payloadProblems, toEnvelopeFields } from '../../services/core/validation/mod.ts';
import { applyOverrides, DEFAULT_SCENARIO, loadScenario, parseDuration, parseScenario, planTraffic, submissionFor } from '../../services/drill/mod.ts';

const scenario = loadScenario(DEFAULT_SCENARIO);
const group = ['IDN', 'MYS', 'PHL', 'SGP', 'THA', 'KHM'] as const;
const planOf = (s = scenario) => planTraffic(s, { wallDurationMs: s.duration / s.speed, ratePerSecond: s.traffic.ratePerMinute / 60, groupMembers: group });

describe('drill scenarios', () => {
  test('the default scenario is valid and has every kind of fault the issue names', () => {
    assert.equal(scenario.name, 'scam-compound-response');
    assert.deepEqual(
      [...new Set(scenario.faults.map((fault) => fault.kind))].sort(),
      ['hub-node-stop', 'leaf-offline', 'malformed', 'router-kill', 'slow-consumer', 'spoofed'],
    );
  });

  test('durations read as people write them', () => {
    assert.equal(parseDuration('90s'), 90_000);
    assert.equal(parseDuration('1h30m'), 5_400_000);
    assert.equal(parseDuration('10 minutes'), undefined);
  });

  test('a bad scenario is refused with every problem and its path', () => {
    const bad = {
      name: 'Bad Name', description: 'x', duration: 'soon',
      participants: { IDN: { roles: ['origin'] }, XYZ: { roles: ['destination'] } },
      traffic: { ratePerMinute: 10, mix: { 'case-alert': 1 }, origins: { IDN: 1 }, destinations: { KHM: 1 }, transits: {} },
      faults: [{ kind: 'leaf-offline', at: '1m', state: 'KHM', for: '1m' }],
    };
    assert.throws(() => parseScenario(bad), (error: unknown) => {
      assert.ok(error instanceof ConfigurationError);
      const text = error.problems.join('\n');
      assert.match(text, /name: must be a lower-case slug/);
      assert.match(text, /duration: must be a duration such as "90s"/);
      assert.match(text, /participants\.XYZ: is not a state code/);
      return true;
    });
  });

  test('command-line options that make no sense are refused, naming the option', () => {
    assert.throws(() => applyOverrides(scenario, { states: ['IDN', 'BRN'], rate: -1 }), (error: unknown) => {
      assert.ok(error instanceof ConfigurationError);
      assert.match(error.problems.join('\n'), /--rate: must be a positive number/);
      assert.match(error.problems.join('\n'), /--states: BRN not among the scenario's participants/);
      return true;
    });
  });

  test('narrowing the states keeps only their traffic, injects and faults', () => {
    const narrowed = applyOverrides(scenario, { states: ['IDN', 'KHM', 'THA'] });
    assert.deepEqual(Object.keys(narrowed.participants).sort(), ['IDN', 'KHM', 'THA']);
    assert.ok(narrowed.faults.every((fault) => !('state' in fault) || ['IDN', 'KHM', 'THA'].includes(fault.state)));
    for (const message of planOf(narrowed)) assert.ok(['IDN', 'KHM', 'THA'].includes(message.from));
  });
});

describe('drill traffic', () => {
  test('the same seed gives the same traffic, another seed other traffic', () => {
    const first = planOf();
    const again = planOf();
    assert.deepEqual(again, first);
    const other = planOf({ ...scenario, seed: scenario.seed + 1 });
    assert.notDeepEqual(other.map((m) => m.messageId), first.map((m) => m.messageId));
  });

  test('destinations follow the 2023 caseload: Cambodia receives the most, the Emirates the least', () => {
    const plan = planTraffic({ ...scenario, traffic: { ...scenario.traffic, ratePerMinute: 6_000 } }, { wallDurationMs: 60_000, ratePerSecond: 100, groupMembers: group });
    const share = (state: string) => plan.filter((m) => m.destination === state).length / plan.length;
    assert.ok(share('KHM') > 0.4 && share('KHM') < 0.6, `KHM share ${share('KHM')}`);
    assert.ok(share('KHM') > share('PHL') && share('PHL') > share('MMR') && share('MMR') > share('ARE'));
  });

  test('expected recipients never include the sender or a state outside the drill', () => {
    const participants = Object.keys(scenario.participants);
    for (const message of planOf()) {
      assert.ok(!message.expectedRecipients.includes(message.from));
      assert.ok(message.expectedRecipients.every((state) => participants.includes(state)));
      if (message.distribution === 'sharing-group') assert.ok(!message.expectedRecipients.includes('SGP' as never));
    }
  });

  test('every planned message becomes a submission the node accepts and the hub\'s rules pass', () => {
    const plan = planOf();
    const matchingKey = { id: 'test', secret: randomBytes(32) };
    const now = Date.now();
    for (const message of plan) {
      const json = submissionFor(message, { drillId: 'drill-test', replyDeadlineUnixMs: now + 60_000, messageIdOf: (seq) => plan.find((m) => m.seq === seq)?.messageId ?? '' });
      const { fields } = toEnvelopeFields(parseSubmissionInput(json), { sender: message.from, nowMs: now, matchingKey });
      const envelope = tip.Envelope.create({ ...fields, keyId: 'key', signature: new Uint8Array(64) });
      assert.deepEqual([...envelopeProblems(envelope, now), ...payloadProblems(decodePayload(envelope), envelope, now)], [], `${message.type} ${message.seq}`);
      assert.equal(envelope.exercise, true);
      // The fake passport and phone numbers never reach the envelope in clear.
      assert.ok(!Buffer.from(tip.Envelope.encode(envelope).finish()).toString('latin1').includes('+6281'));
    }
  });
});
