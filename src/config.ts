/**
 * The service's configuration, read once from the environment at start (names as CONTRACT.md fixes them).
 * Every variable is checked here so that a mistake stops the process at once with a message that names
 * the variable and says what is wrong, instead of surfacing later as a failed Slack call or Redis error.
 *
 * An empty variable (`SLACK_BOT_TOKEN=` in an env file) counts as unset.
 *
 * Slack is served when SLACK_BOT_TOKEN and either SLACK_SIGNING_SECRET (HTTP, `POST /slack/events`) or
 * SLACK_APP_TOKEN (Socket Mode: no public URL) are set; with both, Socket Mode is used. A bot token without
 * either, or either without a bot token, is an error naming what is missing: it is almost always a
 * half-finished set-up, and starting with Slack silently disabled would leave the admin guessing why
 * `/action` times out. For any number of workspaces, SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and
 * SLACK_STATE_SECRET take the bot token's place (all three, with SLACK_SIGNING_SECRET or SLACK_APP_TOKEN,
 * and never beside SLACK_BOT_TOKEN).
 *
 * Teams is served only when MicrosoftAppId is set (every activity's token checked) or TEAMS_EMULATOR is
 * on (unauthenticated, for the Bot Framework Emulator and tests). Neither: `/api/messages` is not served
 * at all, so a Slack-only server on the internet has no unauthenticated door. Both: an error, since an
 * install with credentials that also asks for unauthenticated activities is a mistake either way.
 */
import { z } from 'zod';
import { type MailProblem, type MailSettings, mailSettingsOf } from './mail/mail-settings';
import { DEFAULT_SLACK_COMMAND, type SlackOAuthSettings } from './slack/slack-settings';
import type { RedisClusterTarget, RedisTarget } from './store/redis-connection';
import type { MicrosoftAppType, TeamsMode, TeamsSettings } from './teams/teams-settings';

export { DEFAULT_SLACK_COMMAND, slackMode } from './slack/slack-settings';
export type { MicrosoftAppType, TeamsMode };

export type Role = 'all' | 'web' | 'worker';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
/** ARISING_CONSOLE: `auto` serves the browser console only when neither Slack nor Teams is configured. */
export type ConsoleMode = 'on' | 'off' | 'auto';

export interface SlackConfig {
  /** SLACK_BOT_TOKEN: the one workspace's token; null when installs come from OAuth (`oauth`). */
  botToken: string | null;
  /** Null in Socket Mode without one: nothing is served over HTTP then. */
  signingSecret: string | null;
  /** Base URL of the Web API, always ending with `/`. */
  apiUrl: string;
  /**
   * SLACK_APP_TOKEN: set, Slack is served over Socket Mode (a WebSocket the service opens) instead of
   * `POST /slack/events`. Optional here so that a hand-made config for a client is just token and URL.
   */
  appToken?: string | null;
  /** SLACK_COMMAND: the slash command listened to and shown in help (`/action` when absent). */
  command?: string;
  /** SLACK_CLIENT_ID…: any number of workspaces, each installed through OAuth v2; null with a bot token. */
  oauth?: SlackOAuthSettings | null;
}

/** The Teams adapter's slice, as src/teams/teams-settings.ts describes it. */
export type TeamsConfig = TeamsSettings;

export interface Config {
  /** REDIS_URL; not used when `redisCluster` is set. */
  redisUrl: string;
  /** REDIS_CLUSTER_NODES and REDIS_PASSWORD: a Redis Cluster's seed nodes, or null for one server. */
  redisCluster: RedisClusterTarget | null;
  redisPrefix: string;
  port: number;
  defaultTimezone: string;
  /** Null when Slack is not configured: the server starts and says Slack is disabled. */
  slack: SlackConfig | null;
  teams: TeamsConfig;
  role: Role;
  logLevel: LogLevel;
  /** The browser console (src/console): the mode asked for, and whether it is on in this install. */
  console: { mode: ConsoleMode; enabled: boolean };
  /** ADMIN_PASSWORD: the Bull Board dashboard at /admin/queues is served only when it is set. */
  adminPassword: string | null;
  /**
   * PUBLIC_URL: the service's public base URL, or null. Links in emails to the action's page
   * (`/a/<token>`) need it, and the page is served only when it is set.
   */
  publicUrl: string | null;
  /**
   * ARISING_REPAIR_INTERVAL and ARISING_REPAIR_GRACE (seconds): how often the repair pass runs and how
   * old an action must be for it. Left out, the jobs' defaults (10 minutes, 1 minute).
   */
  repair?: { everyMs: number; graceMs: number };
  /**
   * ARISING_ALLOW_PRIVATE_URLS: when on, a calendar feed may be fetched from loopback, private and
   * link-local addresses (an intranet calendar server). Off by default, so `meeting calendar` cannot point
   * the service at the machine it runs on or the network behind it.
   */
  allowPrivateUrls?: boolean;
  /**
   * SMTP_URL and MAIL_FROM (src/mail/mail-settings.ts): email owners are reminded by mail; null (or left
   * out) without them, and such owners are named in the channel as unreachable.
   */
  mail?: MailSettings | null;
}

