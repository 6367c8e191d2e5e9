/**
 * `meeting calendar` through the core service (in-memory store) with the real feed reader fetching real
 * .ics files from a loopback HTTP server: the next meeting follows the feed, refusals say what was wrong
 * and keep the previous setting, a date set by hand wins until it passes, and the refresh keeps the last
 * good date while a feed fails, telling the channel once.
 */
import type { CalendarDeps } from '../../src/core/calendar/calendar-ports';
import { FAILING_TOLD_AFTER_MS, refreshCalendar } from '../../src/core/calendar/calendar-refresh';
import { calendarFeedReader } from '../../src/net/calendar-feed-reader';
import { MemoryCalendarIndex } from '../../src/store/memory/memory-calendar-index';
import { type FeedServer, fixtureFeed, startFeedServer } from '../support/calendar-feed-server';
import { type CoreHarness, coreHarness, replyText } from '../support/core-harness';

let feeds: FeedServer;
let h: CoreHarness;
let calendars: CalendarDeps;

beforeAll(async () => {
  feeds = await startFeedServer();
});
afterAll(() => feeds.close());

type Resolve = Parameters<typeof calendarFeedReader>[0]['resolve'];

function harness(allowPrivate = true, resolve?: Resolve) {
  calendars = {
    feeds: calendarFeedReader({ allowPrivate, timeoutMs: 1500, ...(resolve ? { resolve } : {}) }),
    index: new MemoryCalendarIndex(),
  };
  h = coreHarness(new Date('2026-12-16T12:00:00Z'), 'Europe/London', { calendars });
}
beforeEach(() => harness());

const say = async (text: string, user = 'U_CHAIR') => replyText(await h.service.command(h.as(user), text));
const refresh = () => refreshCalendar({ ...serviceDeps(), calendars }, h.channel);
function serviceDeps() {
  return {
    store: h.store,
    messenger: h.messenger,
    scheduler: h.scheduler,
    clock: { now: () => h.clock.now },
    defaultTimezone: 'Europe/London',
  };
}

describe('setting the calendar', () => {
  it.each([
    ['as Slack sends a link with a label', (u: string) => `<${u}|committee calendar>`],
    ['as Slack sends a bare link', (u: string) => `<${u}>`],
    ['as typed', (u: string) => u],
  ])('takes the next meeting from the feed, %s', async (_form, written) => {
    const url = `${feeds.url}/weekly-committee.ics`;
    const answer = await say(`meeting calendar ${written(url)}`);
    expect(answer).toContain('Thu 7 Jan 2027, 14:00 (Road Safety Committee (moved to Thursday))');
    const meetings = await h.store.getMeetings(h.channel);
    expect(meetings.next).toBe('2027-01-07T14:00');
    expect(meetings.calendar?.url).toBe(url);
    expect(await calendars.index.list()).toEqual([h.channel]);
    expect(await say('meeting')).toContain(`Calendar: ${url}, last read Wed 16 Dec 2026, 12:00.`);
  });

  it('follows a redirect, and moves the actions due by the next meeting with a reschedule', async () => {
    await say('meeting next 5 January 2027');
    await say('add WYP to bring the KSI figures by next meeting');
    await say('meeting calendar off');
    const answer = await say(`meeting calendar ${feeds.url}/moved/weekly-committee.ics`);
    // The date set by hand still wins: it has not passed.
    expect(answer).toContain('The date set with `meeting next`, Tue 5 Jan 2027, stays the next meeting');
    expect((await h.store.getMeetings(h.channel)).next).toBe('2027-01-05');
    h.clock.now = new Date('2027-01-06T09:00:00Z');
    const outcome = await refresh();
    expect(outcome).toMatchObject({
      kind: 'read',
      followed: { next: '2027-01-07T14:00', changed: true, moved: 1 },
    });
    expect((await h.store.get(h.channel, 1))?.due).toMatchObject({ date: '2027-01-07', time: '14:00' });
    expect(h.scheduler.channels).toContainEqual(h.channel);
    // Read again, nothing changes: the refresh is idempotent.
    expect(await refresh()).toMatchObject({ kind: 'read', followed: { changed: false, moved: 0 } });
  });

  it('is for the chairs only, and fetches nothing for anyone else', async () => {
    await say('settings chairs <@U_CHAIR>');
    const hits = feeds.hits;
    expect(await say(`meeting calendar ${feeds.url}/weekly-committee.ics`, 'U_OTHER')).toMatch(/chair/i);
    expect(feeds.hits).toBe(hits);
    expect((await h.store.getMeetings(h.channel)).calendar ?? null).toBeNull();
  });

  it('is turned off, keeping the next meeting it gave', async () => {
    await say(`meeting calendar ${feeds.url}/weekly-committee.ics`);
    expect(await say('meeting calendar off')).toContain('stays Thu 7 Jan 2027, 14:00');
    const meetings = await h.store.getMeetings(h.channel);
    expect(meetings.calendar).toBeNull();
    expect(meetings.next).toBe('2027-01-07T14:00');
    expect(await calendars.index.list()).toEqual([]);
  });
});

