import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { payloadKindByType } from '../../services/core/payload-registry.ts';
import { subjects, trafficClassOf } from '../../services/core/subjects.ts';
import { startNatsServer } from '../../services/local-nats/mod.ts';
import { NodeRequestError } from '../../services/node/node-errors.ts';
import { HubNotConfirmingError, publishSubmission } from '../../services/node/publish-submission.ts';
import { validEnvelope } from '../support/validation-fixtures.ts';

const DEADLINE_MS = 1_500;

async function rejection(promise: Promise<unknown>): Promise<{ error: NodeRequestError; cause: HubNotConfirmingError; elapsedMs: number }> {
  const started = performance.now();
  const error = await promise.then(() => assert.fail('the publish was confirmed'), (caught: unknown) => caught);
  const elapsedMs = Math.round(performance.now() - started);
  assert.ok(error instanceof NodeRequestError, String(error));
  assert.ok(error.cause instanceof HubNotConfirmingError, String(error.cause));
  return { error, cause: error.cause, elapsedMs };
}

describe('publishing a submission within one deadline for every attempt together', () => {
  test('"no responders" is retried until the deadline, then refused UNAVAILABLE; a stream that appears in time gets the message; silence ends at the deadline', async (t) => {
    const server = await startNatsServer({ name: 'publish-deadline-test', runtime: 'binary' });
    t.after(() => server.stop());
    const nc = await connect({ ...server.connectOptions, name: 'publish deadline test' });
    t.after(() => nc.close());
    const envelope = validEnvelope('case-alert');
    const subject = subjects.submit(envelope.senderState, trafficClassOf(envelope), payloadKindByType(envelope.payloadType)!.name);

    await t.test('nobody listening: retried, then UNAVAILABLE (retryable) at the deadline', async (st) => {
      const { error, cause, elapsedMs } = await rejection(publishSubmission(nc, envelope, { deadlineMs: DEADLINE_MS }));
      st.diagnostic(`UNAVAILABLE after ${elapsedMs} ms and ${cause.attempts} attempts (deadline ${DEADLINE_MS} ms)`);
      assert.equal(error.code, 'UNAVAILABLE');
      assert.equal(error.retryable, true);
      assert.ok(cause.attempts > 1, `retried: ${cause.attempts} attempts`);
      assert.ok(elapsedMs >= DEADLINE_MS - 50 && elapsedMs < DEADLINE_MS + 1_000, `${elapsedMs} ms`);
      assert.equal(cause.messageId, envelope.messageId);
    });

    await t.test('a stream that appears while the publisher retries stores the message', async () => {
      const publishing = publishSubmission(nc, envelope, { deadlineMs: 10_000 });
      await new Promise((resolve) => setTimeout(resolve, 500));
      await (await jetstreamManager(nc)).streams.add({ name: 'SUBMISSIONS_LATE', subjects: [subject], duplicate_window: 60_000_000_000 });
      const ack = await publishing;
      assert.deepEqual([ack.stream, ack.seq, ack.duplicate], ['SUBMISSIONS_LATE', 1, false]);
      await (await jetstreamManager(nc)).streams.delete('SUBMISSIONS_LATE');
    });

    await t.test('a responder that never answers: one attempt, UNAVAILABLE at the deadline', async (st) => {
      const silent = nc.subscribe(subject);
      st.after(() => silent.unsubscribe());
      const { error, cause, elapsedMs } = await rejection(publishSubmission(nc, envelope, { deadlineMs: DEADLINE_MS }));
      st.diagnostic(`UNAVAILABLE after ${elapsedMs} ms and ${cause.attempts} attempt(s)`);
      assert.equal(error.code, 'UNAVAILABLE');
      assert.equal(cause.attempts, 1);
      assert.ok(elapsedMs >= DEADLINE_MS - 50 && elapsedMs < DEADLINE_MS + 1_000, `${elapsedMs} ms`);
    });
  });
});
