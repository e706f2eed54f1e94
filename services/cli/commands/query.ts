// `tipnet query --passport P --phone N [--country C]`: asks the region, through the state's node,
// whether identifiers are known (hit/no-hit), without sending anything to any state. The node
// hashes the values with the regional matching key before anything leaves it (POST /api/queries);
// the answer is per identifier: hit or no-hit, and for a hit the counterpart states and hit ids.
// Values given as arguments are visible to other local users in the process list: --file reads
// them from a JSON file instead.
import { readFile } from 'node:fs/promises';
import type { Command } from '../command.ts';
import { callNode, NODE_URL_OPTION, NodeApiError, printNodeApiError, TOKEN_FILE_OPTION, tokenCredentials } from '../node-api-client.ts';
import { terminalSafe, terminalSafeJson } from '../terminal-text.ts';

/** The identifier options, each naming the kind it asks about. */
const KIND_OPTIONS = ['passport', 'phone', 'national-id', 'email', 'bank-account', 'e-wallet', 'crypto-wallet', 'social-handle'] as const;

export interface QueryIdentifier {
  readonly kind: string;
  readonly value: string;
  readonly country?: string;
}

export interface QueryOutcomeBody {
  readonly queryMessageId: string;
  readonly outcome: 'answered' | 'refused' | 'pending';
  readonly results?: readonly { index: number; kind: string; hit: boolean; hits: readonly { counterpartState: string; hitId: string }[] }[];
  readonly reasonCode?: string;
  readonly reason?: string;
}

const asList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : []);

/** The identifiers the options name, in the order of KIND_OPTIONS; --country completes national-form phones. */
export function identifiersFromOptions(values: Record<string, unknown>): QueryIdentifier[] {
  const country = typeof values.country === 'string' ? values.country.toUpperCase() : undefined;
  return KIND_OPTIONS.flatMap((kind) => asList(values[kind]).map((value) => ({ kind, value, ...(kind === 'phone' && country ? { country } : {}) })));
}

/** --scope: "region" (default), "IDN,THA" (named states) or "group:<slug>" (a sharing group). */
export function scopeFromOption(scope: unknown): Record<string, unknown> | undefined {
  if (typeof scope !== 'string' || scope === '' || scope === 'region') return undefined;
  if (scope.startsWith('group:')) return { mode: 'sharing-group', group: scope.slice('group:'.length) };
  return { mode: 'named', states: scope.split(',').map((state) => state.trim().toUpperCase()).filter(Boolean) };
}

/** The answer in lines a person reads: one per identifier asked, in the order asked. */
export function formatQueryOutcome(outcome: QueryOutcomeBody): string[] {
  if (outcome.outcome === 'pending') return [`query ${outcome.queryMessageId}: no answer from the hub yet; ask again with \`tipnet query --answer ${outcome.queryMessageId}\``];
  if (outcome.outcome === 'refused') return [`query ${outcome.queryMessageId} refused by the hub: ${outcome.reasonCode ?? '?'}: ${terminalSafe(outcome.reason ?? '')}`];
  const results = outcome.results ?? [];
  const hits = results.filter((result) => result.hit).length;
  return [
    `query ${outcome.queryMessageId}: ${hits} hit(s), ${results.length - hits} no-hit(s)`,
    ...results.map((result) => {
      const where = result.hits.map((hit) => `${terminalSafe(hit.counterpartState)} (hit ${terminalSafe(hit.hitId)})`).join(', ');
      return `  #${result.index + 1} ${result.kind}: ${result.hit ? `HIT  held by ${where}` : 'no hit'}`;
    }),
  ];
}

async function identifiersFromFile(file: string): Promise<QueryIdentifier[]> {
  const parsed = JSON.parse(await readFile(file, 'utf8')) as unknown;
  const list = Array.isArray(parsed) ? parsed : (parsed as { identifiers?: unknown }).identifiers;
  if (!Array.isArray(list)) throw new Error(`${file} must hold a JSON list of {"kind", "value", "country"?} or {"identifiers": [...]}`);
  return list as QueryIdentifier[];
}

