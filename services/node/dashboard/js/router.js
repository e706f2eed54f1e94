// The view lives in the URL's query string, so a filtered inbox page, an open message or a case
// can be shared and reloaded: ?box=sent&kinds=rescue-request&page=3&open=<message id>.

export const LIST_KEYS = ['states', 'roles', 'kinds', 'priorities', 'handling', 'nationalities'];
export const TEXT_KEYS = ['box', 'caseReference', 'traffic', 'q', 'sort', 'order'];
export const FLAG_KEYS = ['unread', 'overdue'];
export const DEFAULTS = Object.freeze({ box: 'received', sort: 'time', order: 'desc', page: 1, pageSize: 50 });

/** The view a query string names; unknown keys are ignored. */
export function parseView(search) {
  const params = new URLSearchParams(search);
  const view = { ...DEFAULTS };
  for (const key of LIST_KEYS) {
    const values = params.getAll(key).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
    if (values.length) view[key] = values;
  }
  for (const key of TEXT_KEYS) if (params.get(key)) view[key] = params.get(key);
  for (const key of FLAG_KEYS) if (params.get(key) === 'true') view[key] = true;
  const page = Number(params.get('page'));
  if (Number.isInteger(page) && page > 0) view.page = page;
  if (params.get('open')) view.open = params.get('open');
  if (params.get('case')) view.case = params.get('case');
  if (params.get('compose')) view.compose = params.get('compose');
  return view;
}

/** The query string of a view, defaults left out so URLs stay short. */
export function viewSearch(view) {
  const params = new URLSearchParams();
  for (const key of LIST_KEYS) if (view[key]?.length) params.set(key, view[key].join(','));
  for (const key of TEXT_KEYS) if (view[key] && view[key] !== DEFAULTS[key]) params.set(key, view[key]);
  for (const key of FLAG_KEYS) if (view[key]) params.set(key, 'true');
  if (view.page && view.page !== 1) params.set('page', String(view.page));
  for (const key of ['open', 'case', 'compose']) if (view[key]) params.set(key, view[key]);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The inbox API's query for a view: the filters, the sort and the page, not what is open. */
export function inboxQuery(view) {
  const params = new URLSearchParams();
  for (const key of LIST_KEYS) if (view[key]?.length) params.set(key, view[key].join(','));
  for (const key of ['box', 'caseReference', 'traffic', 'sort', 'order']) if (view[key]) params.set(key, view[key]);
  if (view.q) params.set('q', view.q);
  for (const key of FLAG_KEYS) if (view[key]) params.set(key, 'true');
  params.set('page', String(view.page ?? 1));
  params.set('pageSize', String(view.pageSize ?? DEFAULTS.pageSize));
  return params;
}
