// Requests on the hub's hot path (a message id's claim, the forwarding check, hand-overs into a
// leaf's inbox) without nats.js's per-request costs: nc.request builds an Error, stack trace and
// all, when it cleans up after every answered request, and a timer per request (issue 15: several
// percent of the hub services' CPU per alert). Here one wildcard reply subscription serves the
// connection, a map holds what waits, and one sweep times requests out. Outcomes are those of
// nc.request: the reply, or an Error naming the subject (no responders, a timeout, the connection
// closed).
import { JetStreamApiError } from '@nats-io/jetstream';
import { createInbox, headers, type Msg, type MsgHdrs, type NatsConnection } from '@nats-io/transport-node';

/** What a hand-over or a claim needs of a connection; a NatsConnection is one too. */
export interface Requests {
  request(subject: string, data: Uint8Array, options: { headers?: MsgHdrs; timeout: number }): Promise<Msg>;
}

export interface LeanRequests extends Requests {
  close(): void;
}

interface Waiting {
  readonly subject: string;
  readonly deadline: number;
  resolve(msg: Msg): void;
  reject(error: Error): void;
}

/** How often waiting requests are checked against their deadline: a timeout fires up to this late. */
const SWEEP_MS = 50;

export function leanRequests(nc: NatsConnection, now: () => number = Date.now): LeanRequests {
  const prefix = `${createInbox()}.`;
  const waiting = new Map<string, Waiting>();
  let next = 0;
  const settle = (token: string, outcome: Msg | Error) => {
    const request = waiting.get(token);
    if (!request) return;
    waiting.delete(token);
    if (outcome instanceof Error) request.reject(outcome);
    else request.resolve(outcome);
  };
  const subscription = nc.subscribe(`${prefix}*`, {
    callback: (error, msg) => {
      if (error) return;
      const token = msg.subject.slice(prefix.length);
      // An empty 503 is the server saying nobody listens on the subject (a leaf that is away).
      const noResponders = msg.data.length === 0 && msg.headers?.code === 503;
      settle(token, noResponders ? new Error(`no responders on ${waiting.get(token)?.subject ?? 'the subject'}`) : msg);
    },
  });
  const sweeper = setInterval(() => {
    const at = now();
    for (const [token, request] of waiting) {
      if (request.deadline <= at) settle(token, new Error(`request on ${request.subject} timed out`));
    }
  }, SWEEP_MS);
  sweeper.unref();
  return {
    request(subject, data, options) {
      next += 1;
      const token = String(next);
      const answer = new Promise<Msg>((resolve, reject) => waiting.set(token, { subject, deadline: now() + options.timeout, resolve, reject }));
      try {
        nc.publish(subject, data, { reply: `${prefix}${token}`, ...(options.headers ? { headers: options.headers } : {}) });
      } catch (error) {
        settle(token, error instanceof Error ? error : new Error(String(error)));
      }
      return answer;
    },
    close() {
      clearInterval(sweeper);
      subscription.unsubscribe();
      for (const token of [...waiting.keys()]) settle(token, new Error('requests closed'));
    },
  };
}

interface PubAckJson {
  readonly stream?: string;
  readonly seq?: number;
  readonly error?: { readonly code: number; readonly err_code: number; readonly description: string };
}

/**
 * A JetStream publish whose subject must have no message yet (a KV create on a key never written):
 * resolves to the stream sequence, or throws the server's JetStreamApiError (a conflict is
 * StreamWrongLastSequence, as from nats.js's own kv.create).
 */
export async function publishExpectingNone(requests: Requests, subject: string, data: Uint8Array, timeoutMs: number): Promise<number> {
  const h = headers();
  h.set('Nats-Expected-Last-Subject-Sequence', '0');
  const reply = await requests.request(subject, data, { headers: h, timeout: timeoutMs });
  const ack = reply.json<PubAckJson>();
  if (ack.error) throw new JetStreamApiError(ack.error);
  if (typeof ack.seq !== 'number') throw new Error(`the answer to a publish on ${subject} is not a PubAck`);
  return ack.seq;
}

/** Whether a key-value bucket holds a live value under the key subject (a direct get of its last message). */
export async function hasLiveValue(requests: Requests, stream: string, keySubject: string, timeoutMs: number): Promise<boolean> {
  const body = new TextEncoder().encode(JSON.stringify({ last_by_subj: keySubject }));
  const reply = await requests.request(`$JS.API.DIRECT.GET.${stream}`, body, { timeout: timeoutMs });
  const status = reply.headers?.code ?? 0;
  // 404: no message under the subject. Any other status is a failure the caller must not read as "no".
  if (status === 404) return false;
  if (status !== 0 && status !== 200) throw new Error(`direct get on ${stream} answered ${status} ${reply.headers?.description ?? ''}`);
  const operation = reply.headers?.get('KV-Operation') ?? '';
  return operation !== 'DEL' && operation !== 'PURGE';
}
