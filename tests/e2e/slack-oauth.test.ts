/**
 * Any number of Slack workspaces (SLACK_CLIENT_ID…): through the real service and Bolt's real installer,
 * against the loopback fake Slack API. A workspace is installed with /slack/install and
 * /slack/oauth_redirect (the code exchanged with oauth.v2.access at SLACK_API_URL), its install is kept
 * in Redis with the token sealed, and every call about it (a card, a reminder a worker sends) carries
 * that workspace's own token. A forged state installs nothing. After app_uninstalled, that workspace's
 * reminders are not sent and their jobs complete instead of retrying.
 */
import type { Queue } from 'bullmq';
import { JOB } from '../../jobs/job-names';
import { createQueue, REMINDER_QUEUE } from '../../jobs/job-settings';
import { jobConnection } from '../../src/app/jobs-on-redis';
import type { Action, ChannelRef } from '../../src/core/domain';
import type { FakeGrant } from '../support/fake-slack-api';
import { scanKeys, TEST_REDIS_CLUSTER, TEST_REDIS_URL } from '../support/redis';
import {
  ALPHA,
  BETA,
  finishInstall,
  installWorkspace,
  startInstall,
  TEST_OAUTH,
  workspaceEvent,
} from '../support/slack-install';
import { slashCommand, type Where } from '../support/slack-signing';
import { eventually, settle, startTestService, type TestService } from '../support/start-server';

const where = (grant: FakeGrant): Where => ({
  team: grant.team,
  channel: `C0${grant.teamName}`,
  user: 'U0CHAIR',
});
const channelOf = (grant: FakeGrant): ChannelRef => ({
  platform: 'slack',
  team: grant.team,
  channel: `C0${grant.teamName}`,
});

let t: TestService;
let queue: Queue;

async function install(grant: FakeGrant): Promise<void> {
  const installed = await installWorkspace(t, grant);
  expect(installed.status).toBe(200);
  expect(installed.page).toContain(`Arising is installed in ${grant.teamName}`);
  // Reminders at the due time itself, so the test's reminder job is the one the plan expects.
  const answered = t.slack.callsTo('response_url').length;
  const settings = await t.send(slashCommand(where(grant), 'settings reminders 0', t.slack.responseUrl()));
  expect(settings.status).toBe(200);
  await eventually(async () => t.slack.callsTo('response_url').length > answered || undefined);
}

/** `/action add …` in the workspace's channel; the card it posts. */
async function addAction(grant: FakeGrant, text: string): Promise<Action> {
  const before = t.slack.callsTo('chat.postMessage').length;
  const homes = t.slack.callsTo('views.publish').length;
  const response = await t.send(slashCommand(where(grant), `add ${text}`, t.slack.responseUrl(grant.team)));
  expect(response.status).toBe(200);
  await t.slack.waitForCalls('chat.postMessage', before + 1);
  // The Homes of whoever added it and its owner are published too (the add is over once they are).
  await t.slack.waitForCalls('views.publish', homes + 2);
  return eventually(async () => {
    const stored = await t.store.get(channelOf(grant), 1);
    return stored?.message ? stored : undefined;
  });
}

async function remind(action: Action, grant: FakeGrant): Promise<string> {
  const jobId = `e2e-oauth-reminder-${grant.team}-${Date.now()}`;
  await queue.add(
    JOB.reminder,
    { channel: channelOf(grant), number: action.number, fireAt: action.due?.at as string },
    { jobId },
  );
  return jobId;
}

beforeAll(async () => {
  // Workers run in the service; its clock is years ahead, so the reminders it plans itself wait for years
  // and only the jobs this test adds run now.
  t = await startTestService({ now: '2030-03-04T09:00:00Z', role: 'all', oauth: TEST_OAUTH });
  queue = createQueue(
    REMINDER_QUEUE,
    jobConnection({ redisUrl: TEST_REDIS_URL, redisCluster: TEST_REDIS_CLUSTER, prefix: t.redis.prefix }),
  );
});

afterAll(async () => {
  await queue?.close();
  await t?.stop();
});

it('sends the browser to Slack with a signed state, the client id and the bot scopes', async () => {
  const { status, location, state, cookie } = await startInstall(t);
  expect(status).toBe(302);
  expect(location.origin + location.pathname).toBe('https://slack.com/oauth/v2/authorize');
  expect(location.searchParams.get('client_id')).toBe(TEST_OAUTH.clientId);
  expect(location.searchParams.get('redirect_uri')).toBe('https://arising.example.org/slack/oauth_redirect');
  expect(location.searchParams.get('scope')?.split(',')).toContain('chat:write');
  expect(state.length).toBeGreaterThan(20);
  expect(cookie).toBe(`slack-app-oauth-state=${state}`);
});

it('refuses a forged state, and a real state brought by another browser, installing nothing', async () => {
  t.slack.grantInstall({ ...BETA, code: 'code-forged' });
  const forged = await finishInstall(t, 'code-forged', 'forged-state', 'slack-app-oauth-state=forged-state');
  expect(forged.status).toBe(400);
  const { state } = await startInstall(t);
  const stolen = await finishInstall(t, 'code-forged', state, 'slack-app-oauth-state=another-browser');
  expect(stolen.status).toBe(400);
  expect(t.slack.callsTo('oauth.v2.access')).toHaveLength(0);
  expect(await scanKeys(t.redis.redis, `${t.redis.prefix}:install:*`)).toEqual([]);
});

