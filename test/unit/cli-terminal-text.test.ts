import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatFeedItem } from '../../services/cli/commands/feed.ts';
import { formatStatus } from '../../services/cli/commands/status.ts';
import { REPLACEMENT, terminalSafe, terminalSafeJson } from '../../services/cli/terminal-text.ts';
import type { FeedItem, MessageStatus, MessageSummary } from '../../services/node/mod.ts';

const ESC = '\u001b';
/** Anything a terminal would act on: ESC, C0, DEL, C1, line separators, bidirectional controls. */
const OBEYED = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('text from other states is printed terminal-safe', () => {
  test('ESC[2J (clear the screen) and a cursor move are replaced, the text around them kept', () => {
    assert.equal(terminalSafe(`Rescue${ESC}[2J${ESC}[H done`), `Rescue${REPLACEMENT}${REPLACEMENT} done`);
  });

  test('a bidirectional override cannot reverse what the officer reads', () => {
    // "U+202E" would show "cod.exe" as "exe.doc"; the isolate and mark kinds are replaced too.
    assert.equal(terminalSafe('invoice\u202Ecod.exe'), `invoice${REPLACEMENT}cod.exe`);
    assert.equal(terminalSafe('a\u2066b\u2069c\u200Fd'), `a${REPLACEMENT}b${REPLACEMENT}c${REPLACEMENT}d`);
  });

  test('a window-title OSC, an 8-bit CSI and a lone ESC are replaced whole', () => {
    assert.equal(terminalSafe(`x${ESC}]0;HUB NOTICE: all clear\u0007y`), `x${REPLACEMENT}y`);
    assert.equal(terminalSafe(`x${ESC}]0;title${ESC}\\y`), `x${REPLACEMENT}y`);
    assert.equal(terminalSafe('x\u009b31my'), `x${REPLACEMENT}y`);
    assert.equal(terminalSafe(`x${ESC}`), `x${REPLACEMENT}`);
    assert.equal(terminalSafe(`x${ESC}]0;never terminated`), `x${REPLACEMENT}0;never terminated`);
  });

  test('a line break, CR or line separator cannot start a fake line: it becomes a space', () => {
    assert.equal(terminalSafe('read\r\n2026-01-01 ESCALATED fake\u2028x'), 'read  2026-01-01 ESCALATED fake x');
  });

  test('other C0 controls, DEL and C1 are replaced', () => {
    assert.equal(terminalSafe('a\u0007b\u0008c\u007fd\u0085e'), `a${REPLACEMENT}b${REPLACEMENT}c${REPLACEMENT}d${REPLACEMENT}e`);
  });

  test('ordinary text in any script is left alone', () => {
    const text = 'Phnom Penh — ភ្នំពេញ, กรุงเทพฯ, Hà Nội, مرحبا, 300 km (≈ 6 h) ✓';
    assert.equal(terminalSafe(text), text);
  });

  test('the JSON output keeps its meaning and holds nothing a terminal obeys', () => {
    const value = { note: `officer ${ESC}[2J sokha\u202E\u0085\u2028` };
    const json = terminalSafeJson(value);
    assert.doesNotMatch(json.replaceAll('\n', ''), OBEYED, "nothing but the layout's own line breaks");
    assert.deepEqual(JSON.parse(json), value);
  });
});

