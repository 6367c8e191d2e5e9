/**
 * Who may use /api/messages. With MicrosoftAppId set, botbuilder checks every activity's token and a
 * request without a valid one is refused with 401 before anything is stored or sent. Without it, the
 * endpoint is served only with TEAMS_EMULATOR=on (for the Emulator and tests, as the start-up log says),
 * and then only for activities whose serviceUrl is on loopback; with neither, it answers 404 and the
 * log says Teams is disabled. Signed tokens that are wrong in one way (audience, expiry, signature,
 * serviceUrl) are in tests/e2e/teams-tokens.test.ts; files an activity points at, in
 * tests/e2e/teams-file-hosts.test.ts.
 */
import { recordingLogger } from '../support/recording-logger';
import {
  BOT_MENTION,
  channelMessage,
  installInTeam,
  PRIYA,
  startTeamsService,
  type TeamsService,
} from '../support/teams-service';

const add = (t: TeamsService) =>
  channelMessage(t, '<at>Arising</at> add <at>Priya Patel</at> to send the data by Friday', [
    BOT_MENTION,
    { person: PRIYA },
  ]);

describe('with MicrosoftAppId set', () => {
  let t: TeamsService;

  beforeAll(async () => {
    t = await startTeamsService({ appId: '00000000-0000-0000-0000-00000000e2e0' });
  });

  afterAll(async () => {
    await t.stop();
  });

  it('refuses an activity without a token with 401, storing and sending nothing', async () => {
    const install = await t.post(installInTeam(t));
    expect(install.status).toBe(401);
    const response = await t.post(add(t));
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
      response = await t.post(add(t), { authorization: 'Bearer not.a-valid.token' });
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

describe('with neither MicrosoftAppId nor TEAMS_EMULATOR', () => {
  it('answers 404 on /api/messages, stores nothing, calls no serviceUrl, and says Teams is disabled', async () => {
    const log = recordingLogger();
    const t = await startTeamsService({ emulator: 'off', logger: log.logger });
    try {
      expect(log.lines).toContain(
        'info Teams disabled: MicrosoftAppId is not set and TEAMS_EMULATOR is off, so POST /api/messages answers 404',
      );
      expect(log.lines.filter((l) => /UNAUTHENTICATED/.test(l))).toEqual([]);
      for (const activity of [installInTeam(t), add(t)]) {
        const response = await t.post(activity);
        expect(response.status).toBe(404);
      }
      expect(await t.store.list(t.channel, 'all')).toEqual([]);
      expect(await t.references.get(t.channel)).toBeNull();
      // Give a turn that had been let in time to answer, so "nothing sent" is not just "not yet".
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(t.connector.calls).toEqual([]);
    } finally {
      await t.stop();
    }
  });
});

describe('with TEAMS_EMULATOR=on', () => {
  let t: TeamsService;
  const log = recordingLogger();

  beforeAll(async () => {
    t = await startTeamsService({ emulator: 'on', logger: log.logger });
  });

  afterAll(async () => {
    await t.stop();
  });

  beforeEach(() => t.connector.reset());

  it('accepts unauthenticated activities and says so in the log at start', async () => {
    expect(
      log.lines.some((l) => /^warn Teams: POST \/api\/messages accepts UNAUTHENTICATED activities/.test(l)),
    ).toBe(true);
    const response = await fetch(`${t.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'not json',
    });
    expect(response.status).toBe(400);
    const notActivity = await fetch(`${t.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"hello":"world"}',
    });
    expect(notActivity.status).toBe(400);
  });

  it('refuses an activity whose serviceUrl is not on loopback with 403, storing and sending nothing', async () => {
    // 0.0.0.0 is no loopback address, yet on Linux it reaches the fake connector listening on
    // 127.0.0.1: were the check missing, the bot's answer would arrive there and be recorded.
    const elsewhere = t.connector.serviceUrl.replace('127.0.0.1', '0.0.0.0');
    for (const activity of [installInTeam(t), add(t)]) {
      const response = await t.post({ ...activity, serviceUrl: elsewhere });
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({
        error: 'forbidden',
        reason: expect.stringMatching(/only activities whose serviceUrl is on loopback/),
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(t.connector.calls).toEqual([]);
    expect(await t.store.list(t.channel, 'all')).toEqual([]);
    expect(await t.references.get(t.channel)).toBeNull();
    expect(log.lines).toContainEqual(
      expect.stringMatching(/^warn Refusing a \/api\/messages activity for service URL http:\/\/0\.0\.0\.0:/),
    );
  });

  it('serves the same activity from a loopback serviceUrl, so the refusal above is for its address', async () => {
    const response = await t.post(add(t));
    expect(response.status).toBe(200);
    await t.connector.waitFor('send');
    expect(await t.store.list(t.channel, 'all')).toHaveLength(1);
  });
});
