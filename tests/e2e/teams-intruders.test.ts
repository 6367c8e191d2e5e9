/**
 * Bad input 11 for Teams: people in another channel of the tenant, or in another tenant altogether,
 * using a valid action number or a forged card button carrying the action's data. Each is refused with
 * an answer that says so, and the action is unchanged: not closed, not snoozed, not dropped, not
 * reassigned, its card not updated.
 */
import type { Action } from '../../src/core/domain';
import { buttonData, type ConnectorCall } from '../support/fake-bot-connector';
import {
  BOT_MENTION,
  CHANNEL_ID,
  channelMessage,
  installInTeam,
  invokeAction,
  invokeBody,
  type Person,
  PRIYA,
  startTeamsService,
  type TeamsService,
} from '../support/teams-service';

const MALLORY: Person = { id: '29:1mallory-aad', name: 'Mallory Moss', aadObjectId: 'aad-mallory' };
const OTHER_CHANNEL = '19:elsewhere@thread.tacv2';
const OTHER_TENANT = 'tenant-e2e-mallory';
/** What anyone outside the action's channel is told: their own channel has no such action. */
const NO_ACTION = 'There is no action #1 in this channel.';

let t: TeamsService;
let cardId: string;
let value: string;
let action: Action;

beforeAll(async () => {
  t = await startTeamsService({ now: '2026-07-01T09:00:00Z' });
  await t.post(installInTeam(t));
  await t.post(
    channelMessage(t, '<at>Arising</at> add <at>Priya Patel</at> to send the KSI data by 31 July', [
      BOT_MENTION,
      { person: PRIYA },
    ]),
  );
  const [post] = await t.connector.waitFor('send');
  cardId = post?.id as string;
  value = buttonData(post as ConnectorCall, 'done').value ?? '';
  expect(value).toContain(CHANNEL_ID);
  const stored = await t.store.get(t.channel, 1);
  if (!stored) throw new Error('action #1 was not stored');
  action = stored;
});

afterAll(async () => {
  await t.stop();
});

beforeEach(() => {
  t.connector.reset();
});

/** The same activity as if it came from another tenant: both places Teams names the tenant say so. */
function fromTenant(activity: Record<string, unknown>, tenant: string): Record<string, unknown> {
  const conversation = activity.conversation as Record<string, unknown>;
  const channelData = activity.channelData as Record<string, unknown>;
  return {
    ...activity,
    conversation: { ...conversation, tenantId: tenant },
    channelData: { ...channelData, tenant: { id: tenant } },
  };
}

async function expectUnchanged(): Promise<void> {
  expect(await t.store.get(t.channel, 1)).toEqual(action);
  expect(t.connector.callsOf('update')).toHaveLength(0);
  expect(t.connector.callsOf('send')).toHaveLength(0);
}

const commands = ['done 1', 'snooze 1 2 weeks', 'drop 1 not needed', 'due 1 none', 'note 1 sneaky note'];

describe.each([
  ['someone in another channel of the tenant', (a: Record<string, unknown>) => a],
  ['someone in another tenant', (a: Record<string, unknown>) => fromTenant(a, OTHER_TENANT)],
])('%s', (_who, where) => {
  it.each(commands)('cannot reach the action with "%s"', async (command) => {
    const message = where(
      channelMessage(t, `<at>Arising</at> ${command}`, [BOT_MENTION], {
        from: MALLORY,
        channel: OTHER_CHANNEL,
      }),
    );
    expect((await t.post(message)).status).toBe(200);
    const [reply] = await t.connector.waitFor('reply');
    expect(JSON.stringify(reply?.body)).toContain(NO_ACTION);
    expect(JSON.stringify(reply?.body)).not.toContain('KSI data');
    expect(await t.store.get(t.channel, 1)).toEqual(action);
    expect(t.connector.callsOf('update')).toHaveLength(0);
  });

  it('cannot read it with "list all"', async () => {
    const message = where(
      channelMessage(t, '<at>Arising</at> list all', [BOT_MENTION], {
        from: MALLORY,
        channel: OTHER_CHANNEL,
      }),
    );
    await t.post(message);
    const [reply] = await t.connector.waitFor('reply');
    expect(JSON.stringify(reply?.body)).toContain('All actions: none.');
    expect(JSON.stringify(reply?.body)).not.toContain('KSI data');
  });
});

describe('a forged button carrying the action’s data', () => {
  it.each(['done', 'drop', 'snooze-1w'])(
    'pressed as "%s" in another tenant, on the card’s own id: refused, nothing changed',
    async (verb) => {
      const press = fromTenant(
        invokeAction(t, verb, { value }, { from: MALLORY, replyToId: cardId }),
        OTHER_TENANT,
      );
      const body = await invokeBody(await t.post(press));
      expect(body.type).toBe('application/vnd.microsoft.activity.message');
      expect(String(body.value)).toContain(NO_ACTION);
      await expectUnchanged();
    },
  );

  it('pressed in another channel of the tenant by someone who is not an owner: refused, nothing changed', async () => {
    const press = invokeAction(
      t,
      'done',
      { value },
      { from: MALLORY, replyToId: cardId, conversation: OTHER_CHANNEL },
    );
    const body = await invokeBody(await t.post(press));
    expect(body.type).toBe('application/vnd.microsoft.activity.message');
    expect(String(body.value)).toContain(
      "You can't close #1: only its owners, whoever raised it and the channel's chairs may.",
    );
    await expectUnchanged();
  });

  it('as a Reassign from another tenant with Mallory typed in: refused, the owners unchanged', async () => {
    const press = fromTenant(
      invokeAction(
        t,
        'reassign',
        { value, input: 'input-reassign', 'input-reassign': 'Mallory' },
        { from: MALLORY, replyToId: cardId },
      ),
      OTHER_TENANT,
    );
    const body = await invokeBody(await t.post(press));
    expect(String(body.value)).toContain(NO_ACTION);
    await expectUnchanged();
  });
});
