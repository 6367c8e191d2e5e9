/**
 * The mail an owner outside the chat gets about one action: a reminder, or (with another lead line) a
 * check-in before the meeting. One template for both, plain text and HTML, so that every mail about an
 * action reads the same: the lead line, the task, its owners, due date, channel and meeting, then what
 * to do (the action's page, or, without one, where to answer).
 *
 * Everything a user typed (the task, names, the meeting's title) is escaped in the HTML part; the task's
 * mentions and links (text-entities.ts) become names and real links, links only for http(s) and mailto
 * URLs. The Message-ID is derived from the send's key, so a mail sent again after a crash is the same mail.
 */

import { createHash } from 'node:crypto';
import { type Action, type ChannelRef, channelId, type Owner } from '../domain';
import { escapeHtml } from '../html-escape';
import { entityWords, parseEntities, type TextEntity } from '../text-entities';
import { withoutBidiControls } from '../text-limits';
import type { OutgoingMail } from './mailer';

export interface ActionMailInput {
  action: Action;
  /** The address it goes to. */
  to: string;
  /** The first line, which says why the mail came: "⏰ #3 is due Fri 8 Mar", a check-in's question. */
  lead: string;
  /** The channel as its people know it (`#committee on Slack`): channelWords. */
  channel: string;
  /** The meeting the action came from, when known. */
  meetingTitle: string | null;
  /** The due date as shown in the channel (dueLabel). */
  due: string;
  /** The action's page for this address (PUBLIC_URL/a/<token>), or null without a public URL. */
  link: string | null;
  /** The send's key: the Message-ID is made from it. */
  key: string;
  /** The domain of MAIL_FROM, which ends the Message-ID. */
  fromDomain: string;
  /** Display names of the users the task and its owners mention (id to name), where known. */
  people: ReadonlyMap<string, string>;
}

/** The mail's parts before rendering: runs of text and links, so both renderings say the same. */
type Piece = { text: string } | { text: string; href: string };

const PLATFORM_NAMES: Record<ChannelRef['platform'], string> = {
  slack: 'Slack',
  teams: 'Microsoft Teams',
  console: 'the Arising console',
};

/**
 * The channel in the mail: `#committee on Slack` where its name is known, else the platform's words
 * (`a Slack channel`). The console's channel ids are its names.
 */
export function channelWords(channel: ChannelRef, name: string | null): string {
  const known = name ?? (channel.platform === 'console' ? channel.channel : null);
  const platform = PLATFORM_NAMES[channel.platform];
  if (known) return `#${known.replace(/^#/, '')} on ${platform}`;
  return channel.platform === 'console' ? 'a channel of the Arising console' : `a ${platform} channel`;
}

/** `<arising.<hash>@domain>`: the same for every attempt of the send with this key. */
export function mailMessageId(key: string, fromDomain: string): string {
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 32);
  return `<arising.${hash}@${fromDomain}>`;
}

/**
 * The lead line of a check-in by email (the same template as a reminder's, src/core/mail/action-mail-send.ts
 * sends it): `meeting` is the next meeting as shown (formatLocalDate), or null when none is set.
 */
export function checkInMailLead(number: number, meeting: string | null): string {
  const when = meeting ? `Before the meeting on ${meeting}` : 'Before the next meeting';
  return `📝 ${when}: how is #${number} going?`;
}

/** The users' ids a task mentions and the user owners: whose names the mail needs. */
export function mentionedUsers(action: Action): string[] {
  const ids = new Set<string>();
  for (const e of parseEntities(action.text, action.channel.platform)) if (e.kind === 'user') ids.add(e.id);
  for (const o of action.owners) if (o.kind === 'user') ids.add(o.id);
  return [...ids];
}

/** A user by name where known, else by the label the platform wrote, else by id. */
function personName(id: string, label: string | null, people: ReadonlyMap<string, string>): string {
  const name = people.get(id) ?? label?.replace(/^@/, '') ?? id;
  return withoutBidiControls(name);
}

