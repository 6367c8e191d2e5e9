/**
 * The service's entry point, built to dist/src/main.js (`npm start`; the container and a process
 * manager run `node dist/src/main.js` itself, so that SIGTERM reaches this process rather than npm; from
 * source, `tsx src/main.ts`): reads the configuration, starts the service and stops
 * it cleanly on SIGTERM or SIGINT, within STOP_DEADLINE_MS. A bad configuration prints what is wrong and
 * exits with status 78 (CONTRACT.md).
 */
import { installFailpoints } from './app/failpoints-from-env';
import { jobTuningFromEnv } from './app/job-tuning-from-env';
import { LineLogger } from './app/logger';
import { startService } from './app/start-service';
import { CONFIG_EXIT_STATUS, type Config, ConfigError, loadConfig } from './config';

export { type RunningService, type StartOptions, startService } from './app/start-service';

/** A stop that takes longer than this is cut short (a Kubernetes grace period must be longer). */
export const STOP_DEADLINE_MS = 10_000;

function exitOnConfigError(error: unknown): void {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(CONFIG_EXIT_STATUS);
  }
}

/** Exits with status 1 if stopping has not finished within STOP_DEADLINE_MS of the signal. */
function armStopDeadline(logger: LineLogger): void {
  setTimeout(() => {
    logger.error(`Did not stop within ${STOP_DEADLINE_MS / 1000} s; exiting anyway`);
    process.exit(1);
  }, STOP_DEADLINE_MS).unref();
}

export async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    exitOnConfigError(error);
    throw error;
  }
  const logger = new LineLogger(config.logLevel);
  process.on('unhandledRejection', (reason) => logger.error('Unhandled promise rejection:', reason));
  // Fault tests only: ARISING_FAILPOINT names instants where this process kills itself.
  for (const rule of installFailpoints(process.env.ARISING_FAILPOINT)) {
    logger.warn(
      `Failpoint armed: ${rule.name}@${rule.hit}:${rule.mode} (ARISING_FAILPOINT; for fault tests only)`,
    );
  }
  // Fault tests only: ARISING_JOB_TUNING shortens the workers' lock, stalled check and send lease.
  const jobTuning = jobTuningFromEnv(process.env.ARISING_JOB_TUNING);
  if (jobTuning)
    logger.warn(`Job tuning: ${JSON.stringify(jobTuning)} (ARISING_JOB_TUNING; for fault tests only)`);

  // Signals are taken from the first moment: a SIGTERM while the service is still starting (Redis slow to
  // answer) cuts the wait for Redis short and stops the service once started, instead of killing the
  // process outright.
  let stopRequested: string | null = null;
  const startAbort = new AbortController();
  let stop = (signal: string): void => {
    if (stopRequested) return;
    stopRequested = signal;
    logger.info(`${signal} received while starting: stopping once started`);
    armStopDeadline(logger);
    startAbort.abort();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  let service: Awaited<ReturnType<typeof startService>>;
  try {
    service = await startService(config, {
      logger,
      startAbort: startAbort.signal,
      ...(jobTuning ? { jobTuning } : {}),
    });
  } catch (error) {
    exitOnConfigError(error);
    logger.error('Arising could not start:', error);
    process.exit(1);
  }

  let stopping = false;
  stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal} received: stopping`);
    if (!stopRequested) armStopDeadline(logger);
    service.stop().then(
      () => {
        logger.info('Stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error('Error while stopping:', error);
        process.exit(1);
      },
    );
  };
  if (stopRequested) stop(stopRequested);
}

if (require.main === module) {
  void main();
}
