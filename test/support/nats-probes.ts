// Probes for integration tests against real servers: did a message arrive, was it stored, did the
// server refuse an operation. Interest crosses leaf connections and routes asynchronously, so the
// senders here retry until the deadline, which is what a real retrying sender does too.
import { jetstream, type PubAck } from '@nats-io/jetstream';
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';

const encoder = new TextEncoder();

export function bytes(text: string): Uint8Array {
  return encoder.encode(text);
}

function sleep(ms: number): Promise<undefined> {
  return new Promise((resolve) => setTimeout(() => resolve(undefined), ms));
}

/** Publishes again every 200 ms until `received` settles. */
export async function publishUntilReceived(publish: () => void, received: Promise<Msg>, timeoutMs = 10_000): Promise<Msg> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    publish();
    const message = await Promise.race([received, sleep(200)]);
    if (message !== undefined) return message;
    if (Date.now() > deadline) throw new Error(`no message within ${timeoutMs} ms`);
  }
}

export async function firstMessage(subscription: Subscription): Promise<Msg> {
  for await (const message of subscription) return message;
  throw new Error(`subscription ${subscription.getSubject()} closed without a message`);
}

/** A JetStream publish (request, PubAck reply), retried until some stream acknowledges it. */
export async function jetStreamPublishUntilStored(
  nc: NatsConnection,
  subject: string,
  data: Uint8Array,
  timeoutMs = 15_000,
): Promise<PubAck> {
  const deadline = Date.now() + timeoutMs;
  const js = jetstream(nc);
  for (;;) {
    try {
      return await js.publish(subject, data, { timeout: 1_000 });
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(200);
    }
  }
}

/**
 * Subjects that reach `watcher` on `watchSubject` while `sendRound` runs until one message on
 * `markerSubject` arrives. The marker, sent after the probes of its round, proves the watcher's
 * interest had reached the sender, so any probe that leaked would have arrived before it.
 */
export async function subjectsSeenUpToMarker(
  watcher: NatsConnection,
  watchSubject: string,
  markerSubject: string,
  sendRound: () => void,
): Promise<string[]> {
  const subscription = watcher.subscribe(watchSubject);
  const seen: string[] = [];
  let markerArrived: (message: Msg) => void = () => {};
  const marker = new Promise<Msg>((resolve) => (markerArrived = resolve));
  const watching = (async () => {
    for await (const message of subscription) {
      seen.push(message.subject);
      if (message.subject === markerSubject) markerArrived(message);
    }
  })();
  await publishUntilReceived(sendRound, marker);
  sendRound();
  await sleep(300);
  await watcher.flush();
  subscription.unsubscribe();
  await watching;
  return seen;
}

export { permissionViolationFor } from '../../services/local-nats/mod.ts';
