/**
 * The mail an owner outside the chat gets, as a mail client shows it: composed by the core, sent by the
 * nodemailer adapter to a real SMTP server on loopback, parsed back with mailparser. Both parts say the
 * same; typed text is escaped in the HTML; mentions read as names and links are real; the action's page
 * is linked where there is one, and the mail says where to answer where there is none.
 */
import {
  type ActionMailInput,
  channelWords,
  checkInMailLead,
  composeActionMail,
} from '../../src/core/mail/action-mail';
import { unreachableOwnersView } from '../../src/core/reminders/reminder-view';
import { SmtpMailer } from '../../src/mail/smtp-mailer';
import { storedAction } from '../support/action-fixtures';
import { LoopbackSmtp, type ReceivedMail } from '../support/loopback-smtp';

let smtp: LoopbackSmtp;
let mailer: SmtpMailer;

beforeAll(async () => {
  smtp = await LoopbackSmtp.start();
  mailer = new SmtpMailer({
    smtpUrl: smtp.url,
    from: 'Arising <arising@example.org>',
    fromAddress: 'arising@example.org',
  });
});
afterAll(async () => {
  mailer.close();
  await smtp.stop();
});

const HOSTILE =
  'check <script>alert(1)</script> & "quotes" with <@U_SAM> per <https://example.org/a?b=1&c=2|the brief>';

function input(over: Partial<ActionMailInput> = {}): ActionMailInput {
  const action = storedAction({
    number: 7,
    text: HOSTILE,
    owners: [
      { kind: 'email', address: 'data@wyp.example.org' },
      { kind: 'user', id: 'U_PRIYA' },
    ],
  });
  return {
    action,
    to: 'data@wyp.example.org',
    lead: '⏰ #7 is due Fri 31 Jul',
    channel: channelWords(action.channel, 'committee'),
    meetingTitle: 'Parks <committee> 1 July',
    due: 'Fri 31 Jul',
    link: 'https://arising.example.org/a/tok3n',
    key: `reminder-sent:rem-abc-7-1:mail:data@wyp.example.org`,
    fromDomain: 'example.org',
    people: new Map([
      ['U_SAM', 'Sam Smith'],
      ['U_PRIYA', 'Priya Patel'],
    ]),
    ...over,
  };
}

async function sendAndReceive(mail: ActionMailInput): Promise<ReceivedMail> {
  const before = smtp.received.length;
  const answer = await mailer.send(composeActionMail(mail));
  expect(answer.kind).toBe('accepted');
  const received = smtp.received[before];
  if (!received) throw new Error('no mail arrived');
  return received;
}

describe('a reminder mail', () => {
  it('has a plain-text and an HTML part that both name the action, channel, meeting and the page', async () => {
    const mail = await sendAndReceive(input());
    expect(mail.envelopeTo).toEqual(['data@wyp.example.org']);
    expect(mail.parsed.from?.value).toEqual([{ name: 'Arising', address: 'arising@example.org' }]);
    expect(mail.subject).toContain('#7 is due Fri 31 Jul');
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain('#7 is due Fri 31 Jul');
      expect(part).toContain('#committee on Slack');
      expect(part).toContain('Fri 31 Jul');
      expect(part).toContain('https://arising.example.org/a/tok3n');
    }
    expect(mail.text).toContain('Meeting: Parks <committee> 1 July');
    expect(mail.text).toContain('Owners: data@wyp.example.org and Priya Patel');
    expect(mail.html).toContain('<a href="https://arising.example.org/a/tok3n">');
    expect(mail.parsed.headers.get('auto-submitted')).toBe('auto-generated');
  });

  it('escapes what users typed in the HTML part, shows mentions as names and links as links', async () => {
    const mail = await sendAndReceive(input());
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(mail.html).toContain('Parks &lt;committee&gt; 1 July');
    expect(mail.html).toContain('@Sam Smith');
    expect(mail.html).toContain('<a href="https://example.org/a?b=1&amp;c=2">the brief</a>');
    expect(mail.text).toContain('check <script>alert(1)</script> & "quotes" with @Sam Smith');
    expect(mail.text).toContain('the brief (https://example.org/a?b=1&c=2)');
    expect(mail.text).not.toContain('U_SAM');
  });

  it('says to answer in the channel when there is no page to link to', async () => {
    const mail = await sendAndReceive(input({ link: null }));
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain('reply in #committee on Slack');
      expect(part).not.toContain('/a/');
    }
  });

  it('names the channel by its platform where its name is unknown', () => {
    const { action } = input();
    expect(channelWords(action.channel, null)).toBe('a Slack channel');
    expect(channelWords({ ...action.channel, platform: 'teams' }, null)).toBe('a Microsoft Teams channel');
    expect(channelWords({ platform: 'console', team: 'demo', channel: 'committee' }, null)).toBe(
      '#committee on the Arising console',
    );
  });

  it('has the same Message-ID for the same send key, and another for another', async () => {
    const first = composeActionMail(input());
    expect(first.messageId).toMatch(/^<arising\.[0-9a-f]{32}@example\.org>$/);
    expect(composeActionMail(input()).messageId).toBe(first.messageId);
    expect(composeActionMail(input({ key: 'reminder-sent:other' })).messageId).not.toBe(first.messageId);
    const mail = await sendAndReceive(input());
    expect(mail.messageId).toBe(first.messageId);
  });

  it('is refused, not thrown, when the server answers 550 for the address', async () => {
    smtp.refuse('gone@wyp.example.org');
    const answer = await mailer.send(composeActionMail(input({ to: 'gone@wyp.example.org' })));
    expect(answer).toMatchObject({ kind: 'refused', code: 550 });
  });

  it('throws on a 451 "try later", for the job to retry', async () => {
    smtp.deferNext(1);
    await expect(mailer.send(composeActionMail(input()))).rejects.toMatchObject({ responseCode: 451 });
    expect((await mailer.send(composeActionMail(input()))).kind).toBe('accepted');
  });
});

describe('a check-in mail', () => {
  it('is the same template with its own lead line', async () => {
    const lead = checkInMailLead(7, 'Tue 4 Aug');
    const mail = await sendAndReceive(input({ lead, key: 'checkin:abc:mail:data@wyp.example.org' }));
    expect(mail.subject).toContain('📝 Before the meeting on Tue 4 Aug: how is #7 going?');
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain('how is #7 going?');
      expect(part).toContain('#committee on Slack');
      expect(part).toContain('https://arising.example.org/a/tok3n');
    }
    expect(checkInMailLead(7, null)).toBe('📝 Before the next meeting: how is #7 going?');
  });
});

describe('an email owner named in the channel', () => {
  const owner = { kind: 'email' as const, address: 'gone@wyp.example.org' };
  const ctx = {
    now: new Date('2026-07-01T09:00:00Z'),
    timezone: 'Europe/London',
    meetingTitle: null,
    nextMeeting: null,
  };

  it('says the mail server refused the mail when mail is set up', () => {
    const shown = JSON.stringify(unreachableOwnersView(storedAction(), [owner], { ...ctx, mailing: true }));
    expect(shown).toContain('gone@wyp.example.org');
    expect(shown).toContain('The mail server refused the mail to gone@wyp.example.org: check the address.');
  });

  it('says email reminders are not set up when there is no mail', () => {
    const shown = JSON.stringify(unreachableOwnersView(storedAction(), [owner], ctx));
    expect(shown).toContain('Email reminders are not set up here (SMTP_URL and MAIL_FROM)');
  });
});
