/**
 * Wires Teams into the HTTP app: botbuilder's CloudAdapter on `POST /api/messages`.
 *
 * Authentication: with MicrosoftAppId set, ConfigurationBotFrameworkAuthentication checks the token of
 * every activity (Bot Framework's signed JWT) and a request without a valid one is refused with 401
 * before anything runs. Without MicrosoftAppId the endpoint accepts unauthenticated activities, for the
 * Bot Framework Emulator and tests; startService logs that loudly at start.
 *
 * CloudAdapter needs the body already parsed, so this route (and only this one: Bolt reads Slack's raw
 * body itself) has its own JSON parser. The bot answers within the request: Teams waits for the reply to
 * a message and needs the refreshed card in the answer to a button press.
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import express, { type Application, type NextFunction, type Request, type Response } from 'express';
import type { TeamsConfig } from '../config';
import type { TeamsAdapter } from './teams-adapter';
import type { TeamsLog } from './teams-messenger';

export const TEAMS_PATH = '/api/messages';

/** Largest activity accepted: a message with pasted minutes (200,000 characters) fits with room. */
const MAX_BODY = '2mb';

export interface TeamsConnection {
  adapter: CloudAdapter;
  /** MicrosoftAppId, or '' without credentials. */
  appId: string;
  authenticated: boolean;
}

/** The CloudAdapter with the credentials of the configuration (none: unauthenticated). */
export function connectTeams(config: TeamsConfig, logger: TeamsLog): TeamsConnection {
  const settings: Record<string, string> = {};
  if (config.appId) {
    settings.MicrosoftAppId = config.appId;
    settings.MicrosoftAppType = config.appType;
    if (config.appPassword) settings.MicrosoftAppPassword = config.appPassword;
    if (config.tenantId) settings.MicrosoftAppTenantId = config.tenantId;
  }
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(settings));
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    logger.error(`Teams turn failed (${context.activity.type}):`, error);
  };
  return { adapter, appId: config.appId ?? '', authenticated: config.appId !== null };
}

export function mountTeams(
  http: Application,
  connection: TeamsConnection,
  bot: TeamsAdapter,
  logger: TeamsLog,
): void {
  const parse = express.json({ limit: MAX_BODY, type: ['application/json', 'application/*+json'] });
  http.post(TEAMS_PATH, parse, async (req: Request, res: Response) => {
    if (connection.authenticated && !req.headers.authorization) {
      // botbuilder would refuse it too (and print a stack trace for every stray request).
      logger.debug(`Refusing a ${TEAMS_PATH} request without an Authorization header`);
      res.status(401).json({ error: 'unauthorized' });
      return;
    }
    const body = req.body as { type?: unknown } | undefined;
    if (typeof body !== 'object' || body === null || typeof body.type !== 'string') {
      res.status(400).json({ error: 'bad_request', reason: 'the body is not a Bot Framework activity' });
      return;
    }
    await connection.adapter.process(req, res, (context) => bot.onTurn(context));
  });
  // A body that is not JSON is the sender's mistake, not ours.
  http.use(TEAMS_PATH, (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      res.status(status).json({ error: 'bad_request' });
      return;
    }
    next(error);
  });
}
