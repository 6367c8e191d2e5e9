/**
 * The platforms' modules, loaded when the configuration turns that platform on rather than when the
 * service starts. Bolt (Slack) and botbuilder (Teams) take most of a bare start to load (botbuilder alone
 * over a second on a loaded machine), and a service that serves only the console, or a worker of an
 * install without Teams, never calls them. Types are imported as `import type`, which loads nothing.
 */

/** Slack's Web API client, its messenger and its Bolt app: only when SLACK_BOT_TOKEN… are set. */
export function loadSlack() {
  return {
    ...(require('../slack/slack-api') as typeof import('../slack/slack-api')),
    ...(require('../slack/slack-app') as typeof import('../slack/slack-app')),
    ...(require('../slack/slack-messenger') as typeof import('../slack/slack-messenger')),
    ...(require('../slack/slack-clients') as typeof import('../slack/slack-clients')),
    ...(require('../slack/channel-names') as typeof import('../slack/channel-names')),
  };
}

/** Teams' adapter, messenger and endpoint (botbuilder): only when MicrosoftAppId or TEAMS_EMULATOR=on. */
export const loadTeams = (): typeof import('../teams/teams-setup') => require('../teams/teams-setup');
