/*
 * Reads nats-server's HTTP monitoring endpoints on 127.0.0.1. A server that is not listening yet
 * is an expected state while starting, so unreachable endpoints yield "not yet", not an error.
 */

const requestTimeoutMs = 2_000;

/** GET /healthz answers 200 once the server (and, when enabled, JetStream) is ready. */
export async function isHealthy(httpPort: number): Promise<boolean> {
  const response = await getMonitoring(httpPort, '/healthz');
  return response?.status === 200;
}

/** Name of the JetStream meta leader this node knows, or undefined before one is elected. */
export async function jetStreamMetaLeader(httpPort: number): Promise<string | undefined> {
  const response = await getMonitoring(httpPort, '/jsz');
  const body = response?.body as { meta_cluster?: { leader?: string } } | undefined;
  const leader = body?.meta_cluster?.leader;
  return leader ? leader : undefined;
}

export interface LeafConnection {
  /** server_name of the server at the other end. */
  readonly name: string;
  /** Account this side bound the connection to. */
  readonly account: string;
}

/** Leaf node connections of a server, as listed by GET /leafz (empty when unreachable). */
export async function leafConnections(httpPort: number): Promise<LeafConnection[]> {
  const response = await getMonitoring(httpPort, '/leafz');
  const body = response?.body as { leafs?: LeafConnection[] } | undefined;
  return (body?.leafs ?? []).map(({ name, account }) => ({ name, account }));
}

async function getMonitoring(httpPort: number, path: string): Promise<{ status: number; body: unknown } | undefined> {
  try {
    const response = await fetch(`http://127.0.0.1:${httpPort}${path}`, {
      signal: AbortSignal.timeout(requestTimeoutMs),
    });
    const text = await response.text();
    return { status: response.status, body: parseJson(text) };
  } catch {
    return undefined;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
