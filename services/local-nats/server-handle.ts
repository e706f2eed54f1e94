/** What nats.js `connect()` needs to reach a server; spread it and add a connection `name`. */
export interface NatsConnectOptions {
  readonly servers: string[];
  readonly user?: string;
  readonly pass?: string;
}

/** One running nats-server, whether a local process or a container. */
export interface NatsServerHandle extends AsyncDisposable {
  /** server_name. */
  readonly name: string;
  /** Client URL, nats://127.0.0.1:port. */
  readonly url: string;
  readonly port: number;
  /** Monitoring (HTTP) port. */
  readonly httpPort: number;
  /** Holds the config, the log and the JetStream store ('' for a container). */
  readonly dataDir: string;
  /** Process id of the current server process; undefined for a container. */
  readonly pid: number | undefined;
  readonly isRunning: boolean;
  readonly connectOptions: NatsConnectOptions;
  /**
   * Ends the server (SIGTERM, SIGKILL after ~5 s) and removes its data dir, unless `keepData`
   * here or at start. Safe to call more than once. With data kept, restart() brings it back.
   */
  stop(options?: { keepData?: boolean }): Promise<void>;
  /** SIGKILL, for fault injection: no clean shutdown, data kept for restart(). */
  kill(): Promise<void>;
  /** Stops the server if running and starts it again on the same ports and store dir. */
  restart(): Promise<void>;
}
