// `tipnet keys` run on a folder that already holds keys: it keeps every private key unless forced,
// and merges into directory.json instead of replacing it. The command runs for real on a temporary folder.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keysCommand } from '../../services/cli/commands/keys.ts';
import { mergeDirectory } from '../../services/cli/key-directory-merge.ts';
import type { DirectoryEntry } from '../../services/core/mod.ts';

function folder(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'tipnet-keys-test-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function keys(out: string, states: string, force = false): Promise<number> {
  const log = console.log;
  console.log = () => undefined;
  try {
    return await keysCommand.run({ values: { out, states, ...(force ? { force: true } : {}) }, positionals: [] });
  } finally {
    console.log = log;
  }
}

const directory = (out: string) => (JSON.parse(readFileSync(join(out, 'directory.json'), 'utf8')) as { keys: DirectoryEntry[] }).keys;
const keyFile = (out: string, state: string) => readFileSync(join(out, `${state}.signing-key.json`), 'utf8');

test('run twice, it keeps the first private key and the whole directory, adding only the new state', async (t) => {
  const out = folder(t);
  assert.equal(await keys(out, 'IDN,KHM'), 0);
  const idnKey = keyFile(out, 'IDN');
  const first = directory(out);
  assert.equal(await keys(out, 'IDN,THA'), 0);
  assert.equal(keyFile(out, 'IDN'), idnKey, "IDN's private key is untouched");
  assert.equal(statSync(join(out, 'IDN.signing-key.json')).mode & 0o777, 0o600);
  const second = directory(out);
  assert.deepEqual(second.map((entry) => entry.owner), ['IDN', 'KHM', 'THA']);
  for (const entry of first) assert.ok(second.some((kept) => kept.keyId === entry.keyId && kept.publicKey === entry.publicKey), `${entry.owner}'s entry is kept`);
});

test('with --force a state gets a new key; its old entry stays, retired from now, so what it signed still verifies', async (t) => {
  const out = folder(t);
  await keys(out, 'IDN');
  const [old] = directory(out);
  const before = Date.now();
  assert.equal(await keys(out, 'IDN', true), 0);
  const entries = directory(out);
  assert.equal(entries.length, 2);
  const retired = entries.find((entry) => entry.keyId === old?.keyId);
  assert.ok(retired && retired.notAfterUnixMs >= before && !retired.revoked, 'the old key is retired, not deleted or revoked');
  assert.equal(entries.find((entry) => entry.keyId !== old?.keyId)?.notAfterUnixMs, 0);
});

test('a kept key whose entry the directory lost is put back; nothing is duplicated', () => {
  const entry = (keyId: string, owner: string, notBeforeUnixMs = 1): DirectoryEntry => ({ keyId, owner, publicKey: 'x', notBeforeUnixMs, notAfterUnixMs: 0, revoked: false });
  const merged = mergeDirectory([entry('k1', 'KHM'), entry('k2', 'IDN')], [entry('k2', 'IDN'), entry('k3', 'THA')], new Set(), 10);
  assert.deepEqual(merged.map((e) => e.keyId), ['k2', 'k1', 'k3']);
  assert.equal(mergeDirectory([entry('k1', 'KHM')], [entry('k9', 'KHM', 5)], new Set(['KHM']), 10)[0]?.notAfterUnixMs, 10);
});
