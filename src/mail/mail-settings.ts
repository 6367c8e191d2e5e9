/**
 * SMTP_URL and MAIL_FROM, read and checked at start (src/config.ts calls this), so that a mistyped mail
 * set-up stops the process with a message naming the variable, rather than showing up days later as
 * reminders that never left.
 *
 * Both or neither: without them email owners are named in the channel as unreachable (the contract's
 * behaviour); with only one of them the admin plainly meant to send mail, so it is an error.
 */
import { parseEmailAddress } from '../core/email-address';

/** What the nodemailer adapter (src/mail/smtp-mailer.ts) needs. */
export interface MailSettings {
  /** SMTP_URL as given: `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…` (TLS at once). */
  smtpUrl: string;
  /** MAIL_FROM as given: `Arising <arising@example.org>` or a bare address. */
  from: string;
  /** The address part of MAIL_FROM: its domain ends each Message-ID. */
  fromAddress: string;
}

/** One bad variable: the shape src/config.ts's ConfigError lists. */
export interface MailProblem {
  variable: 'SMTP_URL' | 'MAIL_FROM';
  problem: string;
}

const SMTP_URL_FORM =
  'like smtp://user:password@mail.example.org:587 or smtps://user:password@mail.example.org';

/** What is wrong with SMTP_URL, or null when it is an smtp:// or smtps:// URL with a host. */
export function smtpUrlProblem(value: string): string | null {
  if (!URL.canParse(value)) return `is not a URL: write it ${SMTP_URL_FORM}`;
  const url = new URL(value);
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    return `must start with smtp:// or smtps:// (not ${url.protocol}//), ${SMTP_URL_FORM}`;
  }
  if (url.hostname === '') return `names no mail server: write it ${SMTP_URL_FORM}`;
  if (url.pathname !== '' && url.pathname !== '/') {
    return `has a path (${url.pathname}), which SMTP has no use for: write it ${SMTP_URL_FORM}`;
  }
  return null;
}

/** The address in MAIL_FROM (`Name <a@b.org>` or `a@b.org`), or null when there is none. */
export function fromAddressOf(value: string): string | null {
  const named = /^[^<>]*<([^<>]+)>$/.exec(value.trim());
  return parseEmailAddress((named?.[1] ?? value).trim());
}

/**
 * The mail settings, or null without SMTP_URL and MAIL_FROM; `problems` lists what is wrong (the caller
 * throws them as a ConfigError with the rest).
 */
export function mailSettingsOf(
  smtpUrl: string | undefined,
  from: string | undefined,
  problems: MailProblem[],
): MailSettings | null {
  if (smtpUrl === undefined && from === undefined) return null;
  if (smtpUrl === undefined) {
    problems.push({
      variable: 'SMTP_URL',
      problem: `is not set, but MAIL_FROM is: email reminders need both (or neither), SMTP_URL ${SMTP_URL_FORM}`,
    });
  }
  if (from === undefined) {
    problems.push({
      variable: 'MAIL_FROM',
      problem:
        'is not set, but SMTP_URL is: email reminders need both (or neither), MAIL_FROM like Arising <arising@example.org>',
    });
  }
  const urlProblem = smtpUrl === undefined ? null : smtpUrlProblem(smtpUrl);
  if (urlProblem !== null) problems.push({ variable: 'SMTP_URL', problem: urlProblem });
  const fromAddress = from === undefined ? null : fromAddressOf(from);
  if (from !== undefined && fromAddress === null) {
    problems.push({
      variable: 'MAIL_FROM',
      problem: 'must be an email address, like arising@example.org or Arising <arising@example.org>',
    });
  }
  if (smtpUrl === undefined || from === undefined || urlProblem !== null || fromAddress === null) return null;
  return { smtpUrl, from, fromAddress };
}
