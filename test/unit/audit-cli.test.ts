// `tipnet audit verify --file` checks an exported copy with no server at all: exit 0 when intact,
// 1 naming the entry when not, 2 when the command is used wrongly.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../services/cli/main.ts';
import { storedEntryText, trailFileText } from '../../services/audit/mod.ts';
import { generateKeyRing, writeKeyDirectory, type SigningKey } from '../../services/core/signing/mod.ts';
import { buildTrail, without } from '../support/audit-samples.ts';

const ring = generateKeyRing(['IDN']);
const trail = buildTrail(30, ring.signingKeys.IDN as SigningKey, { closingCheckpoint: true });

async function tipnet(t: TestContext, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  t.mock.method(console, 'log', (line: unknown) => (out += `${String(line)}\n`));
  t.mock.method(console, 'error', (line: unknown) => (err += `${String(line)}\n`));
  try {
    return { code: await main(argv), out, err };
  } finally {
    t.mock.restoreAll();
  }
}

async function files(t: TestContext, entries = trail): Promise<{ trailFile: string; directory: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'tipnet-audit-cli-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const trailFile = join(dir, 'trail.jsonl');
  await writeFile(trailFile, trailFileText(entries.map((entry) => JSON.parse(storedEntryText(entry)) as unknown)));
  const directory = join(dir, 'directory.json');
  await writeKeyDirectory(directory, ring.directory.list());
  return { trailFile, directory };
}

test('an intact exported copy verifies with the key directory and the state: exit 0', async (t) => {
  const { trailFile, directory } = await files(t);
  const run = await tipnet(t, 'audit', 'verify', '--file', trailFile, '--directory', directory, '--state', 'idn');
  assert.equal(run.code, 0, run.err);
  assert.match(run.out, /^IDN audit trail in .*trail\.jsonl: 33 entries, 3 checkpoint\(s\), the last at entry 33\n0 entries after the last checkpoint/);
});

test('a copy with an entry removed: exit 1, the entry named; --json gives the report as data', async (t) => {
  const { trailFile, directory } = await files(t, without(trail, 12));
  const run = await tipnet(t, 'audit', 'verify', '--file', trailFile, '--directory', directory, '--state', 'IDN');
  assert.equal(run.code, 1);
  assert.match(run.out, /\[removed\] entry 12 is missing: entry 13 follows entry 11 \(position 12\)/);
  const json = await tipnet(t, 'audit', 'verify', '--file', trailFile, '--directory', directory, '--state', 'IDN', '--json');
  assert.equal(json.code, 1);
  assert.deepEqual((JSON.parse(json.out) as { problems: Array<{ kind: string; seq: number }> }).problems.map((problem) => [problem.kind, problem.seq]), [['removed', 12]]);
});

test('used wrongly: exit 2, saying what is missing or misplaced', async (t) => {
  const { trailFile, directory } = await files(t);
  const cases: Array<[string[], RegExp]> = [
    [['audit'], /give one of verify, export, list/],
    [['audit', 'shred'], /give one of verify, export, list/],
    [['audit', 'verify', '--file', trailFile], /give --config <node config> or both --directory <file> and --state <code>/],
    [['audit', 'verify', '--file', trailFile, '--directory', directory, '--state', 'XYZ'], /"XYZ" is not a state code known to tipnet/],
    [['audit', 'verify', '--file', join(trailFile, 'nope'), '--directory', directory, '--state', 'IDN'], /audit trail file .*nope:\n {2}- file not found/],
    [['audit', 'verify', '--file', trailFile, '--directory', `${directory}.missing`, '--state', 'IDN'], /key directory .*missing:\n {2}- file not found/],
    [['audit', 'verify'], /--config <node config file> \(or --file <trail\.jsonl> for an exported copy\) is required/],
    [['audit', 'verify', '--file', trailFile, '--limit', '3'], /--limit does not apply to verify/],
    [['audit', 'verify', '--file', trailFile, '--directory', directory, '--state', 'IDN', '--max-unsigned', 'lots'], /--max-unsigned must be a whole number/],
    [['audit', 'export', '--config', 'node.json'], /--out <file\.jsonl> is required/],
  ];
  for (const [argv, message] of cases) {
    const run = await tipnet(t, ...argv);
    assert.equal(run.code, 2, `${argv.join(' ')}: ${run.out}${run.err}`);
    assert.match(run.err, message, argv.join(' '));
  }
});
