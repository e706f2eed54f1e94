// pino loggers bound to a service and a state. Every line passes through the field whitelist
// (log-fields.ts), so a field holding victim data or a secret is never written, whatever the
// calling code put in it.
import { pino, type DestinationStream, type Logger, type LevelWithSilent } from 'pino';
import { whitelistFields } from './log-fields.ts';
import { envelopeSerializer, errorSerializer } from './serializers.ts';

export type { Logger };

export interface LoggerOptions {
  readonly service: string;
  /** The member state this process acts for, if any. */
  readonly state?: string;
  readonly level?: LevelWithSilent;
  /** Where lines go; stdout by default. Tests pass a stream to read lines back. */
  readonly destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions): Logger {
  const bindings = options.state ? { service: options.service, state: options.state } : { service: options.service };
  const logger = pino(
    {
      level: options.level ?? 'info',
      base: whitelistFields(bindings),
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: { envelope: envelopeSerializer, err: errorSerializer, error: errorSerializer },
      formatters: { log: whitelistFields },
    },
    options.destination,
  );
  // pino writes a child's bindings without the log formatter: pass them through the whitelist
  // here. Children are created with Object.create(parent), so theirs inherit this override.
  const pinoChild = logger.child;
  logger.child = function child(this: Logger, childBindings, childOptions) {
    return pinoChild.call(this, whitelistFields(childBindings), childOptions);
  } as Logger['child'];
  return logger;
}
