import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { formatCaseLinks, linksCommand, shortHitId } from '../../services/cli/commands/links.ts';
import type { CaseLinks } from '../../services/node/mod.ts';

const OUR_ALERT = '0a000000-0000-4000-8000-000000000001';
const LINKS: CaseLinks = {
  caseReference: 'IDN-2026-000300',
  messages: [
    { messageId: OUR_ALERT, payloadName: 'case-alert', createdAtUnixMs: 1_000 },
    { messageId: '0a000000-0000-4000-8000-000000000002', payloadName: 'hit-query', createdAtUnixMs: 2_000 },
  ],
  counterparts: [
    { hitId: 'hit-3f2a9c1e7b4d6a80', counterpartState: 'THA', via: 'report', ourMessageId: OUR_ALERT, identifierKind: 'phone', matchedIdentifiers: 1, atUnixMs: 3_000, exercise: false,
      followUps: [{ messageId: '0d000000-0000-4000-8000-000000000001', direction: 'received', atUnixMs: 4_000 }] },
    { hitId: 'hit-77aa01bb02cc03dd', counterpartState: 'VNM', via: 'query-by-them', ourMessageId: OUR_ALERT, identifierKind: 'phone', matchedIdentifiers: 1, atUnixMs: 5_000, exercise: false, followUps: [] },
    { hitId: 'q1', counterpartState: 'PHL', via: 'query-by-us', ourMessageId: OUR_ALERT, identifierKind: 'passport', matchedIdentifiers: 2, atUnixMs: 6_000, exercise: true,
      followUps: [{ messageId: 'a', direction: 'sent', atUnixMs: 7_000 }, { messageId: 'b', direction: 'sent', atUnixMs: 8_000 }] },
  ],
  linkedCases: [{ caseReference: 'IDN-2026-000400', sharedIdentifiers: 1, identifierKinds: ['phone'] }, { caseReference: 'IDN-2026-000200', sharedIdentifiers: 2, identifierKinds: ['passport', 'phone'] }],
};

test('tipnet links prints the case, one line per counterpart hit saying how it matched, and the linked own cases', () => {
  assert.equal(formatCaseLinks(LINKS), [
    'IDN-2026-000300  2 own messages',
    'THA  hit 3f2a9c1e…  their report matched our phone (1 identifier)  follow-ups: 1 received',
    'VNM  hit 77aa01bb…  their query matched our phone',
    'PHL  hit q1  our query matched their passport (2 identifiers)  follow-ups: 2 sent  (exercise)',
    'linked own cases: IDN-2026-000400 (1 shared identifier: phone); IDN-2026-000200 (2 shared identifiers: passport, phone)',
  ].join('\n'));
});

test('a case without hits or linked cases says so', () => {
  assert.equal(formatCaseLinks({ ...LINKS, messages: LINKS.messages.slice(0, 1), counterparts: [], linkedCases: [] }),
    "IDN-2026-000300  1 own message\nno hits reported on this case's messages yet\nlinked own cases: none");
});

test('a counterpart state or hit id with terminal escapes is printed harmless', () => {
  const text = formatCaseLinks({ ...LINKS, counterparts: [{ ...LINKS.counterparts[1]!, counterpartState: 'VN\u001b[2JM', hitId: 'hit-\u202eab' }], linkedCases: [] });
  assert.doesNotMatch(text, /[\u001b\u202e]/);
  assert.equal(shortHitId('hit-3f2a9c1e7b4d6a80'), '3f2a9c1e…');
});

async function capture(t: TestContext, run: () => Promise<number>): Promise<{ code: number; errors: string }> {
  const errors: string[] = [];
  t.mock.method(console, 'error', (...args: unknown[]) => { errors.push(args.join(' ')); });
  t.mock.method(console, 'log', () => undefined);
  const code = await run();
  t.mock.restoreAll();
  return { code, errors: errors.join('\n') };
}

test('without a case reference tipnet links exits 2 with its usage; an unknown case exits 1 with the node\'s message', async (t) => {
  const missing = await capture(t, () => linksCommand.run({ values: {}, positionals: [] }));
  assert.equal(missing.code, 2);
  assert.match(missing.errors, /usage: tipnet links <case-ref>/);

  const server = createServer((_request, response) => {
    response.writeHead(404, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ error: 'UNKNOWN_CASE', message: 'this node sent no message in case IDN-2026-000999, so it has no links' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.env.TIPNET_TOKEN = 'tipnet_test_secret';
  t.after(() => { delete process.env.TIPNET_TOKEN; });
  const unknown = await capture(t, () => linksCommand.run({ values: { node: `http://127.0.0.1:${port}` }, positionals: ['IDN-2026-000999'] }));
  assert.equal(unknown.code, 1);
  assert.match(unknown.errors, /tipnet links: UNKNOWN_CASE: this node sent no message in case IDN-2026-000999/);
});
