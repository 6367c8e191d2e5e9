/**
 * Reminders through real BullMQ workers on the real Redis: a reminder due in a second or two arrives once,
 * scheduling twice still sends once, closing or moving the due date before it fires cancels it, aliases
 * reach their people, owners who cannot be messaged are named in the channel, a reply of `done` to the DM
 * closes the action and the DM is updated to show it.
 */

import { processorDeps } from '../../jobs';
import { processReminder, reminderJobId } from '../../jobs/reminder-job';
import { AriseService } from '../../src/core/arising-service';
import type { Action } from '../../src/core/domain';
import { planReminders } from '../../src/core/reminders/reminder-schedule';
import { actionJobKeys } from '../../src/store/redis-reminder-ledger';
import { entry } from '../support/action-fixtures';
import { waitUntil } from '../support/recording-messenger';
import { type Harness, pause, startHarness } from './reminders-harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

/** Every DM or channel post about this action. */
function postsAbout(action: Action) {
  return h.messenger.posts.filter((p) => p.to.channel.channel === action.channel.channel);
}

async function pendingJobIds(action: Action): Promise<string[]> {
  const ids = await h.r.redis.smembers(actionJobKeys(h.r.prefix, action.channel, action.number).jobs);
  return ids.sort();
}

describe('a reminder due in a moment', () => {
  it('arrives once, as a DM to the owner showing the action, and is linked for replies', async () => {
    const action = await h.actionDueIn(1500);
    await h.scheduler.actionChanged(action);
    await waitUntil(() => postsAbout(action).length >= 1, 'the reminder DM');
    await pause(1500);
    const posts = postsAbout(action);
    expect(posts).toHaveLength(1);
    const [dm] = posts;
    expect(dm?.to).toEqual({ kind: 'user', channel: action.channel, userId: 'U_PRIYA' });
    expect(dm?.view.text).toContain('send the KSI data for July–Dec 2021');
    const buttons = dm?.view.blocks.find((b) => b.kind === 'buttons');
    expect(buttons?.kind === 'buttons' && buttons.buttons.map((b) => b.id)).toEqual([
      'done',
      'snooze-1d',
      'snooze-1w',
    ]);
    if (!dm?.message) throw new Error('expected a delivered DM');
    expect(await h.store.findByMessage('slack', dm.message)).toEqual({
      channel: action.channel,
      number: action.number,
    });
    // Only the next weekly reminder is still pending.
    const pending = await pendingJobIds(action);
    expect(pending).toHaveLength(1);
    const weekly = await h.scheduler.queues.reminders.getJob(pending[0] ?? '');
    expect(await weekly?.getState()).toBe('delayed');
  });

  it('is one job and one DM when scheduled twice, even at the same moment', async () => {
    const action = await h.actionDueIn(1500);
    await Promise.all([h.scheduler.actionChanged(action), h.scheduler.actionChanged(action)]);
    await h.scheduler.actionChanged(action);
    const ids = await pendingJobIds(action);
    expect(ids).toContain(reminderJobId(action.channel, action.number, new Date(action.due?.at ?? '')));
    expect(ids).toHaveLength(2); // the due-moment reminder and the first weekly one
    await waitUntil(() => postsAbout(action).length >= 1, 'the reminder DM');
    await pause(1500);
    expect(postsAbout(action)).toHaveLength(1);
  });

  it('is never sent when the action is closed before it fires, and its job is removed', async () => {
    const action = await h.actionDueIn(1500);
    await h.scheduler.actionChanged(action);
    const jobId = reminderJobId(action.channel, action.number, new Date(action.due?.at ?? ''));
    expect(await h.scheduler.queues.reminders.getJob(jobId)).toBeDefined();
    const closed = await h.store.update(
      { ...action, state: 'done', closedBy: 'U_PRIYA', closedAt: new Date().toISOString() },
      entry('done', 'U_PRIYA'),
    );
    await h.scheduler.actionChanged(closed);
    expect(await h.scheduler.queues.reminders.getJob(jobId)).toBeUndefined();
    expect(await pendingJobIds(action)).toEqual([]);
    await pause(2500);
    expect(postsAbout(action)).toHaveLength(0);
  });

  it('moves with the due date: nothing at the old time, and the new one is planned', async () => {
    const action = await h.actionDueIn(1500);
    await h.scheduler.actionChanged(action);
    const later = new Date(Date.now() + 3_600_000);
    const moved = await h.store.update(
      {
        ...action,
        due: { ...(action.due ?? { date: '', time: null, nextMeeting: false }), at: later.toISOString() },
      },
      entry('due'),
    );
    await h.scheduler.actionChanged(moved);
    expect(await pendingJobIds(action)).toContain(reminderJobId(action.channel, action.number, later));
    expect(await pendingJobIds(action)).not.toContain(
      reminderJobId(action.channel, action.number, new Date(action.due?.at ?? '')),
    );
    await pause(2500);
    expect(postsAbout(action)).toHaveLength(0);
  });
});

