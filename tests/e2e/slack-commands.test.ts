/**
 * `/action` over real HTTP: signed slash commands reach the real server, which stores in the real Redis
 * and talks to the fake Slack Web API. Assertions are on what reached "Slack" and what was stored.
 */
import type { Body, Call } from '../support/fake-slack-api';
import { slashCommand } from '../support/slack-signing';
import { eventually, startTestService, type TestService } from '../support/start-server';

let t: TestService;

beforeAll(async () => {
  // Wednesday 1 July 2026, 10:00 in London.
  t = await startTestService({ now: '2026-07-01T09:00:00Z' });
});

afterAll(async () => {
  await t.stop();
});

beforeEach(() => {
  t.slack.reset();
});

/** Sends `/action <text>` and waits for its answer on the response_url. */
async function command(text: string, user = t.where.user): Promise<{ status: number; answer: Body }> {
  const response = await t.send(slashCommand({ ...t.where, user }, text, t.slack.responseUrl('cmd')));
  const [call] = await t.slack.waitForCalls('response_url');
  return { status: response.status, answer: (call as Call).body };
}

/** Every piece of text in a message's blocks, joined, to assert on what a reader sees. */
function shown(body: Body): string {
  return (
    JSON.stringify(body.blocks ?? [])
      .match(/"text":"((?:[^"\\]|\\.)*)"/g)
      ?.map((m) => JSON.parse(m.slice(7)))
      .join(' | ') ?? ''
  );
}

describe('/action add', () => {
  it('posts one card to the channel with number, owner mention, task, due date and buttons, and stores it', async () => {
    const response = await t.send(
      slashCommand(t.where, 'add <@U0PRIYA|priya> to send the KSI data by 31 July', t.slack.responseUrl()),
    );
    expect(response.status).toBe(200);
    const [post] = await t.slack.waitForCalls('chat.postMessage');
    expect(post?.body.channel).toBe(t.where.channel);
    expect(post?.authorization).toBe('Bearer xoxb-e2e-test-token');
    const text = shown(post?.body ?? {});
    expect(text).toContain('*#1*');
    expect(text).toContain('send the KSI data');
    expect(text).toContain('<@U0PRIYA>');
    expect(text).toContain('Fri 31 Jul');
    const blocks = JSON.stringify(post?.body.blocks);
    expect(blocks).toContain('"action_id":"done"');
    expect(blocks).toContain('"text":"Done"');
    expect(blocks).toContain('"action_id":"snooze"');
    expect(blocks).toContain('"type":"overflow"');
    expect(t.slack.callsTo('chat.postMessage')).toHaveLength(1);

    const stored = await t.store.get(t.channel, 1);
    expect(stored).toMatchObject({
      number: 1,
      owners: [{ kind: 'user', id: 'U0PRIYA' }],
      text: 'send the KSI data',
      state: 'open',
      raisedBy: t.where.user,
      due: { date: '2026-07-31' },
    });
    // The card is linked so replies in its thread find the action.
    const linked = await eventually(async () => (await t.store.get(t.channel, 1))?.message ?? undefined);
    expect(linked).toEqual({ conversation: t.where.channel, id: '1700000000.000001' });
  });

  it('shows `<!channel>` and a mention typed as text in a task escaped, so they ping nobody', async () => {
    // Slack escapes what a user types: `<@U0BOSS>` typed by hand arrives as `&lt;@U0BOSS&gt;`.
    await t.send(
      slashCommand(
        t.where,
        'add <@U0SAM|sam> to tell <!channel> and <!here> and &lt;@U0BOSS&gt; about it',
        t.slack.responseUrl(),
      ),
    );
    const [post] = await t.slack.waitForCalls('chat.postMessage');
    const posted = JSON.stringify(post?.body);
    expect(posted).toContain('&lt;!channel&gt;');
    expect(posted).not.toContain('<!channel>');
    expect(posted).not.toContain('<!here>');
    expect(String(post?.body.text)).not.toContain('<!channel>');
    // The owner is the one intended mention; the typed mention stays text.
    expect(posted).toContain('<@U0SAM>');
    expect(posted).not.toContain('<@U0BOSS>');
  });

  it('keeps the people, channels, groups and links a task was written with live on the card', async () => {
    await t.send(
      slashCommand(
        t.where,
        'add <@U0SAM|sam> to ask <@U0ANA|ana> and <!subteam^S0DESIGN|@design> in <#C0PLANS|plans> ' +
          'about <https://example.org/report?a=1&amp;b=2|the report>',
        t.slack.responseUrl(),
      ),
    );
    const [post] = await t.slack.waitForCalls('chat.postMessage');
    const text = shown(post?.body ?? {});
    expect(text).toContain(
      'ask <@U0ANA> and <!subteam^S0DESIGN> in <#C0PLANS> about <https://example.org/report?a=1&amp;b=2|the report>',
    );
    expect(text).not.toContain('&lt;');
    // Notifications show the same words without markup.
    expect(String(post?.body.text)).toContain('ask @ana and @design in #plans about the report (https://');
    // So do the list and matters arising.
    for (const asked of ['list', 'matters-arising']) {
      const { answer } = await command(asked);
      expect({
        asked,
        live: shown(answer).includes('ask <@U0ANA> and <!subteam^S0DESIGN> in <#C0PLANS>'),
      }).toEqual({
        asked,
        live: true,
      });
      t.slack.reset();
    }
  });

  it('refuses a date it cannot understand, quoting the words, and stores nothing', async () => {
    const before = await t.store.list(t.channel, 'all');
    const { answer } = await command('add <@U0PRIYA|priya> to send the data by 31 Febtober');
    expect(answer.response_type).toBe('ephemeral');
    expect(shown(answer)).toContain('31 Febtober');
    expect(t.slack.callsTo('chat.postMessage')).toHaveLength(0);
    expect(await t.store.list(t.channel, 'all')).toHaveLength(before.length);
  });

  it('refuses an impossible date (31 February) and stores nothing', async () => {
    const before = await t.store.list(t.channel, 'all');
    const { answer } = await command('add <@U0PRIYA|priya> to send the data by 31 February');
    expect(shown(answer)).toContain('31 February');
    expect(await t.store.list(t.channel, 'all')).toHaveLength(before.length);
  });
});

