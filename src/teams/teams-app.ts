/**
 * Wires Teams into the HTTP app: botbuilder's CloudAdapter on `POST /api/messages`.
 *
 * Authentication: with MicrosoftAppId set, ConfigurationBotFrameworkAuthentication checks the token of
 * every activity (Bot Framework's signed JWT) and a request without a valid one is refused with 401
 * before anything runs (botbuilder alone would answer a token with a bad signature with 500;
 * ChannelAuthentication makes that a 401 too). TeamsSettings.openIdMetadataUrl, set only by tests, says
 * where the signing keys are published instead of login.botframework.com. Without MicrosoftAppId the
 * endpoint is mounted only with TEAMS_EMULATOR=on (teams-setup.ts): it then accepts unauthenticated
 * activities, for the Bot Framework Emulator and tests, but refuses (403) one whose serviceUrl is not on
 * loopback, and every call to the Bot Connector goes through service-url-guard.ts, so an anonymous
 * activity cannot make the bot post anywhere else.
 *
 * CloudAdapter needs the body already parsed, so this route (and only this one: Bolt reads Slack's raw
 * body itself) has its own JSON parser. The bot answers within the request: Teams waits for the reply to
 * a message and needs the refreshed card in the answer to a button press.
 */

import {
  type Activity,
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  StatusCodes,
  type TurnContext,
} from 'botbuilder';
import {
  type AuthenticateRequestResult,
  AuthenticationConstants,
  AuthenticationError,
  type ClaimsIdentity,
  type ConnectorFactory,
} from 'botframework-connector';
import express, { type Application, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from '../core/logger';
import { guardConnectorFactory, serviceUrlAllowed } from './service-url-guard';
import type { TeamsAdapter } from './teams-adapter';
import { TEAMS_PATH } from './teams-path';
import type { TeamsMode, TeamsSettings } from './teams-settings';

export { TEAMS_PATH };

const EMULATOR_ONLY =
  'with TEAMS_EMULATOR=on only activities whose serviceUrl is on loopback (the Bot Framework Emulator) are served';

/** Largest activity accepted: a message with pasted minutes (200,000 characters) fits with room. */
const MAX_BODY = '2mb';

export interface TeamsConnection {
  adapter: CloudAdapter;
  /** MicrosoftAppId, or '' without credentials. */
  appId: string;
  mode: TeamsMode;
}

/** What jsonwebtoken throws for a token it refuses (a bad signature, malformed, not yet valid…). */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

/**
 * botbuilder refuses a token whose signature does not verify (or that is not yet valid) by letting
 * jsonwebtoken's error through, and CloudAdapter answers anything but an AuthenticationError with 500.
 * A forged token is the sender's fault: this makes it a 401 like every other bad token.
 */
class ChannelAuthentication extends ConfigurationBotFrameworkAuthentication {
  constructor(
    settings: Record<string, string>,
    private readonly mode: TeamsMode,
  ) {
    super(settings);
  }

  override async authenticateRequest(
    activity: Activity,
    authHeader: string,
  ): Promise<AuthenticateRequestResult> {
    try {
      const result = await super.authenticateRequest(activity, authHeader);
      if (result.connectorFactory) {
        result.connectorFactory = guardConnectorFactory(result.connectorFactory, this.mode);
      }
      return result;
    } catch (error) {
      if (error instanceof Error && TOKEN_ERRORS.has(error.name)) {
        throw new AuthenticationError(`Unauthorized. ${error.message}`, StatusCodes.UNAUTHORIZED);
      }
      throw error;
    }
  }

  /** The factory for proactive calls (continueConversation, createConversation), guarded the same way. */
  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return guardConnectorFactory(super.createConnectorFactory(claimsIdentity), this.mode);
  }
}

/**
 * The public Azure cloud's settings with the channel's signing keys read from `metadataUrl`. botbuilder
 * takes every setting as given once any of these is set (an unset issuer would refuse every token), so
 * this names them all, with the values it uses by default.
 */
function publicCloudWithKeysAt(metadataUrl: string): Record<string, string> {
  return {
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: metadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

/** The CloudAdapter with the credentials of the configuration (none: unauthenticated, emulator mode). */
export function connectTeams(config: TeamsSettings, logger: Logger): TeamsConnection {
  const settings: Record<string, string> = {};
  if (config.appId) {
    settings.MicrosoftAppId = config.appId;
    settings.MicrosoftAppType = config.appType;
    if (config.appPassword) settings.MicrosoftAppPassword = config.appPassword;
    if (config.tenantId) settings.MicrosoftAppTenantId = config.tenantId;
    if (config.openIdMetadataUrl) Object.assign(settings, publicCloudWithKeysAt(config.openIdMetadataUrl));
  }
  const adapter = new CloudAdapter(new ChannelAuthentication(settings, config.mode));
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    logger.error(`Teams turn failed (${context.activity.type}):`, error);
  };
  return { adapter, appId: config.appId ?? '', mode: config.mode };
}

export function mountTeams(
  http: Application,
  connection: TeamsConnection,
  bot: TeamsAdapter,
  logger: Logger,
): void {
  const parse = express.json({ limit: MAX_BODY, type: ['application/json', 'application/*+json'] });
  http.post(TEAMS_PATH, parse, async (req: Request, res: Response) => {
    if (connection.mode === 'verified' && !req.headers.authorization) {
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
    const serviceUrl = (body as { serviceUrl?: unknown }).serviceUrl;
    if (connection.mode === 'emulator' && !serviceUrlAllowed('emulator', String(serviceUrl ?? ''))) {
      logger.warn(
        `Refusing a ${TEAMS_PATH} activity for service URL ${String(serviceUrl)}: ${EMULATOR_ONLY}`,
      );
      res.status(403).json({ error: 'forbidden', reason: EMULATOR_ONLY });
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
