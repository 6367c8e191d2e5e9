/**
 * `meeting calendar` end to end: the real service (Redis, the real Slack receiver, the real Teams receiver,
 * the console's routes) fetching real .ics files from a loopback HTTP server. Loopback is private, so the
 * services that read it run with ARISING_ALLOW_PRIVATE_URLS=on; one runs without it, to show that the
 * default refuses such an address.
 */
import { nextOccurrence } from '../../src/core/calendar/next-occurrence';
import { formatLocalDate } from '../../src/core/format-date';
import { type FeedServer, fixtureFeed, startFeedServer } from '../support/calendar-feed-server';
import { type ConnectorCall, shownText } from '../support/fake-bot-connector';
import type { Body } from '../support/fake-slack-api';
import { slashCommand } from '../support/slack-signing';
import { type ConsoleService, startConsoleService } from '../support/start-console';
import { startTestService, type TestService } from '../support/start-server';
import {
  BOT_MENTION,
  CHAIR,
  channelMessage,
  installInTeam,
  startTeamsService,
  type TeamsService,
} from '../support/teams-service';

const ALLOW = { ARISING_ALLOW_PRIVATE_URLS: 'on' };
// Wednesday 16 December 2026, noon in London: the committee's next meeting is Thursday 7 January, 14:00.
const NOW = '2026-12-16T12:00:00Z';
const MOVED = 'Thu 7 Jan 2027, 14:00 (Road Safety Committee (moved to Thursday))';

let feeds: FeedServer;
beforeAll(async () => {
  feeds = await startFeedServer();
});
afterAll(() => feeds.close());

const shown = (body: Body | undefined): string => JSON.stringify(body?.blocks ?? []).replace(/\\"/g, '"');

describe('in Slack', () => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService({ now: NOW, env: ALLOW });
  });
  afterAll(() => t.stop());
  beforeEach(() => t.slack.reset());

  async function command(text: string): Promise<void> {
    expect((await t.send(slashCommand(t.where, text, t.slack.responseUrl()))).status).toBe(200);
  }

  it('sets the next meeting from a feed sent as a labelled link, and the channel is told', async () => {
    await command(`meeting calendar <${feeds.url}/weekly-committee.ics|Committee calendar>`);
    // The first post says who became the channel's chair; the second is the calendar's.
    const [, post] = await t.slack.waitForCalls('chat.postMessage', 2);
    expect(post?.body.channel).toBe(t.where.channel);
    expect(shown(post?.body)).toContain(MOVED);
    expect((await t.store.getMeetings(t.channel)).next).toBe('2027-01-07T14:00');
  });

  it('shows the calendar and when it was read with `meeting`', async () => {
    await command('meeting');
    const [answer] = await t.slack.waitForCalls('response_url');
    expect(shown(answer?.body)).toContain('Next meeting: Thu 7 Jan 2027, 14:00.');
    expect(shown(answer?.body)).toContain(
      `Calendar: ${feeds.url}/weekly-committee.ics, last read Wed 16 Dec 2026, 12:00.`,
    );
  });

  it('refuses a feed that answers 404, saying so, and keeps the calendar', async () => {
    await command(`meeting calendar <${feeds.url}/missing.ics>`);
    const [answer] = await t.slack.waitForCalls('response_url');
    expect(answer?.body.response_type).toBe('ephemeral');
    expect(shown(answer?.body)).toContain(
      'answered with an error (HTTP 404). The calendar setting is unchanged.',
    );
    expect((await t.store.getMeetings(t.channel)).calendar?.url).toBe(`${feeds.url}/weekly-committee.ics`);
  });
});

describe('in Slack without ARISING_ALLOW_PRIVATE_URLS', () => {
  it('refuses a feed on a loopback address and stores nothing', async () => {
    const t = await startTestService({ now: NOW });
    try {
      const hits = feeds.hits;
      await t.send(
        slashCommand(t.where, `meeting calendar <${feeds.url}/weekly-committee.ics>`, t.slack.responseUrl()),
      );
      const [answer] = await t.slack.waitForCalls('response_url');
      expect(shown(answer?.body)).toContain('127.0.0.1 is an address, which is not public');
      expect(feeds.hits).toBe(hits);
      expect((await t.store.getMeetings(t.channel)).calendar ?? null).toBeNull();
    } finally {
      await t.stop();
    }
  });
});

describe('in Teams', () => {
  let t: TeamsService;
  beforeAll(async () => {
    t = await startTeamsService({ now: NOW, env: ALLOW });
    await t.post(installInTeam(t));
  });
  afterAll(() => t.stop());

  it('takes the feed as Teams sends a link, and moves the actions due by the next meeting', async () => {
    const say = (text: string) =>
      t.post(channelMessage(t, `<at>Arising</at> ${text}`, [BOT_MENTION], { from: CHAIR }));
    await say('meeting next 5 January 2027');
    await say('add WYP to bring the KSI figures by next meeting');
    t.connector.reset();
    feeds.live = fixtureFeed('monthly-second-tuesday.ics');
    const url = `${feeds.url}/live.ics`;
    t.setNow('2027-01-06T09:00:00Z');
    expect((await say(`meeting calendar <a href="${url}">${url}</a>`)).status).toBe(200);
    const [reply] = await t.connector.waitFor('send');
    expect(shownText(reply as ConnectorCall)).toContain('Tue 12 Jan 2027, 18:00 (Scrutiny Board)');
    expect(shownText(reply as ConnectorCall)).toContain('1 action due by the next meeting moved with it.');
    expect((await t.store.get(t.channel, 1))?.due).toMatchObject({ date: '2027-01-12', time: '18:00' });
  });
});

describe('in the console', () => {
  let t: ConsoleService;
  beforeAll(async () => {
    t = await startConsoleService(ALLOW);
  });
  afterAll(() => t.stop());

  it('sets the next meeting from a feed typed in the channel pane', async () => {
    const channel = { platform: 'console' as const, team: 'demo', channel: 'committee' };
    const url = `${feeds.url}/weekly-committee.ics`;
    // The console runs on the system clock: the feed's next Wednesday (or its moved Thursday) from now.
    const expected = nextOccurrence(fixtureFeed('weekly-committee.ics'), new Date(), 'Europe/London');
    const response = await fetch(`${t.baseUrl}/console/api/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ as: 'chris', pane: 'channel', text: `meeting calendar ${url}` }),
    });
    expect(response.status).toBe(200);
    expect((await t.store.getMeetings(channel)).next).toBe(expected?.date);
    const panes = (await (await fetch(`${t.baseUrl}/console/api/panes?as=chris`)).json()) as {
      channel: { html: string }[];
    };
    const text = panes.channel.map((m) => m.html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'")).join('\n');
    expect(text).toContain(`Its next event: ${formatLocalDate(expected?.date ?? '')}`);
  });
});
