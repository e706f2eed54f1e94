// Messages for store tests and the bench: real submissions, prepared (validated, hashed, signed)
// as a node would, then written straight into a node store as received or sent. No broker.
import { readFileSync } from 'node:fs';
import { generateSigningKey, type SigningKey } from '../../services/core/signing/mod.ts';
import { prepareSubmission, replyDeadlines } from '../../services/node/mod.ts';
import type { PreparedSubmission } from '../../services/node/prepare-submission.ts';
import type { NodeStore } from '../../services/node/node-store.ts';
import { newSentRecord } from '../../services/node/receipt-status.ts';
import { TEST_MATCHING_KEY } from './validation-fixtures.ts';

export const RESCUE_REQUEST = JSON.parse(readFileSync(new URL('../../examples/rescue-request.json', import.meta.url), 'utf8')) as Record<string, any>;

const keys = new Map<string, SigningKey>();

export function prepared(state: string, json: unknown, nowMs = Date.now()): PreparedSubmission {
  const signingKey = keys.get(state) ?? generateSigningKey(state);
  keys.set(state, signingKey);
  return prepareSubmission(json, { state, signingKey, matchingKey: TEST_MATCHING_KEY, deadlines: replyDeadlines(), nowMs });
}

let sequence = 0;

/** Stores a message as received at `atMs`; returns its id. */
export async function storeReceived(store: NodeStore, message: PreparedSubmission, atMs = message.summary.createdAtUnixMs): Promise<string> {
  sequence += 1;
  const record = { messageId: message.summary.messageId, summary: message.summary, receivedAtUnixMs: atMs, streamSequence: sequence, acknowledged: {} };
  await store.received.create(record.messageId, record, message.envelope);
  return record.messageId;
}

export async function storeSent(store: NodeStore, message: PreparedSubmission, atMs = message.summary.createdAtUnixMs): Promise<string> {
  await store.sent.put(message.summary.messageId, newSentRecord(message.envelope, message.summary, atMs), message.envelope);
  return message.summary.messageId;
}

/** A case alert from `sender` to `to`, with the fields that vary in tests. */
export function alertInput(caseReference: string, changes: { kind?: string; summary?: string | undefined; priority?: string; nationality?: string; place?: string; to?: string } = {}): Record<string, unknown> {
  const payload = RESCUE_REQUEST.payload as Record<string, any>;
  return {
    ...RESCUE_REQUEST,
    caseReference,
    priority: changes.priority ?? RESCUE_REQUEST.priority,
    distribution: { mode: 'named', states: [changes.to ?? 'KHM'] },
    payload: {
      ...payload,
      kind: changes.kind ?? payload.kind,
      summary: changes.summary ?? payload.summary,
      victims: [{ ...payload.victims[0], nationality: changes.nationality ?? 'IDN' }],
      location: { ...payload.location, placeName: changes.place ?? payload.location.placeName },
    },
  };
}
