// The workbench: the inbox page and the pane beside it (a message, a case, or a form), driven by
// the view in the URL. Opening a message never reloads the list; filters and pages do.
import { $, el } from './dom.js';
import { api, postJson } from './api.js';
import { absoluteTime, distanceWords } from './dates.js';
import { badges } from './badges.js';
import { loadCase, loadDetail, loadInboxPage } from './inbox-source.js';
import { renderInbox, revealSelected } from './inbox-list.js';
import { answerable, detailView } from './detail.js';
import { caseThreadView } from './case-thread.js';
import { loadCaseLinks } from './case-links.js';
import { answerForm, assistanceRequestForm, caseAlertForm, hitDetailRequestForm, intelligenceReportForm, retractionForm } from './forms.js';
import { FLAG_KEYS, LIST_KEYS, parseView, viewSearch } from './router.js';
import { may, session } from './session.js';
import { kindWords, stateName } from './words.js';

const PANE_KEYS = ['open', 'case', 'compose'];
let current; // the message shown in the pane (its detail), for the forms that act on it

export function notice(text) {
  const list = $('#notices');
  list.prepend(el('li', {}, `${absoluteTime(Date.now())} · ${text}`));
  while (list.children.length > 20) list.lastChild.remove();
}

export async function startWorkbench() {
  $('#workspace').hidden = false;
  $('#compose-actions').hidden = !may('send');
  session.view = parseView(location.search);
  fillFilters(session.view);
  // Filters stand open on a desk screen; on a phone they fold away above the list.
  $('#filter-panel').open = !window.matchMedia('(max-width: 600px)').matches;
  await Promise.all([loadList(), showPane()]);
  refreshDue().catch(() => undefined);
}

export function wireWorkbench() {
  $('#filters').addEventListener('submit', (event) => {
    event.preventDefault();
    navigate({ ...filtersOf(event.target), page: 1 }, { list: true });
  });
  $('#back').addEventListener('click', () => {
    const open = session.view.open;
    navigate({ open: undefined, case: undefined, compose: undefined });
    (open && document.getElementById(`item-${open}`) || $('#feed'))?.focus();
  });
  for (const button of document.querySelectorAll('#compose-actions button')) {
    button.addEventListener('click', () => navigate({ compose: button.dataset.compose, open: undefined, case: undefined }));
  }
  window.addEventListener('popstate', () => {
    session.view = parseView(location.search);
    fillFilters(session.view);
    Promise.all([loadList(), showPane()]).catch((error) => notice(`Could not show this view: ${error.message}`));
  });
  setInterval(() => { if (may('read') && !$('#workspace').hidden) refreshDue().catch(() => undefined); }, 30_000);
}

/** Changes the view and the URL; reloads the list only when the list's view changed. */
export function navigate(patch, { list = false } = {}) {
  const next = { ...session.view, ...patch };
  for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
  session.view = next;
  history.pushState(null, '', `${location.pathname}${viewSearch(next)}`);
  const work = [showPane()];
  if (list) work.push(loadList());
  else markSelected();
  Promise.all(work).catch((error) => notice(`Could not show this view: ${error.message}`));
}

export async function loadList() {
  const page = await loadInboxPage(session.view);
  session.page = page;
  renderInbox(page, session.view, {
    onOpen: (item) => navigate({ open: item.messageId, case: undefined, compose: undefined }),
    onPage: (number) => navigate({ page: number }, { list: true }),
  });
  $('#feed-source').hidden = !page.fallback;
  revealSelected();
}

function markSelected() {
  for (const row of $('#feed').children) {
    const selected = row.dataset.messageId === session.view.open;
    row.setAttribute('aria-selected', String(selected));
    row.classList.toggle('selected', selected);
    row.tabIndex = selected ? 0 : -1;
  }
  if (!$('#feed [tabindex="0"]') && $('#feed').firstElementChild) $('#feed').firstElementChild.tabIndex = 0;
  revealSelected();
}

