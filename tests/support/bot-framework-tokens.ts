/**
 * A stand-in for the Bot Framework's token keys, so a test can sign the tokens Teams' channel sends and
 * the service checks them for real. It serves on loopback what login.botframework.com serves:
 * - GET /.well-known/openidconfiguration   the OpenID configuration, whose jwks_uri points at /keys
 * - GET /keys                               one RSA public key (kid, n, e) endorsed for `msteams`
 * and signs RS256 tokens with that key's private half, by hand with node:crypto.
 *
 *   const keys = await startBotFrameworkKeys();
 *   const t = await startTeamsService({ appId: APP_ID, openIdMetadataUrl: keys.metadataUrl });
 *   await t.post(activity, { authorization: `Bearer ${keys.sign(channelClaims(APP_ID, t.connector.serviceUrl))}` });
 *
 * botbuilder checks (botframework-connector's JwtTokenExtractor and ParameterizedBotFrameworkAuthentication):
 * the issuer is https://api.botframework.com, the signature verifies with the published key of the token's
 * kid and an RS256/384/512 algorithm, exp and nbf with 5 minutes' tolerance, the key is endorsed for the
 * activity's channelId, aud is MicrosoftAppId, and the serviceurl claim is the activity's serviceUrl.
 */
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MicrosoftAppCredentials } from 'botframework-connector';

/** The issuer of the channel's tokens, which botbuilder requires. */
export const CHANNEL_ISSUER = 'https://api.botframework.com';

export interface BotFrameworkKeys {
  /** The OpenID configuration's URL, for TeamsConfig.openIdMetadataUrl. */
  metadataUrl: string;
  kid: string;
  /** The requests the server answered, by path: shows the service fetched its keys from here. */
  requests: string[];
  /** A token signed with the published key (or `with`, another private key, under the same kid). */
  sign(claims: Record<string, unknown>, options?: { with?: KeyObject }): string;
  stop(): Promise<void>;
}

/** A fresh RSA key pair's private half, to sign tokens the published key does not verify. */
export function strangerKey(): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
}

const base64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');

export async function startBotFrameworkKeys(
  options: { endorsements?: string[] } = {},
): Promise<BotFrameworkKeys> {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = `test-key-${Date.now()}`;
  const jwk = publicKey.export({ format: 'jwk' });
  const requests: string[] = [];
  let origin = '';
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const json = (body: unknown) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.url === '/.well-known/openidconfiguration') {
      json({
        issuer: CHANNEL_ISSUER,
        authorization_endpoint: `${origin}/authorize`,
        jwks_uri: `${origin}/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
      });
    } else if (req.url === '/keys') {
      json({
        keys: [
          {
            kty: 'RSA',
            use: 'sig',
            kid,
            n: jwk.n,
            e: jwk.e,
            endorsements: options.endorsements ?? ['msteams'],
          },
        ],
      });
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    metadataUrl: `${origin}/.well-known/openidconfiguration`,
    kid,
    requests,
    sign(claims, signOptions = {}) {
      const signingInput = `${base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }))}.${base64url(JSON.stringify(claims))}`;
      const signature = sign('sha256', Buffer.from(signingInput), signOptions.with ?? privateKey);
      return `${signingInput}.${base64url(signature)}`;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The claims of a token the channel sends the bot `appId` for activities from `serviceUrl`, valid from
 * a minute ago for an hour; override any of them.
 */
export function channelClaims(
  appId: string,
  serviceUrl: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    serviceurl: serviceUrl,
    nbf: now - 60,
    exp: now + 3600,
    iss: CHANNEL_ISSUER,
    aud: appId,
    ...overrides,
  };
}

/**
 * Answers botbuilder's requests for a Bot Connector token with `accessToken` instead of asking
 * login.microsoftonline.com (unreachable here), so that replies to an accepted activity reach the fake
 * connector, which records the token as each call's authorization. Restore the spy after the test.
 */
export function fakeConnectorLogin(accessToken = 'connector-token-for-tests') {
  return jest.spyOn(MicrosoftAppCredentials.prototype, 'getToken').mockResolvedValue(accessToken);
}
