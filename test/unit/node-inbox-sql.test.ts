// The inbox query as SQL text and parameters, checked without a database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ftsMatch, inboxSql } from '../../services/node/store/inbox-sql.ts';
import { parseInboxQuery } from '../../services/node/workbench/inbox-query.ts';

const sqlOf = (text: string, officer?: string) => inboxSql(parseInboxQuery(new URLSearchParams(text)), { officer, nowMs: 1_000 });

test('the default page is received messages, acknowledgements left out, newest first, 50 a page', () => {
  const { page, count } = sqlOf('');
  assert.match(page.sql, /m\.payload_name <> 'acknowledgement' AND m\.direction = \?/);
  assert.match(page.sql, /ORDER BY m\.at_ms DESC, m\.id DESC LIMIT \? OFFSET \?$/);
  assert.deepEqual(page.params, ['received', 50, 0]);
  assert.deepEqual(count.params, ['received']);
  assert.doesNotMatch(count.sql, /LIMIT/);
});

test('values are bound parameters, never part of the text', () => {
  const { page } = sqlOf("box=all&kinds=rescue-request&priorities=immediate,urgent&states=KHM&roles=destination&nationalities=MMR&caseReference=IDN-2026-000123&q=o'brien casino&page=3&pageSize=20");
  assert.ok(!page.sql.includes('KHM') && !page.sql.includes('MMR') && !page.sql.includes('casino') && !page.sql.includes('IDN-2026'));
  assert.ok(page.params.includes('"o"* AND "brien"* AND "casino"*'));
  assert.deepEqual(page.params.slice(-2), [20, 40]);
  assert.match(page.sql, /EXISTS \(SELECT 1 FROM message_states s WHERE s\.message = m\.id AND s\.state IN \(\?\) AND s\.role IN \(\?\)\)/);
  assert.match(page.sql, /message_text MATCH \?/);
});

test('state without roles means any role; overdue compares the stored deadline with the clock; sort by deadline puts open deadlines first', () => {
  const { page } = sqlOf('states=KHM&overdue=true&sort=deadline&order=asc');
  assert.ok(page.params.includes('sender') && page.params.includes('transit'));
  assert.match(page.sql, /m\.deadline_open = 1 AND m\.deadline_at <= \?/);
  assert.ok(page.params.includes(1_000));
  assert.match(page.sql, /ORDER BY m\.deadline_open DESC, m\.deadline_at ASC/);
});

test('unread is judged for the signed-in officer only', () => {
  const officer = sqlOf('unread=true', 'sokha');
  assert.equal(officer.page.params[0], 'sokha');
  assert.match(officer.page.sql, /NOT EXISTS \(SELECT 1 FROM opened o WHERE o\.officer = \? AND o\.message_id = m\.message_id\)/);
  const system = sqlOf('unread=true');
  assert.match(system.page.sql, /AND 0 = 1/);
});

test('free text becomes quoted prefix words, all required; text without a word matches nothing', () => {
  assert.equal(ftsMatch('Sihanoukville  casino'), '"Sihanoukville"* AND "casino"*');
  assert.equal(ftsMatch('"NEAR(a b)" OR *'), '"NEAR"* AND "a"* AND "b"* AND "OR"*');
  assert.equal(ftsMatch('"*()'), undefined);
  assert.match(sqlOf('q=%22*').page.sql, /AND 0 ORDER BY/);
});
