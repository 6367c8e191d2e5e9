/**
 * The posts a channel gets by itself, through their real jobs: the weekly overdue digest (one job
 * scheduler per channel, in the channel's zone, only posting when something is overdue) and the
 * matters-arising post 2 working days before the next meeting (moved when the meeting moves), plus the
 * `digest` command's postDigest and the start-up check of Redis's eviction policy.
 */
import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { digestSchedulerId } from '../../jobs/digest-job';
import { JOB } from '../../jobs/job-names';
import { mattersArisingJobId } from '../../jobs/matters-arising-job';
import { postDigest } from '../../src/core/digest/post-digest';
import { ChannelMeetingsSchema, type ChannelRef, ChannelSettingsSchema } from '../../src/core/domain';
import { text } from '../../src/core/view';
import { checkEvictionPolicy } from '../../src/store/redis-eviction-policy';
import { draft, due, entry } from '../support/action-fixtures';
import { waitUntil } from '../support/recording-messenger';
import { type Harness, pause, startHarness } from './reminders-harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({
    // Stands in for the meetings work's summary, which the composition root plugs in.
    composeMattersArising: async (channel) => ({
      text: `Matters arising for ${channel.channel}`,
      blocks: [{ kind: 'section', spans: [text(`Matters arising for ${channel.channel}`)] }],
    }),
  });
});
afterAll(async () => {
  await h.stop();
});

const DAY = 86_400_000;

/** A channel with two overdue actions (Priya's 10 days late, Sam's 3) and one not yet due. */
async function channelWithOverdue(): Promise<ChannelRef> {
  const channel = await h.channel();
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  await h.store.create(
    draft(channel, { text: 'send the KSI data', due: due(iso(now - 10 * DAY)) }),
    entry('created'),
  );
  await h.store.create(
    draft(channel, {
      text: 'book the room',
      owners: [{ kind: 'user', id: 'U_SAM' }],
      due: due(iso(now - 3 * DAY)),
    }),
    entry('created'),
  );
  await h.store.create(draft(channel, { text: 'later', due: due(iso(now + 10 * DAY)) }), entry('created'));
  return channel;
}

/** Promotes the channel's delayed job of that name, as if its time had come, and waits for it to finish. */
async function runDelayed(name: string, channel: ChannelRef): Promise<Job> {
  const queue = h.scheduler.queues.channelPosts;
  const delayed = await queue.getDelayed();
  const job = delayed.find((j) => j.name === name && j.data.channel.channel === channel.channel);
  if (!job?.id) throw new Error(`no delayed ${name} job for ${channel.channel}`);
  await job.promote();
  const id = job.id;
  const deadline = Date.now() + 10_000;
  for (;;) {
    const state = await queue.getJobState(id);
    if (state === 'completed' || state === 'failed') break;
    if (Date.now() > deadline) throw new Error(`${name} job still ${state}`);
    await pause(50);
  }
  const done = await queue.getJob(id);
  if (!done) throw new Error('job vanished');
  return done;
}

describe('the weekly digest', () => {
  it('has one job scheduler per channel at the digest time in the channel zone, and none when off', async () => {
    const channel = await h.channel({ timezone: 'America/New_York' });
    await h.scheduler.channelChanged(channel);
    const id = digestSchedulerId(channel);
    expect(await h.scheduler.queues.channelPosts.getJobScheduler(id)).toMatchObject({
      pattern: '0 9 * * 1',
      tz: 'America/New_York',
    });
    await h.store.saveSettings(
      channel,
      ChannelSettingsSchema.parse({ timezone: 'America/New_York', digest: { weekday: 5, time: '16:30' } }),
    );
    await Promise.all([h.scheduler.channelChanged(channel), h.scheduler.channelChanged(channel)]);
    const scheduler = await h.scheduler.queues.channelPosts.getJobScheduler(id);
    expect(scheduler).toMatchObject({ pattern: '30 16 * * 5', tz: 'America/New_York' });
    const next = new Date(scheduler?.next ?? 0);
    expect(
      new Intl.DateTimeFormat('en-GB', {
        timeZone: 'America/New_York',
        weekday: 'short',
        hour: '2-digit',
        minute: '2-digit',
        hour12: false,
      }).format(next),
    ).toBe('Fri 16:30');
    const delayed = (await h.scheduler.queues.channelPosts.getDelayed()).filter(
      (j) => j.name === JOB.digest && j.data.channel.channel === channel.channel,
    );
    expect(delayed).toHaveLength(1);
    await h.store.saveSettings(channel, ChannelSettingsSchema.parse({ digest: null }));
    await h.scheduler.channelChanged(channel);
    expect(await h.scheduler.queues.channelPosts.getJobScheduler(id)).toBeUndefined();
  });

  it('is set up with the default (Monday 09:00) the first time an action of a new channel changes', async () => {
    const channel = await h.channel();
    const action = await h.store.create(draft(channel, { due: null }), entry('created'));
    await h.scheduler.actionChanged(action);
    expect(await h.scheduler.queues.channelPosts.getJobScheduler(digestSchedulerId(channel))).toMatchObject({
      pattern: '0 9 * * 1',
      tz: 'Europe/London',
    });
  });

  it('posts the overdue actions by owner, most overdue first, when its job runs', async () => {
    const channel = await channelWithOverdue();
    await h.scheduler.channelChanged(channel);
    const job = await runDelayed(JOB.digest, channel);
    await waitUntil(
      () => h.messenger.channelPosts().some((p) => p.to.channel.channel === channel.channel),
      'the digest',
    );
    expect(job.returnvalue).toBe('posted');
    const posts = h.messenger.channelPosts().filter((p) => p.to.channel.channel === channel.channel);
    expect(posts).toHaveLength(1);
    const view = posts[0]?.view;
    expect(view?.blocks[0]).toEqual({ kind: 'header', text: 'Overdue actions: 2' });
    const body = JSON.stringify(view?.blocks);
    expect(body).toContain('10 days overdue');
    expect(body).toContain('3 days overdue');
    expect(body).not.toContain('later');
    expect(body.indexOf('U_PRIYA')).toBeLessThan(body.indexOf('U_SAM'));
  });

  it('posts nothing when nothing is overdue', async () => {
    const channel = await h.channel();
    await h.store.create(
      draft(channel, { due: due(new Date(Date.now() + DAY).toISOString()) }),
      entry('created'),
    );
    await h.scheduler.channelChanged(channel);
    const job = await runDelayed(JOB.digest, channel);
    expect(job.returnvalue).toBe('nothing-overdue');
    expect(h.messenger.posts.filter((p) => p.to.channel.channel === channel.channel)).toHaveLength(0);
  });

  it('`digest` posts it now through postDigest, and says there was nothing when nothing is overdue', async () => {
    const channel = await channelWithOverdue();
    const deps = { ...h.options, defaultTimezone: 'Europe/London' };
    const posted = await postDigest(deps, channel);
    expect(posted?.view.text).toBe('Overdue actions: 2, the oldest 10 days overdue');
    expect(posted?.message).not.toBeNull();
    expect(await postDigest(deps, await h.channel())).toBeNull();
  });
});