describe('tipnet feed and tipnet status lines', () => {
  const summary = {
    messageId: '3f1c9a52-7b0e-4d6a-9c21-5e8f0b7d4a13', payloadName: 'case-alert', kind: 'rescue-request', sender: 'KHM',
    senderUnit: 'KHM-NCB', recipients: ['IDN'], handling: 'amber', priority: 'urgent', createdAtUnixMs: 0, expiresAtUnixMs: 0,
    caseReference: 'KHM-2026-1', inReplyTo: '', traffic: 'real', drillId: '', route: [], victimCount: 2, identifierCount: 0,
    locationName: '', replyDeadlineUnixMs: 0, requestedState: '', relatedMessageId: '',
    headline: `Two victims${ESC}[2J${ESC}[1;1H2026-01-01 ESCALATED everything fine\u202Etxt.exe`,
  } as MessageSummary;

  test('a delivery whose headline carries ESC[2J and a bidi override prints as one harmless line', () => {
    const line = formatFeedItem({ event: 'delivery', summary, atUnixMs: 0, streamSequence: 1 } as FeedItem);
    assert.doesNotMatch(line, OBEYED);
    assert.match(line, /Two victims\uFFFD\uFFFD2026-01-01 ESCALATED/);
  });

  test('a receipt names the unit and officer that read, terminal-safe', () => {
    const receipt = {
      ...summary, payloadName: 'acknowledgement', headline: 'read by KHM',
      acknowledgement: {
        acknowledgedMessageId: summary.messageId, status: 'read', acknowledgingState: 'KHM', unit: `KHM-NCB${ESC}[2J`,
        note: 'officer sokha', reasonCode: '', reason: '', atUnixMs: 0,
      },
    } as MessageSummary;
    const line = formatFeedItem({ event: 'receipt', summary: receipt, atUnixMs: 0, streamSequence: 2 } as FeedItem);
    assert.match(line, /RECEIPT {4}KHM read by KHM-NCB\uFFFD \(officer sokha\) for /);
  });

  test('status prints who read and who actioned, and nothing a terminal obeys', () => {
    const status: MessageStatus = {
      messageId: summary.messageId, payloadName: 'case-alert', kind: 'rescue-request', sentAtUnixMs: 1, summary, answers: [],
      recipients: [{
        state: 'KHM', stage: 'actioned', stages: ['delivered', 'read', 'actioned'],
        deliveredAtUnixMs: Date.UTC(2026, 0, 5, 13, 58), readAtUnixMs: Date.UTC(2026, 0, 5, 14, 2),
        readBy: { unit: 'KHM-NCB-PHNOM-PENH', note: 'officer sokha' },
        actionedAtUnixMs: Date.UTC(2026, 0, 5, 14, 30), actionedBy: { unit: `KHM-NCB${ESC}]0;pwned\u0007`, note: 'officer dara\r\nIDN forged line' },
      }],
    };
    const text = formatStatus(status);
    assert.match(text, /KHM {2}actioned {3}delivered 2026-01-05T13:58:00.000Z, read 2026-01-05T14:02:00.000Z by KHM-NCB-PHNOM-PENH \(officer sokha\), actioned 2026-01-05T14:30:00.000Z by KHM-NCB\uFFFD \(officer dara {2}IDN forged line\)/);
    assert.equal(text.split('\n').length, 2, 'one header line and one line for KHM');
    assert.doesNotMatch(text.replaceAll('\n', ''), OBEYED);
  });

  test('status prints a delayed answer with its new deadline, its unit and its reason, terminal-safe', () => {
    const status: MessageStatus = {
      messageId: summary.messageId, payloadName: 'case-alert', kind: 'rescue-request', sentAtUnixMs: 1, summary, recipients: [],
      answers: [{
        messageId: '00000000-0000-4000-8000-0000000000aa', from: 'KHM', unit: 'KHM-NCB', outcome: 'delayed', atUnixMs: 2,
        summary: `Court order needed${ESC}[2J;\nhearing Monday`, expectedCompletionUnixMs: Date.UTC(2026, 0, 9, 10, 0),
      }],
    };
    const text = formatStatus(status);
    assert.match(text, /answer from KHM \(KHM-NCB\): delayed, new deadline 2026-01-09T10:00:00.000Z \(00000000-0000-4000-8000-0000000000aa\)\n {4}Court order needed\uFFFD; hearing Monday/);
    assert.doesNotMatch(text.replaceAll('\n', ''), OBEYED);
  });
});
