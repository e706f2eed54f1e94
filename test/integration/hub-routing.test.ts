import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { encodeEnvelope } from '../../services/core/codec.ts';
import { v1 } from '../../services/core/proto.ts';
import { encodePayload } from '../../services/core/codec.ts';
import { ensureHubStreams } from '../../services/router/mod.ts';
import { startHubFixture, waitFor, type HubFixture } from '../support/hub-fixture.ts';

const { DistributionMode, HandlingMark, RouteRole, AcknowledgementStatus: Status } = v1;

function statusesFor(fixture: HubFixture, messageId: string): string[] {
  return fixture
    .inbox('IDN')
    .receipts()
    .filter((receipt) => receipt.acknowledgedMessageId === messageId)
    .map((receipt) => `${Status[receipt.status].replace('ACKNOWLEDGEMENT_STATUS_', '')}:${receipt.acknowledgingState}:${receipt.reasonCode}`)
    .sort();
}

describe('a 3-node hub with leaf nodes for IDN (origin), THA (transit), KHM (destination) and VNM', () => {
  test('routing, policy, de-duplication, dead letters, retractions and a hub node stopped during traffic', async (t) => {
    const fixture = await startHubFixture(t, { states: ['IDN', 'THA', 'KHM', 'VNM'], hubNodes: 3 });
    const { inbox } = fixture;

    await t.test('an alert from IDN routed by route role reaches THA and KHM, not VNM, with valid signatures and DELIVERED receipts', async () => {
      const envelope = fixture.sign(fixture.alert({
        distribution: { mode: DistributionMode.DISTRIBUTION_MODE_ROUTE_ROLES, routeRoles: [RouteRole.ROUTE_ROLE_TRANSIT, RouteRole.ROUTE_ROLE_DESTINATION] },
      }));
      await fixture.submit(envelope);
      await waitFor(() => statusesFor(fixture, envelope.messageId).length === 2, 'two DELIVERED receipts');
      await waitFor(() => inbox('THA').count(envelope.messageId) === 1 && inbox('KHM').count(envelope.messageId) === 1, 'THA and KHM copies');
      assert.deepEqual(statusesFor(fixture, envelope.messageId), ['DELIVERED:KHM:', 'DELIVERED:THA:']);
      assert.equal(inbox('VNM').count(envelope.messageId), 0);
      // The collectors verified every signature on receipt; a failure would be listed here.
      for (const state of ['IDN', 'THA', 'KHM', 'VNM'] as const) assert.deepEqual(inbox(state).failures, []);
    });

    await t.test('a RED alert by broadcast is rejected; a RED alert to named recipients reaches exactly them', async () => {
      const broadcast = fixture.sign(fixture.alert({ handling: HandlingMark.HANDLING_MARK_RED, distribution: { mode: DistributionMode.DISTRIBUTION_MODE_REGIONAL_BROADCAST } }));
      const named = fixture.sign(fixture.alert({ handling: HandlingMark.HANDLING_MARK_RED, distribution: { mode: DistributionMode.DISTRIBUTION_MODE_NAMED, states: ['KHM'] } }));
      await fixture.submit(broadcast);
      await fixture.submit(named);
      await waitFor(() => statusesFor(fixture, broadcast.messageId).length === 1 && statusesFor(fixture, named.messageId).length === 1, 'receipts for both');
      assert.deepEqual(statusesFor(fixture, broadcast.messageId), ['REJECTED:HUB:RED_NEEDS_NAMED_RECIPIENTS']);
      assert.deepEqual(statusesFor(fixture, named.messageId), ['DELIVERED:KHM:']);
      for (const state of ['THA', 'VNM'] as const) {
        assert.equal(inbox(state).count(broadcast.messageId) + inbox(state).count(named.messageId), 0);
      }
    });

    await t.test('the same alert submitted twice is delivered once', async () => {
      const envelope = fixture.sign(fixture.alert({ distribution: { mode: DistributionMode.DISTRIBUTION_MODE_NAMED, states: ['KHM'] } }));
      await fixture.submit(envelope);
      const second = await fixture.submit(envelope);
      assert.equal(second.duplicate, true);
      const marker = fixture.sign(fixture.alert({ distribution: { mode: DistributionMode.DISTRIBUTION_MODE_NAMED, states: ['KHM'] } }));
      await fixture.submit(marker);
      await waitFor(() => inbox('KHM').count(marker.messageId) === 1, 'the marker after the resend');
      assert.equal(inbox('KHM').count(envelope.messageId), 1);
    });

    await t.test('garbage, a truncated protobuf, a wrong signature and a 5 MB payload are dead-lettered with reasons, and the next alert flows', async () => {
      const valid = fixture.sign(fixture.alert());
      const bytes = encodeEnvelope(valid);
      const forged = fixture.sign(fixture.alert());
      forged.signature = randomBytes(64);
      const huge = fixture.sign(fixture.alert({ payload: randomBytes(5 * 1024 * 1024) }));
      const spoofed = fixture.sign(fixture.alert({ senderState: 'KHM', caseReference: 'KHM-2026-7' }), 'KHM');
      await fixture.submitRaw('IDN', randomBytes(300));
      await fixture.submitRaw('IDN', bytes.subarray(0, Math.floor(bytes.length * 0.6)));
      await fixture.submitRaw('IDN', encodeEnvelope(forged));
      await fixture.submitRaw('IDN', encodeEnvelope(huge));
      // An envelope claiming KHM as sender, on IDN's own subject.
      await fixture.submitRaw('IDN', encodeEnvelope(spoofed));
      const next = fixture.sign(fixture.alert({ distribution: { mode: DistributionMode.DISTRIBUTION_MODE_NAMED, states: ['KHM'] } }));
      await fixture.submit(next);
      await waitFor(() => inbox('KHM').count(next.messageId) === 1, 'the valid alert after the bad ones');

      // Unrelated submissions are routed side by side, so the bad ones may still be in hand when
      // the valid one arrives: wait for each dead letter rather than assume the sender's order.
      const codes = ['ENVELOPE_UNDECODABLE', 'SIGNATURE_INVALID', 'OVERSIZE', 'SENDER_MISMATCH', 'RED_NEEDS_NAMED_RECIPIENTS'];
      let letters: Awaited<ReturnType<typeof fixture.deadLetters>> = [];
      await waitFor(async () => {
        letters = await fixture.deadLetters();
        return codes.every((code) => letters.some((letter) => letter.reason === code));
      }, `dead letters with ${codes.join(', ')}`).catch((error: unknown) => {
        throw new Error(`${(error as Error).message}; held: ${letters.map((letter) => letter.reason).join(', ')}`);
      });
      assert.ok(letters.every((letter) => letter.text.length > 10 && letter.subject.startsWith('tip.v1.submit.IDN.')));
      assert.equal(inbox('KHM').count(spoofed.messageId), 0);
      assert.equal(inbox('KHM').count(forged.messageId), 0);
    });

    await t.test('a retraction reaches every state that received the original, and each acknowledges it', async () => {
      const original = fixture.sign(fixture.alert({
        distribution: { mode: DistributionMode.DISTRIBUTION_MODE_ROUTE_ROLES, routeRoles: [RouteRole.ROUTE_ROLE_TRANSIT, RouteRole.ROUTE_ROLE_DESTINATION] },
      }));
      await fixture.submit(original);
      await waitFor(() => inbox('THA').count(original.messageId) === 1 && inbox('KHM').count(original.messageId) === 1, 'the original');
      const retraction = fixture.sign(fixture.alert({
        inReplyTo: original.messageId,
        distribution: { mode: DistributionMode.DISTRIBUTION_MODE_NAMED, states: ['THA', 'KHM'] },
        payloadType: v1.PayloadType.PAYLOAD_TYPE_RETRACTION,
        payload: encodePayload('retraction', v1.Retraction.create({
          retractedMessageId: original.messageId, kind: v1.RetractionKind.RETRACTION_KIND_WITHDRAW, reason: 'victims located and safe',
        })),
      }));
      await fixture.submit(retraction);
      await waitFor(() => inbox('THA').count(retraction.messageId) === 1 && inbox('KHM').count(retraction.messageId) === 1, 'the retraction at THA and KHM');
      for (const state of ['THA', 'KHM'] as const) {
        const ack = fixture.sign({
          ...fixture.alert({ senderState: state, senderUnit: `${state}-LIAISON`, caseReference: original.caseReference }),
          inReplyTo: retraction.messageId,
          distribution: { mode: DistributionMode.DISTRIBUTION_MODE_NAMED, states: ['IDN'] },
          handling: HandlingMark.HANDLING_MARK_GREEN,
          payloadType: v1.PayloadType.PAYLOAD_TYPE_ACKNOWLEDGEMENT,
          payload: encodePayload('acknowledgement', v1.Acknowledgement.create({
            acknowledgedMessageId: retraction.messageId, status: Status.ACKNOWLEDGEMENT_STATUS_READ, acknowledgingState: state, atUnixMs: Date.now(),
          })),
        });
        await fixture.submit(ack);
      }
      await waitFor(() => statusesFor(fixture, retraction.messageId).filter((s) => s.startsWith('READ')).length === 2, 'READ from THA and KHM');
      assert.deepEqual(statusesFor(fixture, retraction.messageId), ['DELIVERED:KHM:', 'DELIVERED:THA:', 'READ:KHM:', 'READ:THA:']);
    });

    await t.test('when THA reports a victim IDN already reported, both get a hit notice naming the other, and nothing of the other\'s data', async () => {
      const hitsAt = (state: 'IDN' | 'THA') => inbox(state).ofKind('hit-notice').map((item) => item.decoded.message as v1.HitNotice);
      const before = { IDN: hitsAt('IDN').length, THA: hitsAt('THA').length };
      // The fixture's alerts all carry the same keyed passport and phone (one shared matching key).
      const report = fixture.sign(fixture.alert({ senderState: 'THA', senderUnit: 'RTP-ATHD', caseReference: 'THA-2026-000042' }), 'THA');
      await fixture.submit(report);
      await waitFor(() => hitsAt('IDN').length > before.IDN && hitsAt('THA').length > before.THA, 'hit notices at IDN and THA');
      const atTha = hitsAt('THA').at(-1) as v1.HitNotice;
      const atIdn = hitsAt('IDN').at(-1) as v1.HitNotice;
      assert.equal(atTha.counterpartState, 'IDN');
      assert.equal(atTha.yourMessageId, report.messageId);
      assert.equal(atTha.matchedIdentifiers, 2);
      assert.equal(atIdn.counterpartState, 'THA');
      assert.equal(atIdn.hitId, atTha.hitId);
      const notice = inbox('THA').ofKind('hit-notice').at(-1);
      assert.equal(notice?.envelope.senderState, 'HUB');
      assert.equal(v1.HandlingMark[notice?.envelope.handling ?? 0], 'HANDLING_MARK_AMBER');
      // Exactly one notice per side for this report.
      assert.equal(hitsAt('THA').filter((hit) => hit.yourMessageId === report.messageId).length, 1);
      assert.equal(inbox('VNM').ofKind('hit-notice').length, 0);
    });

    await t.test('with one hub node stopped during traffic, every alert is still delivered once', async () => {
      const sent: string[] = [];
      for (let i = 0; i < 60; i += 1) {
        if (i === 20) await fixture.topology.hub.stopNode(2);
        const envelope = fixture.sign(fixture.alert({ distribution: { mode: DistributionMode.DISTRIBUTION_MODE_NAMED, states: ['KHM'] } }));
        await fixture.submit(envelope);
        sent.push(envelope.messageId);
      }
      await waitFor(() => sent.every((id) => inbox('KHM').count(id) === 1), 'all 60 alerts at KHM', 60_000);
      await fixture.topology.hub.startNode(2);
      assert.ok(sent.every((id) => inbox('KHM').count(id) === 1));
    });
  });
});

