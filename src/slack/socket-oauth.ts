/**
 * Any number of workspaces over Socket Mode (SLACK_APP_TOKEN with SLACK_CLIENT_ID…): events come over the
 * WebSocket, but the install is a browser's visit, so `GET /slack/install` and `GET /slack/oauth_redirect`
 * are served by the service's own HTTP server (beside /healthz and /metrics), not by a second server on
 * a port of Bolt's choosing. The same installer as over HTTP (slack-oauth.ts: signed state, the state
 * cookie, oauth.v2.access at SLACK_API_URL, installs kept sealed in Redis) and the same pages.
 *
 * Bolt is given `authorize`, the installer's lookup of each request's workspace, in place of the one
 * ExpressReceiver would have made: no signing secret is needed, since nothing arrives over HTTP.
 */
import type { Authorize } from '@slack/bolt';
import { InstallProvider } from '@slack/oauth';
import type { Application, NextFunction, Request, Response } from 'express';
import { INSTALL_PATH, type OAuthInstall, REDIRECT_PATH } from './slack-oauth';

/** Mounts the two install pages on `http`; the `authorize` that finds each request's install. */
export function serveInstallPages(http: Application, install: OAuthInstall): Authorize<boolean> {
  const installer = new InstallProvider({
    clientId: install.clientId,
    clientSecret: install.clientSecret,
    stateSecret: install.stateSecret,
    installationStore: install.installationStore,
    directInstall: true,
    stateVerification: true,
    clientOptions: install.clientOptions,
  });
  const urlOptions = {
    scopes: install.scopes,
    ...(install.redirectUri ? { redirectUri: install.redirectUri } : {}),
  };
  http.get(INSTALL_PATH, (req: Request, res: Response, next: NextFunction) => {
    installer.handleInstallPath(req, res, undefined, urlOptions).catch(next);
  });
  http.get(REDIRECT_PATH, (req: Request, res: Response, next: NextFunction) => {
    installer.handleCallback(req, res, install.callbackOptions).catch(next);
  });
  return (source) => installer.authorize(source);
}
