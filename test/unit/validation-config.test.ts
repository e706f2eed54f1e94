import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigurationError } from '../../services/core/errors.ts';
import { describeIssues, formatIssues, parseEnv, readJsonFile } from '../../services/core/validation/mod.ts';

const envSchema = z.object({
  TIPNET_STATE: z.enum(['IDN', 'KHM']),
  NATS_URL: z.string().regex(/^nats:\/\/[^\s]+:\d+$/, 'must be a nats:// URL with a port'),
  TIPNET_REPLY_HOURS: z.coerce.number().int().positive().default(8),
});

function configurationError(run: () => unknown, pattern: RegExp): ConfigurationError {
  let caught: unknown;
  try { run(); } catch (error) { caught = error; }
  assert.ok(caught instanceof ConfigurationError, `expected a ConfigurationError, got ${String(caught)}`);
  assert.match(caught.message, pattern);
  return caught;
}

test('parseEnv names a missing variable and an invalid one, without repeating values', () => {
  const error = configurationError(() => parseEnv(envSchema, { NATS_URL: 'http://s3cret-host' }, 'node environment'),
    /invalid node environment:\n {2}- TIPNET_STATE: is required/);
  assert.match(error.message, /NATS_URL: must be a nats:\/\/ URL with a port/);
  assert.ok(!error.message.includes('s3cret'));
  assert.equal(error.problems.length, 2);
  configurationError(() => parseEnv(envSchema, { TIPNET_STATE: 'XXX', NATS_URL: 'nats://a:4222' }), /TIPNET_STATE: must be one of "IDN", "KHM"/);
});

test('parseEnv returns typed, frozen values with defaults', () => {
  const config = parseEnv(envSchema, { TIPNET_STATE: 'IDN', NATS_URL: 'nats://127.0.0.1:4222', UNRELATED: 'x' });
  assert.deepEqual({ ...config }, { TIPNET_STATE: 'IDN', NATS_URL: 'nats://127.0.0.1:4222', TIPNET_REPLY_HOURS: 8 });
  assert.ok(Object.isFrozen(config));
});

const fileSchema = z.strictObject({
  nats: z.strictObject({ servers: z.array(z.string().startsWith('nats://')).min(1), token: z.string().optional() }),
  replyHours: z.number().int().positive(),
});

function withTempDir(run: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'tipnet-validation-'));
  try { run(dir); } finally { rmSync(dir, { recursive: true, force: true }); }
}

test('readJsonFile reports a missing file', () => {
  withTempDir((dir) => {
    configurationError(() => readJsonFile(join(dir, 'absent.json'), fileSchema), /invalid configuration file .*absent\.json:\n {2}- file not found/);
  });
});

test('readJsonFile reports a JSON syntax error with line and column, without quoting the file', () => {
  withTempDir((dir) => {
    const path = join(dir, 'hub.json');
    writeFileSync(path, '{\n  "nats": { "servers": ["nats://a:4222"], "token": "s3cret-token" },\n  "replyHours": 8,\n}\n');
    const error = configurationError(() => readJsonFile(path, fileSchema), /hub\.json:\n {2}- line 4, column 1: JSON syntax error/);
    assert.ok(!error.message.includes('s3cret-token'), error.message);
    writeFileSync(path, '{"replyHours": 8 "nats": {}}');
    configurationError(() => readJsonFile(path, fileSchema), /line 1, column 18: JSON syntax error \(Expected ',' or '}' after property value\)/);
  });
});

test('readJsonFile reports schema problems by field path and returns frozen values when valid', () => {
  withTempDir((dir) => {
    const path = join(dir, 'hub.json');
    writeFileSync(path, JSON.stringify({ nats: { servers: ['tls://a:4222'], user: 'x' }, replyHours: 0 }));
    const error = configurationError(() => readJsonFile(path, fileSchema), /nats\.servers\[0\]: /);
    assert.match(error.message, /nats\.user: is not a known field/);
    assert.match(error.message, /replyHours: must be greater than 0/);
    writeFileSync(path, JSON.stringify({ nats: { servers: ['nats://a:4222'] }, replyHours: 8 }));
    const config = readJsonFile(path, fileSchema);
    assert.equal(config.replyHours, 8);
    assert.ok(Object.isFrozen(config.nats.servers));
  });
});

test('describeIssues writes dotted paths with indexes, and formatIssues joins them', () => {
  const schema = z.object({ caseAlert: z.object({ victims: z.array(z.object({ count: z.number().min(1, 'must be at least 1') })) }) });
  const result = schema.safeParse({ caseAlert: { victims: [{ count: 1 }, { count: 0 }] } });
  assert.ok(!result.success);
  assert.deepEqual(describeIssues(result.error), ['caseAlert.victims[1].count: must be at least 1']);
  assert.equal(formatIssues(result.error, 'input', { snakeCase: true }), 'input.case_alert.victims[1].count: must be at least 1');
});
