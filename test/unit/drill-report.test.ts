import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { StateCode } from '../../services/core/member-states.ts';
import { buildReport, percentiles, renderReportHtml, type DrillRecords, type Observation, type PlannedMessage, type SentRecord } from '../../services/drill/mod.ts';

const T0 = 1_800_000_000_000;

function planned(seq: number, recipients: StateCode[]): PlannedMessage {
  return {
    seq, messageId: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`, atMs: seq * 1_000, type: 'case-alert', from: 'IDN', origin: 'IDN',
    transit: 'THA', destination: 'KHM', alertKind: 'rescue-request', priority: 'immediate', handling: 'amber', distribution: 'route-roles',
    victims: 3, expectedRecipients: recipients,
  };
}

function seen(state: string, message: PlannedMessage, at: number, extra: Partial<Observation> = {}): Observation {
  return { state, messageId: message.messageId, sender: message.from, payloadName: 'case-alert', exercise: true, atWallMs: at, streamSequence: 1, verified: true, ...extra };
}

function records(sent: SentRecord[], observations: Observation[], extra: Partial<DrillRecords> = {}): DrillRecords {
  return {
    scenarioName: 'unit', drillId: 'unit-1', seed: 1, speed: 60, participants: ['IDN', 'THA', 'KHM'], hubStates: ['IDN', 'THA', 'KHM', 'BRN'],
    startedAtWallMs: T0, trafficEndsAtWallMs: T0 + 10_000, endedAtWallMs: T0 + 12_000, sent, observations, faults: [], escalations: [],
    deadLetters: [], errors: [], officers: {}, ...extra,
  };
}

describe('the drill report', () => {
  test('percentiles are nearest-rank over the sorted values', () => {
    assert.deepEqual(percentiles([5, 1, 4, 2, 3]), { count: 5, p50: 3, p95: 5, p99: 5, max: 5 });
    assert.deepEqual(percentiles([]), { count: 0, p50: 0, p95: 0, p99: 0, max: 0 });
  });

  test('a complete drill passes, with latency measured from submit to verified delivery', () => {
    const a = planned(1, ['KHM', 'THA']);
    const report = buildReport(records([{ planned: a, submittedAtWallMs: T0 + 100 }], [seen('KHM', a, T0 + 130), seen('THA', a, T0 + 150)]));
    assert.equal(report.passed, true, report.failures.join('; '));
    assert.deepEqual([report.expectedDeliveries, report.delivered, report.lost, report.duplicates], [2, 2, 0, 0]);
    assert.equal(report.latencyMs.max, 50);
    assert.match(renderReportHtml(report), /<svg class="chart" id="latency-chart"/);
  });

  test('a missing delivery is lost and fails the drill, naming the message and recipient', () => {
    const a = planned(1, ['KHM', 'THA']);
    const report = buildReport(records([{ planned: a, submittedAtWallMs: T0 }], [seen('KHM', a, T0 + 10)]));
    assert.equal(report.lost, 1);
    assert.equal(report.passed, false);
    assert.match(report.failures.join(), new RegExp(`${a.messageId} to THA`));
  });

  test('a copy seen twice by an application is a duplicate and fails the drill', () => {
    const a = planned(1, ['KHM']);
    const report = buildReport(records([{ planned: a, submittedAtWallMs: T0 }], [seen('KHM', a, T0 + 10), seen('KHM', a, T0 + 20, { streamSequence: 2 })]));
    assert.equal(report.duplicates, 1);
    assert.equal(report.passed, false);
  });

  test('exercise traffic at a state outside the drill, or an unverified delivery, fails the drill', () => {
    const a = planned(1, ['KHM']);
    const report = buildReport(records([{ planned: a, submittedAtWallMs: T0 }], [seen('KHM', a, T0 + 10), seen('BRN', a, T0 + 10, { verified: false })]));
    assert.equal(report.exerciseLeakage, 1);
    assert.equal(report.unverifiedDeliveries, 1);
    assert.equal(report.passed, false);
  });

  test('a spoofed inject that reached a recipient fails the drill even if a dead letter exists', () => {
    const a = planned(1, ['KHM']);
    const inject = { id: 'spoof-1', from: 'IDN' as StateCode, variant: 'claims-other-sender', expected: 'SENDER_MISMATCH' };
    const report = buildReport(records(
      [{ planned: a, submittedAtWallMs: T0 }],
      [seen('KHM', a, T0 + 10), { ...seen('KHM', a, T0 + 20), messageId: 'spoof-1' }],
      { faults: [{ kind: 'spoofed', target: 'IDN as KHM', atDrillMs: 0, startWallMs: T0, endWallMs: T0 + 5, happened: 'x', injects: [inject] }], deadLetters: [{ reason: 'SENDER_MISMATCH', messageId: 'spoof-1' }] },
    ));
    assert.equal(report.badInjects.leaked, 1);
    assert.equal(report.passed, false);
  });

  test('a leaf outage recovers only if what was sent to that state during it arrived', () => {
    const a = planned(1, ['KHM']);
    const b = planned(2, ['KHM']);
    const fault = { kind: 'leaf-offline', target: 'KHM', atDrillMs: 0, startWallMs: T0, endWallMs: T0 + 5_000, happened: 'KHM down' };
    const ok = buildReport(records([{ planned: a, submittedAtWallMs: T0 + 1_000 }, { planned: b, submittedAtWallMs: T0 + 6_000 }], [seen('KHM', a, T0 + 5_500), seen('KHM', b, T0 + 6_100)], { faults: [fault] }));
    assert.equal(ok.faults[0]?.recovered, true);
    const lostOne = buildReport(records([{ planned: a, submittedAtWallMs: T0 + 1_000 }, { planned: b, submittedAtWallMs: T0 + 6_000 }], [seen('KHM', b, T0 + 6_100)], { faults: [{ ...fault }] }));
    assert.equal(lostOne.faults[0]?.recovered, false);
  });
});