const paneActions = {
  open: (messageId) => navigate({ open: messageId, case: undefined, compose: undefined }),
  openCase: (caseReference) => navigate({ case: caseReference, open: undefined, compose: undefined }),
  acknowledge: async (status, button) => {
    button.disabled = true;
    try {
      await postJson(`/api/messages/${current.messageId}/acknowledge`, { status });
      notice(`${status === 'read' ? 'Marked read' : 'Actioned'}: ${current.summary.caseReference || current.messageId}; ${current.summary.sender} is told.`);
      // The list first: on a node without stored details the pane is built from the list's row.
      await loadList();
      await showPane();
    } catch (error) {
      notice(`Could not acknowledge: ${error.message}`);
      button.disabled = false;
    }
  },
  answer: () => navigate({ compose: 'answer' }),
  requestDetail: () => navigate({ compose: 'hit-detail' }),
  retract: () => navigate({ compose: 'retraction' }),
};

/** The pane: a form, a case thread, a message, or a hint. On a phone it is its own view. */
export async function showPane() {
  const { view } = session;
  const pane = $('#detail');
  const title = $('#detail-title');
  document.body.classList.toggle('pane-open', PANE_KEYS.some((key) => view[key]));
  try {
    if (view.compose) {
      title.textContent = 'Write';
      pane.replaceChildren(await composeView(view));
    } else if (view.case) {
      title.textContent = 'Case';
      // A hit notice or query answer arriving refreshes the pane (liveChange), links included.
      const [thread, links] = await Promise.all([loadCase(view.case), loadCaseLinks(view.case).then((found) => ({ links: found }), (error) => ({ failed: error.message }))]);
      pane.replaceChildren(...caseThreadView(thread, paneActions, links).filter(Boolean));
    } else if (view.open) {
      title.textContent = 'Message';
      current = await loadDetail(view.open, session.page?.items.find((item) => item.messageId === view.open));
      pane.replaceChildren(...detailView(current, paneActions).filter(Boolean));
      const row = document.getElementById(`item-${view.open}`);
      if (row?.classList.contains('unread')) { row.classList.remove('unread'); row.querySelector('.unread-mark')?.remove(); }
    } else {
      title.textContent = 'Message';
      pane.replaceChildren(el('p', { class: 'empty' }, 'Select a message in the list.'));
    }
  } catch (error) {
    pane.replaceChildren(el('p', { class: 'overdue', role: 'alert' }, `Could not show this: ${error.message}`));
  }
  if (document.body.classList.contains('pane-open') && window.matchMedia('(max-width: 600px)').matches) title.focus();
}

async function composeView(view) {
  const callbacks = {
    onCancel: () => history.back(),
    onSent: (result) => {
      notice(`Sent ${kindWords(view.compose)}: ${result.messageId}`);
      loadList().catch(() => undefined);
      refreshDue().catch(() => undefined);
    },
  };
  const needsMessage = ['answer', 'hit-detail', 'retraction'].includes(view.compose);
  if (needsMessage) {
    const messageId = view.open ?? current?.messageId;
    if (!current || current.messageId !== messageId) current = messageId ? await loadDetail(messageId) : undefined;
    if (!current) return el('p', { class: 'empty' }, 'Open the message first.');
  }
  switch (view.compose) {
    case 'answer': return may('answer') && answerable(current) ? answerForm(current, callbacks) : refusedView('answer this message');
    case 'hit-detail': return may('send') ? hitDetailRequestForm(current, callbacks) : refusedView('send requests');
    case 'retraction': return may('retract') ? retractionForm(current, callbacks) : refusedView('withdraw messages');
    case 'case-alert': return may('send') ? caseAlertForm(callbacks) : refusedView('send alerts');
    case 'intelligence-report': return may('send') ? intelligenceReportForm(callbacks) : refusedView('send reports');
    case 'assistance-request': return may('send') ? assistanceRequestForm(callbacks) : refusedView('send requests');
    default: return el('p', { class: 'empty' }, 'Nothing to write here.');
  }
}