/**
 * An app-level token as Slack issues it: `xapp-`, a version, the app id, a number and a hex secret
 * (`xapp-1-A0123ABCD-1234567890123-0a1b…`). Checked so that a token cut short when copied fails at start.
 */
const APP_TOKEN_SHAPE = /^xapp-\d+-A[0-9A-Z]+-\d+-[0-9a-f]+$/;

/** One bad variable: its name and what is wrong with it. */
export interface ConfigProblem {
  variable: string;
  problem: string;
}

/** Thrown by loadConfig; its message lists every bad variable, one a line. */
export class ConfigError extends Error {
  readonly problems: ConfigProblem[];
  constructor(problems: ConfigProblem[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.problem}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Exit status for a configuration error (EX_CONFIG in sysexits.h), as CONTRACT.md asks. */
export const CONFIG_EXIT_STATUS = 78;

function isIanaZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const optional = z.string().optional();

/** The dashboard can retry and delete jobs: a password shorter than this is refused at start. */
export const MIN_ADMIN_PASSWORD_LENGTH = 8;

/**
 * Whether the console is on: `on` and `off` say so; `auto` turns it on only when no chat platform is
 * configured, so a fresh clone shows something in the browser while a real install shows nothing extra.
 */
export function consoleEnabled(
  mode: ConsoleMode,
  slackConfigured: boolean,
  teamsConfigured: boolean,
): boolean {
  if (mode === 'auto') return !slackConfigured && !teamsConfigured;
  return mode === 'on';
}

/** Each variable's own rules; rules across variables are in `crossCheck`. */
/** A whole number of seconds, at least `min`, with its default. */
function seconds(fallback: string, min: number) {
  return z
    .string()
    .default(fallback)
    .refine((v) => /^\d{1,7}$/.test(v) && Number(v) >= min, {
      message: `must be a whole number of seconds, at least ${min}`,
    })
    .transform(Number);
}

const EnvSchema = z.object({
  REDIS_URL: z
    .string()
    .default('redis://127.0.0.1:6379')
    .refine((v) => /^rediss?:\/\/\S+$/.test(v), {
      message: 'must be a redis:// or rediss:// URL, like redis://127.0.0.1:6379',
    }),
  REDIS_CLUSTER_NODES: optional.transform((v, ctx) => {
    if (v === undefined) return undefined;
    const nodes = parseClusterNodes(v);
    if (nodes === null) {
      ctx.addIssue({
        code: 'custom',
        message:
          'must be host:port seed nodes of a Redis Cluster separated by commas, like redis-0:6379,redis-1:6379',
      });
      return z.NEVER;
    }
    return nodes;
  }),
  REDIS_PASSWORD: optional,
  REDIS_PREFIX: z
    .string()
    .default('arising')
    .refine((v) => /^[A-Za-z0-9_.:-]{1,64}$/.test(v), {
      message: 'must be 1 to 64 letters, digits or _ . : - (no spaces or braces)',
    }),
  PORT: z
    .string()
    .default('3978')
    .refine((v) => /^\d{1,5}$/.test(v) && Number(v) <= 65535, {
      message: 'must be a port number from 0 to 65535',
    })
    .transform(Number),
  DEFAULT_TIMEZONE: z
    .string()
    .default('Europe/London')
    .refine(isIanaZone, { message: 'is not a time zone: use an IANA name such as Europe/London' }),
  SLACK_BOT_TOKEN: optional.refine((v) => v === undefined || v.startsWith('xoxb-'), {
    message: 'must be the bot token (it starts with xoxb-), from OAuth & Permissions in the Slack app',
  }),
  SLACK_SIGNING_SECRET: optional.refine((v) => v === undefined || /^[0-9A-Za-z]+$/.test(v), {
    message: 'must be the signing secret from Basic Information in the Slack app (letters and digits)',
  }),
  SLACK_APP_TOKEN: optional
    .refine((v) => v === undefined || v.startsWith('xapp-'), {
      message:
        'must be an app-level token (it starts with xapp-), from Basic Information -> App-Level Tokens in the Slack app, with the connections:write scope',
    })
    .refine((v) => v === undefined || !v.startsWith('xapp-') || APP_TOKEN_SHAPE.test(v), {
      message:
        'starts with xapp- but is not a whole app-level token (xapp-1-A…-…-…, with no spaces): copy it again from Basic Information -> App-Level Tokens',
    }),
  SLACK_COMMAND: z
    .string()
    .default(DEFAULT_SLACK_COMMAND)
    .refine((v) => /^\/[a-z0-9_.-]{1,31}$/.test(v), {
      message:
        'must be a slash command as the Slack app declares it: a / then up to 31 lowercase letters, digits, -, _ or . (like /action)',
    }),
  SLACK_CLIENT_ID: optional.refine((v) => v === undefined || /^[0-9.]+$/.test(v), {
    message: 'must be the Client ID from Basic Information in the Slack app (digits and dots)',
  }),
  SLACK_CLIENT_SECRET: optional,
  SLACK_STATE_SECRET: optional.refine((v) => v === undefined || v.length >= 16, {
    message: 'must be at least 16 characters: it signs the install flow and seals the stored tokens',
  }),
  PUBLIC_URL: optional.refine(
    (v) => v === undefined || (URL.canParse(v) && /^https?:$/.test(new URL(v).protocol)),
    {
      message: "must be the service's public http(s) base URL, like https://arising.example.org",
    },
  ),
  SLACK_API_URL: z
    .string()
    .default('https://slack.com/api/')
    .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), {
      message: 'must be an http(s) URL, like https://slack.com/api/',
    })
    .transform((v) => (v.endsWith('/') ? v : `${v}/`)),
  SMTP_URL: optional,
  MAIL_FROM: optional,
  MicrosoftAppId: optional,
  MicrosoftAppPassword: optional,
  MicrosoftAppType: z
    .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], {
      message: 'must be MultiTenant, SingleTenant or UserAssignedMSI',
    })
    .default('MultiTenant'),
  MicrosoftAppTenantId: optional,
  TEAMS_EMULATOR: z
    .enum(['on', 'off'], {
      error:
        'must be on or off (on serves /api/messages without authentication, for the Bot Framework Emulator and tests)',
    })
    .default('off'),
  ARISING_ROLE: z.enum(['all', 'web', 'worker'], { error: 'must be all, web or worker' }).default('all'),
  LOG_LEVEL: z
    .enum(['debug', 'info', 'warn', 'error'], { error: 'must be debug, info, warn or error' })
    .default('info'),
  ARISING_CONSOLE: z.enum(['on', 'off', 'auto'], { error: 'must be on, off or auto' }).default('auto'),
  ARISING_REPAIR_INTERVAL: seconds('600', 1),
  ARISING_ALLOW_PRIVATE_URLS: z
    .enum(['on', 'off'], {
      error: 'must be on or off (on lets calendar feeds be fetched from loopback and private addresses)',
    })
    .default('off'),
  ARISING_REPAIR_GRACE: seconds('60', 0),
  ADMIN_PASSWORD: optional.refine((v) => v === undefined || v.length >= MIN_ADMIN_PASSWORD_LENGTH, {
    message: `must be at least ${MIN_ADMIN_PASSWORD_LENGTH} characters (it guards the queue dashboard)`,
  }),
});

