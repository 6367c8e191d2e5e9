/**
 * The Slack app manifest matches what the server serves: every Slack request URL is the one endpoint
 * Bolt listens on, mentions arrive escaped (so owners are stored by id), and each subscribed message
 * event has the scope Slack requires for it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BOT_SCOPES } from '../../src/slack/bot-scopes';
import { NEW_ACTION_SHORTCUT, TRACK_MESSAGE_SHORTCUT } from '../../src/slack/new-action-modal';

const manifest = readFileSync(path.resolve(__dirname, '../../manifests/slack/manifest.yaml'), 'utf8');
/** The manifest without its comments, so a commented-out line never passes for a setting. */
const settings = manifest.replace(/^\s*#.*\n/gm, '').replace(/[ \t]+#.*$/gm, '');

/** The items of a YAML list under `key:` (one `- item` a line). */
function listUnder(key: string): string[] {
  const match = new RegExp(`^(\\s*)${key}:\\n((?:\\1\\s+- .+\\n?)+)`, 'm').exec(settings);
  return match?.[2]?.match(/- (.+)/g)?.map((item) => item.slice(2).trim()) ?? [];
}

describe('manifests/slack/manifest.yaml', () => {
  it('sends the slash command, events and interactivity to /slack/events', () => {
    const urls = [...settings.matchAll(/(?:url|request_url): (\S+)/g)].map((m) => m[1]);
    expect(urls).toHaveLength(3);
    for (const url of urls) expect(url).toBe('https://YOUR-HOST/slack/events');
    expect(settings).toMatch(/interactivity:\n\s+is_enabled: true/);
  });

  it('declares /action with a usage hint and escaped mentions', () => {
    expect(settings).toMatch(/- command: \/action\n/);
    expect(settings).toMatch(/usage_hint: ".+"/);
    expect(settings).toMatch(/should_escape: true/);
  });

  it('names the app and its bot Arising', () => {
    expect(settings).toMatch(/display_information:\n\s+name: Arising\n/);
    expect(settings).toMatch(/bot_user:\n\s+display_name: Arising\n/);
  });

  it('asks for the scope each subscribed event needs, and the scopes the bot calls need', () => {
    const scopes = listUnder('bot');
    const events = listUnder('bot_events');
    expect(events).toEqual([
      'app_mention',
      'message.channels',
      'message.groups',
      'message.im',
      'message.mpim',
      'app_uninstalled',
      'tokens_revoked',
      'app_home_opened',
    ]);
    const needs: Record<string, string | null> = {
      app_mention: 'app_mentions:read',
      'message.channels': 'channels:history',
      'message.groups': 'groups:history',
      'message.im': 'im:history',
      'message.mpim': 'mpim:history',
      // Slack sends these without any scope; views.publish needs none either.
      app_uninstalled: null,
      tokens_revoked: null,
      app_home_opened: null,
    };
    for (const event of events) {
      const scope = needs[event];
      expect(scope).toBeDefined();
      if (scope) expect(scopes).toContain(scope);
    }
    // files:read: the import form's file upload (files.info and the download need it); files:write:
    // matters arising shared as a Word document.
    for (const scope of [
      'commands',
      'chat:write',
      'chat:write.public',
      'im:write',
      'files:read',
      'files:write',
    ])
      expect(scopes).toContain(scope);
  });

  it('has an OAuth install ask for exactly the bot scopes of the manifest, and come back to /slack/oauth_redirect', () => {
    expect([...BOT_SCOPES].sort()).toEqual(listUnder('bot').sort());
    expect(listUnder('redirect_urls')).toEqual(['https://YOUR-HOST/slack/oauth_redirect']);
  });

  it('declares the message shortcut "Track as action" and the global shortcut the server listens for', () => {
    const shortcuts = [...settings.matchAll(/- name: (.+)\n\s+type: (\w+)\n\s+callback_id: (\S+)/g)].map(
      (m) => ({ name: m[1], type: m[2], callbackId: m[3] }),
    );
    expect(shortcuts).toEqual([
      { name: 'Track as action', type: 'message', callbackId: TRACK_MESSAGE_SHORTCUT },
      { name: 'New action', type: 'global', callbackId: NEW_ACTION_SHORTCUT },
    ]);
    expect(TRACK_MESSAGE_SHORTCUT).toBe('track_message');
    expect(NEW_ACTION_SHORTCUT).toBe('new_action');
  });

  it('turns on the Home tab, where "My actions" is published', () => {
    expect(settings).toMatch(/home_tab_enabled: true/);
  });

  it('lets owners answer reminders and give commands in the bot’s DM', () => {
    expect(settings).toMatch(/messages_tab_enabled: true/);
    expect(settings).toMatch(/messages_tab_read_only_enabled: false/);
  });
});