export const queryCommand: Command = {
  name: 'query',
  summary: 'ask the region whether identifiers are known (hit/no-hit), hashed by the node; nothing is sent to any state',
  options: {
    node: NODE_URL_OPTION,
    'token-file': TOKEN_FILE_OPTION,
    passport: { type: 'string', multiple: true, valueName: 'number', description: 'a passport number (repeatable)' },
    phone: { type: 'string', multiple: true, valueName: 'number', description: 'a phone number, "+62 812..." or national form with --country (repeatable)' },
    'national-id': { type: 'string', multiple: true, valueName: 'id', description: 'a national identity number (repeatable)' },
    email: { type: 'string', multiple: true, valueName: 'address', description: 'an e-mail address (repeatable)' },
    'bank-account': { type: 'string', multiple: true, valueName: 'account', description: 'a bank account (repeatable)' },
    'e-wallet': { type: 'string', multiple: true, valueName: 'wallet', description: 'an e-wallet account (repeatable)' },
    'crypto-wallet': { type: 'string', multiple: true, valueName: 'address', description: 'a crypto wallet address (repeatable)' },
    'social-handle': { type: 'string', multiple: true, valueName: 'handle', description: 'a social-media handle (repeatable)' },
    country: { type: 'string', valueName: 'state', description: 'the state national-form phone numbers belong to, e.g. IDN' },
    file: { type: 'string', valueName: 'file', description: 'read the identifiers from a JSON file instead ([{"kind","value","country"?}]); keeps them out of the process list' },
    scope: { type: 'string', valueName: 'scope', description: 'whom to search: region (default), IDN,THA (named states) or group:<sharing-group>' },
    handling: { type: 'string', valueName: 'tlp', description: 'clear, green, amber (default), amber-strict or red (red needs named states)' },
    case: { type: 'string', valueName: 'ref', description: 'the case the query belongs to, e.g. VNM-2026-000001' },
    unit: { type: 'string', valueName: 'unit', description: "the unit asking (default: the caller's unit)" },
    exercise: { type: 'string', valueName: 'drill-id', description: 'an exercise query, matched only against that drill\'s traffic' },
    answer: { type: 'string', valueName: 'message-id', description: 'show the answer to an earlier query instead of asking' },
    wait: { type: 'string', valueName: 'seconds', default: '10', description: "how long to wait for the hub's answer (0 to 30)" },
    json: { type: 'boolean', description: 'print the answer as JSON' },
  },
  async run({ values }) {
    const waitSeconds = Number(values.wait ?? 10);
    if (!Number.isFinite(waitSeconds) || waitSeconds < 0 || waitSeconds > 30) {
      console.error('tipnet query: --wait must be a number of seconds from 0 to 30');
      return 2;
    }
    try {
      const credentials = await tokenCredentials(values['token-file']);
      const node = String(values.node);
      let outcome: QueryOutcomeBody;
      if (typeof values.answer === 'string') {
        outcome = await callNode<QueryOutcomeBody>(node, `/api/queries/${encodeURIComponent(values.answer)}`, {}, credentials);
      } else {
        const identifiers = typeof values.file === 'string' ? await identifiersFromFile(values.file) : identifiersFromOptions(values);
        if (identifiers.length === 0) {
          console.error('tipnet query: name at least one identifier, e.g. --passport C1234567 or --phone "+62 812 3456 7890" (or --file)');
          return 2;
        }
        const scope = scopeFromOption(values.scope);
        const body = {
          identifiers, ...(scope ? { scope } : {}),
          ...(typeof values.handling === 'string' ? { handling: values.handling } : {}),
          ...(typeof values.case === 'string' ? { caseReference: values.case } : {}),
          ...(typeof values.unit === 'string' ? { senderUnit: values.unit } : {}),
          ...(typeof values.exercise === 'string' ? { exercise: { drillId: values.exercise } } : {}),
        };
        outcome = await callNode<QueryOutcomeBody>(node, `/api/queries?waitMs=${Math.round(waitSeconds * 1_000)}`,
          { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, credentials);
      }
      if (values.json === true) console.log(terminalSafeJson(outcome));
      else for (const line of formatQueryOutcome(outcome)) console.log(line);
      return outcome.outcome === 'answered' ? 0 : 1;
    } catch (error) {
      // A file that cannot be read or parsed is the caller's to fix; the node's errors print as the node says them.
      if (!(error instanceof NodeApiError)) {
        console.error(`tipnet query: ${error instanceof Error ? error.message : String(error)}`);
        return 2;
      }
      return printNodeApiError('query', error);
    }
  },
};
