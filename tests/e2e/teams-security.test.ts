/**
 * Authentication of /api/messages. With MicrosoftAppId set, botbuilder checks every activity's token and
 * a request without a valid one is refused with 401 before anything is stored or sent. Without it, the
 * endpoint serves the Emulator and tests, and the start-up log says so. Signed tokens that are wrong in one
 * way (audience, expiry, signature, serviceUrl) are in tests/e2e/teams-tokens.test.ts.
 */
import type { Logger } from '../../src/app/logger';
import { startService } from '../../src/app/start-service';
import { loadConfig } from '../../src/config';
import { testRedis } from '../support/redis';
import {
  BOT_MENTION,
  channelMessage,
  installInTeam,
  PRIYA,
  startTeamsService,
  type TeamsService,
} from '../support/teams-service';

describe('with MicrosoftAppId set', () => {
  let t: TeamsService;

  beforeAll(async () => {
    t = await startTeamsService({ appId: '00000000-0000-0000-0000-00000000e2e0' });
  });

  afterAll(async () => {
    await t.stop();
  });

  const add = () =>
    channelMessage(t, '<at>Arising</at> add <at>Priya Patel</at> to send the data by Friday', [
      BOT_MENTION,
      { person: PRIYA },
    ]);

  it('refuses an activity without a token with 401, storing and sending nothing', async () => {
    const install = await t.post(installInTeam(t));
    expect(install.status).toBe(401);
    const response = await t.post(add());
    expect(response.status).toBe(401);
    expect(await t.store.list(t.channel, 'all')).toEqual([]);
    expect(await t.references.get(t.channel)).toBeNull();
    expect(t.connector.calls).toEqual([]);
  });

  it('refuses a token that is not a Bot Framework token with 401', async () => {
    // botbuilder prints the refusal with console.error; keep the test output to what matters.
    const printed = jest.spyOn(console, 'error').mockImplementation(() => {});
    let response: Response;
    let lines: unknown[][];
    try {
      response = await t.post(add(), { authorization: 'Bearer not.a-valid.token' });
    } finally {
      lines = [...printed.mock.calls];
      printed.mockRestore();
    }
    expect(response.status).toBe(401);
    expect(String(lines[0]?.[0])).toMatch(/Unauthorized/);
    expect(await t.store.list(t.channel, 'all')).toEqual([]);
    expect(t.connector.calls).toEqual([]);
  });
});

describe('without MicrosoftAppId', () => {
  it('accepts unauthenticated activities and says so in the log at start', async () => {
    const redis = await testRedis();
    const lines: string[] = [];
    const note =
      (level: string) =>
      (...message: unknown[]) =>
        lines.push(`${level} ${message.map(String).join(' ')}`);
    const logger: Logger = {
      debug: () => {},
      info: note('info'),
      warn: note('warn'),
      error: note('error'),
      setLevel: () => {},
      getLevel: () => 'info' as ReturnType<Logger['getLevel']>,
      setName: () => {},
    };
    const config = loadConfig({
      PORT: '0',
      REDIS_PREFIX: redis.prefix,
      REDIS_URL: process.env.REDIS_URL,
      ARISING_ROLE: 'web',
    });
    const service = await startService(config, { logger });
    try {
      expect(
        lines.some((l) => /^warn Teams: POST \/api\/messages accepts UNAUTHENTICATED activities/.test(l)),
      ).toBe(true);
      const response = await fetch(`http://127.0.0.1:${service.port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: 'not json',
      });
      expect(response.status).toBe(400);
      const notActivity = await fetch(`http://127.0.0.1:${service.port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"hello":"world"}',
      });
      expect(notActivity.status).toBe(400);
    } finally {
      await service.stop();
      await redis.cleanup();
    }
  });
});
