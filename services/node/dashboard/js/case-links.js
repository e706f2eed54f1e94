// A case's links (GET /api/cases/<ref>/links): the case at the centre, the states the hub reported
// hits with on this state's messages of it (state, short hit id, how it matched) on one side, this
// state's other cases sharing identifiers on the other. The drawing is for the eye only
// (aria-hidden); the lists below it say the same for everyone and hold the keyboard's buttons.
// Nothing of another state's message is shown: the hub never tells it.
import { api, ApiError } from './api.js';
import { absoluteTime } from './dates.js';
import { el, svg } from './dom.js';
import { hitViaWords, identifierKindWords, shortHitId, stateName } from './words.js';

/** The links, or undefined when this state sent nothing in the case (the node answers 404). */
export async function loadCaseLinks(caseReference) {
  try {
    return await api(`/api/cases/${encodeURIComponent(caseReference)}/links`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined;
    throw error;
  }
}

const plural = (count, word) => `${count} ${word}${count === 1 ? '' : 's'}`;
const sharedWords = (linked) => `${plural(linked.sharedIdentifiers, 'shared identifier')}: ${linked.identifierKinds.map(identifierKindWords).join(', ')}`;

/** `loaded` is {links} (undefined links: the node has none for the case) or {failed: reason}. */
export function caseLinksView(caseReference, loaded, actions) {
  const section = (...children) => el('section', { class: 'case-links', 'aria-labelledby': 'case-links-title' }, el('h4', { id: 'case-links-title' }, 'Links'), ...children);
  if (loaded.failed) return section(el('p', { class: 'overdue' }, `Could not load the links: ${loaded.failed}`));
  const { links } = loaded;
  if (!links) return section(el('p', { class: 'meta' }, 'No links: this state has sent no message in this case, so no hit can name one of its messages.'));
  return section(
    el('p', { class: 'meta' }, 'Other states the hub reported a match with on this state\'s messages of the case: the state and the hit only, nothing of their message. Own cases sharing identifiers are found on this node from keyed hashes.'),
    linkGraph(caseReference, links, actions),
    el('h5', {}, 'Other states'),
    links.counterparts.length
      ? el('ul', { class: 'link-list', 'aria-label': `States with a hit on case ${caseReference}` }, links.counterparts.map((counterpart) => counterpartEntry(counterpart, actions)))
      : el('p', { class: 'empty' }, 'No hit reported yet.'),
    el('h5', {}, 'Own cases sharing identifiers'),
    links.linkedCases.length
      ? el('ul', { class: 'link-list', 'aria-label': `Own cases linked to ${caseReference}` }, links.linkedCases.map((linked) => el('li', { 'data-case': linked.caseReference },
        el('button', { type: 'button', class: 'link', onclick: () => actions.openCase(linked.caseReference) }, `${linked.caseReference} (open the case)`),
        el('span', { class: 'meta' }, ` · ${sharedWords(linked)}`))))
      : el('p', { class: 'empty' }, 'None.'),
  );
}

function counterpartEntry(counterpart, actions) {
  return el('li', { 'data-hit-id': counterpart.hitId },
    el('p', {}, el('strong', {}, stateName(counterpart.counterpartState)), ' · ', el('span', { title: counterpart.hitId }, `hit ${shortHitId(counterpart.hitId)}`),
      ` · ${hitViaWords(counterpart)}`, counterpart.exercise ? ' · exercise' : ''),
    el('p', { class: 'meta' }, `Reported ${absoluteTime(counterpart.atUnixMs)}`),
    counterpart.followUps.length ? el('ul', { class: 'follow-ups', 'aria-label': `Follow-ups of hit ${shortHitId(counterpart.hitId)}` }, counterpart.followUps.map((followUp) => el('li', {},
      el('button', { type: 'button', class: 'link', onclick: () => actions.open(followUp.messageId) },
        `${followUp.direction === 'sent' ? 'Request sent' : 'Request received'} ${absoluteTime(followUp.atUnixMs)}`)))) : undefined);
}

// --- The drawing ----------------------------------------------------------------------------------
const WIDTH = 660;
const VIA_SHORT = { report: 'their report', 'query-by-them': 'their query', 'query-by-us': 'our query' };
const ROW = 52;
const BOX = { width: 204, height: 42 };

function box(x, y, lines, className, onClick) {
  const group = svg('g', { class: `graph-node ${className}` },
    svg('rect', { x, y, width: BOX.width, height: BOX.height, rx: 6 }),
    lines.map((line, index) => svg('text', { x: x + 8, y: y + 17 + index * 16, class: index === 0 ? 'graph-title' : 'graph-meta' }, line)));
  if (onClick) group.addEventListener('click', onClick);
  return group;
}

function column(items, x, height) {
  const top = (height - items.length * ROW) / 2;
  return items.map((item, index) => ({ ...item, x, y: top + index * ROW + (ROW - BOX.height) / 2 }));
}

function linkGraph(caseReference, links, actions) {
  const height = Math.max(links.counterparts.length, links.linkedCases.length, 1) * ROW + 8;
  const centre = { x: (WIDTH - BOX.width) / 2, y: (height - BOX.height) / 2 };
  const left = column(links.counterparts.map((counterpart) => ({
    lines: [`${counterpart.counterpartState} · hit ${shortHitId(counterpart.hitId)}`, `${VIA_SHORT[counterpart.via] ?? ''} · ${identifierKindWords(counterpart.identifierKind ?? 'identifier')}`],
  })), 4, height);
  const right = column(links.linkedCases.map((linked) => ({
    lines: [linked.caseReference, sharedWords(linked)], onClick: () => actions.openCase(linked.caseReference),
  })), WIDTH - BOX.width - 4, height);
  const edge = (node, fromRight) => svg('line', {
    class: 'graph-edge', x1: fromRight ? node.x + BOX.width : node.x, y1: node.y + BOX.height / 2,
    x2: fromRight ? centre.x : centre.x + BOX.width, y2: centre.y + BOX.height / 2,
  });
  return el('figure', { class: 'link-graph', 'aria-hidden': 'true' }, svg('svg', { viewBox: `0 0 ${WIDTH} ${height}`, role: 'presentation', focusable: 'false' },
    left.map((node) => edge(node, true)), right.map((node) => edge(node, false)),
    left.map((node) => box(node.x, node.y, node.lines, 'counterpart')),
    right.map((node) => box(node.x, node.y, node.lines, 'linked-case', node.onClick)),
    box(centre.x, centre.y, [caseReference, plural(links.messages.length, 'own message')], 'centre')));
}
