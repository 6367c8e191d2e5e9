/**
 * Both Slack manifests (HTTP and Socket Mode) against the structure of Slack's manifest schema
 * (tests/support/slack-manifest-schema.ts), against each other (the same app, only the way in differs),
 * and against the code: the bot scopes are exactly those the Web API calls, events and commands in
 * src/slack need, and every subscribed event has a listener.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { DEFAULT_SLACK_COMMAND } from '../../src/config';
import { type SlackManifest, SlackManifestSchema } from '../support/slack-manifest-schema';

const root = path.resolve(__dirname, '../..');

function manifest(file: string): SlackManifest {
  const raw: unknown = parse(readFileSync(path.join(root, 'manifests/slack', file), 'utf8'));
  return SlackManifestSchema.parse(raw);
}

/** Every .ts file of the Slack adapter, as text. */
function slackSources(): string {
  const dir = path.join(root, 'src/slack');
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => readFileSync(path.join(dir, file), 'utf8'))
    .join('\n');
}

/**
 * The bot scopes each Web API method the adapter calls needs (api.slack.com/methods). A method missing
 * here fails the test: add it with its scopes, and the scopes to both manifests.
 */
const METHOD_SCOPES: Record<string, string[]> = {
  // Who the bot is, with SLACK_BOT_TOKEN; Bolt's installer also calls it with a newly installed token.
  'auth.test': [],
  // Bolt's installer exchanges an install's code (SLACK_CLIENT_ID…) with the client secret: no bot scope.
  'oauth.v2.access': [],
  // Socket Mode's WebSocket address, asked with the app-level token (connections:write, not a bot scope).
  'apps.connections.open': [],
  // chat:write.public: cards are posted in public channels the bot was never invited to.
  'chat.postMessage': ['chat:write', 'chat:write.public'],
  'chat.update': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  // A tracked message's thread answer links to the card: "No scope required" (api.slack.com/methods).
  'chat.getPermalink': [],
  'conversations.open': ['im:write'],
  // A reply's thread or DM, in any kind of conversation a card or reminder can be in.
  'conversations.history': ['channels:history', 'groups:history', 'im:history', 'mpim:history'],
  'conversations.replies': ['channels:history', 'groups:history', 'im:history', 'mpim:history'],
  'files.info': ['files:read'],
  // `matters-arising docx` shares the Word document: an upload address, then the upload shared.
  'files.getUploadURLExternal': ['files:write'],
  'files.completeUploadExternal': ['files:write'],
  // The global shortcut's channel picker: is the user in the public channel picked?
  'conversations.members': ['channels:read'],
  // A channel's name in the mails to owners outside the chat.
  'conversations.info': ['channels:read'],
  'views.open': [],
  'views.publish': [],
  'views.update': [],
};

/**
 * The bot scope each subscribed event needs (api.slack.com/events); app_uninstalled and tokens_revoked
 * (a workspace that uninstalls the app or revokes its token is forgotten) need none.
 */
const EVENT_SCOPES: Record<string, string[]> = {
  'message.channels': ['channels:history'],
  'message.groups': ['groups:history'],
  'message.im': ['im:history'],
  'message.mpim': ['mpim:history'],
  app_mention: ['app_mentions:read'],
  app_home_opened: [],
  app_uninstalled: [],
  tokens_revoked: [],
};

const http = manifest('manifest.yaml');
const socket = manifest('manifest-socket-mode.yaml');

describe.each([
  ['manifest.yaml', http],
  ['manifest-socket-mode.yaml', socket],
])('%s', (_name, app) => {
  it('declares the slash command SLACK_COMMAND defaults to, with escaped mentions', () => {
    expect(app.features?.slash_commands?.map((c) => c.command)).toEqual([DEFAULT_SLACK_COMMAND]);
    expect(app.features?.slash_commands?.[0]?.should_escape).toBe(true);
  });

  it('asks for exactly the bot scopes the code uses', () => {
    const sources = slackSources();
    const methods = new Set([...sources.matchAll(/client\.(\w+(?:\.\w+)+)\(/g)].map((m) => m[1] ?? ''));
    const needed = new Set<string>();
    for (const method of methods) {
      const scopes = METHOD_SCOPES[method];
      if (!scopes) throw new Error(`src/slack calls ${method}: add its scopes to METHOD_SCOPES`);
      for (const scope of scopes) needed.add(scope);
    }
    for (const event of app.settings?.event_subscriptions?.bot_events ?? []) {
      const scopes = EVENT_SCOPES[event];
      if (!scopes) throw new Error(`The manifest subscribes to ${event}: add its scope to EVENT_SCOPES`);
      for (const scope of scopes) needed.add(scope);
    }
    if (app.features?.slash_commands || app.features?.shortcuts) needed.add('commands');
    expect([...(app.oauth_config?.scopes?.bot ?? [])].sort()).toEqual([...needed].sort());
    expect(app.oauth_config?.scopes?.bot).not.toContain('users:read');
  });

  it('has a listener for every subscribed event, and subscribes to every event listened to', () => {
    const sources = slackSources();
    const listened = new Set([...sources.matchAll(/\.event\('(\w+)'/g)].map((m) => m[1]));
    const subscribed = new Set(
      (app.settings?.event_subscriptions?.bot_events ?? []).map((e) => e.split('.')[0]),
    );
    expect([...subscribed].sort()).toEqual([...listened].sort());
  });

  it('answers group DMs, where a card’s thread can be', () => {
    expect(app.settings?.event_subscriptions?.bot_events).toContain('message.mpim');
  });

  it('has a listener for every shortcut it declares', () => {
    const sources = slackSources();
    for (const shortcut of app.features?.shortcuts ?? []) {
      expect(sources).toContain(`'${shortcut.callback_id}'`);
    }
  });
});

describe('HTTP and Socket Mode manifests', () => {
  it('sends requests to /slack/events and installs back to /slack/oauth_redirect over HTTP, and names no URL in Socket Mode', () => {
    expect(http.settings?.socket_mode_enabled).toBe(false);
    expect(socket.settings?.socket_mode_enabled).toBe(true);
    const httpUrls = JSON.stringify(http).match(/https?:\/\/[^"]+/g);
    expect(httpUrls).toEqual([
      'https://YOUR-HOST/slack/events',
      'https://YOUR-HOST/slack/oauth_redirect',
      'https://YOUR-HOST/slack/events',
      'https://YOUR-HOST/slack/events',
    ]);
    // Socket Mode serves one workspace (SLACK_BOT_TOKEN): no request URL and no OAuth redirect URL.
    expect(JSON.stringify(socket)).not.toMatch(/"(request_|redirect_)?urls?"|https?:\/\//);
  });

  it('describe the same app: only the way Slack reaches it differs', () => {
    const withoutWayIn = (app: SlackManifest): unknown =>
      JSON.parse(JSON.stringify(app), (key, value: unknown) =>
        ['url', 'request_url', 'redirect_urls', 'socket_mode_enabled'].includes(key) ? undefined : value,
      );
    expect(withoutWayIn(socket)).toEqual(withoutWayIn(http));
  });
});
