/**
 * Reminders by email through real BullMQ workers on the real Redis, sent by the nodemailer adapter to a
 * real SMTP server on loopback: one mail per address (email owners and an alias's addresses alike),
 * however often the job runs; a mail server that is down, then up, gets the mail once; an address it
 * refuses for good (550) is named in the channel, once, and not tried again.
 */
import { processorDeps } from '../../jobs';
import { processReminder } from '../../jobs/reminder-job';
import type { Action } from '../../src/core/domain';
import { type LoopbackMailer, loopbackMailer } from '../support/loopback-mailer';
import type { LoopbackSmtp } from '../support/loopback-smtp';
import { waitUntil } from '../support/recording-messenger';
import { type Harness, pause, startHarness } from './reminders-harness';

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

function jobData(action: Action) {
  return { channel: action.channel, number: action.number, fireAt: action.due?.at };
}

describe('a reminder by email', () => {
  it("reaches each address once, owners and an alias's people alike, with DMs for the users", async () => {
    const action = await h.actionDueIn(1200, {
      owners: [
        { kind: 'email', address: 'data@wyp.example.org' },
        { kind: 'alias', name: 'DMPC' },
        { kind: 'user', id: 'U_PRIYA' },
      ],
    });
    await h.store.setAlias(action.channel, 'DMPC', [
      'U_RUSS',
      'clerk@dmpc.example.org',
      'DATA@wyp.example.org',
    ]);
    await h.scheduler.actionChanged(action);
    await waitUntil(() => smtp.mailsTo('clerk@dmpc.example.org').length > 0, 'the mail to the alias');
    await waitUntil(() => h.messenger.dmsTo('U_RUSS').length > 0, 'the DM');
    await pause(1500);
    expect(smtp.mailsTo('data@wyp.example.org')).toHaveLength(1);
    expect(smtp.mailsTo('clerk@dmpc.example.org')).toHaveLength(1);
    expect(h.messenger.dmsTo('U_PRIYA')).toHaveLength(1);
    expect(h.messenger.dmsTo('U_RUSS')).toHaveLength(1);
    const [mail] = smtp.mailsTo('clerk@dmpc.example.org');
    expect(mail?.subject).toContain(`#${action.number} was due today`);
    expect(mail?.text).toContain('send the KSI data for July–Dec 2021');
    expect(mail?.text).toContain(
      `https://arising.example.org/a/${action.channel.channel}-${action.number}-clerk%40dmpc.example.org`,
    );
    // Nobody was unreachable: nothing in the channel.
    expect(h.messenger.channelPosts().filter((p) => p.to.channel.channel === action.channel.channel)).toEqual(
      [],
    );
  });

  it('is one mail when the job runs twice', async () => {
    const action = await h.actionDueIn(-1000, { owners: [{ kind: 'email', address: 'twice@example.org' }] });
    const deps = processorDeps(h.options, h.scheduler);
    const first = await processReminder(jobData(action), deps);
    const second = await processReminder(jobData(action), deps);
    expect(first).toMatchObject({ report: { sent: ['twice@example.org'] } });
    expect(second).toMatchObject({ report: { sent: [], alreadySent: ['twice@example.org'] } });
    expect(smtp.mailsTo('twice@example.org')).toHaveLength(1);
  });

  it('waits out a mail server that is down, through the job retries, and then sends one mail', async () => {
    await smtp.stop();
    try {
      const action = await h.actionDueIn(500, { owners: [{ kind: 'email', address: 'later@example.org' }] });
      await h.scheduler.actionChanged(action);
      await waitUntil(() => h.logs.some((l) => l.includes('ECONNREFUSED')), 'a failed attempt', 10_000);
    } finally {
      await smtp.up();
    }
    await waitUntil(() => smtp.mailsTo('later@example.org').length > 0, 'the mail after the retry', 20_000);
    await pause(2500);
    expect(smtp.mailsTo('later@example.org')).toHaveLength(1);
  });

  it('is retried after a 451, and sent once', async () => {
    smtp.deferNext(1);
    const action = await h.actionDueIn(-1000, { owners: [{ kind: 'email', address: 'busy@example.org' }] });
    const deps = processorDeps(h.options, h.scheduler);
    await expect(processReminder(jobData(action), deps)).rejects.toMatchObject({ responseCode: 451 });
    expect(smtp.mailsTo('busy@example.org')).toHaveLength(0);
    await processReminder(jobData(action), deps);
    await processReminder(jobData(action), deps);
    expect(smtp.mailsTo('busy@example.org')).toHaveLength(1);
  });

  it('names an address the server refuses (550) in the channel, once, and does not try it again', async () => {
    smtp.refuse('gone@example.org');
    const action = await h.actionDueIn(-1000, {
      owners: [
        { kind: 'email', address: 'gone@example.org' },
        { kind: 'email', address: 'here@example.org' },
      ],
    });
    const deps = processorDeps(h.options, h.scheduler);
    const first = await processReminder(jobData(action), deps);
    await processReminder(jobData(action), deps);
    expect(first).toMatchObject({
      report: { sent: ['here@example.org'], named: [{ kind: 'email', address: 'gone@example.org' }] },
    });
    const named = h.messenger.channelPosts().filter((p) => p.to.channel.channel === action.channel.channel);
    expect(named).toHaveLength(1);
    expect(JSON.stringify(named[0]?.view)).toContain('gone@example.org');
    expect(JSON.stringify(named[0]?.view)).not.toContain('here@example.org');
    expect(JSON.stringify(named[0]?.view)).toContain('The mail server refused the mail to gone@example.org');
    expect(smtp.mailsTo('here@example.org')).toHaveLength(1);
    expect(smtp.mailsTo('gone@example.org')).toHaveLength(0);
  });
});
