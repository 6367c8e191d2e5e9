import { CONFIG_EXIT_STATUS, ConfigError, loadConfig, slackMode } from '../../src/config';

/** The problems loadConfig reports, as `VARIABLE: problem` lines. */
function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.variable}: ${p.problem}`);
    throw error;
  }
  throw new Error('loadConfig accepted the environment');
}

const slack = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: 'abc123def456' };
/** An app-level token of the shape Slack issues (Socket Mode). */
const APP_TOKEN_SHAPED = 'xapp-1-A0ARISING-1234567890-0123456789abcdef';

describe('loadConfig', () => {
  it('gives the defaults CONTRACT.md names when nothing is set, with Slack disabled', () => {
    const config = loadConfig({});
    expect(config).toEqual({
      redisUrl: 'redis://127.0.0.1:6379',
      redisCluster: null,
      redisPrefix: 'arising',
      port: 3978,
      defaultTimezone: 'Europe/London',
      slack: null,
      teams: { mode: 'off', appId: null, appPassword: null, appType: 'MultiTenant', tenantId: null },
      role: 'all',
      logLevel: 'info',
      console: { mode: 'auto', enabled: true },
      adminPassword: null,
      publicUrl: null,
      repair: { everyMs: 600_000, graceMs: 60_000 },
      allowPrivateUrls: false,
      mail: null,
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      REDIS_URL: 'rediss://cache.example:6380/2',
      REDIS_PREFIX: 'team-a',
      PORT: '8080',
      DEFAULT_TIMEZONE: 'America/New_York',
      ...slack,
      SLACK_API_URL: 'http://127.0.0.1:9999/api',
      SLACK_COMMAND: '/minutes',
      MicrosoftAppId: 'app-id',
      MicrosoftAppPassword: 'pw',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: 'tenant',
      TEAMS_EMULATOR: 'off',
      ARISING_ROLE: 'worker',
      LOG_LEVEL: 'debug',
      ARISING_CONSOLE: 'on',
      ADMIN_PASSWORD: 'correct horse',
      PUBLIC_URL: 'https://arising.example.org',
      ARISING_REPAIR_INTERVAL: '30',
      ARISING_REPAIR_GRACE: '0',
      ARISING_ALLOW_PRIVATE_URLS: 'on',
      SMTP_URL: 'smtps://arising:pw@mail.example.org',
      MAIL_FROM: 'Arising <arising@Example.org>',
    });
    expect(config).toEqual({
      redisUrl: 'rediss://cache.example:6380/2',
      redisCluster: null,
      redisPrefix: 'team-a',
      port: 8080,
      defaultTimezone: 'America/New_York',
      slack: {
        botToken: 'xoxb-1-2-abc',
        signingSecret: 'abc123def456',
        apiUrl: 'http://127.0.0.1:9999/api/',
        appToken: null,
        command: '/minutes',
        oauth: null,
      },
      teams: {
        mode: 'verified',
        appId: 'app-id',
        appPassword: 'pw',
        appType: 'SingleTenant',
        tenantId: 'tenant',
      },
      role: 'worker',
      logLevel: 'debug',
      console: { mode: 'on', enabled: true },
      adminPassword: 'correct horse',
      publicUrl: 'https://arising.example.org',
      repair: { everyMs: 30_000, graceMs: 0 },
      allowPrivateUrls: true,
      mail: {
        smtpUrl: 'smtps://arising:pw@mail.example.org',
        from: 'Arising <arising@Example.org>',
        fromAddress: 'arising@example.org',
      },
    });
  });

  it('keeps a Slack API URL that already ends with a slash as it is', () => {
    expect(loadConfig({ ...slack, SLACK_API_URL: 'https://slack.com/api/' }).slack?.apiUrl).toBe(
      'https://slack.com/api/',
    );
  });

  it('treats empty variables as unset', () => {
    const config = loadConfig({ PORT: '', SLACK_BOT_TOKEN: '', SLACK_SIGNING_SECRET: ' ' });
    expect(config.port).toBe(3978);
    expect(config.slack).toBeNull();
  });

  it('rejects a zone that is not an IANA zone, naming the variable', () => {
    expect(problemsOf({ DEFAULT_TIMEZONE: 'Europe/Londn' })).toEqual([
      'DEFAULT_TIMEZONE: is not a time zone: use an IANA name such as Europe/London',
    ]);
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['REDIS_URL', 'localhost:6379'],
    ['REDIS_PREFIX', 'has space'],
    ['REDIS_PREFIX', 'a{b}'],
    ['REDIS_CLUSTER_NODES', 'redis://10.0.0.1:6379'],
    ['REDIS_CLUSTER_NODES', '10.0.0.1'],
    ['REDIS_CLUSTER_NODES', '10.0.0.1:6379,,10.0.0.2:6379'],
    ['REDIS_CLUSTER_NODES', '10.0.0.1:70000'],
    ['ARISING_ROLE', 'both'],
    ['LOG_LEVEL', 'verbose'],
    ['SLACK_API_URL', 'not a url'],
    ['MicrosoftAppType', 'Multi'],
    ['ARISING_CONSOLE', 'yes'],
    ['TEAMS_EMULATOR', 'maybe'],
    ['TEAMS_EMULATOR', 'true'],
    ['ADMIN_PASSWORD', 'short'],
    ['ARISING_REPAIR_INTERVAL', '0'],
    ['ARISING_REPAIR_GRACE', '1.5'],
  ])('rejects %s=%s, naming it', (variable, value) => {
    const problems = problemsOf({ [variable]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${variable}: `));
  });

  it('reads a Redis Cluster: its seed nodes (IPv6 in brackets) and the password of its nodes', () => {
    const config = loadConfig({
      REDIS_CLUSTER_NODES: 'redis-0.redis:6379, 10.0.0.2:7000,[::1]:7001',
      REDIS_PASSWORD: 's3cret',
    });
    expect(config.redisCluster).toEqual({
      nodes: [
        { host: 'redis-0.redis', port: 6379 },
        { host: '10.0.0.2', port: 7000 },
        { host: '::1', port: 7001 },
      ],
      password: 's3cret',
    });
  });

  it('uses REDIS_PASSWORD only for a cluster: a REDIS_URL carries its own', () => {
    expect(loadConfig({ REDIS_PASSWORD: 's3cret' }).redisCluster).toBeNull();
    expect(loadConfig({ REDIS_CLUSTER_NODES: 'r:6379' }).redisCluster).toEqual({
      nodes: [{ host: 'r', port: 6379 }],
      password: null,
    });
  });

  it('names every bad variable at once', () => {
    const problems = problemsOf({ PORT: 'x', LOG_LEVEL: 'loud', DEFAULT_TIMEZONE: 'Mars/Olympus' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['DEFAULT_TIMEZONE', 'LOG_LEVEL', 'PORT']);
  });

  it('rejects a Slack bot token that is not a bot token (such as the signing secret pasted there)', () => {
    expect(problemsOf({ SLACK_BOT_TOKEN: 'abc123', SLACK_SIGNING_SECRET: 'abc123' })).toEqual([
      'SLACK_BOT_TOKEN: must be the bot token (it starts with xoxb-), from OAuth & Permissions in the Slack app',
    ]);
  });

  it('names the missing Slack variable when only one of the two is set', () => {
    expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual([
      'SLACK_SIGNING_SECRET: is not set, but SLACK_BOT_TOKEN is: Slack needs SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode) with it (or neither, to disable Slack)',
    ]);
    expect(problemsOf({ SLACK_SIGNING_SECRET: 'abc' })).toEqual([
      'SLACK_BOT_TOKEN: is not set, but SLACK_SIGNING_SECRET is: Slack needs both (or neither, to disable Slack)',
    ]);
  });

  it('serves Slack over Socket Mode with an app token instead of the signing secret', () => {
    const appToken = APP_TOKEN_SHAPED;
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: appToken });
    expect(config.slack).toMatchObject({ appToken, signingSecret: null, command: '/action' });
    expect(slackMode(config.slack ?? fail('Slack is not configured'))).toBe('socket');
    expect(slackMode(loadConfig(slack).slack ?? fail('Slack is not configured'))).toBe('http');
    const both = loadConfig({ ...slack, SLACK_APP_TOKEN: appToken }).slack;
    expect(slackMode(both ?? fail('Slack is not configured'))).toBe('socket');
    expect(problemsOf({ SLACK_APP_TOKEN: appToken })).toEqual([
      'SLACK_BOT_TOKEN: is not set, but SLACK_APP_TOKEN is: Slack needs both (or neither, to disable Slack)',
    ]);
  });

  it('says what is wrong with an app token of the wrong kind or cut short', () => {
    expect(problemsOf({ ...slack, SLACK_APP_TOKEN: 'xoxb-1-2-abc' })).toEqual([
      'SLACK_APP_TOKEN: must be an app-level token (it starts with xapp-), from Basic Information -> App-Level Tokens in the Slack app, with the connections:write scope',
    ]);
    for (const cut of ['xapp-', 'xapp-1-A0ARISING-1234567890', 'xapp-1-A0ARISING-1234567890-0123 4567']) {
      expect(problemsOf({ ...slack, SLACK_APP_TOKEN: cut })).toEqual([
        'SLACK_APP_TOKEN: starts with xapp- but is not a whole app-level token (xapp-1-A…-…-…, with no spaces): copy it again from Basic Information -> App-Level Tokens',
      ]);
    }
  });

  it('takes the slash command’s name from SLACK_COMMAND, refusing one Slack would not accept', () => {
    expect(loadConfig({ ...slack, SLACK_COMMAND: '/minutes' }).slack?.command).toBe('/minutes');
    for (const bad of ['minutes', '/Minutes', '/two words', `/${'x'.repeat(32)}`]) {
      expect(problemsOf({ ...slack, SLACK_COMMAND: bad })[0]).toMatch(
        /^SLACK_COMMAND: must be a slash command/,
      );
    }
  });

  it('serves any number of Slack workspaces with the three OAuth variables instead of a bot token', () => {
    const oauth = {
      SLACK_CLIENT_ID: '1234.5678',
      SLACK_CLIENT_SECRET: 'clientsecret',
      SLACK_STATE_SECRET: 'a-state-secret-of-length',
    };
    const config = loadConfig({ SLACK_SIGNING_SECRET: 'abc123', ...oauth });
    expect(config.slack).toEqual({
      botToken: null,
      signingSecret: 'abc123',
      apiUrl: 'https://slack.com/api/',
      appToken: null,
      command: '/action',
      oauth: {
        clientId: '1234.5678',
        clientSecret: 'clientsecret',
        stateSecret: 'a-state-secret-of-length',
        redirectUri: null,
      },
    });
    const behind = loadConfig({
      SLACK_SIGNING_SECRET: 'abc123',
      PUBLIC_URL: 'https://arising.example.org/base',
      ...oauth,
    });
    expect(behind.slack?.oauth?.redirectUri).toBe('https://arising.example.org/base/slack/oauth_redirect');
    expect(config.console.enabled).toBe(false);
    expect(problemsOf({ SLACK_SIGNING_SECRET: 'abc123', SLACK_CLIENT_ID: '1234.5678' })).toEqual([
      'SLACK_CLIENT_SECRET: is not set, but SLACK_CLIENT_ID is: installing in any number of workspaces needs all three',
      'SLACK_STATE_SECRET: is not set, but SLACK_CLIENT_ID is: installing in any number of workspaces needs all three',
    ]);
    expect(problemsOf({ ...oauth, SLACK_SIGNING_SECRET: 'abc123', SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual([
      'SLACK_BOT_TOKEN: is set together with SLACK_CLIENT_ID…: use the bot token for one workspace, or the OAuth variables for any number, not both',
    ]);
    expect(problemsOf(oauth)).toEqual([
      'SLACK_SIGNING_SECRET: is not set, but SLACK_CLIENT_ID… are: Slack signs every request with it over HTTP (or set SLACK_APP_TOKEN for Socket Mode)',
    ]);
    expect(problemsOf({ ...oauth, SLACK_SIGNING_SECRET: 'abc123', SLACK_STATE_SECRET: 'short' })).toEqual([
      'SLACK_STATE_SECRET: must be at least 16 characters: it signs the install flow and seals the stored tokens',
    ]);
    // Socket Mode with the OAuth variables: any number of workspaces, no signing secret needed.
    const socket = loadConfig({ ...oauth, SLACK_APP_TOKEN: APP_TOKEN_SHAPED }).slack;
    expect(socket).toEqual(
      expect.objectContaining({ botToken: null, signingSecret: null, appToken: APP_TOKEN_SHAPED }),
    );
    expect(socket?.oauth?.clientId).toBe('1234.5678');
    expect(problemsOf({ SLACK_APP_TOKEN: APP_TOKEN_SHAPED, SLACK_CLIENT_ID: '1234.5678' })).toEqual([
      'SLACK_CLIENT_SECRET: is not set, but SLACK_CLIENT_ID is: installing in any number of workspaces needs all three',
      'SLACK_STATE_SECRET: is not set, but SLACK_CLIENT_ID is: installing in any number of workspaces needs all three',
    ]);
  });

  it('asks for the Bot Framework password and tenant where the app type needs them', () => {
    expect(problemsOf({ MicrosoftAppId: 'id' })).toEqual([
      'MicrosoftAppPassword: is not set, but MicrosoftAppId is (a MultiTenant bot needs its password)',
    ]);
    expect(
      problemsOf({ MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw', MicrosoftAppType: 'SingleTenant' }),
    ).toEqual(['MicrosoftAppTenantId: is not set, but MicrosoftAppType is SingleTenant, which needs it']);
    expect(
      loadConfig({ MicrosoftAppId: 'id', MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: 't' })
        .teams,
    ).toEqual({
      mode: 'verified',
      appId: 'id',
      appPassword: null,
      appType: 'UserAssignedMSI',
      tenantId: 't',
    });
  });

  it('serves Teams unauthenticated only with TEAMS_EMULATOR=on, and never beside MicrosoftAppId', () => {
    expect(loadConfig({}).teams.mode).toBe('off');
    expect(loadConfig({ TEAMS_EMULATOR: 'off' }).teams.mode).toBe('off');
    expect(loadConfig({ TEAMS_EMULATOR: 'on' }).teams).toMatchObject({ mode: 'emulator', appId: null });
    expect(problemsOf({ TEAMS_EMULATOR: 'maybe' })).toEqual([
      'TEAMS_EMULATOR: must be on or off (on serves /api/messages without authentication, for the Bot Framework Emulator and tests)',
    ]);
    expect(problemsOf({ TEAMS_EMULATOR: 'on', MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw' })).toEqual([
      'TEAMS_EMULATOR: is on, but MicrosoftAppId is set: with credentials every activity is authenticated; set TEAMS_EMULATOR=off (or unset MicrosoftAppId to use the Emulator)',
    ]);
  });

  it('serves the console by default only where neither Slack nor Teams is configured', () => {
    expect(loadConfig({}).console).toEqual({ mode: 'auto', enabled: true });
    expect(loadConfig(slack).console).toEqual({ mode: 'auto', enabled: false });
    expect(loadConfig({ MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw' }).console.enabled).toBe(false);
    expect(loadConfig({ TEAMS_EMULATOR: 'on' }).console.enabled).toBe(false);
    expect(loadConfig({ TEAMS_EMULATOR: 'off' }).console.enabled).toBe(true);
    expect(loadConfig({ ...slack, ARISING_CONSOLE: 'on' }).console.enabled).toBe(true);
    expect(loadConfig({ ARISING_CONSOLE: 'off' }).console.enabled).toBe(false);
  });

  it('keeps ADMIN_PASSWORD only when it is set', () => {
    expect(loadConfig({ ADMIN_PASSWORD: '' }).adminPassword).toBeNull();
    expect(problemsOf({ ARISING_ALLOW_PRIVATE_URLS: 'yes' })).toEqual([
      'ARISING_ALLOW_PRIVATE_URLS: must be on or off (on lets calendar feeds be fetched from loopback and private addresses)',
    ]);
    expect(loadConfig({ ADMIN_PASSWORD: 'long enough' }).adminPassword).toBe('long enough');
    expect(problemsOf({ ADMIN_PASSWORD: 'pw' })).toEqual([
      'ADMIN_PASSWORD: must be at least 8 characters (it guards the queue dashboard)',
    ]);
  });

  it('writes one line per problem in its message, and the exit status is 78', () => {
    expect(() => loadConfig({ PORT: 'x', LOG_LEVEL: 'loud' })).toThrow(
      /Invalid configuration:\n {2}PORT: .+\n {2}LOG_LEVEL: .+/,
    );
    expect(CONFIG_EXIT_STATUS).toBe(78);
  });
});
