// `tipnet feed --state IDN --role destination --kind rescue-request`: tail a node's feed in the
// terminal, one line per item. With --officer the officer signs in (password from
// --password-file or TIPNET_PASSWORD) and the feed is their own durable one: what arrived since
// they last looked comes first. Otherwise the feed is live, with an API token (TIPNET_TOKEN or
// --token-file). Every line is made terminal-safe: most of it is other states'
// text, and an escape sequence in a headline must not clear or rewrite the officer's screen.
import type { FeedItem } from '../../node/mod.ts';
import type { Command } from '../command.ts';
import { NODE_URL_OPTION, NodeApiError, officerCredentials, printNodeApiError, TOKEN_FILE_OPTION, tokenCredentials, type NodeCredentials } from '../node-api-client.ts';
import { terminalSafe } from '../terminal-text.ts';

export const feedCommand: Command = {
  name: 'feed',
  summary: "tail a liaison officer's feed of deliveries, receipts and escalations",
  options: {
    node: NODE_URL_OPTION,
    state: { type: 'string', multiple: true, description: 'a state taking part (repeat or comma-separate)', valueName: 'code' },
    role: { type: 'string', multiple: true, description: 'how the states take part: origin, transit, destination, sender', valueName: 'role' },
    kind: { type: 'string', multiple: true, description: 'payload or alert kind, e.g. rescue-request, assistance-request', valueName: 'kind' },
    priority: { type: 'string', multiple: true, description: 'immediate, urgent or routine', valueName: 'priority' },
    handling: { type: 'string', multiple: true, description: 'TLP mark: clear, green, amber, amber-strict, red', valueName: 'mark' },
    case: { type: 'string', description: 'case reference, e.g. IDN-2026-000123', valueName: 'reference' },
    exercise: { type: 'boolean', description: 'exercise (drill) traffic only' },
    real: { type: 'boolean', description: 'real traffic only' },
    officer: { type: 'string', description: "sign in as this officer: the officer's own durable feed, resuming where it left off", valueName: 'ref' },
    'password-file': { type: 'string', description: "file holding the officer's password (default: TIPNET_PASSWORD)", valueName: 'file' },
    'token-file': TOKEN_FILE_OPTION,
  },
  async run({ values }) {
    if (values.exercise && values.real) {
      console.error('tipnet feed: --exercise and --real exclude each other');
      return 2;
    }
    const params = new URLSearchParams();
    const lists = { states: values.state, roles: values.role, kinds: values.kind, priorities: values.priority, handling: values.handling };
    for (const [key, value] of Object.entries(lists)) if (Array.isArray(value) && value.length > 0) params.set(key, value.join(','));
    if (typeof values.case === 'string') params.set('caseReference', values.case);
    if (values.exercise) params.set('traffic', 'exercise');
    if (values.real) params.set('traffic', 'real');
    if (typeof values.officer === 'string') params.set('durable', 'true');
    const abort = new AbortController();
    process.once('SIGINT', () => abort.abort());
    try {
      const node = String(values.node);
      const credentials = typeof values.officer === 'string' ? await officerCredentials(node, values.officer, values['password-file']) : await tokenCredentials(values['token-file']);
      await tailFeed(node, params, abort.signal, (line) => console.log(line), credentials);
      return 0;
    } catch (error) {
      if (abort.signal.aborted) return 0;
      return printNodeApiError('feed', error);
    }
  },
};

export async function tailFeed(nodeUrl: string, params: URLSearchParams, signal: AbortSignal, print: (line: string) => void, credentials: NodeCredentials = {}): Promise<void> {
  const response = await fetch(new URL(`/api/feed?${params}`, nodeUrl), { signal, headers: { accept: 'text/event-stream', ...credentials } }).catch((cause: Error) => {
    if (signal.aborted) throw cause;
    throw new NodeApiError(0, 'UNREACHABLE', `no node answers at ${nodeUrl}`);
  });
  if (!response.ok || !response.body) {
    const body = (await response.json().catch(() => ({}))) as { error?: string; message?: string; problems?: string[] };
    throw new NodeApiError(response.status, body.error ?? `HTTP_${response.status}`, body.message ?? response.statusText, body.problems ?? []);
  }
  print(terminalSafe(`following ${nodeUrl} feed${params.size > 0 ? ` (${params})` : ''}; Ctrl-C to stop`));
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body) {
    buffer += decoder.decode(chunk as Uint8Array, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.+)$/m.exec(frame)?.[1];
      const data = /^data: (.+)$/m.exec(frame)?.[1];
      if (event && data && event !== 'ready') print(formatFeedItem(JSON.parse(data) as FeedItem));
    }
  }
}

/** One readable line: time, event, marks, who, what; nothing in it a terminal would obey. */
export function formatFeedItem(item: FeedItem): string {
  return terminalSafe(feedLine(item));
}

function feedLine(item: FeedItem): string {
  const { summary } = item;
  const time = new Date(item.atUnixMs).toISOString().replace('T', ' ').slice(0, 19);
  const exercise = summary.traffic === 'exercise' ? 'EXERCISE ' : '';
  const marks = `${summary.priority.toUpperCase()} TLP:${summary.handling.toUpperCase()}`;
  const route = summary.route.map((leg) => `${leg.state}(${leg.role[0]})`).join('>');
  switch (item.event) {
    case 'receipt': {
      const ack = summary.acknowledgement;
      // READ and ACTIONED come from the recipient state itself: its unit and note say who acted.
      const by = (ack?.status === 'read' || ack?.status === 'actioned') && ack.unit ? ` by ${ack.unit}${ack.note ? ` (${ack.note})` : ''}` : '';
      return `${time} RECEIPT    ${exercise}${ack?.acknowledgingState ?? summary.sender} ${ack?.status ?? ''}${by}${ack?.reasonCode ? ` ${ack.reasonCode}` : ''} for ${item.about?.caseReference ?? ''} ${ack?.acknowledgedMessageId ?? ''}`;
    }
    case 'escalation':
      return `${time} ESCALATED  ${exercise}${marks} ${summary.kind} to ${summary.requestedState} ${summary.caseReference} ${summary.messageId} overdue since ${new Date(summary.replyDeadlineUnixMs).toISOString()}; reminder sent`;
    default:
      return `${time} DELIVERY   ${exercise}${marks} ${summary.kind} from ${summary.sender} ${summary.caseReference} ${route} ${summary.identifierCount} keyed ids ${summary.messageId} | ${summary.headline.slice(0, 90)}`;
  }
}
