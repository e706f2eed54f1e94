import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { EMPTY_FEED_FILTER, type FeedItem, type OfficerFeed } from '../../services/node/mod.ts';
import { startHubFixture, waitFor } from '../support/hub-fixture.ts';
import { postJson, startTestNode, TEST_PASSWORD } from '../support/node-fixture.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const examplePath = fileURLToPath(new URL('../../examples/rescue-request.json', import.meta.url));
const example = JSON.parse(readFileSync(examplePath, 'utf8')) as Record<string, unknown>;
const run = promisify(execFile);

async function take(feed: OfficerFeed, count: number): Promise<FeedItem[]> {
  const items: FeedItem[] = [];
  const iterator = feed[Symbol.asyncIterator]();
  while (items.length < count) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`only ${items.length} of ${count} feed items`)), 15_000)));
    const next = await Promise.race([iterator.next(), timeout]).finally(() => clearTimeout(timer));
    if (next.done) break;
    items.push(next.value);
  }
  return items;
}

describe('liaison-officer feeds', () => {
  test('durable feeds by officer, the terminal feed, send and status', async (t) => {
    const fixture = await startHubFixture(t, { states: ['IDN', 'KHM'], hubNodes: 1 });
    const idn = await startTestNode(t, fixture, 'IDN');
    const khm = await startTestNode(t, fixture, 'KHM');
    const filter = { ...EMPTY_FEED_FILTER, states: ['KHM'], roles: ['destination' as const], kinds: ['rescue-request'], priorities: ['immediate'] };
    const send = async (caseNumber: string, overrides: Record<string, unknown> = {}) =>
      (await postJson(`${idn.url}/api/messages`, { ...example, caseReference: `IDN-2026-${caseNumber}`, ...overrides })).body.messageId as string;

    await t.test('an officer who was away sees what arrived meanwhile, in order, filtered, and nothing twice', async () => {
      const first = await khm.node.feed('khm-liaison-1', filter);
      const a = await send('000401');
      assert.deepEqual((await take(first, 1)).map((item) => [item.event, item.summary.messageId]), [['delivery', a]]);
      await first.close();

      const b = await send('000402');
      const routine = await send('000403', { priority: 'routine' });
      const c = await send('000404');
      await waitFor(() => [b, routine, c].every((id) => khm.node.receivedMessage(id) !== undefined), 'KHM receiving all three');

      const again = await khm.node.feed('khm-liaison-1', filter);
      const items = await take(again, 2);
      assert.deepEqual(items.map((item) => item.summary.caseReference), ['IDN-2026-000402', 'IDN-2026-000404']);
      await again.close();
      // Another officer's feed is their own: it starts from the beginning of the inbox.
      const other = await khm.node.feed('khm-liaison-2', filter);
      assert.deepEqual((await take(other, 3)).map((item) => item.summary.messageId), [a, b, c]);
      await other.close();
    });

    await t.test('`tipnet send` and `tipnet status` go through the HTTP API; `tipnet feed` prints one line per item', async () => {
      await khm.signInAs('terminal-1', 'officer');
      const feed = spawn(process.execPath, [
        'bin/tipnet.js', 'feed', '--node', khm.url, '--state', 'KHM', '--role', 'destination', '--kind', 'rescue-request', '--officer', 'terminal-1',
      ], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, TIPNET_PASSWORD: TEST_PASSWORD } });
      t.after(() => { if (feed.exitCode === null) feed.kill('SIGKILL'); });
      let output = '';
      feed.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      await waitFor(() => output.includes('following'), 'the feed to start', 15_000);

      const asIdn = { cwd: root, env: { ...process.env, TIPNET_TOKEN: idn.token } };
      const unauthenticated = await run(process.execPath, ['bin/tipnet.js', 'send', '--node', idn.url, '--file', examplePath], { cwd: root, env: { ...process.env, TIPNET_TOKEN: '' } }).catch((error: { code: number; stderr: string }) => error);
      assert.match((unauthenticated as { stderr: string }).stderr, /NO_TOKEN/);
      const sent = await run(process.execPath, ['bin/tipnet.js', 'send', '--node', idn.url, '--file', examplePath, '--idempotency-key', 'cli-1'], asIdn);
      const messageId = /sent ([0-9a-f-]{36})/.exec(sent.stdout)?.[1];
      assert.ok(messageId, sent.stdout);
      const resent = await run(process.execPath, ['bin/tipnet.js', 'send', '--node', idn.url, '--file', examplePath, '--idempotency-key', 'cli-1'], asIdn);
      assert.match(resent.stdout, new RegExp(`already sent as ${messageId}`));

      await waitFor(() => output.includes(messageId), 'the feed line for the alert', 20_000);
      const line = output.split('\n').find((text) => text.includes(messageId)) ?? '';
      assert.match(line, /DELIVERY\s+IMMEDIATE TLP:AMBER rescue-request from IDN IDN-2026-000123 IDN\(o\)>THA\(t\)>KHM\(d\) 2 keyed ids /);
      // The officer's durable feed began with what arrived before it was first opened, in order.
      assert.deepEqual(output.match(/IDN-2026-0004\d\d/g), ['IDN-2026-000401', 'IDN-2026-000402', 'IDN-2026-000403', 'IDN-2026-000404']);
      assert.ok(!output.includes('9876543'));

      await waitFor(() => idn.node.status(messageId)?.recipients.length === 1, 'the DELIVERED receipt');
      const status = await run(process.execPath, ['bin/tipnet.js', 'status', messageId, '--node', idn.url], asIdn);
      assert.match(status.stdout, /KHM\s+delivered\s+delivered \d{4}-/);
      feed.kill('SIGINT');
    });

    await t.test('bad input to `tipnet send` lists each problem and exits 2', async () => {
      const failed = await run(process.execPath, ['bin/tipnet.js', 'send', '--node', idn.url, '--file', fileURLToPath(new URL('../../package.json', import.meta.url))], { cwd: root, env: { ...process.env, TIPNET_TOKEN: idn.token } }).catch((error: { code: number; stderr: string }) => error);
      assert.equal((failed as { code: number }).code, 2);
      assert.match((failed as { stderr: string }).stderr, /INVALID_INPUT[\s\S]*- type: /);
    });
  });
});
