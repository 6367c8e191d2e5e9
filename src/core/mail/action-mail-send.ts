/**
 * Sends one mail about an action to one address, once: the keyed two-phase send of src/core/delivery
 * (a short lease while sending, "sent" only after the SMTP server accepted it) with the Mailer as the
 * carrier. Reminders use it (src/core/reminders/deliver-reminder.ts); a check-in by email is the same
 * call with its own `what`, key and lead line.
 *
 * What is and is not guaranteed:
 * - A send recorded as sent is never sent again (a retried job, a second worker, a job run twice).
 * - SMTP down, a time-out or a 4xx: the send is given back and the error thrown, so the job is retried
 *   with backoff and the mail goes once the server answers.
 * - A 5xx: recorded as sent with no message, so it is not tried again; the caller names the address in
 *   the channel as unreachable (once: that post is a keyed send of its own).
 * - A crash after the server accepted the mail and before "sent" was recorded: SMTP offers no way to ask
 *   whether a mail arrived, so the retry sends it again. The copy has the same Message-ID (made from the
 *   key), which mail clients and stores that drop duplicates by Message-ID show once; others show two.
 *   At most two, and only for a crash in that instant (failpoint `<what>.after-post`).
 */
import type { ActionPageLinks } from '../action-page-links';
import { deliverOnce, type SendLedgerDeps, type SendOutcome } from '../delivery/send-once';
import type { Action, ChannelRef, MessageRef } from '../domain';
import { type ActionMailInput, channelWords, composeActionMail, mentionedUsers } from './action-mail';
import type { Mailer } from './mailer';

/** Names the mail shows instead of ids, where a platform can tell them; each may answer with none. */
export interface MailNames {
  /** Display names of these users (those unknown left out). */
  people(channel: ChannelRef, userIds: string[]): Promise<Map<string, string>>;
  /** The channel's name, or null when unknown. */
  channel(channel: ChannelRef): Promise<string | null>;
}

/** Email for owners outside the chat: given to the jobs only when SMTP_URL and MAIL_FROM are set. */
export interface ActionMailer {
  mailer: Mailer;
  /** The action's page for an address (PUBLIC_URL/a/<token>), or null without a public URL. */
  links: ActionPageLinks;
  /** The domain of MAIL_FROM, which ends each Message-ID. */
  fromDomain: string;
  names?: MailNames | undefined;
}

/** What a mail about this action says besides its lead line and address: read once for all its mails. */
export interface ActionMailFacts {
  action: Action;
  due: string;
  meetingTitle: string | null;
  channel: string;
  people: ReadonlyMap<string, string>;
}

/** Reads the channel's name and the mentioned people's names (failures leave ids and platform words). */
export async function actionMailFacts(
  mail: ActionMailer,
  action: Action,
  due: string,
  meetingTitle: string | null,
): Promise<ActionMailFacts> {
  const names = mail.names;
  const [name, people] = await Promise.all([
    names ? names.channel(action.channel).catch(() => null) : null,
    names ? names.people(action.channel, mentionedUsers(action)).catch(() => new Map()) : new Map(),
  ]);
  return { action, due, meetingTitle, channel: channelWords(action.channel, name), people };
}

export interface ActionMailSend {
  /** The kind, for failpoints (`mail.after-post`) and logs. */
  what: string;
  /** The send's key, unique per mail: the reminder's key and the address. */
  key: string;
  to: string;
  lead: string;
  facts: ActionMailFacts;
}

/** A 5xx answer, for the log: which address, what the server said. */
export interface MailRefusal {
  address: string;
  code: number;
  response: string;
}

/** The send key of the mail to `address` under a reminder's (or check-in's) key: case does not matter. */
export function mailKey(key: string, address: string): string {
  return `${key}:mail:${address.toLowerCase()}`;
}

/**
 * Sends the mail unless it was sent. The outcome's message is null when the server refused it for good
 * (`onRefused` hears why); it throws for anything a retry may mend.
 */
export async function sendActionMailOnce(
  deps: SendLedgerDeps & { mail: ActionMailer },
  send: ActionMailSend,
  onRefused: (refusal: MailRefusal) => void = () => undefined,
): Promise<SendOutcome> {
  const { mail, clock } = deps;
  const { action } = send.facts;
  return deliverOnce(deps, {
    what: send.what,
    key: send.key,
    deliver: async (): Promise<MessageRef | null> => {
      const link = await mail.links.linkFor(action.channel, action.number, send.to, clock.now());
      const input: ActionMailInput = {
        ...send.facts,
        to: send.to,
        lead: send.lead,
        link,
        key: send.key,
        fromDomain: mail.fromDomain,
      };
      const answer = await mail.mailer.send(composeActionMail(input));
      if (answer.kind === 'refused') {
        onRefused({ address: send.to, code: answer.code, response: answer.response });
        return null;
      }
      return { conversation: `mailto:${send.to}`, id: answer.messageId };
    },
  });
}
