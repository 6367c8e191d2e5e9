/**
 * The composition root: configuration in, a running service out. It connects Redis, builds the store,
 * the Slack, Teams and console messengers and adapters and the core service, mounts them on the HTTP
 * server with /metrics and the queue dashboard (src/app/operations.ts), and logs, one line
 * each, what is served and what is disabled. `npm start` calls it through src/main.ts; the end-to-end
 * tests call it in-process (port 0, a fixed clock) to run the real server. Slack's and Teams' modules are
 * loaded only when configured (platform-modules.ts), which halves the start of a service without them.
 */

import { createScheduler, type JobsOptions, type RunningJobs, startJobs, WORKS } from '../../jobs';
import type { BullScheduler } from '../../jobs/bullmq-scheduler';
import type { WorkerTuning } from '../../jobs/job-settings';
import { type Config, ConfigError, redisTarget } from '../config';
import { consoleParts, type ServedConsole, serveConsole } from '../console/console-setup';
import { ActionPages } from '../core/action-page';
import type { ActionPageLinks } from '../core/action-page-links';
import { ActionPageTokens } from '../core/action-page-tokens';
import { ActionWatchers } from '../core/action-watch';
import { AriseService } from '../core/arising-service';
import { recordCheckinAnswers } from '../core/checkin/checkin-answers';
import { nameSlackCommand } from '../core/conversation/platform-traits';
import type { ChannelRef } from '../core/domain';
import { actionFields, type Logger } from '../core/logger';
import { papersFor, scheduledMattersArising } from '../core/matters/matters-commands';
import { PapersTokens } from '../core/papers-links';
import type { Clock } from '../core/ports';
import { holidayTest } from '../holidays/holiday-calendar';
import { calendarFeedReader } from '../net/calendar-feed-reader';
import { mountActionPage } from '../page/action-page-routes';
import { mountPapersDownload } from '../page/papers-routes';
import { createHttpApp, finishHttpApp } from '../server/http-app';
import { listen, type RunningServer } from '../server/http-server';
import type { MountedSlack, SlackWorkspaces } from '../slack/slack-app';
import { SlackTokenRefused } from '../slack/slack-token-refused';
import { createRedisClient, describeTarget, type RedisClient, untilReady } from '../store/redis-connection';
import { RedisPageLinks } from '../store/redis-page-links';
import { redisStores } from '../store/redis-stores';
import { RedisWorkspaceInstalls } from '../store/redis-workspace-installs';
import { sealedBox } from '../store/sealed-box';
import { TEAMS_DISABLED } from '../teams/teams-path';
import { observeWorkers } from './job-metrics';
import { jobsOnRedis } from './jobs-on-redis';
import { LineLogger } from './logger';
import { mailNames, mailParts } from './mail-setup';
import { workerMinutesReader } from './minutes-worker';
import {
  consoleDisabledReason,
  consoleSubscriber,
  namedQueues,
  operations,
  serveOperations,
} from './operations';
import { peopleNamesFrom } from './people-names';
import { PlatformMessengers } from './platform-messengers';
import { loadSlack, loadTeams } from './platform-modules';
import { RedisOutageLog } from './redis-outage-log';
import { checkNotClusterNode, RedisRefusals, unusableReason, watchRefusedReplies } from './redis-refusals';

export interface StartOptions {
  /** Fixes "now" (tests); defaults to the system clock. */
  clock?: Clock;
  logger?: Logger;
  /** Worker timing (tests shorten the stalled-job check). */
  jobTuning?: Partial<WorkerTuning>;
  /** How long a document imported in chat may take to read (MINUTES_TIME_LIMIT_MS; tests shorten it). */
  minutesTimeLimitMs?: number;
  /**
   * Aborted when a stop is asked for while the service is starting: the start then stops waiting for
   * Redis and returns, so that the stop can follow at once.
   */
  startAbort?: AbortSignal;
  /**
   * The links to actions' pages that mails to email owners carry (PUBLIC_URL/a/<token>); without them a
   * mail says to answer in the channel.
   */
  pageLinks?: ActionPageLinks;
}

export interface RunningService {
  /** The HTTP port actually bound (useful with PORT=0); null when this process serves no HTTP. */
  port: number | null;
  /** Closes the HTTP server (letting requests in flight finish) and the Redis connection. */
  stop(): Promise<void>;
}