describe('a channel the bot cannot post in', () => {
  it('records the action and tells the user to invite the bot', async () => {
    t.slack.failMethod('chat.postMessage', 'not_in_channel');
    const { answer } = await command('add <@U0PRIYA|priya> to find the bot a seat');
    expect(answer.response_type).toBe('ephemeral');
    expect(shown(answer)).toMatch(/Recorded #\d+, but I couldn't post it in this channel/);
    const open = await t.store.list(t.channel, 'open');
    expect(open.find((a) => a.text === 'find the bot a seat')?.message).toBeNull();
  });
});

describe('answers for the whole channel', () => {
  it('posts them in the channel', async () => {
    await t.send(slashCommand(t.where, 'meeting next 13 Sep 2026 14:00', t.slack.responseUrl()));
    // The first to set the channel up becomes its chair, and the channel is told that first.
    const [chair, post] = await t.slack.waitForCalls('chat.postMessage', 2);
    expect(shown(chair?.body ?? {})).toContain('so they are now its chair');
    expect(post?.body.channel).toBe(t.where.channel);
    expect(shown(post?.body ?? {})).toContain('Next meeting');
  });

  it('shows them to the user, with the reason, where the bot cannot post', async () => {
    t.slack.failMethod('chat.postMessage', 'not_in_channel');
    const { answer } = await command('meeting next 13 Sep 2026 14:00');
    expect(answer.response_type).toBe('ephemeral');
    expect(shown(answer)).toContain('Arising is not a member of this channel');
    expect(shown(answer)).toContain('Next meeting');
  });
});

describe('/action list and help', () => {
  it('answers `list` only to the user who asked, listing the open actions', async () => {
    const { status, answer } = await command('list');
    expect(status).toBe(200);
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.replace_original).toBe(false);
    expect(shown(answer)).toContain('send the KSI data');
    expect(t.slack.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('answers `help` ephemerally with the command language', async () => {
    const { answer } = await command('help');
    expect(answer.response_type).toBe('ephemeral');
    expect(shown(answer)).toMatch(/add/);
  });

  it('explains a command it does not know instead of failing silently', async () => {
    const { answer } = await command('frobnicate 4');
    expect(answer.response_type).toBe('ephemeral');
    expect(shown(answer)).toContain('frobnicate');
  });
});

describe('owner aliases', () => {
  it('stores an alias owner as such, and the alias people may then close it', async () => {
    await t.send(
      slashCommand(t.where, 'add WYP to look into the HT and MS data by next Friday', t.slack.responseUrl()),
    );
    const [post] = await t.slack.waitForCalls('chat.postMessage');
    expect(shown(post?.body ?? {})).toContain('*WYP*');
    const all = await t.store.list(t.channel, 'open');
    const wyp = all.find((a) => a.text === 'look into the HT and MS data');
    expect(wyp?.owners).toEqual([{ kind: 'alias', name: 'WYP' }]);
    // "next Friday" from Wednesday 1 July: a Friday, whichever one the date rules pick.
    expect(new Date(`${wyp?.due?.date}T12:00:00Z`).getUTCDay()).toBe(5);

    t.slack.reset();
    const mapped = await command('owner WYP = <@U0RUSS|russ> <@U0OZ|oz>');
    expect(mapped.answer.response_type).toBe('ephemeral');
    expect(await t.store.getAliases(t.channel)).toMatchObject({ WYP: ['U0RUSS', 'U0OZ'] });

    // Russ is one of WYP's people, so he may close the action (he neither raised it nor chairs).
    t.slack.reset();
    await t.send(slashCommand({ ...t.where, user: 'U0RUSS' }, `done ${wyp?.number}`, t.slack.responseUrl()));
    await t.slack.waitForCalls('chat.update');
    expect((await t.store.get(t.channel, wyp?.number ?? 0))?.state).toBe('done');
  });
});
