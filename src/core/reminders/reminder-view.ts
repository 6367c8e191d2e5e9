/**
 * The direct message that reminds an owner of one action: what it is, its meeting, its due date and how
 * late it is, with Done and Snooze buttons. Once the action is closed or dropped the same message is
 * updated to say so, without buttons, so an old reminder never invites work that is finished.
 */
import { traitsOf } from '../conversation/platform-traits';
import type { Action, Owner } from '../domain';
import { formatDue, formatLocalDate, overdueDays } from '../format-date';
import { type Block, type Button, type Span, text, type View } from '../view';
import { dueLabel, noteSpans, ownerSpans, personSpan, taskSpans, taskWords } from '../views/action-card';
import { actionButtonValue } from '../views/button-value';
import { localDateOf, localTimeOf } from '../working-days';

export interface ReminderViewContext {
  now: Date;
  timezone: string;
  /** Title of the meeting the action belongs to, when known. */
  meetingTitle: string | null;
  /** The channel's next meeting (local `YYYY-MM-DD[THH:mm]`): offers "until next meeting" when set. */
  nextMeeting: string | null;
  /** A heading that replaces the usual one (the matters-arising nudge). */
  heading?: string;
  /**
   * Whether this service sends mail (SMTP_URL): an email owner named in the channel was then refused by
   * the mail server; otherwise mail is not set up. The channel post says which.
   */
  mailing?: boolean;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "is due Fri 31 Jul", "is due today", "is overdue by 3 days": what the owner needs to know first. */
export function reminderHeading(action: Action, ctx: ReminderViewContext): string {
  const label = `#${action.number}`;
  if (action.state === 'done') return `✅ ${label} is done`;
  if (action.state === 'dropped') return `🚫 ${label} was dropped`;
  if (ctx.heading) return ctx.heading;
  const due = action.due;
  if (!due) {
    return ctx.nextMeeting
      ? `⏰ ${label} has no due date; the next meeting is ${formatLocalDate(ctx.nextMeeting)}`
      : `⏰ ${label} has no due date`;
  }
  const late = overdueDays(due, ctx.now, ctx.timezone);
  if (late > 0) return `⚠️ ${label} is overdue by ${plural(late, 'day')}`;
  if (Date.parse(due.at) < ctx.now.getTime()) {
    const time = due.time === null ? '' : ` at ${localTimeOf(new Date(due.at), ctx.timezone)}`;
    return `⚠️ ${label} was due today${time}`;
  }
  const today = localDateOf(ctx.now, ctx.timezone) === localDateOf(new Date(due.at), ctx.timezone);
  return today ? `⏰ ${label} is due today` : `⏰ ${label} is due ${formatDue(due, ctx)}`;
}

function reminderButtons(action: Action, ctx: ReminderViewContext): Block {
  const value = actionButtonValue(action.channel, action.number);
  const buttons: Button[] = [
    { id: 'done', label: 'Done', value, style: 'primary' },
    { id: 'snooze-1d', label: 'Snooze 1 day', value },
    { id: 'snooze-1w', label: 'Snooze 1 week', value },
  ];
  if (ctx.nextMeeting) buttons.push({ id: 'snooze-meeting', label: 'Until next meeting', value });
  return { kind: 'buttons', buttons };
}

function closedSpans(action: Action): Span[] {
  if (!action.closedBy) return [];
  const spans: Span[] = [
    text(action.state === 'done' ? 'Closed by ' : 'Dropped by '),
    personSpan(action.closedBy),
  ];
  if (action.closeNote) spans.push(text(': '), ...noteSpans(action, action.closeNote));
  return spans;
}

export function reminderView(action: Action, ctx: ReminderViewContext): View {
  const open = action.state === 'open';
  const heading = reminderHeading(action, ctx);
  const fields: { label: string; spans: Span[] }[] = [
    { label: action.owners.length > 1 ? 'Owners' : 'Owner', spans: ownerSpans(action.owners) },
    { label: 'Due', spans: [text(dueLabel(action, ctx))] },
  ];
  if (ctx.meetingTitle) fields.push({ label: 'Meeting', spans: [text(ctx.meetingTitle)] });
  const blocks: Block[] = [
    {
      kind: 'section',
      spans: [text(heading, { bold: true }), text('\n'), ...taskSpans(action, { strike: !open })],
    },
    { kind: 'fields', fields },
  ];
  if (open) {
    blocks.push({
      kind: 'context',
      spans: [text('Reply `done` here to close it; any other reply is kept as a progress note.')],
    });
    blocks.push(reminderButtons(action, ctx));
  } else {
    const closed = closedSpans(action);
    if (closed.length > 0) blocks.push({ kind: 'context', spans: closed });
  }
  // The reminder in a direct message is linked to its action (deliver-reminder's linkDm).
  return { text: `${heading}: ${taskWords(action)}`, blocks, takesReplies: true };
}

/**
 * What a reminder mail says besides the action (src/core/mail/action-mail.ts): the same heading, due date
 * and meeting as the DM, so a reminder reads alike in chat and by email.
 */
export function reminderMailWords(
  action: Action,
  ctx: ReminderViewContext,
): { lead: string; due: string; meetingTitle: string | null } {
  return { lead: reminderHeading(action, ctx), due: dueLabel(action, ctx), meetingTitle: ctx.meetingTitle };
}

/** Why an email owner is named in the channel: the server refused the mail, or there is no mail at all. */
function emailHint(addresses: string[], mailing: boolean): string {
  const list = addresses.join(', ');
  return mailing
    ? ` The mail server refused the mail to ${list}: check the address.`
    : ` Email reminders are not set up here (SMTP_URL and MAIL_FROM), so ${list} heard nothing from Arising.`;
}

/**
 * The channel post for owners Arising could not message directly (an alias mapped to nobody, a user the
 * platform would not let it DM): names them, says what is due, and how to fix it for next time.
 */
export function unreachableOwnersView(action: Action, owners: Owner[], ctx: ReminderViewContext): View {
  const heading = reminderHeading(action, ctx);
  const aliases = owners.flatMap((o) => (o.kind === 'alias' ? [o.name] : []));
  const people = owners.some((o) => o.kind === 'user');
  const addresses = owners.flatMap((o) => (o.kind === 'email' ? [o.address] : []));
  const hint = [
    aliases.length > 0
      ? ` Map ${aliases.join(', ')} to people with \`owner ${aliases[0]} = @someone\` so they are messaged directly.`
      : '',
    people ? traitsOf(action.channel.platform).personalInstallHint : '',
    addresses.length > 0 ? emailHint(addresses, ctx.mailing === true) : '',
  ].join('');
  const spans: Span[] = [
    text(heading, { bold: true }),
    text('\n'),
    ...taskSpans(action),
    text('\nReminder for '),
    ...ownerSpans(owners),
    text(` (I could not message ${owners.length === 1 ? 'them' : 'them all'} directly).${hint}`),
  ];
  const blocks: Block[] = [
    { kind: 'section', spans },
    { kind: 'fields', fields: [{ label: 'Due', spans: [text(dueLabel(action, ctx))] }] },
  ];
  if (action.state === 'open') blocks.push(reminderButtons(action, ctx));
  return { text: `${heading}: ${taskWords(action)}`, blocks };
}
