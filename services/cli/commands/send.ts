// `tipnet send --file alert.json`: submit a JSON document to a node's HTTP API.
import { readFile } from 'node:fs/promises';
import type { Command } from '../command.ts';
import { callNode, NODE_URL_OPTION, printNodeApiError, TOKEN_FILE_OPTION, tokenCredentials } from '../node-api-client.ts';

export const sendCommand: Command = {
  name: 'send',
  summary: 'submit an alert, report, request, response or retraction from a JSON file to a node',
  options: {
    node: NODE_URL_OPTION,
    'token-file': TOKEN_FILE_OPTION,
    file: { type: 'string', description: 'submission input JSON (see examples/rescue-request.json)', valueName: 'file' },
    'idempotency-key': { type: 'string', description: 'resending with the same key never creates a second message', valueName: 'key' },
  },
  async run({ values }) {
    if (typeof values.file !== 'string') {
      console.error('tipnet send: --file <file> is required');
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
      return 0;
    } catch (error) {
      return printNodeApiError('send', error);
    }
  },
};