describe('a leaf outage', () => {
  test('a leaf node that was down receives everything addressed to it once it is back, once each', async (t) => {
    const fixture = await startHubFixture(t, { states: ['IDN', 'KHM'], hubNodes: 1 });
    await fixture.topology.stopLeaf('KHM');
    const sent: string[] = [];
    for (let i = 0; i < 25; i += 1) {
      const envelope = fixture.sign(fixture.alert({ distribution: { mode: DistributionMode.DISTRIBUTION_MODE_NAMED, states: ['KHM'] } }));
      await fixture.submit(envelope);
      sent.push(envelope.messageId);
    }
    await waitFor(() => sent.every((id) => fixture.inbox('IDN').receipts().some((r) => r.acknowledgedMessageId === id)), 'DELIVERED receipts while KHM is down');
    assert.equal(fixture.inbox('KHM').received.length, 0);
    await fixture.topology.startLeaf('KHM');
    await waitFor(() => sent.every((id) => fixture.inbox('KHM').count(id) === 1), 'KHM catching up', 60_000);
    assert.equal(fixture.inbox('KHM').content().length, 25);
  });
});

describe('a sender whose leaf is away when its receipts are written', () => {
  test('its DELIVERED receipts wait in its outbox and reach it once each when it is back', async (t) => {
    const fixture = await startHubFixture(t, { states: ['IDN', 'KHM'], hubNodes: 1, hubServices: 'process' });
    // The hub's streams take the submissions before any router runs.
    await ensureHubStreams(fixture.hub, { replicas: 1 });
    const sent: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      const envelope = fixture.sign(fixture.alert({ distribution: { mode: DistributionMode.DISTRIBUTION_MODE_NAMED, states: ['KHM'] } }));
      await fixture.submit(envelope);
      sent.push(envelope.messageId);
    }
    // Routed only now: the receipts cannot be handed straight to IDN, so they go to its outbox.
    await fixture.topology.stopLeaf('IDN');
    await fixture.startHubServicesProcess();
    await waitFor(() => sent.every((id) => fixture.inbox('KHM').count(id) === 1), 'the alerts at KHM while IDN is away');
    await fixture.topology.startLeaf('IDN');
    const delivered = (id: string) => fixture.inbox('IDN').receipts().filter((r) => r.acknowledgedMessageId === id && r.status === Status.ACKNOWLEDGEMENT_STATUS_DELIVERED);
    await waitFor(() => sent.every((id) => delivered(id).length >= 1), 'DELIVERED receipts at IDN once it is back', 60_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.deepEqual(sent.map((id) => delivered(id).length), sent.map(() => 1), 'one receipt per alert, none twice');
  });
});

