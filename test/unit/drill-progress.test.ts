import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDuration, parseDuration } from '../../services/drill/duration.ts';
import { formatProgress, progressLine, PROGRESS_COLUMNS, type ProgressCounts, type ProgressInput } from '../../services/drill/drill-progress.ts';
import type { PlannedMessage } from '../../services/drill/mod.ts';

describe('durations for people', () => {
  test('each size is shown with its own precision', () => {
    assert.deepEqual([0, 850, 4_200, 42_000, 185_000, 5_400_000, 7_200_000].map(formatDuration), ['0ms', '850ms', '4.2s', '42s', '3m5s', '1h30m', '2h']);
  });

  test('a value just under a unit boundary rounds up whole, never to "60" of the smaller unit', () => {
    assert.equal(formatDuration(119.9 * 60_000), '2h');
    assert.equal(formatDuration(59.995 * 60_000), '1h');
    assert.equal(formatDuration(3_599_600), '1h');
    assert.equal(formatDuration(59_600), '1m');
    assert.equal(formatDuration(119_700), '2m');
    assert.equal(formatDuration(9_960), '10s');
    assert.equal(formatDuration(999.6), '1.0s');
    assert.equal(formatDuration(89.5 * 60_000), '1h30m');
  });

  test('no output ever carries 60 minutes or 60 seconds', () => {
    for (let ms = 0; ms < 3 * 3_600_000; ms += 1_237) assert.doesNotMatch(formatDuration(ms), /(^|[hm])60[ms]/, `${ms} ms`);
  });

  test('what it writes reads back as the same duration, to its precision', () => {
    for (const ms of [4_200, 185_000, 5_400_000, 7_200_000]) assert.equal(parseDuration(formatDuration(ms)), ms);
  });
});

const counts: ProgressCounts = {
  elapsed: 0.45, phase: 'traffic', drillMs: 54 * 60_000, sent: 1_302, planned: 1_378, delivered: 2_580, expected: 2_725, escalated: 13, activeFaults: [],
};

describe('the progress line', () => {
  test('shows the phase, drill time, sent, delivered and escalations', () => {
    assert.equal(formatProgress(counts), '45% T+54m | sent 1302/1378 | delivered 2580/2725 | escalated 13');
  });

  test(`fits in ${PROGRESS_COLUMNS} columns however long the active faults' names are`, () => {
    const faults = ['leaf-offline KHM', 'hub-node-stop hub node 2', 'spoofed IDN as KHM', 'x'.repeat(200)];
    const line = formatProgress({ ...counts, activeFaults: faults });
    assert.ok([...line].length <= PROGRESS_COLUMNS, `${[...line].length} columns: ${line}`);
    assert.match(line, /escalated 13 \| leaf-offline /, 'the first active fault is named as far as it fits');
    assert.match(line, /…$/, 'a cut is marked');
    assert.equal(formatProgress({ ...counts, sent: 302, planned: 378, delivered: 580, expected: 725, activeFaults: ['leaf-offline KHM', 'router-kill hub services'] }),
      '45% T+54m | sent 302/378 | delivered 580/725 | escalated 13 | leaf-offline KHM,…');
  });

  test('says it is draining once the traffic has ended, instead of sitting at 100%', () => {
    const line = formatProgress({ ...counts, elapsed: 1, phase: 'draining', drillMs: 121 * 60_000 });
    assert.match(line, /^draining T\+2h1m \| /);
    assert.doesNotMatch(line, /100%/);
  });

  test('counts come from the records as the report counts them: expected deliveries that arrived, faults still running', () => {
    const message = { messageId: 'm1', expectedRecipients: ['KHM', 'THA'] } as unknown as PlannedMessage;
    const input: ProgressInput = {
      speed: 100, planned: 10, startedAtWallMs: 0, trafficEndsAtWallMs: 10_000,
      sent: [{ planned: message, submittedAtWallMs: 100 }],
      // A second copy at KHM and a copy at a state that was not to receive it count for nothing more.
      observations: () => ['KHM', 'KHM', 'BRN'].map((state, i) => ({ state, messageId: 'm1', sender: 'IDN', payloadName: 'case-alert', exercise: true, atWallMs: 200, streamSequence: i, verified: true })),
      faults: [{ kind: 'leaf-offline', target: 'KHM', atDrillMs: 0, startWallMs: 1_000, endWallMs: 6_000, happened: '' }],
      escalations: [],
    };
    assert.equal(progressLine(input, 5_000), '50% T+8m20s | sent 1/10 | delivered 1/2 | escalated 0 | leaf-offline KHM');
    assert.match(progressLine(input, 12_000), /^draining T\+20m \| sent 1\/10 \| delivered 1\/2 \| escalated 0$/);
    assert.match(progressLine(input, 13_000, true), /^done T\+21m40s \| /);
  });

  test('escalations are counted as the report counts them: assistance requests, each once', () => {
    const request = { messageId: 'r1', type: 'assistance-request', expectedRecipients: ['KHM'] } as unknown as PlannedMessage;
    const rescue = { messageId: 'c1', type: 'case-alert', expectedRecipients: ['KHM'] } as unknown as PlannedMessage;
    const input: ProgressInput = {
      speed: 100, planned: 2, startedAtWallMs: 0, trafficEndsAtWallMs: 10_000,
      sent: [{ planned: request, submittedAtWallMs: 0 }, { planned: rescue, submittedAtWallMs: 0 }], observations: () => [], faults: [],
      escalations: [{ state: 'IDN', requestMessageId: 'r1', atWallMs: 1 }, { state: 'IDN', requestMessageId: 'r1', atWallMs: 2 }, { state: 'IDN', requestMessageId: 'c1', atWallMs: 3 }],
    };
    assert.match(progressLine(input, 5_000), /\| escalated 1$/);
  });
});
