// The node's server-sent events: a delivery, a receipt or an escalation refreshes the page in view.
import { $ } from './dom.js';
import { session } from './session.js';
import { liveChange, notice } from './workbench.js';
import { stateName } from './words.js';

export function connectFeed() {
  session.source?.close();
  const params = new URLSearchParams();
  // A signed-in officer's feed is their own and kept while they are away: what arrived meanwhile comes first.
  const officer = session.caller?.kind === 'officer' ? session.caller.id : undefined;
  if (officer) params.set('durable', 'true');
  const source = new EventSource(`/api/feed?${params}`);
  session.source = source;
  const status = $('#connection');
  source.addEventListener('ready', () => {
    status.textContent = officer ? 'Live: new messages appear as they arrive, also those that came while you were away' : 'Live';
    status.classList.add('live');
  });
  source.addEventListener('error', () => { status.textContent = 'Reconnecting…'; status.classList.remove('live'); });
  source.addEventListener('delivery', liveChange);
  source.addEventListener('receipt', (event) => {
    const item = JSON.parse(event.data);
    const ack = item.summary.acknowledgement;
    if (ack) notice(`${stateName(ack.acknowledgingState)}: ${ack.status} ${item.about?.caseReference || ack.acknowledgedMessageId}${ack.reason ? ` (${ack.reason})` : ''}`);
    liveChange();
  });
  source.addEventListener('escalation', (event) => {
    const item = JSON.parse(event.data);
    notice(`Late: the request ${item.summary.caseReference} to ${item.summary.requestedState} passed its deadline unanswered; a reminder was sent.`);
    liveChange();
  });
}
