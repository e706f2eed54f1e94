#!/usr/bin/env node
// Runs the suite on Node's own test runner through tsx. Node 20's `--test` does not expand
// globs, so the file list is built here. Optional arguments narrow it to folders under test/
// (e.g. `unit`, `integration`) or to files whose path contains the argument.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const testRoot = join(root, 'test');

function listTests(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listTests(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

const filters = process.argv.slice(2);
const files = listTests(testRoot)
  .map((file) => relative(root, file))
  .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
  .sort();

if (files.length === 0) {
  console.error(`no test files match ${filters.join(', ') || 'test/**/*.test.ts'}`);
  process.exit(1);
}

// Files under test/unit/ start no server and share no state: they run in one process (see
// test/support/unit-suite.ts), since starting one per file costs about a second each. Everything
// that starts servers or a browser runs one file at a time, each in its own process, so a loaded
// machine does not disturb its timeouts and a leaked handle cannot hold up the next file.
const unitFiles = files.filter((file) => file.startsWith(join('test', 'unit')));
const serialFiles = files.filter((file) => !unitFiles.includes(file));

// A test (its cleanup hooks included) that runs longer than this is cancelled and fails, so a
// hang fails the suite in minutes instead of holding CI until its own limit. The longest test
// (the drill) takes under a minute.
const TEST_TIMEOUT_MS = 5 * 60_000;

function run(group, env = {}) {
  if (group.length === 0) return Promise.resolve(0);
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-timeout=${TEST_TIMEOUT_MS}`, ...group],
      { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } },
    );
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const unitCode = await run(unitFiles.length > 0 ? [join('test', 'support', 'unit-suite.ts')] : [], { TIPNET_UNIT_FILES: unitFiles.join('\n') });
const serialCode = await run(serialFiles);
process.exit(unitCode !== 0 ? unitCode : serialCode);