function taskPieces(action: Action, people: ReadonlyMap<string, string>): Piece[] {
  return parseEntities(action.text, action.channel.platform).map((e: TextEntity): Piece => {
    if (e.kind === 'user') return { text: `@${personName(e.id, e.label, people)}` };
    if (e.kind === 'link') return { text: e.label ?? e.url, href: e.url };
    return { text: withoutBidiControls(entityWords(e)) };
  });
}

function ownerWords(owners: readonly Owner[], people: ReadonlyMap<string, string>): string {
  const names = owners.map((o) => {
    if (o.kind === 'user') return personName(o.id, null, people);
    return o.kind === 'email' ? o.address : withoutBidiControls(o.name);
  });
  if (names.length === 0) return 'nobody yet';
  return names.length === 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** The facts below the task, label and value, in the order shown. */
function factLines(input: ActionMailInput): [string, string][] {
  const owners = input.action.owners;
  const lines: [string, string][] = [
    [owners.length > 1 ? 'Owners' : 'Owner', ownerWords(owners, input.people)],
    ['Due', input.due],
    ['Channel', input.channel],
  ];
  if (input.meetingTitle) lines.push(['Meeting', withoutBidiControls(input.meetingTitle)]);
  return lines;
}

/** What to do next: the page, or where to answer without one. */
function answerPieces(input: ActionMailInput): Piece[] {
  const number = `#${input.action.number}`;
  if (input.link) {
    return [
      {
        text: `Mark ${number} done, add a progress note or give a new date on its page (no account needed): `,
      },
      { text: input.link, href: input.link },
    ];
  }
  return [
    {
      text:
        `Replies to this email are not read. To answer, reply in ${input.channel}, ` +
        `or ask someone there to update ${number}.`,
    },
  ];
}

function footer(input: ActionMailInput): string {
  return `You get this because you own action #${input.action.number} in ${input.channel}, tracked with Arising.`;
}

function piecesText(pieces: Piece[]): string {
  return pieces.map((p) => ('href' in p && p.text !== p.href ? `${p.text} (${p.href})` : p.text)).join('');
}

function piecesHtml(pieces: Piece[]): string {
  return pieces
    .map((p) =>
      'href' in p ? `<a href="${escapeHtml(p.href)}">${escapeHtml(p.text)}</a>` : escapeHtml(p.text),
    )
    .join('');
}

/** The subject: the lead and the task's words, cut to a length mail clients show whole. */
function subjectOf(input: ActionMailInput, task: string): string {
  const whole = `${input.lead}: ${task}`.replace(/\s+/g, ' ');
  const chars = [...whole];
  return chars.length <= 120 ? whole : `${chars.slice(0, 119).join('')}…`;
}

/** The whole mail, ready for the Mailer. */
export function composeActionMail(input: ActionMailInput): OutgoingMail {
  const task = taskPieces(input.action, input.people);
  const facts = factLines(input);
  const answer = answerPieces(input);
  const text = [
    input.lead,
    '',
    piecesText(task),
    '',
    ...facts.map(([label, value]) => `${label}: ${value}`),
    '',
    piecesText(answer),
    '',
    '-- ',
    footer(input),
    '',
  ].join('\n');
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif;line-height:1.4">',
    `<p><strong>${escapeHtml(input.lead)}</strong></p>`,
    `<p>${piecesHtml(task)}</p>`,
    '<table role="presentation">',
    ...facts.map(([label, value]) => `<tr><th align="left">${label}</th><td>${escapeHtml(value)}</td></tr>`),
    '</table>',
    `<p>${piecesHtml(answer)}</p>`,
    `<p style="color:#666;font-size:smaller">${escapeHtml(footer(input))}</p>`,
    '</body></html>',
  ].join('\n');
  return {
    to: input.to,
    subject: subjectOf(input, piecesText(task)),
    text,
    html,
    messageId: mailMessageId(input.key, input.fromDomain),
    headers: {
      // RFC 3834: no out-of-office answers to a reminder.
      'Auto-Submitted': 'auto-generated',
      'X-Arising-Action': `${channelId(input.action.channel)}#${input.action.number}`,
    },
  };
}
