/**
 * SLACK_COMMAND renames the slash command for a workspace where `/action` is taken: the real service
 * listens to the new name and every text that tells Slack users what to type names it too.
 */
import type { Body } from '../support/fake-slack-api';
import { slashCommand } from '../support/slack-signing';
import { startTestService, type TestService } from '../support/start-server';

let t: TestService;

beforeAll(async () => {
  t = await startTestService({ now: '2026-07-01T09:00:00Z', env: { SLACK_COMMAND: '/minutes' } });
});

afterAll(async () => {
  await t.stop();
});

beforeEach(() => {
  t.slack.reset();
});

/** Sends `/minutes <text>`; the answer posted to its response_url, as the text a reader sees. */
async function minutes(text: string): Promise<string> {
  const response = await t.send(slashCommand(t.where, text, t.slack.responseUrl('cmd'), '/minutes'));
  expect(response.status).toBe(200);
  const [call] = await t.slack.waitForCalls('response_url');
  const body = call?.body as Body;
  return `${String(body.text)} ${JSON.stringify(body.blocks ?? [])}`;
}

describe('SLACK_COMMAND=/minutes', () => {
  it('answers `/minutes list`, with the hint naming /minutes', async () => {
    const list = await minutes('list');
    expect(list).toContain('none');
    expect(list).toContain('/minutes add @someone');
    expect(list).not.toContain('/action');
  });

  it('adds an action with `/minutes add …` and posts its card', async () => {
    await t.send(
      slashCommand(
        t.where,
        'add <@U0PRIYA|priya> to send the figures by Friday',
        t.slack.responseUrl(),
        '/minutes',
      ),
    );
    const [post] = await t.slack.waitForCalls('chat.postMessage');
    expect(JSON.stringify(post?.body.blocks)).toContain('send the figures');
  });

  it('names /minutes, never /action, in help', async () => {
    const help = await minutes('help');
    expect(help).toContain('/minutes add');
    expect(help).toContain('leave out /minutes');
    expect(help).not.toContain('/action');
    const one = await (async () => {
      t.slack.reset();
      return minutes('help add');
    })();
    expect(one).toContain('/minutes add');
    expect(one).not.toContain('/action');
  });
});
