// One hand-over into a state's TIP_INBOX on its leaf: a JetStream publish, by request, across the
// leaf connection, 'stored' once the leaf's PubAck says so. Used by the dispatcher for every copy
// and by the router for copies and receipts it hands over itself (direct-hand-overs.ts).
import type { MsgHdrs } from '@nats-io/transport-node';
import type { Requests } from './lean-requests.ts';

export type HandOverResult =
  | { readonly kind: 'stored' }
  | { readonly kind: 'not-stored'; readonly why: string; readonly cause?: unknown }
  | { readonly kind: 'unusable'; readonly why: string };

export async function handOverToInbox(requests: Requests, subject: string, data: Uint8Array, h: MsgHdrs, timeoutMs: number): Promise<HandOverResult> {
  let reply;
  try {
    reply = await requests.request(subject, data, { headers: h, timeout: timeoutMs });
  } catch (error) {
    // A timeout, no responders (the leaf or its link is down) or a closed connection: all pass.
    return { kind: 'not-stored', why: 'leaf unreachable', cause: error };
  }
  const ack = parsePubAck(reply.data);
  if (ack.error !== undefined) return { kind: 'not-stored', why: `leaf refused: ${ack.error.err_code ?? '?'} ${ack.error.description ?? ''}` };
  if (ack.stream === undefined) return { kind: 'not-stored', why: 'reply is not a PubAck' };
  return { kind: 'stored' };
}

interface PubAckReply {
  readonly stream?: string;
  readonly error?: { readonly err_code?: number; readonly description?: string };
}

function parsePubAck(data: Uint8Array): PubAckReply {
  try {
    return JSON.parse(new TextDecoder().decode(data)) as PubAckReply;
  } catch {
    return {};
  }
}
