/**
 * A workspace the app is removed from keeps no queued work, and gets it back when it is reinstalled:
 * through the real service (any number of workspaces, SLACK_CLIENT_ID…), Bolt's real installer and
 * receiver, against the loopback fake Slack API, with the real BullMQ queues read back by a Queue of the
 * test's own. Two workspaces each have a weekly digest, a next meeting (so a matters-arising post) and
 * actions with due dates (so reminders). `app_uninstalled` from one removes all of its delayed jobs and its
 * digest schedule while the other's stay; its actions stay. Installing it again plans the same jobs again.
 * A revoked bot token does the same as an uninstall.
 */
import type { Queue } from 'bullmq';
import type { ChannelRef } from '../../src/core/domain';
import type { FakeGrant } from '../support/fake-slack-api';
import { ALPHA, BETA, installWorkspace, TEST_OAUTH, workspaceEvent } from '../support/slack-install';
import { slashCommand } from '../support/slack-signing';
import { eventually, startTestService, type TestService } from '../support/start-server';
import { queuedFor, serviceQueues } from '../support/workspace-jobs';

const channelOf = (grant: FakeGrant): ChannelRef => ({
  platform: 'slack',
  team: grant.team,
  channel: `C0${grant.teamName}`,
});

let t: TestService;
let queues: Queue[];

/**
 * A slash command in the workspace's channel, answered before going on: through its response_url, or in
 * the channel (an action's card).
 */
async function command(grant: FakeGrant, text: string): Promise<void> {
  const where = { team: grant.team, channel: channelOf(grant).channel, user: 'U0CHAIR' };
  const answers = () => t.slack.callsTo('response_url').length + t.slack.callsTo('chat.postMessage').length;
  const answered = answers();
  const response = await t.send(slashCommand(where, text, t.slack.responseUrl(grant.team)));
  expect(response.status).toBe(200);
  await eventually(async () => answers() > answered || undefined);
}

/** What is queued for the workspace's channel. */
const queued = (grant: FakeGrant): Promise<string[]> => queuedFor(queues, [channelOf(grant)]);

/** Installs the workspace and gives its channel a digest, a next meeting and two actions with due dates. */
async function installWithWork(grant: FakeGrant): Promise<void> {
  expect((await installWorkspace(t, grant)).status).toBe(200);
  await command(grant, 'settings digest monday 09:00');
  await command(grant, 'meeting next 20 Mar 2030 14:00');
  await command(grant, 'add <@U0PRIYA> to send the figures by Friday');
  await command(grant, 'add <@U0SAM> to book the room by 15 March 2030');
}

beforeAll(async () => {
  // Web role: nothing runs the jobs, so what is queued stays to be read. The clock is years ahead of
  // real time, so every job the service plans is delayed.
  t = await startTestService({ now: '2030-03-04T09:00:00Z', oauth: TEST_OAUTH });
  queues = serviceQueues(t.redis.prefix);
  await installWithWork(ALPHA);
  await installWithWork(BETA);
});

afterAll(async () => {
  await Promise.all((queues ?? []).map((q) => q.close()));
  await t?.stop();
});

let alphaJobs: string[];
let betaJobs: string[];

it('queues reminders, a matters-arising post and a digest for each installed workspace', async () => {
  alphaJobs = await eventually(async () => {
    const jobs = await queued(ALPHA);
    return jobs.filter((j) => j.includes(' reminder ')).length >= 2 ? jobs : undefined;
  });
  betaJobs = await queued(BETA);
  for (const jobs of [alphaJobs, betaJobs]) {
    expect(jobs.filter((j) => j.includes(' reminder ')).length).toBeGreaterThanOrEqual(2);
    expect(jobs.filter((j) => j.includes(' matters-arising '))).toHaveLength(1);
    expect(jobs.filter((j) => j.startsWith('schedule digest-'))).toHaveLength(1);
  }
});

it('removes every queued job of an uninstalled workspace, keeping its actions and the other workspace', async () => {
  const response = await t.send(workspaceEvent(BETA.team, { type: 'app_uninstalled' }));
  expect(response.status).toBe(200);
  await eventually(async () => (await queued(BETA)).length === 0);
  expect(await queued(ALPHA)).toEqual(alphaJobs);
  const kept = await t.store.list(channelOf(BETA), 'open');
  expect(kept.map((a) => a.number)).toEqual([1, 2]);
  // A second delivery of the event is harmless.
  const again = await t.send(workspaceEvent(BETA.team, { type: 'app_uninstalled' }));
  expect(again.status).toBe(200);
  expect(await queued(ALPHA)).toEqual(alphaJobs);
});

it('plans the same jobs again when the workspace installs the app again', async () => {
  expect((await installWorkspace(t, { ...BETA, code: 'code-beta-again' })).status).toBe(200);
  const back = await eventually(async () => {
    const jobs = await queued(BETA);
    return jobs.length === betaJobs.length ? jobs : undefined;
  });
  expect(back).toEqual(betaJobs);
  expect(await queued(ALPHA)).toEqual(alphaJobs);
});

it("removes a workspace's queued jobs when its bot token is revoked", async () => {
  const response = await t.send(
    workspaceEvent(ALPHA.team, { type: 'tokens_revoked', tokens: { bot: [ALPHA.botUserId] } }),
  );
  expect(response.status).toBe(200);
  await eventually(async () => (await queued(ALPHA)).length === 0);
  expect(await queued(BETA)).toEqual(betaJobs);
});
