/**
 * Bolt, its receiver and its WebClient each want a logger of Slack's own shape, and each renames it and
 * sets its level when given one (`web-api:WebClient:3`, INFO). Ours is already named (`arising:slack`)
 * and filtered by LOG_LEVEL, so this is the one place that lends it Slack's shape: those calls are
 * answered and change nothing, and every Slack line keeps our name and our level.
 */
import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../core/logger';

/** LOG_LEVEL's words as Slack's enum. */
export type LevelName = 'debug' | 'info' | 'warn' | 'error';

const BOLT_LEVEL: Record<LevelName, LogLevel> = {
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
};

/** `logger` in Slack's Logger shape; `level` is what Bolt is told when it asks (it filters nothing itself). */
export function boltLogger(logger: Logger, level: LevelName): BoltLogger {
  return {
    debug: (...message) => logger.debug(...message),
    info: (...message) => logger.info(...message),
    warn: (...message) => logger.warn(...message),
    error: (...message) => logger.error(...message),
    setLevel: () => {},
    getLevel: () => BOLT_LEVEL[level],
    setName: () => {},
  };
}
