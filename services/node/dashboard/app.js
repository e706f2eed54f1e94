// The liaison officer's dashboard: plain ES module, no build step. Everything shown comes from the
// node's own API; text is set with textContent only, never parsed as HTML. There are no clear
// identifiers to show: the node only ever holds keyed hashes, and the API gives their count.

const $ = (selector) => document.querySelector(selector);
const state = { node: '', caller: undefined, received: new Map(), selected: undefined, source: undefined, auditBefore: undefined };
const may = (permission) => Boolean(state.caller?.permissions.includes(permission));

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const time = (ms) => (ms ? new Date(ms).toLocaleString() : '—');
const tlp = (handling) => `TLP:${handling.toUpperCase().replace('-STRICT', '+STRICT')}`;

function remaining(ms) {
  const minutes = Math.round(Math.abs(ms) / 60000);
  const text = minutes >= 120 ? `${Math.round(minutes / 60)} h` : `${minutes} min`;
  return ms < 0 ? `overdue by ${text}` : `due in ${text}`;
}

class ApiError extends Error {
  constructor(status, body) {
    super(body.problems?.join('; ') || body.message || `HTTP ${status}`);
    this.status = status;
  }
}

// Same-origin requests with the session cookie; state-changing ones are JSON, as the node demands.
async function api(path, options = {}) {
  const response = await fetch(path, { credentials: 'same-origin', ...options });
  const body = await response.json().catch(() => ({}));
  if (response.status === 401 && state.caller) {
    state.caller = undefined;
    showSignIn('Your sign-in has ended; sign in again.');
  }
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

const postJson = (path, body) => api(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

function filterQuery() {
  const form = new FormData($('#filters'));
  const params = new URLSearchParams();
  for (const [key, value] of form.entries()) {
    const text = String(value).trim();
    if (text) params.set(key, key === 'states' ? text.toUpperCase() : text);
  }
  return params;
}

function badges(summary) {
  return [
    summary.traffic === 'exercise' ? el('span', { class: 'badge exercise' }, 'EXERCISE') : undefined,
    el('span', { class: `badge priority-${summary.priority}` }, summary.priority),
    el('span', { class: `badge tlp-${summary.handling}` }, tlp(summary.handling)),
    el('span', { class: 'badge' }, summary.kind),
  ];
}

function routeView(route) {
  if (!route.length) return el('p', { class: 'meta' }, 'No route given.');
  const order = { origin: 0, transit: 1, destination: 2 };
  const legs = [...route].sort((a, b) => order[a.role] - order[b.role]);
  return el('div', { class: 'route', 'aria-label': 'route' },
    legs.flatMap((leg, index) => [
      index > 0 ? el('span', { class: 'arrow', 'aria-hidden': 'true' }, '→') : undefined,
      el('span', { class: 'leg' }, leg.state, el('small', {}, leg.role + (leg.place ? ` · ${leg.place}` : ''))),
    ]));
}

function acknowledgementText(record) {
  const done = [];
  if (record.acknowledged?.readAtUnixMs) done.push(`read ${time(record.acknowledged.readAtUnixMs)}`);
  if (record.acknowledged?.actionedAtUnixMs) done.push(`actioned ${time(record.acknowledged.actionedAtUnixMs)}`);
  return done.length ? done.join(', ') : 'not yet acknowledged';
}

function renderFeed() {
  const list = $('#feed');
  const records = [...state.received.values()].sort((a, b) => b.receivedAtUnixMs - a.receivedAtUnixMs);
  list.replaceChildren(...records.map((record) => {
    const { summary } = record;
    return el('li', {
      'data-message-id': record.messageId,
      class: [record.messageId === state.selected ? 'selected' : '', record.isNew ? 'new' : ''].join(' ').trim(),
      tabindex: 0,
      onclick: () => select(record.messageId),
      onkeydown: (event) => { if (event.key === 'Enter') select(record.messageId); },
    },
    el('div', { class: 'row' }, badges(summary)),
    el('p', { class: 'headline' }, summary.headline),
    el('div', { class: 'meta' }, `${summary.sender} · ${summary.caseReference || 'no case'} · ${time(summary.createdAtUnixMs)} · ${acknowledgementText(record)}`));
  }));
  for (const record of records) record.isNew = false;
  $('#feed-empty').hidden = records.length > 0;
  $('#feed-count').textContent = records.length ? `(${records.length})` : '';
  $('#exercise-banner').hidden = !records.some((record) => record.summary.traffic === 'exercise');
}

function renderDetail() {
  const record = state.received.get(state.selected);
  const detail = $('#detail');
  if (!record) {
    detail.replaceChildren(el('p', { class: 'empty' }, 'Select an alert.'));
    return;
  }
  const { summary } = record;
  const acknowledge = (status) => async (event) => {
    event.target.disabled = true;
    try {
      await postJson(`/api/messages/${record.messageId}/acknowledge`, { status });
      const field = status === 'read' ? 'readAtUnixMs' : 'actionedAtUnixMs';
      record.acknowledged = { ...record.acknowledged, [field]: record.acknowledged?.[field] ?? Date.now() };
      notice(`${status === 'read' ? 'Marked read' : 'Actioned'}: ${summary.caseReference || record.messageId}; ${summary.sender} is told.`);
      renderFeed();
      renderDetail();
    } catch (error) {
      notice(`Could not acknowledge: ${error.message}`);
      event.target.disabled = false;
    }
  };
  const acknowledgeable = may('acknowledge') && summary.sender !== 'HUB' && summary.payloadName !== 'acknowledgement';
  detail.replaceChildren(...[
    summary.traffic === 'exercise' ? el('p', { class: 'exercise-detail' }, `EXERCISE · drill ${summary.drillId}`) : undefined,
    el('div', { class: 'row' }, badges(summary)),
    el('p', { class: 'headline' }, summary.headline),
    routeView(summary.route),
    el('dl', { class: 'facts' },
      el('dt', {}, 'Message'), el('dd', {}, record.messageId),
      el('dt', {}, 'From'), el('dd', {}, `${summary.sender} / ${summary.senderUnit}`),
      el('dt', {}, 'Case'), el('dd', {}, summary.caseReference || '—'),
      el('dt', {}, 'Created'), el('dd', {}, time(summary.createdAtUnixMs)),
      el('dt', {}, 'Expires'), el('dd', {}, time(summary.expiresAtUnixMs)),
      summary.victimCount ? [el('dt', {}, 'Persons'), el('dd', {}, String(summary.victimCount))] : undefined,
      el('dt', {}, 'Identifiers'), el('dd', {}, `${summary.identifierCount} identifiers (keyed hashes)`),
      summary.locationName ? [el('dt', {}, 'Location'), el('dd', {}, summary.locationName)] : undefined,
      summary.replyDeadlineUnixMs ? [el('dt', {}, 'Reply by'), el('dd', { class: summary.replyDeadlineUnixMs < Date.now() ? 'overdue' : '' }, time(summary.replyDeadlineUnixMs))] : undefined,
      summary.relatedMessageId ? [el('dt', {}, 'Related'), el('dd', {}, summary.relatedMessageId)] : undefined,
      el('dt', {}, 'Receipt'), el('dd', { 'data-testid': 'acknowledged' }, acknowledgementText(record))),
    acknowledgeable ? el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'secondary', disabled: Boolean(record.acknowledged?.readAtUnixMs), onclick: acknowledge('read') }, 'Mark read'),
      el('button', { type: 'button', disabled: Boolean(record.acknowledged?.actionedAtUnixMs), onclick: acknowledge('actioned') }, 'Actioned')) : undefined,
  ].filter(Boolean));
}

