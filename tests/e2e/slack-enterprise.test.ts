/**
 * An Enterprise Grid org-wide install (SLACK_CLIENT_ID…): through the real service, Bolt's real installer
 * and receiver, against the loopback fake Slack API. Slack's oauth.v2.access names the org and no team;
 * the install is kept under the org. A slash command from one workspace of the org and an @mention from
 * another are both served with the org's token, and so is a reminder a worker sends later, which knows
 * only the workspace's team id. Uninstalling the org removes the queued jobs of every workspace it served.
 */
import type { Queue } from 'bullmq';
import { reminderJobId } from '../../jobs/reminder-job';
import type { Action, ChannelRef } from '../../src/core/domain';
import { installKey } from '../../src/store/keys';
import type { FakeGrant } from '../support/fake-slack-api';
import { scanKeys } from '../support/redis';
import { installWorkspace, TEST_OAUTH, workspaceEvent } from '../support/slack-install';
import { mentionEvent, slashCommand, type Where } from '../support/slack-signing';
import { eventually, startTestService, type TestService } from '../support/start-server';
import { queuedFor, serviceQueues } from '../support/workspace-jobs';

const ORG: FakeGrant = {
  code: 'code-org',
  team: 'E0GRID',
  teamName: 'Grid Corp',
  orgWide: true,
  token: 'xoxb-org-3333',
  botUserId: 'UBOTORG',
  botId: 'BBOTORG',
};
const FINANCE: Where = { team: 'T0FINANCE', channel: 'C0BUDGET', user: 'U0CHAIR', org: ORG.team };
const OPS: Where = { team: 'T0OPS', channel: 'C0ROTA', user: 'U0LEAD', org: ORG.team };
const channelOf = (where: Where): ChannelRef => ({
  platform: 'slack',
  team: where.team,
  channel: where.channel,
});

let t: TestService;
let queues: Queue[];

/** The action numbered 1 in the channel, once its card is posted. */
function firstAction(where: Where): Promise<Action> {
  return eventually(async () => {
    const stored = await t.store.get(channelOf(where), 1);
    return stored?.message ? stored : undefined;
  });
}

beforeAll(async () => {
  // Workers run in the service; its clock is years ahead, so the reminders it plans wait for years and
  // only the job this test adds runs now.
  t = await startTestService({ now: '2030-03-04T09:00:00Z', role: 'all', oauth: TEST_OAUTH });
  queues = serviceQueues(t.redis.prefix);
});

afterAll(async () => {
  await Promise.all((queues ?? []).map((q) => q.close()));
  await t?.stop();
});

it('keeps an org-wide install under the org', async () => {
  const installed = await installWorkspace(t, ORG);
  expect(installed.status).toBe(200);
  expect(await scanKeys(t.redis.redis, `${t.redis.prefix}:install:*`)).toEqual([
    installKey(t.redis.prefix, 'slack', ORG.team),
  ]);
});

it("serves a command from one workspace of the org and a mention from another with the org's token", async () => {
  // Reminders at the due time itself, so the reminder job the test adds is one the plan wants.
  const settings = await t.send(slashCommand(FINANCE, 'settings reminders 0', t.slack.responseUrl()));
  expect(settings.status).toBe(200);
  await eventually(async () => t.slack.callsTo('response_url').length > 0 || undefined);
  t.slack.reset();
  const command = await t.send(
    slashCommand(FINANCE, 'add <@U0PRIYA> to send the figures by 5pm Friday', t.slack.responseUrl()),
  );
  expect(command.status).toBe(200);
  await firstAction(FINANCE);
  const mention = await t.send(
    mentionEvent(OPS, `<@${ORG.botUserId}> add <@U0SAM> to fix the rota by Friday`),
  );
  expect(mention.status).toBe(200);
  await firstAction(OPS);
  const cards = t.slack.callsTo('chat.postMessage').filter((c) => String(c.body.channel).startsWith('C0'));
  expect(cards.map((c) => [c.body.channel, c.authorization]).sort()).toEqual([
    [FINANCE.channel, `Bearer ${ORG.token}`],
    [OPS.channel, `Bearer ${ORG.token}`],
  ]);
});

it("sends a workspace's reminder, known only by its team id, with the org's token", async () => {
  const action = await firstAction(FINANCE);
  t.slack.reset();
  // The reminder the service planned at the due time runs now, as it would on Friday.
  const planned = await queues[0]?.getJob(
    reminderJobId(channelOf(FINANCE), action.number, new Date(action.due?.at ?? '')),
  );
  expect(await planned?.getState()).toBe('delayed');
  await planned?.promote();
  const dm = await eventually(async () =>
    t.slack.callsTo('chat.postMessage').find((c) => String(c.body.channel) === 'DU0PRIYA'),
  );
  expect(dm.authorization).toBe(`Bearer ${ORG.token}`);
});

it('removes the queued jobs of every workspace of the org when the org uninstalls the app', async () => {
  const channels = [channelOf(FINANCE), channelOf(OPS)];
  const before = await queuedFor(queues, channels);
  expect(before.filter((j) => j.includes(' reminder ')).length).toBeGreaterThanOrEqual(2);
  const response = await t.send(
    workspaceEvent(
      FINANCE.team,
      { type: 'app_uninstalled' },
      { enterprise_id: ORG.team, is_enterprise_install: true },
    ),
  );
  expect(response.status).toBe(200);
  await eventually(async () => (await queuedFor(queues, channels)).length === 0);
  expect(await scanKeys(t.redis.redis, `${t.redis.prefix}:install:*`)).toEqual([]);

  // Installing the org again serves its workspaces at once and plans their jobs again.
  expect((await installWorkspace(t, { ...ORG, code: 'code-org-again' })).status).toBe(200);
  expect(
    await eventually(async () => {
      const jobs = await queuedFor(queues, channels);
      return jobs.length === before.length ? jobs : undefined;
    }),
  ).toEqual(before);
});
