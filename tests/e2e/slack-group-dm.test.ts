/**
 * Group DMs: an action added with the slash command in a group DM gets its card there, and a `done`
 * replied in the card's thread (a `message.mpim` event, `channel_type: mpim`) closes it, as in a channel.
 */
import { messageEvent, slashCommand } from '../support/slack-signing';
import { eventually, startTestService, type TestService } from '../support/start-server';

const GROUP_DM = 'G0GROUPDM';
const PRIYA = 'U0PRIYA';

let t: TestService;

beforeAll(async () => {
  t = await startTestService({
    now: '2026-07-01T09:00:00Z',
    where: { team: 'T0TEAM', channel: GROUP_DM, user: 'U0CHAIR' },
  });
});

afterAll(async () => {
  await t.stop();
});

describe('a card in a group DM', () => {
  it('is closed by `done` in its thread', async () => {
    await t.send(
      slashCommand(t.where, `add <@${PRIYA}|priya> to book the venue by 31 July`, t.slack.responseUrl()),
    );
    const [card] = await t.slack.waitForCalls('chat.postMessage');
    expect(card?.body.channel).toBe(GROUP_DM);
    const linked = await eventually(async () => (await t.store.get(t.channel, 1))?.message ?? undefined);
    const response = await t.send(
      messageEvent({ ...t.where, user: PRIYA }, 'done', { threadTs: linked.id, channelType: 'mpim' }),
    );
    expect(response.status).toBe(200);
    const closed = await eventually(async () => {
      const action = await t.store.get(t.channel, 1);
      return action?.state === 'done' ? action : undefined;
    });
    expect(closed.closedBy).toBe(PRIYA);
  });
});