function select(messageId) {
  state.selected = messageId;
  renderFeed();
  renderDetail();
}

function dueItem(item, direction) {
  const { summary } = item;
  return el('li', { 'data-message-id': item.messageId },
    el('div', { class: 'row' }, badges(summary)),
    el('div', {}, direction === 'answer' ? `from ${summary.sender}` : `to ${summary.requestedState}`, ' · ', summary.caseReference),
    el('div', { class: item.overdue ? 'overdue' : 'meta' }, remaining(item.remainingMs),
      item.escalatedAtUnixMs ? ` · escalated ${time(item.escalatedAtUnixMs)}` : '',
      item.reminders ? ` · ${item.reminders} reminder(s)` : ''));
}

async function refreshDue() {
  const due = await api('/api/due');
  $('#due-answer').replaceChildren(...(due.toAnswer.length ? due.toAnswer.map((item) => dueItem(item, 'answer')) : [el('li', { class: 'empty' }, 'Nothing due.')]));
  $('#due-awaiting').replaceChildren(...(due.awaitingAnswer.length ? due.awaitingAnswer.map((item) => dueItem(item, 'awaiting')) : [el('li', { class: 'empty' }, 'Nothing awaited.')]));
}

async function refreshSent() {
  const sent = await api('/api/messages');
  $('#sent').replaceChildren(...(sent.length ? sent.slice(0, 20).map((status) => el('li', { 'data-message-id': status.messageId },
    el('div', { class: 'row' }, badges(status.summary)),
    el('div', {}, status.summary.caseReference || status.messageId),
    el('div', { class: 'meta' }, status.rejection ? `rejected by the hub: ${status.rejection.reasonCode}`
      : status.recipients.length ? status.recipients.map(recipientText).join('; ') : 'sent, no receipt yet'))) : [el('li', { class: 'empty' }, 'Nothing sent.')]));
}