describe('who is reminded', () => {
  it("DMs each of an alias's people, and names an unmapped alias and an unreachable user in the channel once", async () => {
    const action = await h.actionDueIn(1200, {
      owners: [
        { kind: 'alias', name: 'WYP' },
        { kind: 'alias', name: 'DMPC' },
        { kind: 'user', id: 'U_GONE' },
      ],
    });
    await h.store.setAlias(action.channel, 'WYP', ['U_RUSS', 'U_OZ']);
    h.messenger.unreachable.add('U_GONE');
    await h.scheduler.actionChanged(action);
    await waitUntil(() => postsAbout(action).some((p) => p.to.kind === 'channel'), 'the channel post');
    await pause(1000);
    expect(h.messenger.dmsTo('U_RUSS')).toHaveLength(1);
    expect(h.messenger.dmsTo('U_OZ')).toHaveLength(1);
    const inChannel = postsAbout(action).filter((p) => p.to.kind === 'channel');
    expect(inChannel).toHaveLength(1);
    const named = JSON.stringify(inChannel[0]?.view.blocks);
    expect(named).toContain('"text":"DMPC"');
    expect(named).toContain('"id":"U_GONE"');
    expect(named).toContain('owner DMPC = @someone');
  });
});

describe('sending is idempotent', () => {
  it('a job run twice (a retry after a crash) sends nothing the second time', async () => {
    const action = await h.actionDueIn(-1000, { owners: [{ kind: 'user', id: 'U_ONCE' }] });
    // The schedule must still hold a reminder at that instant: plan with a `0` offset due a second ago.
    const data = { channel: action.channel, number: action.number, fireAt: action.due?.at };
    const deps = processorDeps(h.options, h.scheduler);
    const first = await processReminder(data, deps);
    const second = await processReminder(data, deps);
    expect(first).toMatchObject({ kind: 'sent', report: { sent: ['U_ONCE'] } });
    expect(second).toMatchObject({ kind: 'sent', report: { sent: [], alreadySent: ['U_ONCE'] } });
    expect(h.messenger.dmsTo('U_ONCE')).toHaveLength(1);
  });

  it('a send that failed is sent by the retry, and only that one', async () => {
    const action = await h.actionDueIn(-1000, {
      owners: [
        { kind: 'user', id: 'U_FIRST' },
        { kind: 'user', id: 'U_SECOND' },
      ],
    });
    const data = { channel: action.channel, number: action.number, fireAt: action.due?.at };
    const deps = processorDeps(h.options, h.scheduler);
    h.messenger.failNext(1);
    await expect(processReminder(data, deps)).rejects.toThrow('platform unavailable');
    expect(h.messenger.dmsTo('U_FIRST')).toHaveLength(0);
    expect(h.messenger.dmsTo('U_SECOND')).toHaveLength(1);
    await processReminder(data, deps);
    expect(h.messenger.dmsTo('U_FIRST')).toHaveLength(1);
    expect(h.messenger.dmsTo('U_SECOND')).toHaveLength(1);
  });

  it('a send another live sender holds is retried, never skipped: the job fails until it can send', async () => {
    const action = await h.actionDueIn(-1000, { owners: [{ kind: 'user', id: 'U_HELD' }] });
    const data = { channel: action.channel, number: action.number, fireAt: action.due?.at };
    const jobId = reminderJobId(action.channel, action.number, new Date(action.due?.at ?? ''));
    const deps = processorDeps(h.options, h.scheduler);
    // Another worker is (as far as anyone can tell) sending it right now: its lease runs 1.5 s.
    await deps.sends.begin(`reminder-sent:${jobId}:U_HELD`, 'other', new Date(), 1500, 3600);
    await expect(processReminder(data, deps)).rejects.toThrow(/under way elsewhere/);
    expect(h.messenger.dmsTo('U_HELD')).toHaveLength(0);
    await pause(1600);
    // That sender died: the retry sends it (this messenger cannot tell whether the other one had).
    await expect(processReminder(data, deps)).resolves.toMatchObject({ report: { sent: ['U_HELD'] } });
    expect(h.messenger.dmsTo('U_HELD')).toHaveLength(1);
  });

  it('a stale job (the action closed since) does nothing', async () => {
    const action = await h.actionDueIn(-1000, { owners: [{ kind: 'user', id: 'U_STALE' }] });
    await h.store.update({ ...action, state: 'dropped' }, entry('drop'));
    const data = { channel: action.channel, number: action.number, fireAt: action.due?.at };
    expect(await processReminder(data, processorDeps(h.options, h.scheduler))).toEqual({
      kind: 'stale',
      reason: 'closed',
    });
    expect(h.messenger.dmsTo('U_STALE')).toHaveLength(0);
  });
});

