/**
 * The Slack messenger against the fake Web API: what it sends, DMs, and how it honours 429 Retry-After
 * without holding up other channels.
 */
import { LineLogger } from '../../src/app/logger';
import type { ChannelRef } from '../../src/core/domain';
import { text } from '../../src/core/view';
import { ConversationQueues, createSlackClient } from '../../src/slack/slack-api';
import { SlackMessenger } from '../../src/slack/slack-messenger';
import { FakeSlackApi } from '../support/fake-slack-api';

let slack: FakeSlackApi;
let messenger: SlackMessenger;
const logger = new LineLogger('error');
const channel = (id: string): ChannelRef => ({ platform: 'slack', team: 'T1', channel: id });
const view = (words: string) => ({
  text: words,
  blocks: [{ kind: 'section' as const, spans: [text(words)] }],
});

beforeAll(async () => {
  slack = await new FakeSlackApi().start();
  // SLACK_API_URL without its trailing slash still reaches the API.
  const client = createSlackClient(
    {
      botToken: 'xoxb-1',
      signingSecret: 's',
      apiUrl: slack.apiUrl.replace(/\/$/, ''),
      logLevel: 'error' as const,
    },
    logger,
  );
  messenger = new SlackMessenger({ client, queues: new ConversationQueues({ logger }), logger });
});

afterAll(async () => {
  await slack.stop();
});

beforeEach(() => {
  slack.reset();
});

