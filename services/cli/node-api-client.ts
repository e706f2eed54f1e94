// The CLI's side of the node's HTTP API: one function per call, errors as NodeApiError with the
// node's own code and problem list, so commands print them the same way. Every call carries the
// caller's API token (TIPNET_TOKEN, or --token-file), or an officer's session cookie.
import { readFile } from 'node:fs/promises';
export class NodeApiError extends Error {
  override readonly name = 'NodeApiError';
  constructor(readonly status: number, readonly code: string, message: string, readonly problems: readonly string[] = []) {
    super(message);
  }
}

/** Headers that authenticate a CLI call. */
export type NodeCredentials = Readonly<Record<string, string>>;

export async function callNode<T>(nodeUrl: string, path: string, init: RequestInit = {}, credentials: NodeCredentials = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(new URL(path, nodeUrl), { ...init, headers: { ...(init.headers as Record<string, string> | undefined), ...credentials } });
  } catch (cause) {
    throw new NodeApiError(0, 'UNREACHABLE', `no node answers at ${nodeUrl} (${(cause as Error).cause instanceof Error ? ((cause as Error).cause as Error).message : String(cause)})`);
  }
  const body = (await response.json().catch(() => ({}))) as { error?: string; message?: string; problems?: string[] };
  if (!response.ok) throw new NodeApiError(response.status, body.error ?? `HTTP_${response.status}`, body.message ?? response.statusText, body.problems ?? []);
  return body as T;
}

export function printNodeApiError(command: string, error: unknown): number {
  if (!(error instanceof NodeApiError)) throw error;
  console.error(`tipnet ${command}: ${error.code}: ${error.message}`);
  for (const problem of error.problems) console.error(`  - ${problem}`);
  return error.status === 400 ? 2 : 1;
}

export const NODE_URL_OPTION = {
  type: 'string', description: "the node's HTTP API", valueName: 'url', default: 'http://127.0.0.1:8080',
} as const;

export const TOKEN_FILE_OPTION = {
  type: 'string', description: 'file holding the API token (default: the TIPNET_TOKEN environment variable)', valueName: 'file',
} as const;

/**
 * The API token from --token-file (plain text, or JSON with a "token" field as `tipnet up` writes
 * it) or TIPNET_TOKEN. Never from a command-line value: other users can read a process's arguments.
 */
export async function tokenCredentials(tokenFile: unknown): Promise<NodeCredentials> {
  let token = process.env.TIPNET_TOKEN?.trim();
  if (typeof tokenFile === 'string') {
    let text: string;
    try {
      text = (await readFile(tokenFile, 'utf8')).trim();
    } catch (error) {
      throw new NodeApiError(0, 'NO_TOKEN', `cannot read the token file ${tokenFile} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    token = text.startsWith('{') ? String((JSON.parse(text) as { token?: unknown }).token ?? '') : text;
  }
  if (!token) throw new NodeApiError(0, 'NO_TOKEN', 'no API token: set TIPNET_TOKEN or give --token-file (a token is made with `tipnet access token create`)');
  return { authorization: `Bearer ${token}` };
}

/** Signs an officer in (password from a file or TIPNET_PASSWORD) and returns the session cookie. */
export async function officerCredentials(nodeUrl: string, officer: string, passwordFile: unknown): Promise<NodeCredentials> {
  let password = process.env.TIPNET_PASSWORD;
  if (typeof passwordFile === 'string') password = (await readFile(passwordFile, 'utf8')).replace(/\r?\n$/, '');
  if (!password) throw new NodeApiError(0, 'NO_PASSWORD', 'no password: set TIPNET_PASSWORD or give --password-file');
  const response = await fetch(new URL('/auth/sign-in', nodeUrl), {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ officer, password }),
  }).catch(() => {
    throw new NodeApiError(0, 'UNREACHABLE', `no node answers at ${nodeUrl}`);
  });
  const body = (await response.json().catch(() => ({}))) as { error?: string; message?: string };
  if (!response.ok) throw new NodeApiError(response.status, body.error ?? `HTTP_${response.status}`, body.message ?? response.statusText);
  return { cookie: (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '' };
}
