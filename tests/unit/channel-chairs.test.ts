/**
 * Who runs a channel, against the core service and the in-memory store: once a channel has chairs, only
 * they change its chairs, aliases, settings and meetings, so mapping an alias to yourself is no way to
 * close its actions; in a channel without chairs, whoever first sets it up becomes its chair, and the
 * channel is told.
 */
import type { ButtonId } from '../../src/core/view';
import { type CoreHarness, coreHarness, must, replyText, viewText } from '../support/core-harness';

const CHRIS = 'U_CHRIS';
const RUSS = 'U_RUSS';
const MALLORY = 'U_MALLORY';
const SAM = 'U_SAM';

let h: CoreHarness;
beforeEach(() => {
  h = coreHarness(new Date('2026-11-18T10:00:00Z')); // a Wednesday
});

const say = (userId: string, text: string) => h.service.command(h.as(userId), text);

/** Everything a reply shows (its blocks, where mentions are), or '' when it shows nothing. */
function shown(reply: Awaited<ReturnType<typeof say>> | null): string {
  return reply && (reply.kind === 'ephemeral' || reply.kind === 'channel') ? viewText(reply.view) : '';
}

/** What was posted in the channel (not cards), as the blocks show it. */
const channelPosts = () =>
  h.messenger.posts.filter((p) => p.to.kind === 'channel').map((p) => viewText(p.view));

