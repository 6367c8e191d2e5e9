/**
 * Mail for owners outside the chat, for the composition root: with SMTP_URL and MAIL_FROM, the nodemailer
 * adapter and what the mails show (the action's page link, people's names); without them, no mailer, and
 * email owners are named in the channel as unreachable (the contract's behaviour). One log line says which.
 */
import type { ActionPageLinks } from '../core/action-page-links';
import type { ConversationReferenceStore } from '../core/conversation-reference-store';
import type { ChannelRef } from '../core/domain';
import type { Logger } from '../core/logger';
import type { ActionMailer, MailNames } from '../core/mail/action-mail-send';
import type { MailSettings } from '../mail/mail-settings';
import { SmtpMailer } from '../mail/smtp-mailer';

/** No page to link to (the action pages are not served here): the mail says to answer in the channel. */
export const NO_PAGE_LINKS: ActionPageLinks = { linkFor: async () => null };

/**
 * The names a mail can show: Teams keeps the display names of the people it has seen (per tenant, the
 * channel's team); Slack names its channels when asked (`slackChannel`, conversations.info) but not its
 * people (no users:read); the console's ids are its names already.
 */
export function mailNames(
  references: ConversationReferenceStore,
  slackChannel?: (channel: ChannelRef) => Promise<string | null>,
): MailNames {
  return {
    people: (channel, ids) =>
      channel.platform === 'teams' ? references.names(channel.team, ids) : Promise.resolve(new Map()),
    channel: async (channel) => (channel.platform === 'slack' && slackChannel ? slackChannel(channel) : null),
  };
}

/** The mail server as the log may show it: host and port, never the login in SMTP_URL. */
export function describeSmtp(settings: MailSettings): string {
  const url = new URL(settings.smtpUrl);
  const port = url.port || (url.protocol === 'smtps:' ? '465' : '587');
  return `${url.protocol}//${url.hostname}:${port}`;
}

export interface MailParts {
  mail: ActionMailer | null;
  close(): void;
}

export function mailParts(
  settings: MailSettings | null | undefined,
  links: ActionPageLinks,
  names: MailNames,
  logger: Logger,
): MailParts {
  if (!settings) {
    logger.info('Mail disabled: SMTP_URL and MAIL_FROM are not set; email owners are named in the channel');
    return { mail: null, close: () => undefined };
  }
  const mailer = new SmtpMailer(settings);
  const fromDomain = settings.fromAddress.slice(settings.fromAddress.lastIndexOf('@') + 1);
  logger.info(
    `Mail: reminders to email owners go through ${describeSmtp(settings)} from ${settings.fromAddress}`,
  );
  return { mail: { mailer, links, fromDomain, names }, close: () => mailer.close() };
}