type Env = z.infer<typeof EnvSchema>;

/** `host:port,host:port` (IPv6 as `[::1]:7000`) to nodes; null when any entry is not that form. */
export function parseClusterNodes(value: string): RedisClusterTarget['nodes'] | null {
  const nodes: RedisClusterTarget['nodes'] = [];
  for (const entry of value.split(',').map((e) => e.trim())) {
    const match = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_.-]+):(\d{1,5})$/.exec(entry);
    const port = Number(match?.[2]);
    if (!match?.[1] || port < 1 || port > 65535) return null;
    nodes.push({ host: match[1].replace(/^\[|\]$/g, ''), port });
  }
  return nodes;
}

/** Where the service's Redis is: the cluster when REDIS_CLUSTER_NODES is set, else REDIS_URL. */
export function redisTarget(config: Pick<Config, 'redisUrl' | 'redisCluster'>): RedisTarget {
  return { url: config.redisUrl, cluster: config.redisCluster };
}

const OAUTH_VARIABLES = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;

/** True when SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET are all set. */
function oauthSet(env: Env): boolean {
  return OAUTH_VARIABLES.every((name) => env[name] !== undefined);
}

/**
 * The OAuth variables come as a set; with them SLACK_BOT_TOKEN is not needed, and both at once is an
 * error (Bolt takes either one token or an installer: which workspace would the token be for?).
 */