describe('a feed that cannot be used is refused with the reason, and the previous setting stays', () => {
  const good = () => `${feeds.url}/google.ics`;
  beforeEach(async () => {
    await say(`meeting calendar ${good()}`);
  });
  afterEach(async () => {
    const meetings = await h.store.getMeetings(h.channel);
    expect(meetings.calendar?.url).toBe(good());
    // Thursday 19:00 in New York is midnight in London.
    expect(meetings.next).toBe('2026-12-18T00:00');
  });

  it.each([
    ['an HTML page', 'page.ics', /is not an iCalendar feed \(it does not begin with BEGIN:VCALENDAR\)/],
    ['a 404', 'missing.ics', /answered with an error \(HTTP 404\)/],
    ['a feed over the size cap', 'huge.ics', /is larger than 2 MB/],
    ['a server that does not answer', 'slow.ics', /did not answer in time/],
    [
      'a feed with nothing ahead (an ended series, a cancelled event)',
      'ended-series.ics',
      /has no event after now/,
    ],
  ])('%s', async (_what, file, reason) => {
    const answer = await say(`meeting calendar ${feeds.url}/${file}`);
    expect(answer).toMatch(reason);
    expect(answer).toContain('The calendar setting is unchanged.');
  });
});

describe('addresses that are not public (ARISING_ALLOW_PRIVATE_URLS off)', () => {
  it('refuses a loopback address', async () => {
    harness(false);
    const answer = await say(`meeting calendar ${feeds.url}/weekly-committee.ics`);
    expect(answer).toContain('127.0.0.1 is an address, which is not public');
    expect((await h.store.getMeetings(h.channel)).calendar ?? null).toBeNull();
  });

  it('refuses a name that resolves to a private address when connecting, without connecting', async () => {
    const hostile: Resolve = ((
      _host: string,
      _options: unknown,
      callback: (error: null, addresses: { address: string; family: number }[]) => void,
    ) => callback(null, [{ address: '10.0.0.7', family: 4 }])) as never;
    harness(false, hostile);
    const hits = feeds.hits;
    const answer = await say('meeting calendar http://calendar.example.org/committee.ics');
    expect(answer).toContain('calendar.example.org resolves to 10.0.0.7, which is not public');
    expect(feeds.hits).toBe(hits);
  });
});

describe('the refresh', () => {
  it('keeps the last good next meeting while the feed fails, and tells the channel once after days', async () => {
    feeds.live = fixtureFeed('monthly-second-tuesday.ics');
    await say(`meeting calendar ${feeds.url}/live.ics`);
    expect((await h.store.getMeetings(h.channel)).next).toBe('2027-01-12T18:00');
    feeds.live = null;
    h.clock.now = new Date('2026-12-17T06:00:00Z');
    expect(await refresh()).toMatchObject({ kind: 'failed', error: 'HTTP 503', told: false });
    const failing = await h.store.getMeetings(h.channel);
    expect(failing.next).toBe('2027-01-12T18:00');
    expect(await say('meeting')).toContain('Reading it has failed since Thu 17 Dec 2026, 06:00: HTTP 503.');
    h.clock.now = new Date(Date.parse('2026-12-17T06:00:00Z') + FAILING_TOLD_AFTER_MS);
    expect(await refresh()).toMatchObject({ kind: 'failed', told: true });
    h.clock.now = new Date(h.clock.now.getTime() + 24 * 3600_000);
    expect(await refresh()).toMatchObject({ kind: 'failed', told: false });
    const told = h.messenger.channelPosts().filter((p) => p.view.text.includes('has not been read since'));
    expect(told).toHaveLength(1);
    expect(told[0]?.view.text).toContain('The next meeting stays Tue 12 Jan 2027, 18:00.');
    feeds.live = fixtureFeed('monthly-second-tuesday.ics');
    expect(await refresh()).toMatchObject({ kind: 'read' });
    expect((await h.store.getMeetings(h.channel)).calendar?.failingSince).toBeNull();
  });
});
