import { randomUUID } from 'node:crypto';
// CPU cost of each step tipnet adds to a message, one operation at a time on this process:
// Ed25519 signing and verification (node:crypto), protobuf encoding and decoding, semantic
// validation, and the router's whole pure decision. No broker involved.
import { performance } from 'node:perf_hooks';
import { decodeEnvelope, decodePayload, encodeEnvelope, HUB_SENDER, signEnvelope, subjects, v1, validateEnvelope, validatePayload, verifyEnvelope } from '../core/mod.ts';
import { demoAlertFields } from '../demo/mod.ts';
import { openDelivery } from '../node/mod.ts';
import { decideSubmission, hubReceipt, InMemoryMessageIndex, routingPolicy } from '../router/mod.ts';
import { BENCH_STATES, SENDER, type BenchHub } from './bench-hub.ts';

export interface MicroResult {
  readonly name: string;
  readonly perSecond: number;
  readonly microsecondsEach: number;
}

type MicroHub = Pick<BenchHub, 'senderKey' | 'hubKey' | 'directory' | 'matchingKey'>;

const RUN_MS = 400;

export async function measureMicro(hub: MicroHub): Promise<MicroResult[]> {
  const nowMs = Date.now();
  const fields = demoAlertFields(nowMs, hub.matchingKey);
  const envelope = signEnvelope(fields, hub.senderKey);
  const bytes = encodeEnvelope(envelope);
  const decoded = decodePayload(envelope);
  const subject = subjects.submit(SENDER, 'real', 'case-alert');
  const context = { directory: hub.directory, policy: routingPolicy({ states: BENCH_STATES }), index: new InMemoryMessageIndex() };
  const receipt = {
    messageId: randomUUID(),
    status: v1.AcknowledgementStatus.ACKNOWLEDGEMENT_STATUS_DELIVERED,
    to: SENDER,
    acknowledgedMessageId: envelope.messageId,
    acknowledgingState: 'KHM',
    exercise: false,
    drillId: '',
    caseReference: envelope.caseReference,
    nowMs,
  };
  return [
    await rate('sign envelope (Ed25519)', () => signEnvelope(fields, hub.senderKey)),
    await rate('verify envelope (Ed25519)', () => verifyEnvelope(envelope, hub.directory)),
    await rate('encode envelope (protobuf)', () => encodeEnvelope(envelope)),
    await rate('decode envelope + payload', () => decodePayload(decodeEnvelope(bytes))),
    await rate('validate envelope + payload (zod)', () => {
      validateEnvelope(envelope, nowMs);
      validatePayload(decoded, envelope, nowMs);
    }),
    await rate('router decision (all of the above but sign)', async () => {
      const decision = await decideSubmission({ subject, data: bytes, nowMs }, context);
      if (decision.kind !== 'deliver') throw new Error(`the router decision rejected the bench alert: ${decision.code}`);
    }),
    await rate(`hub receipt (build, sign as ${HUB_SENDER}, encode)`, () => hubReceipt(receipt, hub.hubKey).bytes),
    await rate('open delivery at KHM (decode, verify)', () => openDelivery(bytes, hub.directory)),
  ];
}

async function rate(name: string, operation: () => unknown): Promise<MicroResult> {
  // Awaited only when it returns a promise, so synchronous steps are not charged a microtask each.
  const run = async (times: number) => {
    for (let i = 0; i < times; i += 1) {
      const result = operation();
      if (result instanceof Promise) await result;
    }
  };
  await run(200);
  let done = 0;
  let elapsed = 0;
  const startedAt = performance.now();
  while (elapsed < RUN_MS) {
    await run(50);
    done += 50;
    elapsed = performance.now() - startedAt;
  }
  return { name, perSecond: (done * 1_000) / elapsed, microsecondsEach: (elapsed * 1_000) / done };
}
