/**
 * Meetings and matters arising through the core service on the in-memory store: starting meetings, the next
 * meeting and the actions due by it, and the summary the chair reads out.
 */
import { holidayTest } from '../../src/holidays/holiday-calendar';
import { type CoreHarness, coreHarness, replyText, viewText } from '../support/core-harness';

let h: CoreHarness;
beforeEach(() => {
  h = coreHarness(new Date('2026-06-15T09:00:00Z'));
});

it('shows that no meeting is set, then the current and next ones', async () => {
  expect(replyText(await h.service.command(h.as('U1'), 'meeting'))).toContain('No meeting has been started');
  const started = await h.service.command(h.as('U1'), 'meeting Community Outcomes Meeting on 14 June 2026');
  expect(started.kind).toBe('channel');
  await h.service.command(h.as('U1'), 'meeting next 13 Sep 2026 14:00');
  const shown = replyText(await h.service.command(h.as('U1'), 'meeting'));
  expect(shown).toContain('Community Outcomes Meeting, Sun 14 Jun 2026');
  expect(shown).toContain('Next meeting: Sun 13 Sep 2026, 14:00');
});

it('refuses a next meeting in the past and an unreadable date, storing nothing', async () => {
  expect(replyText(await h.service.command(h.as('U1'), 'meeting next 1 January 2026'))).toContain('past');
  expect(replyText(await h.service.command(h.as('U1'), 'meeting next someday'))).toContain('someday');
  expect((await h.store.getMeetings(h.channel)).next).toBeNull();
});

it('resolves "by next meeting" and moves those actions when the next meeting moves', async () => {
  const none = await h.service.command(h.as('U1'), 'add WYP to bring the figures by next meeting');
  expect(replyText(none)).toMatch(/no next meeting is set/i);
  await h.service.command(h.as('U1'), 'meeting next 13 Sep 2026 14:00');
  await h.service.command(h.as('U1'), 'add WYP to bring the figures by next meeting');
  await h.service.command(h.as('U1'), 'add WYP to book the room by 1 September');
  expect((await h.store.get(h.channel, 1))?.due).toMatchObject({
    date: '2026-09-13',
    time: '14:00',
    nextMeeting: true,
  });
  const moved = await h.service.command(h.as('U1'), 'meeting next 20 Sep 2026 10:00');
  expect(replyText(moved)).toContain('1 action due by the next meeting moved');
  expect((await h.store.get(h.channel, 1))?.due).toMatchObject({ date: '2026-09-20', time: '10:00' });
  expect((await h.store.get(h.channel, 2))?.due?.date).toBe('2026-09-01');
  expect(h.scheduler.channels).toHaveLength(2);
});

it('writes matters arising by agenda item, then what is still open from earlier meetings', async () => {
  const chair = h.as('U_CHAIR');
  await h.service.command(chair, 'settings chairs <@U_CHAIR>');
  await h.service.command(chair, 'meeting Spring Board on 10 March 2026');
  await h.service.command(chair, 'add <@U9> to renew the insurance');
  await h.service.command(chair, 'meeting Summer Board on 12 June 2026');
  await h.service.command(chair, 'add WYP to send the KSI data by 30 June item 5');
  await h.service.command(chair, 'add <@U2> to circulate the budget item 2');
  await h.service.command(chair, 'add <@U3> to draft the letter by 1 July item 5');
  await h.service.command(chair, 'note 2 first draft shared');
  await h.service.command(chair, 'done 4 sent on Friday');
  h.clock.now = new Date('2026-07-03T09:00:00Z');
  const reply = await h.service.command(chair, 'matters-arising');
  expect(reply.kind).toBe('channel');
  const shown = reply.kind === 'channel' ? viewText(reply.view) : '';
  expect(shown).toContain('Matters arising from Summer Board, Fri 12 Jun 2026');
  expect(shown.indexOf('Item 2')).toBeLessThan(shown.indexOf('Item 5'));
  expect(shown).toContain('Overdue by 3 days');
  expect(shown).toMatch(/Done on Mon 15 Jun 2026: sent on Friday/);
  expect(shown).toContain('Still open from earlier meetings');
  expect(shown).toContain('(from Spring Board)');
  const other = await h.service.command(h.as('U2'), 'matters-arising');
  expect(other.kind).toBe('ephemeral');
});

it('refuses an unknown time zone or holiday region, and keeps a known one', async () => {
  const w = coreHarness(new Date('2026-06-15T09:00:00Z'), 'Europe/London', { holidays: holidayTest });
  const actor = w.as('U1');
  expect(replyText(await w.service.command(actor, 'settings timezone Mars/Olympus'))).toContain(
    'Mars/Olympus',
  );
  expect(replyText(await w.service.command(actor, 'settings holidays XX-YYY'))).toContain('XX-YYY');
  await w.service.command(actor, 'settings holidays GB-ENG');
  const settings = await w.store.getSettings(w.channel);
  expect(settings.holidays).toBe('GB-ENG');
  expect(settings.timezone).toBeNull();
  // 31 August 2026 is the summer bank holiday in England: the month's last working day is the 28th.
  await w.service.command(actor, 'add <@U2> to close the accounts by end of August');
  expect((await w.store.get(w.channel, 1))?.due?.date).toBe('2026-08-28');
});
