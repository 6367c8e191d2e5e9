/**
 * The Mailer port: sends one mail to one address. The nodemailer adapter (src/mail/smtp-mailer.ts) speaks
 * SMTP; tests use a real SMTP server on loopback through the same adapter.
 *
 * Its answer splits what a retry can mend from what it cannot, because reminders are jobs that are retried:
 * - resolved `accepted`: the server took the mail for delivery;
 * - resolved `refused`: a permanent (5xx) answer about this mail or address; retrying would be refused
 *   again, so the caller names the address as unreachable instead;
 * - thrown: anything else (server down, time-out, a 4xx "try later", a login refused), for the job to retry.
 */

/** One mail, written in full by the core (src/core/mail/action-mail.ts). */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /**
   * `<…@domain>`, the same for every attempt of one send, so that a mail sent twice after a crash is
   * recognisably the same mail (clients that drop duplicates by Message-ID show it once).
   */
  messageId: string;
  /** Extra headers, such as a List-ID-like tag saying which action and channel the mail is about. */
  headers: Record<string, string>;
}

export type MailAnswer =
  | { kind: 'accepted'; messageId: string }
  | { kind: 'refused'; code: number; response: string };

export interface Mailer {
  send(mail: OutgoingMail): Promise<MailAnswer>;
}
