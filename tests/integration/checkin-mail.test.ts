/**
 * Check-ins by email: before the meeting, an owner outside the chat (an email owner, or an address among
 * an alias's people) is asked by mail, with the link to the action's page where they answer; once per
 * meeting however often the job runs, recorded as asked so matters arising can name who has not answered.
 * An address the mail server refuses for good is named in the channel instead. Real BullMQ, Redis and an
 * SMTP server on loopback.
 */
import type { Job } from 'bullmq';
import { CHECKIN_JOB, checkinJobId } from '../../jobs/checkin-job';
import { ChannelMeetingsSchema, type ChannelRef } from '../../src/core/domain';
import { draft, entry } from '../support/action-fixtures';
import { type LoopbackMailer, loopbackMailer } from '../support/loopback-mailer';
import type { LoopbackSmtp } from '../support/loopback-smtp';
import { type Harness, pause, startHarness } from './reminders-harness';

const MEETING = '2031-10-14T14:00'; // a Tuesday
const FIRE_AT = new Date('2031-10-09T08:00:00.000Z'); // Thursday 09:00 BST, 3 working days before

let h: Harness;
let m: LoopbackMailer;
let smtp: LoopbackSmtp;

beforeAll(async () => {
  m = await loopbackMailer();
  smtp = m.smtp;
  h = await startHarness({ mail: m.mail });
});
afterAll(async () => {
  await h.stop();
  await m.stop();
});

async function finished(job: Job): Promise<Job> {
  const queue = h.scheduler.queues.channelPosts;
  for (let waited = 0; waited < 15_000; waited += 50) {
    const state = await queue.getJobState(job.id ?? '');
    if (state === 'completed' || state === 'failed') return (await queue.getJob(job.id ?? '')) as Job;
    await pause(50);
  }
  throw new Error('the check-in job did not finish');
}

/** A channel asking three working days before its meeting, with one action owned by email people. */
async function channelWithEmailOwners(owner: string): Promise<ChannelRef> {
  const channel = await h.channel({ checkin: '-3d' });
  await h.store.saveMeetings(channel, ChannelMeetingsSchema.parse({ next: MEETING }));
  await h.store.setAlias(channel, 'WYP', ['U_RUSS', 'clerk@wyp.example.org']);
  await h.store.create(
    draft(channel, {
      text: 'send the KSI data',
      owners: [
        { kind: 'email', address: owner },
        { kind: 'alias', name: 'WYP' },
      ],
    }),
    entry('created'),
  );
  return channel;
}

async function runCheckin(channel: ChannelRef): Promise<Job> {
  await h.scheduler.channelChanged(channel);
  const planned = await h.scheduler.queues.channelPosts.getJob(checkinJobId(channel, MEETING, FIRE_AT));
  if (!planned) throw new Error('no check-in job');
  await planned.promote();
  return finished(planned);
}

it('asks each address once by mail, with the page link, and records it as asked', async () => {
  const channel = await channelWithEmailOwners('data@wyp.example.org');
  const done = await runCheckin(channel);
  expect(done.returnvalue).toEqual({ kind: 'done', asked: 3, alreadyAsked: 0, named: 0 });
  const again = await h.scheduler.queues.channelPosts.add(CHECKIN_JOB, done.data, {
    jobId: `${done.id}-again`,
  });
  expect((await finished(again)).returnvalue).toMatchObject({ asked: 0, alreadyAsked: 3 });

  for (const address of ['data@wyp.example.org', 'clerk@wyp.example.org']) {
    const mails = smtp.mailsTo(address);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toContain('how is #1 going?');
    expect(mails[0]?.text).toContain('send the KSI data');
    expect(mails[0]?.text).toContain(
      `https://arising.example.org/a/${channel.channel}-1-${encodeURIComponent(address)}`,
    );
  }
  expect(h.messenger.dmsTo('U_RUSS').filter((p) => p.to.channel.channel === channel.channel)).toHaveLength(1);
  const round = await h.checkins.round(channel, MEETING);
  expect(round.asked.map((a) => a.userId).sort()).toEqual([
    'U_RUSS',
    'clerk@wyp.example.org',
    'data@wyp.example.org',
  ]);
});

it('names an address the mail server refuses for good in the channel, once', async () => {
  smtp.refuse('gone@wyp.example.org');
  const channel = await channelWithEmailOwners('gone@wyp.example.org');
  const done = await runCheckin(channel);
  expect(done.returnvalue).toMatchObject({ asked: 2, named: 1 });
  const posts = h.messenger.channelPosts().filter((p) => p.to.channel.channel === channel.channel);
  expect(posts).toHaveLength(1);
  const shown = JSON.stringify(posts[0]?.view.blocks);
  expect(shown).toContain('gone@wyp.example.org');
  expect(shown).toContain('The mail server refused the mail');
});
