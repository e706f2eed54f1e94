// Logging for every tipnet process: pino loggers whose lines carry only whitelisted fields.
// Exports createLogger and the Logger type, and the field whitelist (LOG_FIELDS, NOT_LOGGED).
export { createLogger, type Logger, type LoggerOptions } from './logger.ts';
export { LOG_FIELDS, NOT_LOGGED, whitelistFields } from './log-fields.ts';
