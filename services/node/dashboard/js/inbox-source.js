// Where inbox pages come from: the node's stored inbox (GET /api/inbox), or, on a node without it,
// the older lists (/api/received and /api/messages) paged and searched here. The fallback keeps
// the dashboard useful during an upgrade; it is not meant for a year's volume.
import { api, ApiError } from './api.js';
import { inboxQuery } from './router.js';

let hasInbox = true;

export async function loadInboxPage(view) {
  if (hasInbox) {
    try {
      return await api(`/api/inbox?${inboxQuery(view)}`);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 404) throw error;
      hasInbox = false;
    }
  }
  return fallbackPage(view);
}

/** A message's detail: the stored one, or what the older routes know (the summary only). */
export async function loadDetail(messageId, known) {
  try {
    return await api(`/api/messages/${encodeURIComponent(messageId)}/detail`);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404 || !known) throw error;
    return { ...known, answers: known.answers ?? [], openedBy: [], summaryOnly: true };
  }
}

export async function loadCase(caseReference) {
  try {
    return await api(`/api/cases/${encodeURIComponent(caseReference)}`);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404) throw error;
    const page = await fallbackPage({ box: 'all', caseReference, sort: 'time', order: 'asc', page: 1, pageSize: 200 });
    return { caseReference, messages: page.items, withdrawn: false, partial: true };
  }
}

async function fallbackPage(view) {
  const filter = new URLSearchParams();
  for (const key of ['states', 'roles', 'kinds', 'priorities', 'handling']) if (view[key]?.length) filter.set(key, view[key].join(','));
  for (const key of ['caseReference', 'traffic']) if (view[key]) filter.set(key, view[key]);
  const box = view.box ?? 'received';
  const received = box === 'sent' ? [] : (await api(`/api/received?${filter}`)).map((record) => ({
    messageId: record.messageId, direction: 'received', atUnixMs: record.receivedAtUnixMs, summary: record.summary,
    unread: !record.acknowledged?.readAtUnixMs, acknowledged: record.acknowledged,
  }));
  const sent = box === 'received' ? [] : (await api('/api/messages')).filter((status) => status.payloadName !== 'acknowledgement')
    .filter((status) => !view.caseReference || status.summary.caseReference === view.caseReference)
    .map((status) => ({
      messageId: status.messageId, direction: 'sent', atUnixMs: status.sentAtUnixMs, summary: status.summary, unread: false,
      recipients: status.recipients.map((recipient) => ({ ...recipient, answer: status.answers?.find((answer) => answer.from === recipient.state) })),
      answers: status.answers,
    }));
  const words = (view.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const items = [...received, ...sent]
    .filter((item) => words.every((word) => `${item.summary.headline} ${item.summary.locationName}`.toLowerCase().includes(word)))
    .filter((item) => !view.unread || item.unread)
    .sort(compareBy(view.sort, view.order));
  const pageSize = view.pageSize ?? 50;
  const page = view.page ?? 1;
  return { items: items.slice((page - 1) * pageSize, page * pageSize), total: items.length, page, pageSize, fallback: true };
}

const PRIORITY_RANK = { immediate: 3, urgent: 2, routine: 1 };
function compareBy(sort = 'time', order = 'desc') {
  const key = sort === 'priority' ? (item) => PRIORITY_RANK[item.summary.priority] ?? 0
    : sort === 'deadline' ? (item) => item.summary.replyDeadlineUnixMs || Number.MAX_SAFE_INTEGER
      : (item) => item.atUnixMs;
  const sign = order === 'asc' ? 1 : -1;
  return (a, b) => sign * (key(a) - key(b)) || b.atUnixMs - a.atUnixMs;
}
