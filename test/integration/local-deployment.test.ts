import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { natsConnectOptions } from '../../services/nats-client/mod.ts';
import { v1 } from '../../services/core/proto.ts';
import { readSigningKey, signEnvelope } from '../../services/core/signing/mod.ts';
import { demoAlertFields } from '../../services/demo/demo-alert.ts';
import { hubServicesProcess, startLocalDeployment, type StateConnection } from '../../services/deployment/mod.ts';
import { ensureInbox, openInboxReader } from '../../services/node/inbox.ts';
import { openDelivery } from '../../services/node/open-delivery.ts';
import { publishSubmission } from '../../services/node/publish-submission.ts';
import { loadTopology, parseTopology } from '../../services/topology/mod.ts';
import { waitFor } from '../support/hub-fixture.ts';

test('a state joins with nothing but its connection file, and two hub services processes share the work', async (t) => {
  const full = loadTopology();
  const topology = parseTopology({ ...full, hub: { ...full.hub, nodes: 1 } });
  const dir = join(await mkdtemp(join(tmpdir(), 'tipnet-deployment-')), 'run');
  const deployment = await startLocalDeployment({ topology, states: ['IDN', 'KHM'], dir });
  const second = hubServicesProcess(join(dir, 'hub-services.json'), deployment.hub);
  t.after(async () => {
    await second.stop();
    await deployment.stop();
  });
  await second.start();

  // Only the files: connection, signing key, key directory, matching key.
  const read = async (state: string) => JSON.parse(await readFile(deployment.connectionFiles[state] as string, 'utf8')) as StateConnection;
  const [idnFile, khmFile] = await Promise.all([read('IDN'), read('KHM')]);
  const idn = await connect(natsConnectOptions(idnFile));
  const khm = await connect(natsConnectOptions(khmFile));
  t.after(async () => {
    await idn.close();
    await khm.close();
  });
  await ensureInbox(khm, 'KHM');
  await ensureInbox(idn, 'IDN');
  assert.ok(idnFile.signingKeyFile && idnFile.matchingKeyFile, 'a local deployment writes the key paths into the connection file');
  const idnKey = await readSigningKey(idnFile.signingKeyFile);
  const matching = JSON.parse(await readFile(idnFile.matchingKeyFile, 'utf8')) as { id: string; secret: string };
  const matchingKey = { id: matching.id, secret: Buffer.from(matching.secret, 'base64') };

  const received = new Map<string, number>();
  const messages = await (await openInboxReader(khm, 'joiner')).consume();
  t.after(() => messages.close());
  void (async () => {
    for await (const message of messages) {
      const opened = openDelivery(message.data, deployment.keys.directory);
      received.set(opened.envelope.messageId, (received.get(opened.envelope.messageId) ?? 0) + 1);
      message.ack();
    }
  })();

  const sent: string[] = [];
  for (let i = 0; i < 200; i += 1) {
    const fields = { ...demoAlertFields(Date.now(), matchingKey), messageId: randomUUID(), distribution: { mode: v1.DistributionMode.DISTRIBUTION_MODE_NAMED, states: ['KHM'] } };
    await publishSubmission(idn, signEnvelope(fields, idnKey));
    sent.push(fields.messageId);
  }
  await waitFor(() => sent.every((id) => received.get(id) === 1), '200 alerts at KHM', 60_000);

  // Both instances answer the micro-style status endpoint and both took a share of the submissions.
  const stats = [];
  for (const pid of [deployment.hubServices.pid, second.pid]) {
    const reply = await deployment.hub.request(`$SRV.STATS.tipnet-hub.${pid}`, undefined, { timeout: 2_000 });
    stats.push(reply.json<{ endpoints: Array<{ name: string; num_requests: number }> }>());
  }
  const routed = stats.map((s) => s.endpoints.find((e) => e.name === 'router')?.num_requests ?? 0);
  assert.ok(routed.every((count) => count > 0), `each router instance routed some: ${routed.join(', ')}`);
  assert.ok(routed.reduce((a, b) => a + b, 0) >= 200);
});