const refusedView = (what) => el('p', { class: 'empty' }, `Your role (${session.caller?.role ?? 'unknown'}) may not ${what}.`);

// --- Filters <-> view ---------------------------------------------------------------------------
function fillFilters(view) {
  const form = $('#filters');
  const active = [...LIST_KEYS, ...FLAG_KEYS, 'q', 'caseReference', 'traffic'].filter((key) => (Array.isArray(view[key]) ? view[key].length : view[key])).length;
  $('#filter-summary').textContent = active ? `(${active} ${active === 1 ? 'filter' : 'filters'} on)` : '';
  for (const element of form.elements) {
    if (!element.name) continue;
    const value = view[element.name];
    if (element.type === 'checkbox') element.checked = Boolean(value);
    else element.value = Array.isArray(value) ? value.join(',') : value ?? (element.tagName === 'SELECT' ? element.options[0]?.value ?? '' : '');
  }
}

function filtersOf(form) {
  const patch = {};
  for (const element of form.elements) {
    if (!element.name) continue;
    if (FLAG_KEYS.includes(element.name)) patch[element.name] = element.checked || undefined;
    else if (LIST_KEYS.includes(element.name)) {
      const values = element.value.split(',').map((v) => v.trim()).filter(Boolean).map((v) => (['states', 'nationalities'].includes(element.name) ? v.toUpperCase() : v));
      patch[element.name] = values.length ? values : undefined;
    } else patch[element.name] = element.value.trim() || undefined;
  }
  return patch;
}

// --- Due lists ----------------------------------------------------------------------------------
function dueItem(item, direction) {
  const { summary } = item;
  const deadline = item.deadline;
  const at = deadline?.atUnixMs ?? item.deadlineUnixMs;
  const overdue = deadline?.overdue ?? item.overdue;
  return el('li', { 'data-message-id': item.messageId },
    el('div', { class: 'row' }, badges(summary)),
    el('button', { type: 'button', class: 'link', onclick: () => paneActions.open(item.messageId) },
      `${direction === 'answer' ? `From ${stateName(summary.sender)}` : `To ${summary.requestedState || summary.recipients.join(', ')}`} · ${summary.caseReference || kindWords(summary.kind)}`),
    el('div', { class: overdue ? 'overdue' : 'meta' },
      `${deadline?.state === 'delayed' ? 'Delayed to' : 'Reply by'} ${absoluteTime(at)} (${distanceWords(at)})`,
      deadline?.delayReason ? `: ${deadline.delayReason}` : '',
      overdue && deadline?.late?.length ? ` · late: ${deadline.late.join(', ')}` : overdue ? ' · late' : '',
      item.escalatedAtUnixMs ? ` · escalated ${absoluteTime(item.escalatedAtUnixMs)}` : '',
      item.reminders ? ` · ${item.reminders} ${item.reminders === 1 ? 'reminder' : 'reminders'}` : ''));
}

export async function refreshDue() {
  const due = await api('/api/due');
  $('#due-answer').replaceChildren(...(due.toAnswer.length ? due.toAnswer.map((item) => dueItem(item, 'answer')) : [el('li', { class: 'empty' }, 'Nothing due.')]));
  $('#due-awaiting').replaceChildren(...(due.awaitingAnswer.length ? due.awaitingAnswer.map((item) => dueItem(item, 'awaiting')) : [el('li', { class: 'empty' }, 'Nothing awaited.')]));
}

/** A live change (delivery, receipt, escalation): the current page and the pane are refreshed, at most every half second. */
let pending;
export function liveChange() {
  clearTimeout(pending);
  pending = setTimeout(() => {
    loadList().catch(() => undefined);
    refreshDue().catch(() => undefined);
    // A form being written is never redrawn under the officer's hands.
    if ((session.view.open || session.view.case) && !session.view.compose) showPane().catch(() => undefined);
  }, 500);
}
