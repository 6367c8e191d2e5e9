/**
 * Authentication of /api/messages with real signed tokens. With MicrosoftAppId set, the service checks
 * each activity's Bot Framework token against the channel's published keys; here those keys are served
 * on loopback (tests/support/bot-framework-tokens.ts), so the test can sign tokens the service accepts and
 * tokens that are wrong in exactly one way. A token for another bot, an expired one, one signed by
 * another key, or one for another serviceUrl is refused with 401 before anything is stored or sent; the
 * same activity with a good token is stored and answered, so the refusals are for the reason tested.
 */
import type { KeyObject } from 'node:crypto';
import {
  type BotFrameworkKeys,
  channelClaims,
  fakeConnectorLogin,
  startBotFrameworkKeys,
  strangerKey,
} from '../support/bot-framework-tokens';
import {
  BOT_MENTION,
  channelMessage,
  installInTeam,
  PRIYA,
  startTeamsService,
  type TeamsService,
} from '../support/teams-service';

const APP_ID = '00000000-0000-0000-0000-00000000e2e0';
const OTHER_APP_ID = '00000000-0000-0000-0000-0000000bad00';

let keys: BotFrameworkKeys;
let t: TeamsService;

beforeAll(async () => {
  keys = await startBotFrameworkKeys();
  t = await startTeamsService({ appId: APP_ID, openIdMetadataUrl: keys.metadataUrl });
});

afterAll(async () => {
  await t?.stop();
  await keys?.stop();
});

const add = () =>
  channelMessage(t, '<at>Arising</at> add <at>Priya Patel</at> to send the data by Friday', [
    BOT_MENTION,
    { person: PRIYA },
  ]);

const minutes = (n: number) => Math.floor(Date.now() / 1000) + n * 60;

/** A token for this bot and the fake connector, with these claims changed. */
function token(overrides: Record<string, unknown> = {}, signWith?: KeyObject): string {
  return keys.sign(channelClaims(APP_ID, t.connector.serviceUrl, overrides), { with: signWith });
}

interface Answer {
  status: number;
  body: string;
}

/**
 * Posts the app's installation and an `add` with this token. botbuilder prints each refusal with
 * console.error; those lines are returned, not printed.
 */
async function postBoth(bearer: string): Promise<{ answers: Answer[]; printed: string }> {
  const printed = jest.spyOn(console, 'error').mockImplementation(() => {});
  try {
    const answers: Answer[] = [];
    for (const activity of [installInTeam(t), add()]) {
      const response = await t.post(activity, { authorization: `Bearer ${bearer}` });
      answers.push({ status: response.status, body: await response.text() });
    }
    return { answers, printed: printed.mock.calls.map((call) => call.map(String).join(' ')).join('\n') };
  } finally {
    printed.mockRestore();
  }
}

async function expectNothingStoredOrSent(): Promise<void> {
  expect(await t.store.list(t.channel, 'all')).toEqual([]);
  expect(await t.references.get(t.channel)).toBeNull();
  expect(t.connector.calls).toEqual([]);
}

// The refusals run first, on an empty store; the accepted token comes last.
describe('with MicrosoftAppId set and the channel keys served on loopback', () => {
  it('refuses a token whose audience is another bot with 401, storing and sending nothing', async () => {
    const { answers } = await postBoth(token({ aud: OTHER_APP_ID }));
    for (const answer of answers) {
      expect(answer.status).toBe(401);
      expect(answer.body).toBe(`Unauthorized. Invalid AppId passed on token: ${OTHER_APP_ID}`);
    }
    await expectNothingStoredOrSent();
  });

  it('refuses a token that expired ten minutes ago with 401, storing and sending nothing', async () => {
    const { answers, printed } = await postBoth(token({ nbf: minutes(-70), exp: minutes(-10) }));
    for (const answer of answers) {
      expect(answer.status).toBe(401);
      expect(answer.body).toBe('The token has expired');
    }
    expect(printed).toMatch(/TokenExpiredError: jwt expired/);
    await expectNothingStoredOrSent();
  });

  it('refuses a token signed by another key under the published key id with 401, storing and sending nothing', async () => {
    const { answers, printed } = await postBoth(token({}, strangerKey()));
    for (const answer of answers) {
      expect(answer.status).toBe(401);
      expect(answer.body).toBe('Unauthorized. invalid signature');
    }
    expect(printed).toMatch(/invalid signature/);
    await expectNothingStoredOrSent();
  });

  it('refuses a token issued for another serviceUrl with 401, storing and sending nothing', async () => {
    const { answers } = await postBoth(token({ serviceurl: 'https://smba.example.invalid/amer/' }));
    for (const answer of answers) {
      expect(answer.status).toBe(401);
      expect(answer.body).toBe('Unauthorized. ServiceUrl claim do not match.');
    }
    await expectNothingStoredOrSent();
  });

  it('accepts a token the channel signed for this bot: the action is stored and the reply sent', async () => {
    const login = fakeConnectorLogin('connector-token-for-tests');
    try {
      const { answers, printed } = await postBoth(token());
      expect(answers.map((a) => a.status)).toEqual([200, 200]);
      expect(printed).toBe('');
      const [action] = await t.store.list(t.channel, 'all');
      expect(action).toMatchObject({ number: 1, text: expect.stringMatching(/send the data/) });
      expect(await t.references.get(t.channel)).not.toBeNull();
      const [sent] = await t.connector.waitFor('send');
      expect(sent?.authorization).toBe('Bearer connector-token-for-tests');
    } finally {
      login.mockRestore();
    }
    // The keys that verified the token are the ones served here, not Microsoft's.
    expect(keys.requests).toEqual(['/.well-known/openidconfiguration', '/keys']);
  });
});