function oauthCheck(env: Env): ConfigProblem[] {
  const set = OAUTH_VARIABLES.filter((name) => env[name] !== undefined);
  if (set.length === 0) return [];
  const problems: ConfigProblem[] = OAUTH_VARIABLES.filter((name) => env[name] === undefined).map(
    (variable) => ({
      variable,
      problem: `is not set, but ${set.join(' and ')} ${set.length === 1 ? 'is' : 'are'}: installing in any number of workspaces needs all three`,
    }),
  );
  if (env.SLACK_BOT_TOKEN !== undefined) {
    problems.push({
      variable: 'SLACK_BOT_TOKEN',
      problem:
        'is set together with SLACK_CLIENT_ID…: use the bot token for one workspace, or the OAuth variables for any number, not both',
    });
  }
  if (env.SLACK_SIGNING_SECRET === undefined && env.SLACK_APP_TOKEN === undefined) {
    problems.push({
      variable: 'SLACK_SIGNING_SECRET',
      problem:
        'is not set, but SLACK_CLIENT_ID… are: Slack signs every request with it over HTTP (or set SLACK_APP_TOKEN for Socket Mode)',
    });
  }
  return problems;
}

/**
 * Socket Mode (SLACK_APP_TOKEN) needs a bot token for one workspace, or the OAuth variables for any number
 * (their install pages are then served on the service's own HTTP server: src/slack/socket-oauth.ts).
 */
function appTokenCheck(env: Env): ConfigProblem[] {
  if (env.SLACK_APP_TOKEN === undefined) return [];
  // oauthCheck names whichever of the three is missing.
  if (OAUTH_VARIABLES.some((name) => env[name] !== undefined)) return [];
  if (env.SLACK_BOT_TOKEN === undefined) {
    return [
      {
        variable: 'SLACK_BOT_TOKEN',
        problem: 'is not set, but SLACK_APP_TOKEN is: Slack needs both (or neither, to disable Slack)',
      },
    ];
  }
  return [];
}

function crossCheck(env: Env): ConfigProblem[] {
  const mailProblems: MailProblem[] = [];
  mailSettingsOf(env.SMTP_URL, env.MAIL_FROM, mailProblems);
  const problems: ConfigProblem[] = [...oauthCheck(env), ...appTokenCheck(env), ...mailProblems];
  const way = env.SLACK_SIGNING_SECRET ?? env.SLACK_APP_TOKEN;
  if (env.SLACK_BOT_TOKEN !== undefined && way === undefined) {
    problems.push({
      variable: 'SLACK_SIGNING_SECRET',
      problem:
        'is not set, but SLACK_BOT_TOKEN is: Slack needs SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode) with it (or neither, to disable Slack)',
    });
  }
  if (
    env.SLACK_SIGNING_SECRET !== undefined &&
    env.SLACK_BOT_TOKEN === undefined &&
    OAUTH_VARIABLES.every((name) => env[name] === undefined)
  ) {
    problems.push({
      variable: 'SLACK_BOT_TOKEN',
      problem: 'is not set, but SLACK_SIGNING_SECRET is: Slack needs both (or neither, to disable Slack)',
    });
  }
  if (env.MicrosoftAppId !== undefined) {
    if (env.MicrosoftAppType !== 'UserAssignedMSI' && env.MicrosoftAppPassword === undefined) {
      problems.push({
        variable: 'MicrosoftAppPassword',
        problem: `is not set, but MicrosoftAppId is (a ${env.MicrosoftAppType} bot needs its password)`,
      });
    }
    if (env.MicrosoftAppType !== 'MultiTenant' && env.MicrosoftAppTenantId === undefined) {
      problems.push({
        variable: 'MicrosoftAppTenantId',
        problem: `is not set, but MicrosoftAppType is ${env.MicrosoftAppType}, which needs it`,
      });
    }
  }
  if (env.TEAMS_EMULATOR === 'on' && env.MicrosoftAppId !== undefined) {
    problems.push({
      variable: 'TEAMS_EMULATOR',
      problem:
        'is on, but MicrosoftAppId is set: with credentials every activity is authenticated; set TEAMS_EMULATOR=off (or unset MicrosoftAppId to use the Emulator)',
    });
  }
  return problems;
}