describe('weekly reminders', () => {
  it('go on while the action is open: each weekly one, once sent, plans the next', async () => {
    const action = await h.actionDueIn(-20 * 86_400_000, { owners: [{ kind: 'user', id: 'U_WEEKLY' }] });
    const settings = await h.store.getSettings(action.channel);
    const ctx = { timezone: 'Europe/London', settings, nextMeeting: null };
    const lastWeek = planReminders(action, { ...ctx, now: new Date(Date.now() - 7 * 86_400_000) })[0];
    const nextWeek = planReminders(action, { ...ctx, now: new Date() })[0];
    expect(lastWeek?.kind).toBe('weekly');
    expect(nextWeek?.kind).toBe('weekly');
    if (!lastWeek || !nextWeek) throw new Error('expected weekly reminders');
    const data = { channel: action.channel, number: action.number, fireAt: lastWeek.at.toISOString() };
    expect(await processReminder(data, processorDeps(h.options, h.scheduler))).toMatchObject({
      kind: 'sent',
    });
    expect(h.messenger.dmsTo('U_WEEKLY')[0]?.view.text).toMatch(/overdue by \d+ days/);
    expect(await pendingJobIds(action)).toEqual([reminderJobId(action.channel, action.number, nextWeek.at)]);
  });
});

describe('replying to the reminder', () => {
  it('`done` in the DM closes the action, and the DM is updated to show it closed', async () => {
    const action = await h.actionDueIn(1000, { owners: [{ kind: 'user', id: 'U_REPLY' }] });
    const service = new AriseService({
      store: h.store,
      messenger: h.messenger,
      scheduler: h.scheduler,
      clock: { now: () => new Date() },
      defaultTimezone: 'Europe/London',
    });
    await h.scheduler.actionChanged(action);
    await waitUntil(() => h.messenger.dmsTo('U_REPLY').length === 1, 'the reminder DM');
    const dm = h.messenger.dmsTo('U_REPLY')[0]?.message;
    if (!dm) throw new Error('expected a DM');
    await service.threadReply({ channel: action.channel, userId: 'U_REPLY' }, dm, 'Done ✅');
    expect((await h.store.get(action.channel, action.number))?.state).toBe('done');
    await waitUntil(() => h.messenger.updates.some((u) => u.message.id === dm.id), 'the DM update');
    const update = h.messenger.updates.find((u) => u.message.id === dm.id);
    expect(update?.view.text).toContain('is done');
    expect(update?.view.blocks.some((b) => b.kind === 'buttons')).toBe(false);
    expect(await pendingJobIds(action)).toEqual([]);
  });
});
