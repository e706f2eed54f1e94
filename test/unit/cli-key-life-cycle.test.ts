// `tipnet keys rotate` and `tipnet keys revoke` on a key folder with no deployment running: each
// signs the next directory version with the operator key, and no private key is ever overwritten.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keysCommand } from '../../services/cli/commands/keys.ts';
import { judgeDirectoryUpdate, operatorAnchor, readSignedDirectory, readSigningKey } from '../../services/core/signing/mod.ts';

function folder(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'tipnet-key-life-test-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function keys(positionals: string[], values: Record<string, string>): Promise<{ code: number; errors: string[] }> {
  const [log, error] = [console.log, console.error];
  const errors: string[] = [];
  console.log = () => undefined;
  console.error = (line: string) => errors.push(line);
  try {
    return { code: await keysCommand.run({ values: { dir: '.tipnet/run', ...values }, positionals }), errors };
  } finally {
    [console.log, console.error] = [log, error];
  }
}

async function operatorChecks(out: string) {
  const operator = await readSigningKey(join(out, 'OPERATOR.signing-key.json'));
  return operatorAnchor(Buffer.from(operator.publicKey).toString('base64'));
}

test('keys signs directory.json with an operator key it makes once; rotate signs the next version, keeping the old private key under its key id', async (t) => {
  const out = folder(t);
  assert.equal((await keys([], { out, states: 'IDN,KHM' })).code, 0);
  const anchor = await operatorChecks(out);
  const first = await readSignedDirectory(join(out, 'directory.json'));
  assert.equal(judgeDirectoryUpdate(undefined, first, anchor).kind, 'apply');
  const oldKey = await readSigningKey(join(out, 'IDN.signing-key.json'));
  const before = Date.now();
  assert.equal((await keys(['rotate'], { out, dir: out, state: 'IDN', overlap: '2h' })).code, 0);
  const second = await readSignedDirectory(join(out, 'directory.json'));
  assert.equal(judgeDirectoryUpdate(first.version, second, anchor).kind, 'apply');
  const newKey = await readSigningKey(join(out, 'IDN.signing-key.json'));
  assert.notEqual(newKey.keyId, oldKey.keyId);
  assert.equal(readFileSync(join(out, `IDN.signing-key.${oldKey.keyId}.json`), 'utf8').includes(oldKey.keyId), true, 'the old private key is kept');
  const oldEntry = second.keys.find((entry) => entry.keyId === oldKey.keyId);
  assert.ok(oldEntry && oldEntry.notAfterUnixMs >= before + 2 * 3_600_000 && oldEntry.notAfterUnixMs <= Date.now() + 2 * 3_600_000);
  assert.ok(second.keys.some((entry) => entry.keyId === newKey.keyId && entry.notAfterUnixMs === 0));
  assert.equal(await operatorChecks(out).then((again) => again.keyId), anchor.keyId, 'the operator key is not replaced');
});

test('revoke marks the key revoked with its reason in the next signed version; bad input is refused naming the option', async (t) => {
  const out = folder(t);
  await keys([], { out, states: 'IDN' });
  const key = await readSigningKey(join(out, 'IDN.signing-key.json'));
  assert.equal((await keys(['revoke'], { out, dir: out, state: 'IDN', 'key-id': key.keyId, reason: 'laptop stolen' })).code, 0);
  const revoked = (await readSignedDirectory(join(out, 'directory.json'))).keys.find((entry) => entry.keyId === key.keyId);
  assert.deepEqual([revoked?.revoked, revoked?.revocationReason], [true, 'laptop stolen']);
  assert.ok(existsSync(join(out, 'IDN.signing-key.json')), 'revoking does not delete the private key file');
  const noReason = await keys(['revoke'], { out, dir: out, state: 'IDN', 'key-id': key.keyId, reason: ' ' });
  assert.deepEqual([noReason.code, /--reason/.test(noReason.errors.join())], [2, true]);
  const again = await keys(['revoke'], { out, dir: out, state: 'IDN', 'key-id': key.keyId, reason: 'twice' });
  assert.deepEqual([again.code, /already revoked/.test(again.errors.join())], [2, true]);
  const wrongOwner = await keys(['revoke'], { out, dir: out, state: 'KHM', 'key-id': key.keyId, reason: 'x' });
  assert.deepEqual([wrongOwner.code, /belongs to IDN/.test(wrongOwner.errors.join())], [2, true]);
  const badOverlap = await keys(['rotate'], { out, dir: out, state: 'IDN', overlap: 'soon' });
  assert.deepEqual([badOverlap.code, /--overlap/.test(badOverlap.errors.join())], [2, true]);
});
