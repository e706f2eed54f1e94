import { LocalNatsError, LocalNatsErrorCode } from '../nats-config/mod.ts';
import type { StartedNatsContainer } from '@testcontainers/nats';
import type { NatsConnectOptions, NatsServerHandle } from './server-handle.ts';

export interface StartContainerOptions {
  readonly name?: string;
  /** Default true. */
  readonly jetstream?: boolean;
  /** Default nats:2.10-alpine. */
  readonly image?: string;
}

const clientPort = 4222;
const monitoringPort = 8222;

/**
 * Runs nats-server in a container through testcontainers, for machines without the binary.
 * The container's ports are mapped to free host ports, so the fixed in-container 4222 never
 * clashes with a server on the host. restart() is not supported: the store lives in the
 * container, which stop() removes.
 */
export async function startNatsContainer(options: StartContainerOptions = {}): Promise<NatsServerHandle> {
  // Loaded on demand: the testcontainers stack is heavy and only needed on this path.
  const { NatsContainer } = await import('@testcontainers/nats');
  const name = options.name ?? 'tipnet-container';
  let container = new NatsContainer(options.image ?? 'nats:2.10-alpine')
    .withArg('--name', name)
    .withArg('-m', String(monitoringPort));
  if (options.jetstream ?? true) container = container.withJetStream();
  return new ContainerServer(name, await container.start());
}

class ContainerServer implements NatsServerHandle {
  readonly url: string;
  readonly port: number;
  readonly httpPort: number;
  readonly dataDir = '';
  readonly pid = undefined;
  readonly connectOptions: NatsConnectOptions;
  private stopped: Promise<void> | undefined;

  constructor(
    readonly name: string,
    private readonly container: StartedNatsContainer,
  ) {
    this.port = container.getMappedPort(clientPort);
    this.httpPort = container.getMappedPort(monitoringPort);
    this.url = `nats://${container.getHost()}:${this.port}`;
    this.connectOptions = { servers: [this.url], ...(container.username ? { user: container.username, pass: container.password ?? '' } : {}) };
  }

  get isRunning(): boolean {
    return this.stopped === undefined;
  }

  stop(): Promise<void> {
    this.stopped ??= this.container.stop().then(() => undefined);
    return this.stopped;
  }

  kill(): Promise<void> {
    this.stopped ??= this.container.stop({ timeout: 0 }).then(() => undefined);
    return this.stopped;
  }

  async restart(): Promise<void> {
    throw new LocalNatsError(
      LocalNatsErrorCode.unsupported,
      `restart() is not supported for the container runtime (server ${this.name}); use the nats-server binary for restart and outage tests`,
    );
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}
