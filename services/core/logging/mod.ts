export { createLogger, type Logger, type LoggerOptions } from './logger.ts';
export { REDACTED, SENSITIVE_KEYS, redactDeep } from './sensitive-keys.ts';
