// 10,000 mutated envelopes through a real hub, as a hostile or broken client would send them: none
// may be delivered, none may make the hub fail, each must get exactly one answer, and the hub
// services process must be the same one, still answering, at the end.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { headers } from '@nats-io/transport-node';
import { decodeEnvelope, decodePayload } from '../../services/core/codec.ts';
import { HUB_SENDER } from '../../services/core/member-states.ts';
import { PAYLOAD_NAMES } from '../../services/core/payload-registry.ts';
import { v1, type Envelope } from '../../services/core/proto.ts';
import { verifyEnvelope } from '../../services/core/signing/mod.ts';
import { CONTRACT_VERSION, HEADERS, parseSubmissionSubject, STREAMS } from '../../services/core/subjects.ts';
import { validateEnvelope, validatePayload } from '../../services/core/validation/mod.ts';
import { HUB_SERVICE_NAME } from '../../services/router/status-endpoint.ts';
import { EnvelopeMutator, MUTATION_KINDS, type Mutation } from '../support/envelope-mutations.ts';
import { startHubFixture, waitFor } from '../support/hub-fixture.ts';
import { sampleEnvelopeFields } from '../support/message-samples.ts';

const SUBMISSIONS = Number(process.env.TIPNET_FUZZ_COUNT ?? 10_000);
const SEED = Number(process.env.TIPNET_FUZZ_SEED ?? 20261202);
const IN_FLIGHT = 128;

describe('a fuzzed hub', () => {
  test(`${SUBMISSIONS} mutated envelopes: 0 delivered, 0 PROCESSING_FAILED, exactly one receipt each, the hub services process unchanged`, async (t) => {
    const fixture = await startHubFixture(t, { states: ['IDN', 'KHM'], hubNodes: 1, hubServices: 'process' });
    await fixture.startHubServicesProcess();
    const pid = fixture.hubServicesPid();
    const now = Date.now();
    const sign = (fields: v1.Envelope.$Properties) => fixture.sign(fields, 'IDN');
    const bases: Envelope[] = PAYLOAD_NAMES.map((name) => sign(sampleEnvelopeFields(name, {
      messageId: randomUUID(), createdAtUnixMs: now, expiresAtUnixMs: now + 86_400_000,
      distribution: { mode: v1.DistributionMode.DISTRIBUTION_MODE_NAMED, states: ['KHM'] }, inReplyTo: '',
    })));
    const mutator = new EnvelopeMutator(SEED, sign);
    const mutations: Mutation[] = [];
    let skippedAsValid = 0;
    while (mutations.length < SUBMISSIONS) {
      const mutation = mutator.mutate(bases[mutations.length % bases.length] as Envelope);
      // A mutation that left a fully valid submission is not an attack; the hub would rightly deliver it.
      if (wouldPassEveryCheck(mutation, fixture.directory, now)) skippedAsValid += 1;
      else mutations.push(mutation);
    }
    const byKind = Object.fromEntries(MUTATION_KINDS.map((kind) => [kind, mutations.filter((m) => m.kind === kind).length]));
    t.diagnostic(`mutations by kind: ${JSON.stringify(byKind)}; ${skippedAsValid} left valid and skipped; seed ${SEED}`);

    const js = jetstream(fixture.leaf('IDN'));
    const started = Date.now();
    let next = 0;
    const publishNext = async (): Promise<void> => {
      while (next < mutations.length) {
        const mutation = mutations[next] as Mutation;
        next += 1;
        const h = headers();
        h.set(HEADERS.contract, CONTRACT_VERSION);
        const ack = await js.publish(mutation.subject, mutation.bytes, { msgID: randomUUID(), headers: h, retries: 20, timeout: 30_000 });
        assert.equal(ack.duplicate, false);
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, publishNext));
    const hubAnswers = () => fixture.inbox('IDN').received.filter((item) => item.envelope.senderState === HUB_SENDER);
    await waitFor(() => hubAnswers().length >= SUBMISSIONS, `${SUBMISSIONS} answers at IDN`, 240_000);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    t.diagnostic(`${SUBMISSIONS} submissions answered in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const answers = hubAnswers();
    assert.equal(answers.length, SUBMISSIONS, 'exactly one answer per submission');
    assert.equal(new Set(answers.map((item) => item.envelope.messageId)).size, SUBMISSIONS, 'every answer is its own message');
    const acknowledgements = answers.map((item) => item.decoded.message as v1.Acknowledgement);
    assert.ok(acknowledgements.every((ack) => ack.status === v1.AcknowledgementStatus.ACKNOWLEDGEMENT_STATUS_REJECTED), 'every answer is a REJECTED');
    const codes = new Map<string, number>();
    for (const ack of acknowledgements) codes.set(ack.reasonCode, (codes.get(ack.reasonCode) ?? 0) + 1);
    t.diagnostic(`reason codes: ${JSON.stringify(Object.fromEntries([...codes].sort()))}`);
    assert.equal(codes.get('PROCESSING_FAILED') ?? 0, 0);
    assert.deepEqual(fixture.inbox('IDN').failures, [], 'IDN verified and accepted every answer');
    assert.equal(fixture.inbox('KHM').received.length, 0, 'nothing was delivered');

    const jsm = await jetstreamManager(fixture.hub);
    const letters = await jsm.streams.info(STREAMS.deadLetters, { subjects_filter: '>' });
    const failed = Object.entries(letters.state.subjects ?? {}).filter(([subject]) => subject.endsWith('.PROCESSING_FAILED'));
    assert.deepEqual(failed, [], 'no dead letter says the hub failed');
    assert.equal(letters.state.messages, SUBMISSIONS, 'one dead letter per submission');

    assert.equal(fixture.hubServicesPid(), pid, 'the same hub services process');
    const reply = await fixture.hub.request(`$SRV.STATS.${HUB_SERVICE_NAME}.${pid}`, undefined, { timeout: 5_000 });
    const router = reply.json<{ endpoints: Array<{ name: string; data: { rejected: number; delivered: number; failures: number } }> }>()
      .endpoints.find((endpoint) => endpoint.name === 'router')?.data;
    assert.deepEqual({ rejected: router?.rejected, delivered: router?.delivered, failures: router?.failures }, { rejected: SUBMISSIONS, delivered: 0, failures: 0 });
  });
});

/** The hub's own checks short of the index: decodes, passes every rule, verifies, on a well-formed subject. */
function wouldPassEveryCheck(mutation: Mutation, directory: Parameters<typeof verifyEnvelope>[1], nowMs: number): boolean {
  try {
    const submission = parseSubmissionSubject(mutation.subject);
    if (!submission) return false;
    const envelope = decodeEnvelope(mutation.bytes);
    if (envelope.senderState !== submission.sender) return false;
    validateEnvelope(envelope, nowMs);
    const decoded = decodePayload(envelope);
    if (decoded.name !== submission.payloadName) return false;
    validatePayload(decoded, envelope, nowMs);
    verifyEnvelope(envelope, directory);
    return true;
  } catch {
    return false;
  }
}
