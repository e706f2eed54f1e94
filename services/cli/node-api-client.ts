// The CLI's side of the node's HTTP API: one function per call, errors as NodeApiError with the
// node's own code and problem list, so commands print them the same way.
export class NodeApiError extends Error {
  override readonly name = 'NodeApiError';
  constructor(readonly status: number, readonly code: string, message: string, readonly problems: readonly string[] = []) {
    super(message);
  }
}

export async function callNode<T>(nodeUrl: string, path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(new URL(path, nodeUrl), init);
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
