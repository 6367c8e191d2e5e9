/**
 * The bot scopes an OAuth install asks for: exactly those of manifests/slack/manifest.yaml, which
 * tests/e2e/slack-manifest.test.ts holds them to, so an install through /slack/install grants what the
 * code calls need and nothing more.
 */
export const BOT_SCOPES: readonly string[] = [
  'commands',
  'chat:write',
  'chat:write.public',
  'im:write',
  'app_mentions:read',
  'im:history',
  'channels:history',
  'groups:history',
  'mpim:history',
  'files:read',
  'files:write',
  'channels:read',
];
