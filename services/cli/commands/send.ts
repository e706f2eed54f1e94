// `tipnet send --file alert.json`: submit a JSON document to a node's HTTP API, then wait briefly
// for the hub's receipt, so a message the hub refuses ends with its reason and a non-zero exit.
import { readFile } from 'node:fs/promises';
import type { Command } from '../command.ts';
import { callNode, NODE_URL_OPTION, NodeApiError, type NodeCredentials, printNodeApiError, TOKEN_FILE_OPTION, tokenCredentials } from '../node-api-client.ts';
import { type HubVerdict, type SentStatus, waitForHubVerdict } from '../receipt-wait.ts';

/** Seconds `send` waits for the hub's receipt unless told otherwise. */
export const DEFAULT_RECEIPT_WAIT_SECONDS = 5;
/** Exit code of a message the hub (or a recipient) refused. */
const REFUSED_EXIT = 1;

export const sendCommand: Command = {
  name: 'send',
  summary: 'submit an alert, report, request, response or retraction from a JSON file to a node',
  options: {
    node: NODE_URL_OPTION,
    'token-file': TOKEN_FILE_OPTION,
    file: { type: 'string', description: 'submission input JSON (see examples/rescue-request.json)', valueName: 'file' },
    'idempotency-key': { type: 'string', description: 'resending with the same key never creates a second message', valueName: 'key' },
    wait: {
      type: 'string', valueName: 'seconds', default: String(DEFAULT_RECEIPT_WAIT_SECONDS),
      description: "how long to wait for the hub's receipt (DELIVERED, or REJECTED with its reason: exit 1); 0 = do not wait",
    },
  },
  async run({ values }) {
    if (typeof values.file !== 'string') {
      console.error('tipnet send: --file <file> is required');
      return 2;
    }
    const waitSeconds = Number(values.wait ?? DEFAULT_RECEIPT_WAIT_SECONDS);
    if (!Number.isFinite(waitSeconds) || waitSeconds < 0 || waitSeconds > 600) {
      console.error('tipnet send: --wait must be a number of seconds from 0 to 600');
      return 2;
    }
    let body: string;
    try {
      body = await readFile(values.file, 'utf8');
    } catch (error) {
      console.error(`tipnet send: cannot read ${values.file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      return 2;
    }
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (typeof values['idempotency-key'] === 'string') headers['idempotency-key'] = values['idempotency-key'];
    try {
      const credentials = await tokenCredentials(values['token-file']);
      const result = await callNode<{ messageId: string; duplicate: boolean }>(String(values.node), '/api/messages', { method: 'POST', headers, body }, credentials);
      console.log(result.duplicate ? `already sent as ${result.messageId} (same idempotency key); nothing new published` : `sent ${result.messageId}`);
      // Acknowledgements get no receipt from the hub (wire contract, section 10).
      if (waitSeconds === 0 || isAcknowledgement(body)) return 0;
      return report(await hubVerdict(String(values.node), result.messageId, waitSeconds * 1_000, credentials), result.messageId);
    } catch (error) {
      return printNodeApiError('send', error);
    }
  },
};

async function hubVerdict(nodeUrl: string, messageId: string, waitMs: number, credentials: NodeCredentials): Promise<HubVerdict> {
  const fetchStatus = async (): Promise<SentStatus | undefined> => {
    try {
      return await callNode<SentStatus>(nodeUrl, `/api/messages/${messageId}/status`, {}, credentials);
    } catch (error) {
      // Not recorded yet (404) is "no answer yet"; anything else is for the caller.
      if (error instanceof NodeApiError && error.status === 404) return undefined;
      throw error;
    }
  };
  return waitForHubVerdict({ waitMs, fetchStatus });
}

function report(verdict: HubVerdict, messageId: string): number {
  switch (verdict.kind) {
    case 'refused':
      console.error(`tipnet send: ${messageId} was refused by ${verdict.by === 'HUB' ? 'the hub' : verdict.by}: ${verdict.reasonCode}: ${verdict.reason}`);
      return REFUSED_EXIT;
    case 'delivered':
      console.log(`delivered to ${verdict.to.join(', ')}`);
      return 0;
    case 'no-answer':
      console.error(`tipnet send: no receipt from the hub yet; see \`tipnet status ${messageId}\` later`);
      return 0;
  }
}

function isAcknowledgement(body: string): boolean {
  try {
    return (JSON.parse(body) as { type?: unknown }).type === 'acknowledgement';
  } catch {
    return false;
  }
}
