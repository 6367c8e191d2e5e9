/**
 * Bad input 11: people outside a channel using a valid action number, and forged button payloads carrying
 * another channel's (or team's) value, against the service process: each is refused and the action is
 * unchanged — not closed, not snoozed, its card not updated.
 */
import type { Action } from '../../src/core/domain';
import { faultWorld } from '../support/fault-world';
import { blockActions, sendToSlackEndpoint, slashCommand, type Where } from '../support/slack-signing';

jest.setTimeout(60_000);

const world = faultWorld({ role: 'web' });
const home: Where = { team: 'T0TEAM', channel: 'C0HOME', user: 'U0CHAIR' };
const channel = { platform: 'slack' as const, team: home.team, channel: home.channel };
/** What anyone outside the action's channel is told: their own channel has no such action. */
const NO_ACTION = 'There is no action #1 in this channel.';
/**
 * Priya owns the action. A button press from elsewhere in the same workspace is how a reminder DM's Done
 * works, so there the permission check decides (only owners, the raiser and chairs may close): the
 * intruder in another channel of the team is someone who is none of those, and is told so; anyone
 * in another team is told the action does not exist there.
 */
const intruders: [string, Where, string][] = [
  [
    'a member of another channel in the team',
    { team: 'T0TEAM', channel: 'C0ELSEWHERE', user: 'U0MALLORY' },
    "You can't close #1: only its owners, whoever raised it and the channel's chairs may.",
  ],
  ['the owner id, from another team', { team: 'T0OTHER', channel: 'C0HOME', user: 'U0PRIYA' }, NO_ACTION],
  ['a stranger in another team', { team: 'T0OTHER', channel: 'C0OTHER', user: 'U0MALLORY' }, NO_ACTION],
];
let action: Action;
let doneValue: string;

beforeAll(async () => {
  await sendToSlackEndpoint(
    world.app.baseUrl,
    slashCommand(
      home,
      'add <@U0PRIYA|priya> to send the KSI data by 31 December 2030',
      world.slack.responseUrl(),
    ),
  );
  const [card] = await world.slack.waitForCalls('chat.postMessage', 1, 10_000);
  const elements = (
    (card?.body.blocks ?? []) as { elements?: { action_id?: string; value?: string }[] }[]
  ).flatMap((b) => b.elements ?? []);
  doneValue = elements.find((e) => e.action_id === 'done')?.value ?? '';
  expect(doneValue).not.toBe('');
  for (let i = 0; i < 100 && !(await world.store.get(channel, 1))?.message; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const stored = await world.store.get(channel, 1);
  if (!stored?.message) throw new Error('action #1 was not stored with its card');
  action = stored;
});

/** What a Slack answer shows, its blocks as Slack renders them. */
const shown = (body: unknown): string => JSON.stringify(body ?? {}).replace(/\\"/g, '"');

async function expectUnchanged(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 400));
  expect(await world.store.get(channel, 1)).toEqual(action);
  expect(world.slack.callsTo('chat.update')).toHaveLength(0);
  expect(world.slack.callsTo('chat.postMessage')).toHaveLength(0);
}

describe.each(intruders)('%s', (_who, where, pressRefusal) => {
  beforeEach(() => world.slack.reset());

  it.each([
    'done 1',
    'snooze 1 2 weeks',
    'drop 1 not needed',
    'reassign 1 <@U0MALLORY|mallory>',
    'due 1 none',
  ])('cannot change the action with "%s"', async (text) => {
    expect(
      (await sendToSlackEndpoint(world.app.baseUrl, slashCommand(where, text, world.slack.responseUrl())))
        .status,
    ).toBe(200);
    // A command names an action of the channel it is typed in: elsewhere there is no #1, and nothing of
    // the home channel's #1 is shown.
    const [reply] = await world.slack.waitForCalls('response_url', 1, 5000);
    expect(shown(reply?.body)).toContain(NO_ACTION);
    expect(shown(reply?.body)).not.toContain('send the KSI data');
    await expectUnchanged();
  });

  it('cannot read it with "list all"', async () => {
    await sendToSlackEndpoint(world.app.baseUrl, slashCommand(where, 'list all', world.slack.responseUrl()));
    const [reply] = await world.slack.waitForCalls('response_url', 1, 5000);
    expect(shown(reply?.body)).toContain('All actions: none.');
    expect(shown(reply?.body)).not.toContain('send the KSI data');
  });

  it('cannot press Done with a forged payload carrying the action’s value', async () => {
    const messageTs = action.message?.id ?? '';
    const press = blockActions(
      where,
      messageTs,
      { type: 'button', actionId: 'done', value: doneValue },
      world.slack.responseUrl(),
    );
    expect((await sendToSlackEndpoint(world.app.baseUrl, press)).status).toBe(200);
    const [reply] = await world.slack.waitForCalls('response_url', 1, 5000);
    expect(shown(reply?.body)).toContain(pressRefusal);
    await expectUnchanged();
  });
});
