// `tipnet status <message-id>`: who has a message this node sent, from the receipts, and who at
// each recipient read and actioned it. Units, notes and reasons are other states' (or the hub's)
// text: every line is made terminal-safe before it is printed, and so is the JSON.
import type { AcknowledgedBy, MessageStatus } from '../../node/mod.ts';
import type { Command } from '../command.ts';
import { callNode, NODE_URL_OPTION, printNodeApiError, TOKEN_FILE_OPTION, tokenCredentials } from '../node-api-client.ts';
import { terminalSafe, terminalSafeJson } from '../terminal-text.ts';

export const statusCommand: Command = {
  name: 'status',
  summary: 'show the receipts (delivered, read, actioned, rejected) of a message a node sent',
  usage: '<message-id>',
  options: {
    node: NODE_URL_OPTION,
    'token-file': TOKEN_FILE_OPTION,
    json: { type: 'boolean', description: 'print the status as JSON' },
  },
  async run({ values, positionals }) {
    const [messageId] = positionals;
    if (!messageId) {
      console.error('tipnet status: give the message id, e.g. tipnet status 3f1c9a52-7b0e-4d6a-9c21-5e8f0b7d4a13');
      return 2;
    }
    try {
      const credentials = await tokenCredentials(values['token-file']);
      const status = await callNode<MessageStatus>(String(values.node), `/api/messages/${encodeURIComponent(messageId)}/status`, {}, credentials);
      console.log(values.json ? terminalSafeJson(status) : formatStatus(status));
      return 0;
    } catch (error) {
      return printNodeApiError('status', error);
    }
  },
};

const at = (ms: number | undefined) => (ms ? new Date(ms).toISOString() : '');
/** " by KHM-NCB-PHNOM-PENH (officer sokha)", or nothing when the receipt names nobody. */
const by = (actor: AcknowledgedBy | undefined) => (actor ? ` by ${actor.unit}${actor.note ? ` (${actor.note})` : ''}` : '');

export function formatStatus(status: MessageStatus): string {
  const lines = [`${status.messageId}  ${status.kind}  ${status.summary.caseReference}  sent ${at(status.sentAtUnixMs)}`];
  if (status.rejection) lines.push(`  rejected by the hub: ${status.rejection.reasonCode}: ${status.rejection.reason}`);
  if (status.recipients.length === 0 && !status.rejection) lines.push('  no receipt yet');
  for (const recipient of status.recipients) {
    const stages = [
      recipient.deliveredAtUnixMs ? `delivered ${at(recipient.deliveredAtUnixMs)}` : '',
      recipient.readAtUnixMs ? `read ${at(recipient.readAtUnixMs)}${by(recipient.readBy)}` : '',
      recipient.actionedAtUnixMs ? `actioned ${at(recipient.actionedAtUnixMs)}${by(recipient.actionedBy)}` : '',
      recipient.rejected ? `rejected ${at(recipient.rejected.atUnixMs)} (${recipient.rejected.reasonCode})` : '',
    ].filter(Boolean);
    lines.push(`  ${recipient.state.padEnd(4)} ${recipient.stage.padEnd(10)} ${stages.join(', ')}`);
  }
  for (const answer of status.answers) {
    // A delayed answer gives the new time the answer is due, and its summary is the reason.
    const due = answer.outcome === 'delayed' && answer.expectedCompletionUnixMs ? `, new deadline ${at(answer.expectedCompletionUnixMs)}` : '';
    lines.push(`  answer from ${answer.from}${answer.unit ? ` (${answer.unit})` : ''}: ${answer.outcome}${due} (${answer.messageId})`);
    if (answer.summary) lines.push(`    ${answer.summary.replace(/\s+/g, ' ').slice(0, 300)}`);
  }
  return lines.map(terminalSafe).join('\n');
}