describe('a router killed with SIGKILL in the middle of 1,000 alerts', () => {
  test('every alert is delivered after the restart, none twice', async (t) => {
    const fixture = await startHubFixture(t, { states: ['IDN', 'KHM'], hubNodes: 1, hubServices: 'process' });
    await fixture.startHubServicesProcess();
    const sent: string[] = [];
    for (let i = 0; i < 1_000; i += 1) {
      const envelope = fixture.sign(fixture.alert({ distribution: { mode: DistributionMode.DISTRIBUTION_MODE_NAMED, states: ['KHM'] } }));
      await fixture.submit(envelope);
      sent.push(envelope.messageId);
      if (i === 400) {
        await waitFor(() => fixture.inbox('KHM').content().length >= 100, 'some deliveries before the kill');
        await fixture.killHubServicesProcess();
      }
    }
    const beforeRestart = fixture.inbox('KHM').content().length;
    assert.ok(beforeRestart < 1_000, `the kill happened mid-stream (${beforeRestart} delivered before restart)`);
    await fixture.startHubServicesProcess();
    await waitFor(() => fixture.inbox('KHM').content().length >= 1_000, '1,000 alerts at KHM', 120_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const counts = new Map<string, number>();
    for (const item of fixture.inbox('KHM').content()) counts.set(item.envelope.messageId, (counts.get(item.envelope.messageId) ?? 0) + 1);
    assert.equal(sent.filter((id) => counts.get(id) !== 1).length, 0, 'every alert exactly once');
    assert.equal(counts.size, 1_000);
  });
});
