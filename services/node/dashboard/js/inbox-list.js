// The inbox list: one page from the server, a listbox of fixed height with its own scroll.
// Arrow keys move, Home/End jump, Enter or a click opens; the open message stays marked.
import { $, el } from './dom.js';
import { absoluteTime, deadlineWords } from './dates.js';
import { acknowledgementText, badges, recipientText, withdrawnNote } from './badges.js';
import { headlineWords, stateName } from './words.js';

const BOX_TITLES = { received: 'Received', sent: 'Sent', all: 'Received and sent' };

export function renderInbox(page, view, { onOpen, onPage }) {
  const list = $('#feed');
  $('#feed-title-text').textContent = BOX_TITLES[view.box] ?? 'Inbox';
  const first = page.total ? (page.page - 1) * page.pageSize + 1 : 0;
  const last = Math.min(page.total, page.page * page.pageSize);
  $('#feed-count').textContent = page.total ? `${first}–${last} of ${page.total}` : '';
  list.replaceChildren(...page.items.map((item) => inboxRow(item, item.messageId === view.open, onOpen)));
  if (!list.querySelector('[tabindex="0"]') && list.firstElementChild) list.firstElementChild.tabIndex = 0;
  $('#feed-empty').hidden = page.items.length > 0;
  $('#feed-empty').textContent = page.total === 0 && page.page > 1 ? 'No messages on this page.' : 'No messages match this view.';
  renderPager(page, onPage);
  $('#exercise-banner').hidden = !page.items.some((item) => item.summary.traffic === 'exercise');
  list.onkeydown = (event) => moveFocus(event, list, onOpen);
}

function inboxRow(item, selected, onOpen) {
  const { summary } = item;
  const counterpart = item.direction === 'sent' ? `to ${(summary.recipients.length ? summary.recipients : ['the hub']).join(', ')}` : `from ${stateName(summary.sender)}`;
  const row = el('li', {
    role: 'option', id: `item-${item.messageId}`, 'data-message-id': item.messageId, 'aria-selected': selected ? 'true' : 'false',
    tabindex: selected ? 0 : -1,
    class: ['item', item.unread ? 'unread' : '', item.withdrawn ? 'is-withdrawn' : '', selected ? 'selected' : ''].filter(Boolean).join(' '),
    onclick: () => onOpen(item),
  },
  el('div', { class: 'row' }, badges(summary), item.unread ? el('span', { class: 'unread-mark' }, 'Unread') : undefined),
  el('p', { class: 'headline' }, headlineWords(summary)),
  withdrawnNote(item),
  el('p', { class: 'meta' }, `${counterpart} · ${summary.caseReference || 'no case'} · ${absoluteTime(item.atUnixMs)}`),
  item.deadline ? el('p', { class: item.deadline.overdue ? 'overdue' : 'meta' }, deadlineWords(item.deadline))
    : summary.replyDeadlineUnixMs && !item.withdrawn ? el('p', { class: summary.replyDeadlineUnixMs < Date.now() ? 'overdue' : 'meta' }, `Reply by ${absoluteTime(summary.replyDeadlineUnixMs)}`) : undefined,
  el('p', { class: 'meta' }, item.direction === 'sent'
    ? (item.recipients?.length ? item.recipients.map(recipientText).join('; ') : 'No receipt yet')
    : acknowledgementText(item)));
  return row;
}

function moveFocus(event, list, onOpen) {
  const rows = [...list.children];
  const index = rows.indexOf(document.activeElement);
  if (index < 0) return;
  const next = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: rows.length - 1 }[event.key];
  if (next !== undefined) {
    event.preventDefault();
    const target = rows[Math.max(0, Math.min(rows.length - 1, next))];
    for (const row of rows) row.tabIndex = -1;
    target.tabIndex = 0;
    target.focus();
  } else if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    rows[index].click();
  }
}

function renderPager(page, onPage) {
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const pager = $('#pager');
  pager.replaceChildren(
    el('button', { type: 'button', class: 'secondary', disabled: page.page <= 1, onclick: () => onPage(page.page - 1) }, 'Previous page'),
    el('span', { class: 'meta', 'aria-live': 'polite' }, `Page ${page.page} of ${pages}`),
    el('button', { type: 'button', class: 'secondary', disabled: page.page >= pages, onclick: () => onPage(page.page + 1) }, 'Next page'),
  );
}

/** Brings the open row into the list's own scroll, not the page's. */
export function revealSelected() {
  const row = $('#feed [aria-selected="true"]');
  row?.scrollIntoView({ block: 'nearest' });
}
