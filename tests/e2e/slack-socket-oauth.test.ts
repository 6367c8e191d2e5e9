/**
 * Any number of workspaces over Socket Mode: SLACK_APP_TOKEN with SLACK_CLIENT_ID… and no signing secret.
 * Through the real service, Bolt's real Socket Mode receiver and the real installer, against the loopback
 * fake Slack API and its WebSocket. The install pages are served on the service's own HTTP port (not a
 * second server of Bolt's); two workspaces are installed there, and then each one's slash commands come
 * over the socket and are answered with that workspace's own token. An `app_uninstalled` over the socket
 * forgets the workspace and removes its queued jobs, and the other workspace carries on.
 */
import type { Queue } from 'bullmq';
import type { ChannelRef } from '../../src/core/domain';
import type { FakeGrant } from '../support/fake-slack-api';
import type { FakeSocketMode } from '../support/fake-socket-mode';
import { recordingLogger } from '../support/recording-logger';
import { scanKeys } from '../support/redis';
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
import { eventually, startTestService, type TestService } from '../support/start-server';
import { queuedFor, serviceQueues } from '../support/workspace-jobs';

const where = (grant: FakeGrant): Where => ({
  team: grant.team,
  channel: `C0${grant.teamName}`,
  user: 'U0CHAIR',
});
const channelOf = (grant: FakeGrant): ChannelRef => ({ platform: 'slack', ...where(grant) });

let t: TestService;
let socket: FakeSocketMode;
let queues: Queue[];
const log = recordingLogger();

beforeAll(async () => {
  t = await startTestService({
    now: '2030-03-04T09:00:00Z',
    socketMode: true,
    oauth: TEST_OAUTH,
    logger: log.logger,
  });
  socket = t.slack.socketMode;
  await socket.connected();
  queues = serviceQueues(t.redis.prefix);
});

afterAll(async () => {
  await Promise.all((queues ?? []).map((q) => q.close()));
  await t?.stop();
});

/** `/action add …` over the socket in the workspace's channel: the card it posts. */
async function addOverSocket(grant: FakeGrant, task: string) {
  const before = t.slack.callsTo('chat.postMessage').length;
  await socket.deliverAcked(
    slashCommand(where(grant), `add <@U0PRIYA> to ${task} by Friday`, t.slack.responseUrl()),
  );
  const posts = await t.slack.waitForCalls('chat.postMessage', before + 1);
  return posts[before];
}

it('serves the install pages on its own HTTP port and says so at start', async () => {
  const { status, location } = await startInstall(t);
  expect(status).toBe(302);
  expect(location.searchParams.get('client_id')).toBe(TEST_OAUTH.clientId);
  expect(location.searchParams.get('redirect_uri')).toBe('https://arising.example.org/slack/oauth_redirect');
  // A state this service did not sign is refused, as over HTTP.
  t.slack.grantInstall({ ...BETA, code: 'code-forged' });
  const forged = await finishInstall(t, 'code-forged', 'forged-state', 'slack-app-oauth-state=forged-state');
  expect(forged.status).toBe(400);
  expect(t.slack.callsTo('oauth.v2.access')).toHaveLength(0);
  const events = await fetch(`${t.baseUrl}/slack/events`, { method: 'POST', body: '{}' });
  expect(events.status).toBe(404);
  expect(log.lines).toContainEqual(
    expect.stringMatching(
      /^info Slack: connected over Socket Mode .*GET \/slack\/install for any number of workspaces/,
    ),
  );
});

it('installs two workspaces and answers each one over the socket with its own token', async () => {
  for (const grant of [ALPHA, BETA]) {
    const installed = await installWorkspace(t, grant);
    expect(installed.status).toBe(200);
    expect(installed.page).toContain(`Arising is installed in ${grant.teamName}`);
  }
  expect(await scanKeys(t.redis.redis, `${t.redis.prefix}:install:*`)).toHaveLength(2);
  const alpha = await addOverSocket(ALPHA, 'send the figures');
  const beta = await addOverSocket(BETA, 'book the room');
  expect([alpha?.body.channel, alpha?.authorization]).toEqual([
    where(ALPHA).channel,
    `Bearer ${ALPHA.token}`,
  ]);
  expect([beta?.body.channel, beta?.authorization]).toEqual([where(BETA).channel, `Bearer ${BETA.token}`]);
});

it('forgets a workspace uninstalled over the socket, removing its jobs, while the other carries on', async () => {
  const betaJobs = await eventually(async () => {
    const jobs = await queuedFor(queues, [channelOf(BETA)]);
    return jobs.length > 0 ? jobs : undefined;
  });
  expect(betaJobs.some((j) => j.includes(' reminder '))).toBe(true);
  await socket.deliverAcked(workspaceEvent(BETA.team, { type: 'app_uninstalled' }));
  await eventually(async () => (await scanKeys(t.redis.redis, `${t.redis.prefix}:install:*`)).length === 1);
  await eventually(async () => (await queuedFor(queues, [channelOf(BETA)])).length === 0);
  expect((await queuedFor(queues, [channelOf(ALPHA)])).length).toBeGreaterThan(0);
  const alpha = await addOverSocket(ALPHA, 'send the minutes');
  expect(alpha?.authorization).toBe(`Bearer ${ALPHA.token}`);
});