describe('a channel with chairs', () => {
  beforeEach(async () => {
    await say(CHRIS, `settings chairs <@${CHRIS}>`);
    await say(CHRIS, `owner WYP = <@${RUSS}>`);
    await say(CHRIS, 'add WYP to send the KSI data by 20 November');
    h.messenger.posts.length = 0;
  });

  it("refuses a non-chair's `owner WYP = @me`, naming the chairs, so they still cannot close WYP's action", async () => {
    const refused = await say(MALLORY, `owner WYP = <@${MALLORY}>`);
    expect(replyText(refused)).toContain("Only this channel's chairs can change its aliases");
    expect(shown(refused)).toContain(`"id":"${CHRIS}"`);
    expect(await h.store.getAliases(h.channel)).toEqual({ WYP: [RUSS] });

    expect(replyText(await say(MALLORY, 'done 1'))).toContain("You can't close #1");
    const value = JSON.stringify({ c: h.channel, n: 1 });
    const pressed = await h.service.button(h.as(MALLORY), 'done' satisfies ButtonId, value);
    expect(replyText(pressed)).toContain("You can't close #1");
    const card = must((await h.store.get(h.channel, 1))?.message, 'the card message');
    expect(replyText(await h.service.threadReply(h.as(MALLORY), card, 'done'))).toContain(
      "You can't close #1",
    );
    expect((await h.store.get(h.channel, 1))?.state).toBe('open');

    // WYP's own person still may: the refusals above are the permission, not a broken path.
    expect(replyText(await h.service.threadReply(h.as(RUSS), card, 'done'))).toContain('Closed #1');
  });

  it("refuses a non-chair's removal of an alias, so its people keep its reminders", async () => {
    expect(replyText(await say(MALLORY, 'owner WYP ='))).toContain("Only this channel's chairs");
    expect(await h.store.getAliases(h.channel)).toEqual({ WYP: [RUSS] });
  });

  it.each([
    [`settings chairs <@${MALLORY}>`, 'change its chairs'],
    ['settings chairs none', 'change its chairs'],
    ['settings timezone America/New_York', 'change its settings'],
    ['settings digest off', 'change its settings'],
    ['meeting next 2 December 2026', 'change its meetings'],
    ['meeting Board meeting on 18 November 2026', 'change its meetings'],
  ])('refuses a non-chair’s "%s" and changes nothing', async (text, change) => {
    const settings = await h.store.getSettings(h.channel);
    const meetings = await h.store.getMeetings(h.channel);
    const refused = await say(MALLORY, text);
    expect(replyText(refused)).toContain(`Only this channel's chairs can ${change}`);
    expect(await h.store.getSettings(h.channel)).toEqual(settings);
    expect(await h.store.getMeetings(h.channel)).toEqual(meetings);
    expect(h.messenger.posts).toEqual([]);
  });

  it('still shows everyone the aliases, settings and meetings', async () => {
    expect(shown(await say(MALLORY, 'owner list'))).toContain(`"id":"${RUSS}"`);
    expect(shown(await say(MALLORY, 'settings'))).toContain(`"id":"${CHRIS}"`);
    expect(replyText(await say(MALLORY, 'meeting'))).toContain('No meeting has been started');
  });

  it('lets a chair map an alias, and hand the chair over, telling the channel', async () => {
    expect(replyText(await say(CHRIS, `owner DMPC = <@${SAM}>`))).toContain('DMPC now maps to 1 person');
    await say(CHRIS, `settings chairs <@${SAM}>`);
    expect((await h.store.getSettings(h.channel)).chairs).toEqual([SAM]);
    expect(channelPosts()).toEqual([expect.stringMatching(/made .*U_SAM.* this channel's chair\./)]);
    expect(replyText(await say(CHRIS, 'owner DMPC ='))).toContain("Only this channel's chairs");
  });
});

describe('a channel without chairs', () => {
  it('makes whoever first maps an alias its chair, tells the channel, and refuses the next person', async () => {
    expect(replyText(await say(SAM, `owner WYP = <@${RUSS}>`))).toContain('WYP now maps to 1 person');
    expect((await h.store.getSettings(h.channel)).chairs).toEqual([SAM]);
    const [announced] = channelPosts();
    expect(announced).toContain(`"id":"${SAM}"`);
    expect(announced).toContain('so they are now its chair');

    expect(replyText(await say(MALLORY, `owner WYP = <@${MALLORY}>`))).toContain(
      "Only this channel's chairs",
    );
    expect(replyText(await say(MALLORY, `settings chairs <@${MALLORY}>`))).toContain(
      "Only this channel's chairs",
    );
    expect(await h.store.getAliases(h.channel)).toEqual({ WYP: [RUSS] });
  });

  it.each([
    'settings timezone America/New_York',
    'meeting next 2 December 2026',
    'meeting Board meeting on 18 November 2026',
  ])('makes whoever first runs "%s" its chair', async (text) => {
    await say(SAM, text);
    expect((await h.store.getSettings(h.channel)).chairs).toEqual([SAM]);
    expect(channelPosts().join()).toContain('so they are now its chair');
  });

  it('claims nothing for a mistyped first setting', async () => {
    expect(replyText(await say(SAM, 'settings timezone Mars/Olympus_Mons'))).toContain('not a time zone');
    expect(replyText(await say(SAM, 'meeting next 31 February'))).toMatch(/31 February/);
    expect((await h.store.getSettings(h.channel)).chairs).toEqual([]);
    expect(h.messenger.posts).toEqual([]);
  });

  it('takes the chairs named by the first `settings chairs`, who then run it alone', async () => {
    await say(SAM, `settings chairs <@${CHRIS}>`);
    expect((await h.store.getSettings(h.channel)).chairs).toEqual([CHRIS]);
    expect(channelPosts()).toEqual([expect.stringMatching(/made .*U_CHRIS.* this channel's chair\./)]);
    expect(replyText(await say(SAM, `owner WYP = <@${SAM}>`))).toContain("Only this channel's chairs");
  });

  it('opens again when the chairs remove themselves, and the next to set it up takes the chair', async () => {
    await say(CHRIS, `settings chairs <@${CHRIS}>`);
    await say(CHRIS, 'settings chairs none');
    expect(channelPosts().at(-1)).toContain("removed this channel's chairs");
    await say(SAM, `owner WYP = <@${RUSS}>`);
    expect((await h.store.getSettings(h.channel)).chairs).toEqual([SAM]);
  });
});