describe('SlackMessenger', () => {
  it('posts to a channel and returns the message it posted', async () => {
    const posted = await messenger.post({ kind: 'channel', channel: channel('C1') }, view('hello'));
    const [call] = slack.callsTo('chat.postMessage');
    expect(call?.body).toMatchObject({ channel: 'C1', text: 'hello', unfurl_links: 'false' });
    expect(posted).toEqual({ conversation: 'C1', id: expect.stringMatching(/^\d+\.\d+$/) });
  });

  it('posts in a thread and updates a message in place', async () => {
    await messenger.post(
      { kind: 'thread', channel: channel('C1'), message: { conversation: 'C1', id: '1.000001' } },
      view('in thread'),
    );
    await messenger.update(channel('C1'), { conversation: 'C1', id: '1.000001' }, view('changed'));
    expect(slack.callsTo('chat.postMessage')[0]?.body).toMatchObject({
      channel: 'C1',
      thread_ts: '1.000001',
    });
    expect(slack.callsTo('chat.update')[0]?.body).toMatchObject({
      channel: 'C1',
      ts: '1.000001',
      text: 'changed',
    });
  });

  it('DMs a user through conversations.open, opening each DM once', async () => {
    const first = await messenger.post(
      { kind: 'user', channel: channel('C1'), userId: 'U9' },
      view('reminder'),
    );
    await messenger.post({ kind: 'user', channel: channel('C1'), userId: 'U9' }, view('again'));
    expect(first?.conversation).toBe('DU9');
    expect(slack.callsTo('conversations.open')).toHaveLength(1);
    expect(slack.callsTo('chat.postMessage').map((c) => c.body.channel)).toEqual(['DU9', 'DU9']);
  });

  it('returns null when Slack will not let the bot DM the user', async () => {
    slack.failMethod('conversations.open', 'cannot_dm_bot');
    expect(
      await messenger.post({ kind: 'user', channel: channel('C1'), userId: 'UBOT2' }, view('x')),
    ).toBeNull();
  });

  it('returns null where Slack says the bot cannot post (not in the channel), and throws on other errors', async () => {
    slack.failMethod('chat.postMessage', 'not_in_channel');
    expect(await messenger.post({ kind: 'channel', channel: channel('CPRIVATE') }, view('x'))).toBeNull();
    slack.failMethod('chat.postMessage', 'invalid_blocks');
    await expect(messenger.post({ kind: 'channel', channel: channel('C1') }, view('x'))).rejects.toThrow(
      /invalid_blocks/,
    );
  });

  it('refuses a destination on another platform', async () => {
    await expect(
      messenger.post({ kind: 'channel', channel: { platform: 'teams', team: 't', channel: 'c' } }, view('x')),
    ).rejects.toThrow(/teams/);
  });

  it('waits out a 429 for that channel only: another channel’s message goes first', async () => {
    slack.rateLimitNext(1, 1, 'chat.postMessage');
    const busy = messenger.post({ kind: 'channel', channel: channel('CBUSY') }, view('busy'));
    await slack.waitForCalls('chat.postMessage (429)');
    const quiet = await messenger.post({ kind: 'channel', channel: channel('CQUIET') }, view('quiet'));
    expect(quiet?.conversation).toBe('CQUIET');
    const retried = await busy;
    expect(retried?.conversation).toBe('CBUSY');
    const posts = slack.callsTo('chat.postMessage');
    expect(posts.map((c) => c.body.channel)).toEqual(['CQUIET', 'CBUSY']);
    const limited = slack.callsTo('chat.postMessage (429)')[0];
    // The retry honoured Retry-After (1 s); the quiet channel did not wait for it.
    expect((posts[1]?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect((posts[0]?.at ?? 0) - (limited?.at ?? 0)).toBeLessThan(900);
  });

  it('keeps a channel’s messages in order while it waits out a 429', async () => {
    slack.rateLimitNext(1, 1, 'chat.postMessage');
    const first = messenger.post({ kind: 'channel', channel: channel('C1') }, view('first'));
    const second = messenger.post({ kind: 'channel', channel: channel('C1') }, view('second'));
    await Promise.all([first, second]);
    expect(slack.callsTo('chat.postMessage').map((c) => c.body.text)).toEqual(['first', 'second']);
  });

  it('gives up after repeated 429s instead of retrying for ever', async () => {
    const impatient = new SlackMessenger({
      client: createSlackClient(
        { botToken: 'xoxb-1', signingSecret: 's', apiUrl: slack.apiUrl, logLevel: 'error' as const },
        logger,
      ),
      queues: new ConversationQueues({ logger, maxRateLimitRetries: 1 }),
      logger,
    });
    slack.rateLimitNext(5, 1, 'chat.postMessage');
    await expect(impatient.post({ kind: 'channel', channel: channel('C1') }, view('x'))).rejects.toThrow(
      /rate/i,
    );
    expect(slack.callsTo('chat.postMessage (429)')).toHaveLength(2);
  });

  describe('a keyed post whose answer is lost', () => {
    /** A messenger whose calls give up after 300 ms, keyed posts through a client that does not retry. */
    const impatient = () => {
      const config = {
        botToken: 'xoxb-1',
        signingSecret: 's',
        apiUrl: slack.apiUrl,
        logLevel: 'error' as const,
      };
      return new SlackMessenger({
        client: createSlackClient(config, logger, { timeoutMs: 300 }),
        keyedPosts: createSlackClient(config, logger, { timeoutMs: 300, networkRetries: 0 }),
        queues: new ConversationQueues({ logger }),
        logger,
      });
    };

    it('fails rather than being sent again by the client, and is then found by its key', async () => {
      const to = { kind: 'user' as const, channel: channel('C1'), userId: 'U8' };
      const slow = impatient();
      slack.delayAnswer('chat.postMessage', 1000);
      await expect(slow.post(to, view('reminder'), { key: 'reminder-sent:lost:U8' })).rejects.toThrow();
      await new Promise((resolve) => setTimeout(resolve, 1200));
      expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
      await expect(
        slow.findPosted(to, 'reminder-sent:lost:U8', new Date(Date.now() - 60_000)),
      ).resolves.toMatchObject({ kind: 'found' });
    });

    it('an unkeyed post is still retried by the client', async () => {
      slack.delayAnswer('chat.postMessage', 1000);
      await expect(
        impatient().post({ kind: 'channel', channel: channel('C1') }, view('card')),
      ).rejects.toThrow();
      await new Promise((resolve) => setTimeout(resolve, 1200));
      expect(slack.callsTo('chat.postMessage').length).toBeGreaterThan(1);
    });
  });

  describe('finding a post by its send key', () => {
    const since = new Date(Date.now() - 1000);

    it('finds a keyed DM in the DM history, and only with the same key', async () => {
      const to = { kind: 'user' as const, channel: channel('C1'), userId: 'U7' };
      const posted = await messenger.post(to, view('reminder'), { key: 'reminder-sent:j1:U7' });
      expect(slack.callsTo('chat.postMessage')[0]?.body.metadata).toEqual({
        event_type: 'arising_send',
        event_payload: { key: 'reminder-sent:j1:U7' },
      });
      await expect(messenger.findPosted(to, 'reminder-sent:j1:U7', since)).resolves.toEqual({
        kind: 'found',
        message: posted,
      });
      await expect(messenger.findPosted(to, 'reminder-sent:j2:U7', since)).resolves.toEqual({
        kind: 'absent',
      });
      expect(slack.callsTo('conversations.history')[0]?.body).toMatchObject({
        channel: 'DU7',
        include_all_metadata: 'true',
      });
    });

    it('looks in a channel and in a thread, and not at posts from before the send began', async () => {
      const inChannel = { kind: 'channel' as const, channel: channel('C2') };
      await messenger.post(inChannel, view('digest'), { key: 'digest-sent:d1' });
      await expect(messenger.findPosted(inChannel, 'digest-sent:d1', since)).resolves.toMatchObject({
        kind: 'found',
      });
      const later = new Date(Date.now() + 10 * 60_000);
      await expect(messenger.findPosted(inChannel, 'digest-sent:d1', later)).resolves.toEqual({
        kind: 'absent',
      });
      const thread = {
        kind: 'thread' as const,
        channel: channel('C2'),
        message: { conversation: 'C2', id: '9.1' },
      };
      await messenger.post(thread, view('reply'), { key: 'card:1' });
      await expect(messenger.findPosted(thread, 'card:1', since)).resolves.toMatchObject({ kind: 'found' });
      await expect(messenger.findPosted(inChannel, 'card:1', since)).resolves.toEqual({ kind: 'absent' });
    });
  });
});
