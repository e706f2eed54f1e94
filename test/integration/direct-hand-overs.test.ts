import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { headers } from '@nats-io/transport-node';
import { encodeEnvelope, encodePayload } from '../../services/core/codec.ts';
import { v1 } from '../../services/core/proto.ts';
import { CONTRACT_VERSION, HEADERS, STREAMS, subjects } from '../../services/core/mod.ts';
import { startHubFixture, waitFor, type HubFixture } from '../support/hub-fixture.ts';

const { DistributionMode } = v1;

/** The newest sequence TIP_DELIVERIES ever held: it moves only when a copy goes to an outbox. */
async function outboxWrites(fixture: HubFixture): Promise<number> {
  const info = await (await jetstreamManager(fixture.hub)).streams.info(STREAMS.deliveries);
  return info.state.last_seq;
}

describe('copies the router hands straight into an inbox', () => {
  test('an alert skips the outbox, a retraction keeps its order through it, and a copy that also came by the outbox is stored once', async (t) => {
    const fixture = await startHubFixture(t, { states: ['IDN', 'KHM'], hubNodes: 1 });
    const toKhm = { distribution: { mode: DistributionMode.DISTRIBUTION_MODE_NAMED, states: ['KHM'] } };
    // The first alert settles the streams and consumers; measured from the second on.
    const first = fixture.sign(fixture.alert(toKhm));
    await fixture.submit(first);
    await waitFor(() => fixture.inbox('KHM').count(first.messageId) === 1, 'the first alert at KHM');
    const before = await outboxWrites(fixture);

    const alert = fixture.sign(fixture.alert(toKhm));
    await fixture.submit(alert);
    await waitFor(() => fixture.inbox('KHM').count(alert.messageId) === 1, 'the alert at KHM');
    await waitFor(() => fixture.inbox('IDN').receipts().some((r) => r.acknowledgedMessageId === alert.messageId), 'its DELIVERED receipt at IDN');
    assert.equal(await outboxWrites(fixture), before, 'neither the copy nor its receipt was written to an outbox');

    const retraction = fixture.sign(fixture.alert({
      ...toKhm,
      inReplyTo: alert.messageId,
      payloadType: v1.PayloadType.PAYLOAD_TYPE_RETRACTION,
      payload: encodePayload('retraction', v1.Retraction.create({
        retractedMessageId: alert.messageId, kind: v1.RetractionKind.RETRACTION_KIND_WITHDRAW, reason: 'sent to the wrong desk',
      })),
    }));
    await fixture.submit(retraction);
    await waitFor(() => fixture.inbox('KHM').count(retraction.messageId) === 1, 'the retraction at KHM');
    assert.equal(await outboxWrites(fixture), before + 1, 'the retraction\'s copy went through KHM\'s outbox');

    // The alert's copy written to KHM's outbox as well (as after a hand-over whose answer was
    // lost): the dispatcher hands it over, and KHM's inbox keeps one.
    const h = headers();
    h.set(HEADERS.contract, CONTRACT_VERSION);
    h.set(HEADERS.recipient, 'KHM');
    h.set(HEADERS.expiresAt, String(alert.expiresAtUnixMs));
    const js = jetstream(fixture.hub);
    await js.publish(subjects.outbox('KHM', 'real', 'case-alert'), encodeEnvelope(alert), { msgID: `${alert.messageId}.KHM`, headers: h });
    const marker = fixture.sign(fixture.alert({ ...toKhm, inReplyTo: first.messageId }));
    await fixture.submit(marker);
    await waitFor(() => fixture.inbox('KHM').count(marker.messageId) === 1, 'a later copy through the outbox');
    assert.equal(fixture.inbox('KHM').count(alert.messageId), 1, 'the alert once in KHM\'s inbox');
    for (const state of ['IDN', 'KHM'] as const) assert.deepEqual(fixture.inbox(state).failures, []);
  });
});
