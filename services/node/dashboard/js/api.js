// The node's API, same origin with the session cookie. State-changing requests are JSON, as the
// node demands. A route this node does not have yet answers 404: callers fall back (see inbox-source.js).

export class ApiError extends Error {
  constructor(status, body) {
    super(body.problems?.join('; ') || body.message || `HTTP ${status}`);
    this.status = status;
    this.code = body.error;
    /** INVALID_INPUT: "payload.summary: must ..." lines, each naming its field. */
    this.problems = body.problems ?? [];
  }
}

let onSignedOut = () => undefined;
export function whenSignedOut(callback) { onSignedOut = callback; }

export async function api(path, options = {}) {
  const response = await fetch(path, { credentials: 'same-origin', ...options });
  const body = await response.json().catch(() => ({}));
  if (response.status === 401 && !path.startsWith('/auth/')) onSignedOut();
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

export const postJson = (path, body) => api(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** Problems as { path, message }: the node writes "payload.summary: must be ...". */
export function problemsByField(problems) {
  return problems.map((line) => {
    const at = line.indexOf(': ');
    return at > 0 ? { path: line.slice(0, at), message: line.slice(at + 2) } : { path: '', message: line };
  });
}
