// pino loggers bound to a service and a state. Every line passes through redaction, so a field
// holding victim data or a secret is replaced whatever the calling code put in it.
import { pino, type DestinationStream, type Logger, type LevelWithSilent } from 'pino';
import { redactDeep } from './sensitive-keys.ts';
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
  return pino(
    {
      level: options.level ?? 'info',
      base: bindings,
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: { envelope: envelopeSerializer, err: errorSerializer, error: errorSerializer },
      formatters: { log: (object) => redactDeep(object) as Record<string, unknown> },
    },
    options.destination,
  );
}
