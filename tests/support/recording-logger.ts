/**
 * A Logger that keeps what the service says, one `level message` string a line, so a test can check
 * what the start-up log announces (what is served, what is disabled, what is refused).
 *
 *   const log = recordingLogger();
 *   await startService(config, { logger: log.logger });
 *   expect(log.lines).toContainEqual(expect.stringMatching(/^info Teams disabled/));
 */
import type { Logger } from '../../src/core/logger';

export interface RecordingLogger {
  logger: Logger;
  lines: string[];
}

export function recordingLogger(): RecordingLogger {
  const lines: string[] = [];
  const note =
    (level: string) =>
    (...message: unknown[]) => {
      lines.push(`${level} ${message.map(String).join(' ')}`);
    };
  const logger: Logger = {
    debug: () => {},
    info: note('info'),
    warn: note('warn'),
    error: note('error'),
    child: () => logger,
  };
  return { logger, lines };
}
