// `tipnet export stix|misp`: what a node holds, as a STIX 2.1 bundle or MISP events, through the
// node's API (GET /api/export/stix|misp, audited there as an export). Written to --out, or printed.
// The file is for analysts' tools (docs/export.md); it holds keyed hashes, never clear identifiers.
import { writeFile } from 'node:fs/promises';
import type { Command } from '../command.ts';
import { terminalSafeJson } from '../terminal-text.ts';
import { callNode, NODE_URL_OPTION, printNodeApiError, TOKEN_FILE_OPTION, tokenCredentials } from '../node-api-client.ts';

const FORMATS = ['stix', 'misp'] as const;

/** The API path of an export with its query string; only the options given go in it. */
export function exportPath(format: string, values: Record<string, unknown>): string {
  const query = new URLSearchParams();
  if (typeof values.since === 'string') query.set('since', values.since);
  if (typeof values.case === 'string') query.set('case', values.case);
  if (values.exercise === true) query.set('exercise', 'true');
  if (values.red === true) query.set('red', 'true');
  const text = query.toString();
  return `/api/export/${format}${text ? `?${text}` : ''}`;
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'export what a node holds as a STIX 2.1 bundle or MISP events (for OpenCTI, MISP)',
  usage: 'stix|misp',
  options: {
    node: NODE_URL_OPTION,
    'token-file': TOKEN_FILE_OPTION,
    since: { type: 'string', description: 'only messages created at or after this ISO time' },
    case: { type: 'string', description: 'only this case reference' },
    exercise: { type: 'boolean', description: 'include exercise traffic (labelled with its drill)' },
    red: { type: 'boolean', description: "include TLP:RED, marked for the node's own use only" },
    out: { type: 'string', description: 'write the JSON to this file instead of printing it' },
  },
  async run({ values, positionals }) {
    const [format] = positionals;
    if (!format || !(FORMATS as readonly string[]).includes(format)) {
      console.error('tipnet export: give the format, stix or misp, e.g. tipnet export stix --out bundle.json');
      return 2;
    }
    try {
      const credentials = await tokenCredentials(values['token-file']);
      const body = await callNode<unknown>(String(values.node), exportPath(format, values), {}, credentials);
      // Other states' text is in it: escaped so a terminal or viewer cannot be steered (still the same JSON).
      const text = `${terminalSafeJson(body)}\n`;
      if (typeof values.out === 'string') {
        await writeFile(values.out, text, { mode: 0o600 });
        console.log(`wrote ${values.out}`);
      } else {
        process.stdout.write(text);
      }
      return 0;
    } catch (error) {
      return printNodeApiError('export', error);
    }
  },
};