describe('the matters-arising post', () => {
  it('is a delayed job 2 working days before the next meeting at 09:00, moved when the meeting moves', async () => {
    const channel = await h.channel();
    await h.store.saveMeetings(
      channel,
      ChannelMeetingsSchema.parse({ current: null, next: '2031-10-14T14:00' }),
    ); // a Tuesday
    await h.scheduler.channelChanged(channel);
    const first = mattersArisingJobId(channel, new Date('2031-10-10T08:00:00.000Z')); // Friday 09:00 BST
    expect(await (await h.scheduler.queues.channelPosts.getJob(first))?.getState()).toBe('delayed');
    await h.store.saveMeetings(channel, ChannelMeetingsSchema.parse({ current: null, next: '2031-11-04' })); // Tuesday, GMT
    await h.scheduler.channelChanged(channel);
    expect(await h.scheduler.queues.channelPosts.getJob(first)).toBeUndefined();
    const moved = mattersArisingJobId(channel, new Date('2031-10-31T09:00:00.000Z'));
    expect(await (await h.scheduler.queues.channelPosts.getJob(moved))?.getState()).toBe('delayed');
  });

  it('posts the summary and reminds the owners of open actions of the current meeting to update them', async () => {
    const channel = await h.channel();
    const meeting = {
      id: 'm1',
      title: 'Community Outcomes Meeting',
      date: '2031-09-09',
      createdAt: new Date().toISOString(),
    };
    await h.store.saveMeetings(
      channel,
      ChannelMeetingsSchema.parse({ current: meeting, next: '2031-10-14T14:00' }),
    );
    await h.store.create(
      draft(channel, { meetingId: 'm1', owners: [{ kind: 'user', id: 'U_OPEN' }] }),
      entry('created'),
    );
    const other = draft(channel, { meetingId: 'older', owners: [{ kind: 'user', id: 'U_OLDER' }] });
    await h.store.create(other, entry('created'));
    await h.scheduler.channelChanged(channel);
    const job = await runDelayed(JOB.mattersArising, channel);
    expect(job.returnvalue).toEqual({ kind: 'done', posted: true, reminded: [1] });
    const inChannel = h.messenger.channelPosts().filter((p) => p.to.channel.channel === channel.channel);
    expect(inChannel.map((p) => p.view.text)).toEqual([`Matters arising for ${channel.channel}`]);
    const dms = h.messenger.dmsTo('U_OPEN').filter((p) => p.to.channel.channel === channel.channel);
    expect(dms).toHaveLength(1);
    expect(dms[0]?.view.text).toContain('Matters arising on Tue 14 Oct 2031, 14:00: please update #1');
    expect(h.messenger.dmsTo('U_OLDER').filter((p) => p.to.channel.channel === channel.channel)).toHaveLength(
      0,
    );
  });
});

describe('Redis eviction policy at start', () => {
  it('is accepted quietly when it is noeviction', async () => {
    const warnings: unknown[] = [];
    expect(await checkEvictionPolicy(h.r.redis, { warn: (...m: unknown[]) => warnings.push(m) })).toBe(
      'noeviction',
    );
    expect(warnings).toEqual([]);
  });

  it('is warned about loudly otherwise', async () => {
    const lru = { config: async () => ['maxmemory-policy', 'allkeys-lru'] } as unknown as Redis;
    const warnings: string[] = [];
    expect(await checkEvictionPolicy(lru, { warn: (m: unknown) => warnings.push(String(m)) })).toBe(
      'allkeys-lru',
    );
    expect(warnings.join('')).toMatch(/maxmemory-policy is "allkeys-lru".*noeviction/);
  });
});
