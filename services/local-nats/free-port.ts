import { createServer, type Server } from 'node:net';

const loopback = '127.0.0.1';

/**
 * Finds `count` distinct free ports on 127.0.0.1. All probe sockets stay open until every port
 * has been read, so the kernel cannot hand the same port out twice within one call.
 * Another process may still take a port between this call and the server binding it; the
 * server then fails to start and its log says so.
 */
export async function findFreePorts(count: number): Promise<number[]> {
  const probes = await Promise.all(Array.from({ length: count }, listenOnAnyPort));
  const ports = probes.map(portOf);
  await Promise.all(probes.map(closeServer));
  return ports;
}

export async function findFreePort(): Promise<number> {
  const [port] = await findFreePorts(1);
  return port as number;
}

function listenOnAnyPort(): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ host: loopback, port: 0, exclusive: true }, () => resolve(server));
  });
}

function portOf(server: Server): number {
  const address = server.address();
  if (address === null || typeof address === 'string') {
    throw new Error('a TCP server bound to a port reports an AddressInfo');
  }
  return address.port;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}