const systemClock: Clock = { now: () => new Date() };

/** Closes Redis politely, or drops the connection if it does not answer within a few seconds. */
async function closeRedis(redis: { quit(): Promise<unknown>; disconnect(): void }): Promise<void> {
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, 3000).unref());
  await Promise.race([redis.quit().catch(() => undefined), timeout]);
  redis.disconnect();
}

/**
 * Slack's clients and messenger, built in every role: workers send reminders through them too. With one
 * token, its client; with OAuth installs, each workspace's token from the installs in Redis, sealed with a
 * key derived from SLACK_STATE_SECRET (src/store/sealed-box.ts), so web and workers read the same installs.
 */
function slackParts(config: Config, logger: Logger, redis: RedisClient) {
  if (!config.slack) return null;
  // Help and hints name the command the workspace really has (SLACK_COMMAND).
  if (config.slack.command) nameSlackCommand(config.slack.command);
  const {
    ConversationQueues,
    createSlackClient,
    InstalledWorkspaces,
    mountSlack,
    oneWorkspace,
    SlackMessenger,
    slackChannelName,
    watchHome,
  } = loadSlack();
  const log = logger.child('slack');
  const settings = { ...config.slack, logLevel: config.logLevel };
  const queues = new ConversationQueues({ logger: log });
  const oauth = config.slack.oauth;
  let workspaces: SlackWorkspaces;
  if (oauth) {
    const box = sealedBox(oauth.stateSecret, 'slack-installations');
    const installs = new RedisWorkspaceInstalls(redis, config.redisPrefix, 'slack', box);
    workspaces = { kind: 'installed', installs, clients: new InstalledWorkspaces(installs, settings, log) };
  } else {
    const client = createSlackClient(settings, log);
    const keyedPosts = createSlackClient(settings, log, { networkRetries: 0 });
    workspaces = { kind: 'one', client, clients: oneWorkspace(client, keyedPosts) };
  }
  return {
    settings,
    log,
    queues,
    workspaces,
    mountSlack,
    watchHome,
    channelName: (channel: ChannelRef) => slackChannelName(workspaces.clients, channel),
    messenger: new SlackMessenger({ clients: workspaces.clients, queues, logger: log }),
  };
}

/**
 * A token Slack refuses is a bad SLACK_BOT_TOKEN (auth.test) or SLACK_APP_TOKEN (Socket Mode's
 * apps.connections.open): the start stops as for any bad variable.
 */
function refusedTokenAsConfigError(error: unknown): never {
  if (error instanceof SlackTokenRefused) {
    const variable = error.token === 'app' ? 'SLACK_APP_TOKEN' : 'SLACK_BOT_TOKEN';
    throw new ConfigError([{ variable, problem: `was refused by Slack (${error.code})` }]);
  }
  throw error;
}

/** The start-up line that says how Slack is served. */
function slackServedLine({ bot, mode }: MountedSlack): string {
  const as = bot ? ` as bot user ${bot.userId} (team ${bot.team})` : '';
  if (mode === 'socket') {
    const installs = bot ? '' : '; GET /slack/install for any number of workspaces';
    return `Slack: connected over Socket Mode (SLACK_APP_TOKEN; no public URL, POST /slack/events not served)${as}${installs}`;
  }
  return bot
    ? `Slack: serving POST /slack/events${as}`
    : 'Slack: serving POST /slack/events, and GET /slack/install for any number of workspaces';
}

/** How long start-up waits for a Redis Cluster's slot map before serving anyway (commands then fail fast). */
const CLUSTER_READY_WAIT_MS = 5000;

