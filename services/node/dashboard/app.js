// The liaison officer's dashboard: plain ES modules, no build step, nothing fetched from anywhere
// but this node. This entry signs in and out and starts the workbench or the audit trail; the
// modules in js/ do the rest. Text is set as text only, never parsed as HTML.
import { $, el } from './js/dom.js';
import { api, postJson, whenSignedOut } from './js/api.js';
import { absoluteTime } from './js/dates.js';
import { connectFeed } from './js/live-feed.js';
import { may, session } from './js/session.js';
import { startWorkbench, wireWorkbench } from './js/workbench.js';

let auditBefore;

function showSignIn(message = '') {
  session.source?.close();
  session.caller = undefined;
  $('#workspace').hidden = true;
  $('#audit').hidden = true;
  $('#who').hidden = true;
  $('#sign-in').hidden = false;
  $('#sign-in-error').textContent = message;
  $('#connection').textContent = 'Signed out';
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

// --- The audit trail: auditors only ---------------------------------------------------------
function auditRow(entry) {
  return el('tr', { 'data-seq': entry.seq },
    el('td', {}, String(entry.seq)), el('td', {}, absoluteTime(entry.atUnixMs)),
    el('td', {}, `${entry.actor.id}${entry.actor.role ? ` (${entry.actor.role})` : ''}`),
    el('td', {}, entry.action), el('td', { class: entry.outcome === 'ok' ? '' : 'overdue' }, entry.outcome),
    el('td', {}, entry.messageId ?? ''), el('td', {}, entry.from ?? ''), el('td', {}, entry.detail ?? entry.target ?? ''));
}

async function loadAudit(more = false) {
  const params = new URLSearchParams();
  for (const [key, value] of new FormData($('#audit-filters')).entries()) if (String(value).trim()) params.set(key, String(value).trim());
  if (more && auditBefore) params.set('before', String(auditBefore));
  const page = await api(`/api/audit?${params}`);
  const rows = page.entries.map(auditRow);
  if (more) $('#audit-entries').append(...rows);
  else $('#audit-entries').replaceChildren(...rows);
  auditBefore = page.nextBefore;
  $('#audit-more').hidden = page.nextBefore === undefined;
}

async function start() {
  try {
    session.caller = await api('/auth/session');
  } catch (error) {
    if (error.status === 401) return showSignIn($('#sign-in-error').textContent);
    throw error;
  }
  const node = await api('/api/node');
  session.node = node.state;
  $('#state').textContent = node.state;
  document.title = `tipnet ${node.state}`;
  $('#sign-in').hidden = true;
  showCaller(session.caller);
  if (may('read')) {
    await startWorkbench();
    connectFeed();
  }
  if (may('audit')) {
    $('#audit').hidden = false;
    $('#connection').textContent = 'Audit trail';
    await loadAudit();
  }
}

function wire() {
  whenSignedOut(() => { if (session.caller) showSignIn('Your sign-in has ended; sign in again.'); });
  wireWorkbench();
  $('#sign-in-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    postJson('/auth/sign-in', { officer: String(form.get('officer')), password: String(form.get('password')) })
      .then(() => { event.target.reset(); return start(); })
      .catch((error) => { $('#sign-in-error').textContent = error.message; });
  });
  $('#sign-out').addEventListener('click', () => {
    postJson('/auth/sign-out', {}).catch(() => undefined).then(() => showSignIn('Signed out.'));
  });
  $('#audit-filters').addEventListener('submit', (event) => {
    event.preventDefault();
    loadAudit().catch((error) => { $('#connection').textContent = `Audit filter not applied: ${error.message}`; });
  });
  $('#audit-more').addEventListener('click', () => loadAudit(true).catch(() => undefined));
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
  $('#connection').textContent = `Error: ${error.message}`;
});
