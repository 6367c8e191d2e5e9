/**
 * The Mailer port over SMTP with nodemailer: one connection per mail (reminders come in bursts spread
 * over the day, and a pool's idle connections are what SMTP servers drop first), with time-outs on every
 * step, so that a server that accepts the connection and then says nothing cannot hold a reminder job
 * (and its lease) for nodemailer's default of minutes.
 *
 * Answers are sorted as the port asks: a 5xx is `refused` (permanent: the address or the mail is not
 * wanted, and asking again will not change that); a 4xx, a refused login (the admin's to fix, after which
 * the retry sends it), a time-out or a closed connection is thrown, for the job to retry.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { MailAnswer, Mailer, OutgoingMail } from '../core/mail/mailer';
import type { MailSettings } from './mail-settings';

/** How long each step may take before the mail is given up for this attempt (ms). */
export interface SmtpTimeouts {
  /** Opening the TCP (or TLS) connection. */
  connection: number;
  /** The server's greeting once connected. */
  greeting: number;
  /** Silence on the connection at any later step. */
  socket: number;
}

export const DEFAULT_SMTP_TIMEOUTS: SmtpTimeouts = { connection: 10_000, greeting: 10_000, socket: 30_000 };

/** What nodemailer's errors carry that tells a permanent refusal from a passing one. */
interface SmtpError {
  code?: unknown;
  responseCode?: unknown;
  response?: unknown;
}

/** A 5xx answer other than to the login: the port's `refused`. */
export function permanentRefusal(error: unknown): { code: number; response: string } | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, responseCode, response } = error as SmtpError;
  if (code === 'EAUTH' || typeof responseCode !== 'number') return null;
  if (responseCode < 500 || responseCode >= 600) return null;
  return { code: responseCode, response: typeof response === 'string' ? response : String(responseCode) };
}

export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(
    private readonly settings: MailSettings,
    timeouts: SmtpTimeouts = DEFAULT_SMTP_TIMEOUTS,
  ) {
    this.transport = nodemailer.createTransport({
      url: settings.smtpUrl,
      connectionTimeout: timeouts.connection,
      greetingTimeout: timeouts.greeting,
      socketTimeout: timeouts.socket,
      // Never a DNS-timeout-length hang either: DNS gets the connection's budget.
      dnsTimeout: timeouts.connection,
    });
  }

  async send(mail: OutgoingMail): Promise<MailAnswer> {
    try {
      await this.transport.sendMail({
        from: this.settings.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        headers: mail.headers,
        // A plain MIME message; no tracking, no attachments, nothing fetched while building it.
        disableFileAccess: true,
        disableUrlAccess: true,
      });
    } catch (error) {
      const refused = permanentRefusal(error);
      if (refused) return { kind: 'refused', ...refused };
      throw error;
    }
    return { kind: 'accepted', messageId: mail.messageId };
  }

  close(): void {
    this.transport.close();
  }
}