export async function startService(config: Config, options: StartOptions = {}): Promise<RunningService> {
  const logger = options.logger ?? new LineLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const target = redisTarget(config);
  logger.info(`Redis: ${describeTarget(target)} with key prefix "${config.redisPrefix}"`);
  // One log line when Redis goes and one when it is back, for all of the service's connections.
  const outage = new RedisOutageLog({
    logger,
    where: describeTarget(target),
    connected: () => redis.status === 'ready',
  });
  const refusals = new RedisRefusals(logger);
  const redis = createRedisClient(target, {
    onError: (error) => refusals.note('Redis', error) || outage.down(error),
  });
  // The replies to users' commands too: on the web side no connection event reports them.
  watchRefusedReplies(redis, (error) => refusals.note('Commands', error));
  redis.on('ready', () => {
    outage.up();
    void checkNotClusterNode(redis, refusals);
  });
  const redisError = (source: string, error: unknown): void => {
    if (!refusals.note(source, error)) outage.report(source, error);
  };
  // A Cluster client on the web side queues nothing (redis-connection.ts): give it its slot map first.
  if (redis.isCluster) await untilReady(redis, CLUSTER_READY_WAIT_MS, options.startAbort);
  let server: RunningServer | null = null;
  let jobs: RunningJobs | null = null;
  let scheduler: BullScheduler | null = null;
  let consoleServed: ServedConsole | null = null;
  let slackServed: MountedSlack | null = null;
  let stopping = false;
  let closeMail = (): void => undefined;
  try {
    const ops = operations(redis, config.redisPrefix, logger, () => namedQueues(scheduler));
    const stores = redisStores(redis, config.redisPrefix);
    const store = ops.countStore(stores.actions);
    const slack = slackParts(config, logger, redis);
    const teamsSetup = config.teams.mode === 'off' ? null : loadTeams();
    const teams = teamsSetup?.teamsParts(config.teams, stores, logger.child('teams')) ?? null;
    const consoleSide = config.console.enabled ? consoleParts(stores.consolePanes) : null;
    const messenger = ops.countMessenger(
      new PlatformMessengers({
        slack: slack?.messenger,
        teams: teams?.messenger,
        console: consoleSide?.messenger,
      }),
    );
    const coreDeps = {
      store,
      messenger,
      clock,
      defaultTimezone: config.defaultTimezone,
      holidays: holidayTest,
      calendars: {
        feeds: calendarFeedReader({ allowPrivate: config.allowPrivateUrls ?? false }),
        index: stores.calendars,
      },
      checkins: stores.checkins,
    };
    // The Slack Home tab listens here for changes of actions (src/slack/home-tab.ts): the service's, and
    // the workers' reminders that find an action overdue.
    const watchers = new ActionWatchers((error) => logger.warn('Refreshing views of a change:', error));
    const home = slack?.watchHome(
      slack.workspaces,
      { actions: coreDeps, pages: stores.homePages, watchers },
      slack.log,
    );
    const pageLinks = new RedisPageLinks(redis, config.redisPrefix);
    // The links to actions' pages, for mails from any role (ActionPageLinks); null links without PUBLIC_URL.
    const pageTokens = new ActionPageTokens(pageLinks, config.publicUrl);
    const mail = mailParts(
      config.mail,
      options.pageLinks ?? pageTokens,
      mailNames(stores.references, slack?.channelName),
      logger,
    );
    closeMail = mail.close;
    const jobsOptions: JobsOptions = {
      ...jobsOnRedis({
        redisUrl: config.redisUrl,
        redisCluster: config.redisCluster,
        prefix: config.redisPrefix,
        redis,
      }),
      ...coreDeps,
      log: logger,
      composeMattersArising: (channel) => scheduledMattersArising(coreDeps, channel),
      watchers,
      mail: mail.mail,
      ...(options.jobTuning ? { tuning: options.jobTuning } : {}),
      ...(config.repair ? { repair: config.repair } : {}),
      onRedisError: redisError,
      ...(options.startAbort ? { startAbort: options.startAbort } : {}),
    };
    scheduler = createScheduler(jobsOptions);
    // Check-in answers are read from the changes of actions, whichever way they were made.
    watchers.watch(recordCheckinAnswers(stores.checkins));
    // The papers' download links (Teams) share the action pages' signing key; none without PUBLIC_URL.
    const papersTokens = new PapersTokens(pageLinks, config.publicUrl);
    const serviceDeps = {
      ...coreDeps,
      papersLinks: papersTokens,
      scheduler,
      watchers,
      readMinutes: workerMinutesReader(options.minutesTimeLimitMs),
      peopleNames: peopleNamesFrom(stores.references),
      onBackgroundError: (what: string, error: unknown, about?: { channel: ChannelRef; number?: number }) =>
        logger.warn(...(about ? [actionFields(about.channel, about.number)] : []), `${what}:`, error),
    };
    const service = new AriseService(serviceDeps);
    if (config.role === 'worker') {
      logger.info('HTTP disabled: ARISING_ROLE is worker');
    } else {
      const http = createHttpApp({
        redis,
        logger,
        queues: namedQueues(scheduler),
        stopping: () => stopping,
        unusable: () => unusableReason(redis, refusals),
        before: [ops.metrics.httpMiddleware()],
      });
      if (slack) {
        slackServed = await slack
          .mountSlack({
            settings: slack.settings,
            http,
            service,
            messenger: slack.messenger,
            workspaces: slack.workspaces,
            queues: slack.queues,
            claims: stores.claims,
            logger: slack.log,
            ...(home ? { home } : {}),
            schedules: scheduler,
          })
          .catch(refusedTokenAsConfigError);
        logger.info(slackServedLine(slackServed));
      } else {
        logger.info(
          'Slack disabled: SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN (or SLACK_CLIENT_ID…), or SLACK_APP_TOKEN and SLACK_BOT_TOKEN (Socket Mode), are not set',
        );
      }
      if (teamsSetup && teams) teamsSetup.serveTeams(http, teams, service, stores.claims);
      else logger.info(TEAMS_DISABLED);
      serveOperations(http, ops, config, Object.values(namedQueues(scheduler)), logger);
      if (config.publicUrl) {
        mountActionPage(http, new ActionPages(serviceDeps, pageTokens));
        mountPapersDownload(http, {
          now: () => clock.now(),
          read: (token, now) => papersTokens.read(token, now),
          papers: (channel) => papersFor(serviceDeps, channel),
        });
        logger.info(
          `Action pages: serving GET/POST /a/<token> and GET /papers/<token>, linked as ${config.publicUrl}`,
        );
      } else {
        logger.info('Action pages disabled: PUBLIC_URL is not set (GET /a/<token> answers 404)');
      }
      const consoleLog = logger.child('console');
      if (consoleSide) {
        consoleServed = await serveConsole(http, consoleSide, {
          service,
          actions: store,
          feed: stores.consoleFeed(
            consoleSubscriber(config, (error) => redisError('Console events', error)),
            (error) => consoleLog.warn('Console: cannot subscribe:', error),
          ),
          logger: consoleLog,
        });
      }
      finishHttpApp(http, logger);
      server = await listen(http, config.port);
      logger.info(`HTTP: listening on port ${server.port}; GET /healthz reports on Redis`);
      if (consoleServed) logger.info(`Console: http://localhost:${server.port}/`);
      else logger.info(`Console disabled: ${consoleDisabledReason(config)}`);
    }
    if (config.role === 'web') {
      logger.info('Workers disabled: ARISING_ROLE is web (reminders are scheduled here and sent by workers)');
    } else {
      jobs = await startJobs(jobsOptions, scheduler);
      observeWorkers(jobs.workers, ops.metrics, logger);
      // Without Redis, startJobs has said that the workers wait for it, and says when they run.
      if (jobs.ready) logger.info(`Workers: ${WORKS} are running`);
    }
  } catch (error) {
    await slackServed?.stop();
    await consoleServed?.close();
    await jobs?.close();
    await scheduler?.close();
    closeMail();
    await closeRedis(redis);
    throw error;
  }
  const running = server;
  const workers = jobs;
  const queues = scheduler;
  const served = consoleServed;
  const slackSide = slackServed;
  return {
    port: running?.port ?? null,
    // Within main.ts's 10 s even with Redis gone: browsers' event streams end at once while requests in
    // flight (up to 4 s) and the workers' current jobs (up to 6 s) finish, then the queues (up to 2 s) and
    // the Redis connection (up to 3 s) close side by side.
    async stop() {
      stopping = true;
      // With Redis gone no job can finish (nor be recorded as finished): the workers need not be waited for.
      const jobsDeadline = redis.status === 'ready' ? undefined : 1000;
      await Promise.all([
        served?.close(),
        slackSide?.stop(),
        running?.close(4000),
        workers?.close(jobsDeadline),
      ]);
      await Promise.all([queues.close(), closeRedis(redis)]);
      closeMail();
    },
  };
}