/** "KHM: read by KHM-NCB (officer dara)": who in the other state has it, not only that the state does. */
function recipientText(recipient) {
  const by = recipient.stage === 'actioned' ? recipient.actionedBy : recipient.stage === 'read' ? recipient.readBy : undefined;
  return `${recipient.state}: ${recipient.stage}${by ? ` by ${by.unit}${by.note ? ` (${by.note})` : ''}` : ''}`;
}

function notice(text) {
  const list = $('#notices');
  list.prepend(el('li', {}, `${new Date().toLocaleTimeString()} · ${text}`));
  while (list.children.length > 20) list.lastChild.remove();
}

async function loadReceived() {
  const records = await api(`/api/received?${filterQuery()}`);
  state.received = new Map(records.map((record) => [record.messageId, record]));
  renderFeed();
  renderDetail();
}

function connectFeed() {
  state.source?.close();
  const params = filterQuery();
  // A signed-in officer's feed is their own and durable: what arrived while they were away comes first.
  const officer = state.caller?.kind === 'officer' ? state.caller.id : undefined;
  if (officer) params.set('durable', 'true');
  const source = new EventSource(`/api/feed?${params}`);
  state.source = source;
  const status = $('#connection');
  source.addEventListener('ready', () => { status.textContent = officer ? `live · durable feed of ${officer}` : 'live'; status.classList.add('live'); });
  source.addEventListener('error', () => { status.textContent = 'reconnecting…'; status.classList.remove('live'); });
  source.addEventListener('delivery', (event) => {
    const item = JSON.parse(event.data);
    if (!state.received.has(item.summary.messageId)) {
      state.received.set(item.summary.messageId, { messageId: item.summary.messageId, summary: item.summary, receivedAtUnixMs: item.atUnixMs, acknowledged: {}, isNew: true });
    }
    renderFeed();
    if (item.summary.payloadName === 'assistance-request') refreshDue().catch(() => undefined);
  });
  source.addEventListener('receipt', (event) => {
    const item = JSON.parse(event.data);
    const ack = item.summary.acknowledgement;
    if (ack) notice(`${ack.acknowledgingState} ${ack.status} ${item.about?.caseReference || ack.acknowledgedMessageId}${ack.reasonCode ? ` (${ack.reasonCode})` : ''}`);
    refreshSent().catch(() => undefined);
    refreshDue().catch(() => undefined);
  });
  source.addEventListener('escalation', (event) => {
    const item = JSON.parse(event.data);
    notice(`ESCALATED: assistance request ${item.summary.caseReference} to ${item.summary.requestedState} passed its deadline unanswered; a reminder was sent.`);
    refreshDue().catch(() => undefined);
  });
}

function showSignIn(message = '') {
  state.source?.close();
  $('#workspace').hidden = true;
  $('#audit').hidden = true;
  $('#who').hidden = true;
  $('#sign-in').hidden = false;
  $('#sign-in-error').textContent = message;
  $('#connection').textContent = 'signed out';
  $('#connection').classList.remove('live');
}

