import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger, NOT_LOGGED } from '../../services/core/logging/mod.ts';
import { RejectionError } from '../../services/core/errors.ts';
import { tip, v1 } from '../../services/core/proto.ts';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, destination };
}

test('every line carries the service and state bindings', () => {
  const { lines, destination } = capture();
  createLogger({ service: 'router', state: 'IDN', destination }).info({ messageId: '0c6a6bb0-5b1e-4d8e-9a55-0a2b6f1f6d10' }, 'routed');
  const line = JSON.parse(lines[0] ?? '{}');
  assert.equal(line.service, 'router');
  assert.equal(line.state, 'IDN');
  assert.equal(line.messageId, '0c6a6bb0-5b1e-4d8e-9a55-0a2b6f1f6d10');
});

test('a field outside the whitelist is never written, whatever it holds', () => {
  const { lines, destination } = capture();
  const log = createLogger({ service: 'node', state: 'KHM', destination });
  log.info({
    input: {
      payload: { victims: [{ count: 2, identifiers: [{ kind: 'passport', value: 'C7654321' }] }] },
      route: [{ state: 'IDN', role: 'origin' }],
    },
    passport: 'B9988776',
    phoneNumber: '+6281234567890',
    connection: { url: 'nats://127.0.0.1:4223', password: 's3cret-pass', credentials: '-----BEGIN NATS USER JWT-----' },
    key: { privateKeyPkcs8: 'MC4CAQAwBQYDK2VwBCIEI', matchingKey: 'abcd' },
  }, 'submission received');
  const text = lines.join('\n');
  for (const secret of ['C7654321', 'B9988776', '+6281234567890', 's3cret-pass', 'BEGIN NATS', 'MC4CAQAwBQYDK2VwBCIEI', 'abcd']) {
    assert.ok(!text.includes(secret), `log line leaked ${secret}: ${text}`);
  }
  const line = JSON.parse(lines[0] ?? '{}');
  for (const key of ['input', 'passport', 'phoneNumber', 'connection', 'key']) assert.equal(line[key], NOT_LOGGED, key);
});

test('whitelisted fields keep their value only in their own shape', () => {
  const { lines, destination } = capture();
  createLogger({ service: 'router', destination }).info({
    messageId: '0c6a6bb0-5b1e-4d8e-9a55-0a2b6f1f6d10', sender: 'IDN', recipients: ['KHM', 'THA'], payload: 'case-alert',
    streamSequence: 42, url: 'nats://apps:s3cret-pass@127.0.0.1:4223', reason: 'line one\nline two',
  }, 'routed');
  createLogger({ service: 'router', destination }).info({ messageId: 'C7654321', sender: '+6281234567890', payload: { victims: 2 } }, 'odd');
  const [good, odd] = lines.map((text) => JSON.parse(text));
  assert.equal(good.messageId, '0c6a6bb0-5b1e-4d8e-9a55-0a2b6f1f6d10');
  assert.deepEqual(good.recipients, ['KHM', 'THA']);
  assert.equal(good.payload, 'case-alert', 'the payload is logged as its type, not redacted');
  assert.equal(good.streamSequence, 42);
  assert.equal(good.url, 'nats://127.0.0.1:4223', 'credentials in a URL are removed');
  assert.equal(good.reason, 'line one line two');
  assert.equal(odd.messageId, NOT_LOGGED);
  assert.equal(odd.sender, NOT_LOGGED);
  assert.equal(odd.payload, NOT_LOGGED);
  assert.ok(!lines.join('\n').includes('C7654321'));
});

test('child logger bindings pass the same whitelist', () => {
  const { lines, destination } = capture();
  createLogger({ service: 'hub', destination }).child({ instance: 'hub-1', password: 'hunter2' }).child({ component: 'router' }).info('started');
  const line = JSON.parse(lines[0] ?? '{}');
  assert.equal(line.instance, 'hub-1');
  assert.equal(line.component, 'router');
  assert.ok(!lines[0]?.includes('hunter2'));
});

test('an envelope is logged by its routing metadata only, never its payload', () => {
  const { lines, destination } = capture();
  const envelope = tip.Envelope.create({
    messageId: '0c6a6bb0-5b1e-4d8e-9a55-0a2b6f1f6d10', senderState: 'IDN', handling: v1.HandlingMark.HANDLING_MARK_AMBER,
    payloadType: v1.PayloadType.PAYLOAD_TYPE_CASE_ALERT, payload: Buffer.from('passport C1234567'), keyId: 'IDN-01',
  });
  createLogger({ service: 'router', destination }).info({ envelope }, 'delivered');
  const line = JSON.parse(lines[0] ?? '{}');
  assert.equal(line.envelope.messageId, '0c6a6bb0-5b1e-4d8e-9a55-0a2b6f1f6d10');
  assert.equal(line.envelope.payload, 'case-alert');
  assert.ok(!lines[0]?.includes('C1234567'));
});

test('a rejection is logged with its code and without a stack', () => {
  const { lines, destination } = capture();
  createLogger({ service: 'router', destination }).warn({ err: new RejectionError('SIGNATURE_INVALID') }, 'rejected');
  const line = JSON.parse(lines[0] ?? '{}');
  assert.equal(line.err.code, 'SIGNATURE_INVALID');
  assert.equal(line.err.stack, undefined);
});
