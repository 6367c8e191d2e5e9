/**
 * What a job test needs to send mail for real: a LoopbackSmtp server, the nodemailer adapter pointed at
 * it with short time-outs, and page links that name the action and address in a fake public URL.
 *
 *   const m = await loopbackMailer();          // beforeAll: startHarness({ mail: m.mail })
 *   m.smtp.mailsTo('data@wyp.example.org');
 *   await m.stop();                            // afterAll, after the harness
 */
import type { ActionPageLinks } from '../../src/core/action-page-links';
import type { ActionMailer } from '../../src/core/mail/action-mail-send';
import { SmtpMailer } from '../../src/mail/smtp-mailer';
import { LoopbackSmtp } from './loopback-smtp';

/** One URL per action and address, as the action pages give them, under a fake public URL. */
export const FAKE_PAGE_LINKS: ActionPageLinks = {
  linkFor: async (channel, number, address) =>
    `https://arising.example.org/a/${channel.channel}-${number}-${encodeURIComponent(address)}`,
};

export interface LoopbackMailer {
  smtp: LoopbackSmtp;
  mail: ActionMailer;
  stop(): Promise<void>;
}

export async function loopbackMailer(): Promise<LoopbackMailer> {
  const smtp = await LoopbackSmtp.start();
  const mailer = new SmtpMailer(
    { smtpUrl: smtp.url, from: 'Arising <arising@example.org>', fromAddress: 'arising@example.org' },
    { connection: 2000, greeting: 2000, socket: 5000 },
  );
  return {
    smtp,
    mail: { mailer, links: FAKE_PAGE_LINKS, fromDomain: 'example.org' },
    async stop() {
      mailer.close();
      await smtp.stop();
    },
  };
}
