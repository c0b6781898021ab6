import { type Logger, pino } from 'pino';
import type { Config } from './config.js';

/** The process logger (JSON on stdout); credentials never reach the log. */
export function createLogger(config: Config): Logger {
  return pino({ level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] });
}