it('installs a workspace, keeping its token sealed in Redis, and posts its cards with that token', async () => {
  await install(ALPHA);
  const exchange = t.slack.callsTo('oauth.v2.access');
  expect(exchange).toHaveLength(1);
  expect(exchange[0]?.body.code).toBe(ALPHA.code);
  expect(exchange[0]?.body.redirect_uri).toBe('https://arising.example.org/slack/oauth_redirect');

  const keys = await scanKeys(t.redis.redis, `${t.redis.prefix}:install:*`);
  expect(keys).toHaveLength(1);
  const raw = (await t.redis.redis.get(keys[0] as string)) ?? '';
  expect(raw.length).toBeGreaterThan(0);
  expect(raw).not.toContain(ALPHA.token);
  expect(raw).not.toContain('xoxb-');
  expect(raw).not.toContain(ALPHA.botUserId);

  t.slack.reset();
  const action = await addAction(ALPHA, '<@U0PRIYA> to send the figures by 5pm Friday');
  expect(action.owners).toEqual([{ kind: 'user', id: 'U0PRIYA' }]);
  const card = t.slack.callsTo('chat.postMessage')[0];
  expect(card?.body.channel).toBe(where(ALPHA).channel);
  expect(card?.authorization).toBe(`Bearer ${ALPHA.token}`);
});

it('serves a second workspace with its own token, each workspace keeping its own', async () => {
  await install(BETA);
  t.slack.reset();
  await addAction(BETA, '<@U0SAM> to book the room by 5pm Friday');
  const posts = t.slack.callsTo('chat.postMessage');
  expect(posts.map((p) => [p.body.channel, p.authorization])).toEqual([
    [where(BETA).channel, `Bearer ${BETA.token}`],
  ]);
  // A reminder a worker sends in the first workspace still goes with the first workspace's token.
  await settle(); // the Home tab refreshes that the second workspace's add set off, in its own token
  t.slack.reset();
  const alpha = await t.store.get(channelOf(ALPHA), 1);
  if (!alpha) throw new Error('Alpha has no action 1');
  await remind(alpha, ALPHA);
  const dm = await eventually(async () =>
    t.slack.callsTo('chat.postMessage').find((c) => String(c.body.channel) === 'DU0PRIYA'),
  );
  expect(dm.authorization).toBe(`Bearer ${ALPHA.token}`);
  expect(t.slack.calls.every((c) => c.authorization === `Bearer ${ALPHA.token}`)).toBe(true);
});

it('forgets an uninstalled workspace: its reminders are not sent and their jobs complete', async () => {
  const response = await t.send(workspaceEvent(BETA.team, { type: 'app_uninstalled' }));
  expect(response.status).toBe(200);
  await eventually(async () => (await scanKeys(t.redis.redis, `${t.redis.prefix}:install:*`)).length === 1);

  t.slack.reset();
  const beta = await t.store.get(channelOf(BETA), 1);
  if (!beta) throw new Error('Beta has no action 1');
  const jobId = await remind(beta, BETA);
  await eventually(async () => (await queue.getJob(jobId))?.finishedOn !== undefined, 10_000);
  const job = await queue.getJob(jobId);
  expect(await job?.getState()).toBe('completed');
  // It ran to the sending (not skipped as stale), and sending found no install to send with.
  expect(job?.returnvalue).toEqual(expect.objectContaining({ kind: 'sent' }));
  await settle();
  expect(t.slack.calls.filter((c) => c.authorization === `Bearer ${BETA.token}`)).toEqual([]);
  expect(t.slack.callsTo('chat.postMessage')).toEqual([]);

  // The other workspace carries on.
  const alpha = await addAction(ALPHA, '<@U0PRIYA> to send the minutes by Friday').catch(() => null);
  expect(alpha).not.toBeNull();
});

it('forgets a workspace whose bot token is revoked, but not for a revoked user token', async () => {
  const gamma: FakeGrant = {
    ...BETA,
    code: 'code-gamma',
    team: 'T0GAMMA',
    teamName: 'Gamma',
    token: 'xoxb-gamma',
  };
  await install(gamma);
  const installed = () => scanKeys(t.redis.redis, `${t.redis.prefix}:install:*`);
  expect(await installed()).toHaveLength(2);
  const userOnly = await t.send(
    workspaceEvent(gamma.team, { type: 'tokens_revoked', tokens: { oauth: ['U0SOMEONE'] } }),
  );
  expect(userOnly.status).toBe(200);
  await settle();
  expect(await installed()).toHaveLength(2);
  const bot = await t.send(
    workspaceEvent(gamma.team, { type: 'tokens_revoked', tokens: { bot: [gamma.botUserId] } }),
  );
  expect(bot.status).toBe(200);
  await eventually(async () => (await installed()).length === 1);
});