async function offerIdentityProvider() {
  const providers = await api('/auth/providers').catch(() => ({ oidc: null }));
  if (providers.state) $('#state').textContent = providers.state;
  if (providers.oidc) {
    $('#oidc-name').textContent = providers.oidc.name;
    $('#oidc').hidden = false;
  }
}

function showCaller(caller) {
  $('#who-name').textContent = `${caller.id} · ${caller.unit}`;
  $('#who-role').textContent = caller.role;
  $('#who').hidden = false;
}

// --- The audit trail: auditors only -----------------------------------------------------------
function auditRow(entry) {
  return el('tr', { 'data-seq': entry.seq },
    el('td', {}, String(entry.seq)), el('td', {}, time(entry.atUnixMs)),
    el('td', {}, `${entry.actor.id}${entry.actor.role ? ` (${entry.actor.role})` : ''}`),
    el('td', {}, entry.action), el('td', { class: entry.outcome === 'ok' ? '' : 'overdue' }, entry.outcome),
    el('td', {}, entry.messageId ?? ''), el('td', {}, entry.from ?? ''), el('td', {}, entry.detail ?? entry.target ?? ''));
}

async function loadAudit(more = false) {
  const params = new URLSearchParams();
  for (const [key, value] of new FormData($('#audit-filters')).entries()) if (String(value).trim()) params.set(key, String(value).trim());
  if (more && state.auditBefore) params.set('before', String(state.auditBefore));
  const page = await api(`/api/audit?${params}`);
  const rows = page.entries.map(auditRow);
  if (more) $('#audit-entries').append(...rows);
  else $('#audit-entries').replaceChildren(...rows);
  state.auditBefore = page.nextBefore;
  $('#audit-more').hidden = page.nextBefore === undefined;
}

async function startWorkspace() {
  $('#workspace').hidden = false;
  await loadReceived();
  connectFeed();
  await Promise.all([refreshDue(), refreshSent()]);
}

async function startAudit() {
  $('#audit').hidden = false;
  $('#connection').textContent = 'audit trail';
  await loadAudit();
}

async function start() {
  try {
    state.caller = await api('/auth/session');
  } catch (error) {
    if (error.status === 401) return showSignIn($('#sign-in-error').textContent);
    throw error;
  }
  const node = await api('/api/node');
  state.node = node.state;
  $('#state').textContent = node.state;
  document.title = `tipnet ${node.state}`;
  $('#sign-in').hidden = true;
  showCaller(state.caller);
  if (may('read')) await startWorkspace();
  if (may('audit')) await startAudit();
}

function wire() {
  $('#filters').addEventListener('submit', (event) => {
    event.preventDefault();
    loadReceived().then(connectFeed).catch((error) => notice(`Filter not applied: ${error.message}`));
  });
  $('#sign-in-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    postJson('/auth/sign-in', { officer: String(form.get('officer')), password: String(form.get('password')) })
      .then(() => { event.target.reset(); return start(); })
      .catch((error) => { $('#sign-in-error').textContent = error.message; });
  });
  $('#sign-out').addEventListener('click', () => {
    postJson('/auth/sign-out', {}).catch(() => undefined).then(() => { state.caller = undefined; showSignIn('Signed out.'); });
  });
  $('#audit-filters').addEventListener('submit', (event) => {
    event.preventDefault();
    loadAudit().catch((error) => notice(`Audit filter not applied: ${error.message}`));
  });
  $('#audit-more').addEventListener('click', () => loadAudit(true).catch(() => undefined));
  setInterval(() => { if (may('read')) refreshDue().catch(() => undefined); }, 30_000);
}

// The identity provider's sign-in came back refused: say why, in the node's code.
function signInRefusal() {
  const code = new URLSearchParams(location.hash.slice(1)).get('sign-in-refused');
  if (!code) return '';
  history.replaceState(null, '', '/');
  return `Sign-in with the identity provider was refused (${code}). Ask your administrator if this persists.`;
}

wire();
offerIdentityProvider();
const refusal = signInRefusal();
if (refusal) $('#sign-in-error').textContent = refusal;
start().catch((error) => {
  $('#connection').textContent = `error: ${error.message}`;
});