function teamsModeOf(env: Env): TeamsMode {
  if (env.MicrosoftAppId !== undefined) return 'verified';
  return env.TEAMS_EMULATOR === 'on' ? 'emulator' : 'off';
}

const withSlash = (url: string): string => (url.endsWith('/') ? url : `${url}/`);

/**
 * Slack's settings: one workspace with SLACK_BOT_TOKEN (over HTTP, or Socket Mode with SLACK_APP_TOKEN),
 * any number with SLACK_CLIENT_ID… (over HTTP, or Socket Mode with SLACK_APP_TOKEN), or null.
 */
function slackConfigOf(e: Env): SlackConfig | null {
  const base = {
    signingSecret: e.SLACK_SIGNING_SECRET ?? null,
    apiUrl: e.SLACK_API_URL,
    command: e.SLACK_COMMAND,
  };
  if (e.SLACK_BOT_TOKEN !== undefined) {
    if (e.SLACK_SIGNING_SECRET === undefined && e.SLACK_APP_TOKEN === undefined) return null;
    return { ...base, botToken: e.SLACK_BOT_TOKEN, appToken: e.SLACK_APP_TOKEN ?? null, oauth: null };
  }
  if (e.SLACK_SIGNING_SECRET === undefined && e.SLACK_APP_TOKEN === undefined) return null;
  if (!oauthSet(e) || !e.SLACK_CLIENT_ID || !e.SLACK_CLIENT_SECRET || !e.SLACK_STATE_SECRET) return null;
  return {
    ...base,
    botToken: null,
    appToken: e.SLACK_APP_TOKEN ?? null,
    oauth: {
      clientId: e.SLACK_CLIENT_ID,
      clientSecret: e.SLACK_CLIENT_SECRET,
      stateSecret: e.SLACK_STATE_SECRET,
      redirectUri: e.PUBLIC_URL ? new URL('slack/oauth_redirect', withSlash(e.PUBLIC_URL)).toString() : null,
    },
  };
}

/** Reads the variables we know, treating empty ones as unset. */
function pickEnv(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const picked: Record<string, string | undefined> = {};
  for (const key of Object.keys(EnvSchema.shape)) {
    const value = env[key]?.trim();
    picked[key] = value === undefined || value === '' ? undefined : value;
  }
  return picked;
}

/** Validates the environment; throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = EnvSchema.safeParse(pickEnv(env));
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? 'environment'),
        problem: issue.message,
      })),
    );
  }
  const e = parsed.data;
  const problems = crossCheck(e);
  if (problems.length > 0) throw new ConfigError(problems);
  const teamsMode = teamsModeOf(e);
  return {
    redisUrl: e.REDIS_URL,
    // REDIS_PASSWORD is for the cluster's nodes only: a REDIS_URL carries its own password.
    redisCluster: e.REDIS_CLUSTER_NODES
      ? { nodes: e.REDIS_CLUSTER_NODES, password: e.REDIS_PASSWORD ?? null }
      : null,
    redisPrefix: e.REDIS_PREFIX,
    port: e.PORT,
    defaultTimezone: e.DEFAULT_TIMEZONE,
    slack: slackConfigOf(e),
    teams: {
      mode: teamsMode,
      appId: e.MicrosoftAppId ?? null,
      appPassword: e.MicrosoftAppPassword ?? null,
      appType: e.MicrosoftAppType,
      tenantId: e.MicrosoftAppTenantId ?? null,
    },
    role: e.ARISING_ROLE,
    logLevel: e.LOG_LEVEL,
    console: {
      mode: e.ARISING_CONSOLE,
      enabled: consoleEnabled(e.ARISING_CONSOLE, slackConfigOf(e) !== null, teamsMode !== 'off'),
    },
    adminPassword: e.ADMIN_PASSWORD ?? null,
    publicUrl: e.PUBLIC_URL ?? null,
    repair: { everyMs: e.ARISING_REPAIR_INTERVAL * 1000, graceMs: e.ARISING_REPAIR_GRACE * 1000 },
    allowPrivateUrls: e.ARISING_ALLOW_PRIVATE_URLS === 'on',
    mail: mailSettingsOf(e.SMTP_URL, e.MAIL_FROM, []),
  };
}
