// `tipnet links <case-ref>`: a case's link graph through the node's API (GET
// /api/cases/:caseReference/links, audited there as a read): the counterpart states the hub
// reported hits with, by state and hit id only, each hit's follow-ups, and the state's own other
// cases sharing keyed identifiers. States, hit ids and kinds came over the network: every line is
// made terminal-safe before it is printed, and so is the JSON.
import type { CaseLinks, CounterpartLink, LinkedCase } from '../../node/mod.ts';
import type { Command } from '../command.ts';
import { commandHelp } from '../help.ts';
import { callNode, NODE_URL_OPTION, printNodeApiError, TOKEN_FILE_OPTION, tokenCredentials } from '../node-api-client.ts';
import { terminalSafe, terminalSafeJson } from '../terminal-text.ts';

const SHORT_HIT_ID = 8;

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** "3f2a9c1e…" of "hit-3f2a9c1e7b4d6a80": enough to tell hits apart on screen (--json has them whole). */
export function shortHitId(hitId: string): string {
  const bare = hitId.replace(/^hit-/, '');
  return bare.length > SHORT_HIT_ID ? `${bare.slice(0, SHORT_HIT_ID)}…` : bare;
}

function howMatched(counterpart: CounterpartLink): string {
  const kind = counterpart.identifierKind ?? 'identifier';
  const count = counterpart.matchedIdentifiers === undefined ? '' : ` (${plural(counterpart.matchedIdentifiers, 'identifier')})`;
  switch (counterpart.via) {
    case 'report': return `their report matched our ${kind}${count}`;
    case 'query-by-them': return `their query matched our ${kind}`;
    case 'query-by-us': return `our query matched their ${kind}${count}`;
  }
}

function followUpWords(counterpart: CounterpartLink): string {
  const sent = counterpart.followUps.filter((followUp) => followUp.direction === 'sent').length;
  const received = counterpart.followUps.length - sent;
  const parts = [sent ? `${sent} sent` : '', received ? `${received} received` : ''].filter(Boolean);
  return parts.length ? `  follow-ups: ${parts.join(', ')}` : '';
}

const linkedCaseWords = (linked: LinkedCase) =>
  `${linked.caseReference} (${plural(linked.sharedIdentifiers, 'shared identifier')}: ${linked.identifierKinds.join(', ')})`;

/** The graph as lines for a terminal: the case, one line per counterpart hit, then the linked own cases. */
export function formatCaseLinks(links: CaseLinks): string {
  const lines = [`${links.caseReference}  ${plural(links.messages.length, 'own message')}`];
  if (links.counterparts.length === 0) lines.push('no hits reported on this case\'s messages yet');
  for (const counterpart of links.counterparts) {
    lines.push(`${counterpart.counterpartState.padEnd(4)} hit ${shortHitId(counterpart.hitId)}  ${howMatched(counterpart)}${followUpWords(counterpart)}${counterpart.exercise ? '  (exercise)' : ''}`);
  }
  lines.push(`linked own cases: ${links.linkedCases.length ? links.linkedCases.map(linkedCaseWords).join('; ') : 'none'}`);
  return lines.map(terminalSafe).join('\n');
}

export const linksCommand: Command = {
  name: 'links',
  summary: "show a case's links: counterpart states with hits on its messages (state and hit id only), follow-ups, own cases sharing identifiers",
  usage: '<case-ref>',
  options: {
    node: NODE_URL_OPTION,
    'token-file': TOKEN_FILE_OPTION,
    json: { type: 'boolean', description: 'print the links as JSON' },
  },
  async run({ values, positionals }) {
    const [caseReference] = positionals;
    if (!caseReference) {
      console.error(`tipnet links: give the case reference, e.g. tipnet links IDN-2026-000123\n\n${commandHelp(linksCommand)}`);
      return 2;
    }
    try {
      const credentials = await tokenCredentials(values['token-file']);
      const links = await callNode<CaseLinks>(String(values.node), `/api/cases/${encodeURIComponent(caseReference)}/links`, {}, credentials);
      console.log(values.json ? terminalSafeJson(links) : formatCaseLinks(links));
      return 0;
    } catch (error) {
      return printNodeApiError('links', error);
    }
  },
};
