/**
 * The check-in job on real BullMQ queues and workers with the Redis store: planned by the scheduler as a
 * delayed job `settings checkin` before the next meeting, moved with the meeting, and, however often it
 * runs (a duplicate, two at once), each owner is asked about each open action once, recorded in Redis.
 */
import type { Job } from 'bullmq';
import { CHECKIN_JOB, checkinJobId } from '../../jobs/checkin-job';
import { ChannelMeetingsSchema, type ChannelRef } from '../../src/core/domain';
import { draft, entry } from '../support/action-fixtures';
import { type Harness, pause, startHarness } from './reminders-harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

const MEETING = '2031-10-14T14:00'; // a Tuesday
const FIRE_AT = new Date('2031-10-09T08:00:00.000Z'); // Thursday 09:00 BST, 3 working days before

async function waitFinished(job: Job): Promise<Job> {
  const queue = h.scheduler.queues.channelPosts;
  const id = job.id ?? '';
  const deadline = Date.now() + 15_000;
  for (;;) {
    const state = await queue.getJobState(id);
    if (state === 'completed' || state === 'failed') break;
    if (Date.now() > deadline) throw new Error(`check-in job still ${state}`);
    await pause(50);
  }
  const done = await queue.getJob(id);
  if (!done) throw new Error('job vanished');
  return done;
}

async function checkinChannel(): Promise<ChannelRef> {
  const channel = await h.channel({ checkin: '-3d' });
  await h.store.saveMeetings(channel, ChannelMeetingsSchema.parse({ next: MEETING }));
  await h.store.setAlias(channel, 'WYP', ['U_RUSS', 'U_PRIYA']);
  await h.store.create(draft(channel, { text: 'send the KSI data' }), entry('created'));
  await h.store.create(
    draft(channel, { text: 'book the room', owners: [{ kind: 'alias', name: 'WYP' }] }),
    entry('created'),
  );
  return channel;
}

function dmsIn(channel: ChannelRef, userId: string) {
  return h.messenger.dmsTo(userId).filter((p) => p.to.channel.channel === channel.channel);
}

describe('the check-in job', () => {
  it('is a delayed job before the next meeting, moved when the meeting moves and removed when turned off', async () => {
    const channel = await checkinChannel();
    await h.scheduler.channelChanged(channel);
    const queue = h.scheduler.queues.channelPosts;
    const first = checkinJobId(channel, MEETING, FIRE_AT);
    expect(await (await queue.getJob(first))?.getState()).toBe('delayed');

    await h.store.saveMeetings(channel, ChannelMeetingsSchema.parse({ next: '2031-11-04' }));
    await h.scheduler.channelChanged(channel);
    expect(await queue.getJob(first)).toBeUndefined();
    const moved = checkinJobId(channel, '2031-11-04', new Date('2031-10-30T09:00:00.000Z')); // Thu, GMT
    expect(await (await queue.getJob(moved))?.getState()).toBe('delayed');

    await h.store.saveSettings(channel, { ...(await h.store.getSettings(channel)), checkin: null });
    await h.scheduler.channelChanged(channel);
    expect(await queue.getJob(moved)).toBeUndefined();
  });

  it('run twice, and twice more at once, asks each person about each action once', async () => {
    const channel = await checkinChannel();
    await h.scheduler.channelChanged(channel);
    const queue = h.scheduler.queues.channelPosts;
    const planned = await queue.getJob(checkinJobId(channel, MEETING, FIRE_AT));
    if (!planned) throw new Error('no check-in job');
    await planned.promote();
    const done = await waitFinished(planned);
    expect(done.returnvalue).toEqual({ kind: 'done', asked: 3, alreadyAsked: 0, named: 0 });

    // The same job again, as a duplicate and as two at once (another process, a recovered job).
    const data = planned.data;
    const again = await queue.add(CHECKIN_JOB, data, { jobId: `${planned.id}-again` });
    expect((await waitFinished(again)).returnvalue).toMatchObject({ asked: 0, alreadyAsked: 3 });
    const both = await Promise.all([
      queue.add(CHECKIN_JOB, data, { jobId: `${planned.id}-a` }),
      queue.add(CHECKIN_JOB, data, { jobId: `${planned.id}-b` }),
    ]);
    for (const job of both) expect((await waitFinished(job)).returnvalue).toMatchObject({ asked: 0 });

    expect(dmsIn(channel, 'U_PRIYA').map((p) => p.view.text)).toEqual([
      '📋 Before the meeting on Tue 14 Oct 2031, 14:00: how is #1 going? send the KSI data',
      '📋 Before the meeting on Tue 14 Oct 2031, 14:00: how is #2 going? book the room',
    ]);
    expect(dmsIn(channel, 'U_RUSS')).toHaveLength(1);
    const round = await h.checkins.round(channel, MEETING);
    expect(round.asked.map((a) => `${a.number}:${a.userId}`).sort()).toEqual([
      '1:U_PRIYA',
      '2:U_PRIYA',
      '2:U_RUSS',
    ]);
  });
});
