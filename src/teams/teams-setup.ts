/**
 * Teams for the composition root, in two steps so the messenger exists in every role (workers send
 * reminders through it) while the HTTP endpoint is mounted only where HTTP is served. Neither is built
 * when Teams is off (no MicrosoftAppId, TEAMS_EMULATOR off): `/api/messages` is then not mounted and
 * answers 404, and nothing is ever sent to a Teams service URL.
 *
 *   const teams = teamsParts(config.teams, stores, logger);   // every role; stores from src/store
 *   … new PlatformMessengers({ slack, teams: teams.messenger }) … the core service …
 *   serveTeams(http, teams, service, stores.claims);           // web and all roles
 */
import type { Application } from 'express';
import type { ChatService } from '../core/chat-service';
import type { ClaimStore } from '../core/claim-store';
import type { ConversationReferenceStore } from '../core/conversation-reference-store';
import type { LastReminderStore } from '../core/last-reminder-store';
import type { Logger } from '../core/logger';
import { TeamsAdapter } from './teams-adapter';
import { connectTeams, mountTeams, TEAMS_PATH, type TeamsConnection } from './teams-app';
import { TeamsMessenger } from './teams-messenger';
import type { TeamsSettings } from './teams-settings';

export interface TeamsParts {
  connection: TeamsConnection;
  references: ConversationReferenceStore;
  lastReminders: LastReminderStore;
  messenger: TeamsMessenger;
  logger: Logger;
}

export function teamsParts(
  config: TeamsSettings,
  stores: { references: ConversationReferenceStore; lastReminders: LastReminderStore },
  logger: Logger,
): TeamsParts {
  const connection = connectTeams(config, logger);
  const { references, lastReminders } = stores;
  const messenger = new TeamsMessenger({
    adapter: connection.adapter,
    appId: connection.appId,
    references,
    lastReminders,
    logger,
  });
  return { connection, references, lastReminders, messenger, logger };
}

/** Mounts POST /api/messages and says in the log how activities are checked. */
export function serveTeams(
  http: Application,
  parts: TeamsParts,
  service: ChatService,
  claims: ClaimStore,
): void {
  const bot = new TeamsAdapter({
    service,
    messenger: parts.messenger,
    references: parts.references,
    lastReminders: parts.lastReminders,
    claims,
    files: parts.connection.mode === 'verified' ? 'bot-framework' : 'loopback',
    logger: parts.logger,
  });
  mountTeams(http, parts.connection, bot, parts.logger);
  if (parts.connection.mode === 'verified') {
    parts.logger.info(
      `Teams: serving POST ${TEAMS_PATH} for Microsoft app ${parts.connection.appId}; every activity's token is checked`,
    );
  } else {
    parts.logger.warn(
      `Teams: POST ${TEAMS_PATH} accepts UNAUTHENTICATED activities because TEAMS_EMULATOR is on. ` +
        'That is for the Bot Framework Emulator and tests only: only loopback service URLs are called and files ' +
        'fetched only from loopback. Set MicrosoftAppId and MicrosoftAppPassword (and TEAMS_EMULATOR=off) to serve Teams.',
    );
  }
}
