/**
 * The message that shows one action in its channel: number, owners, task, due date, who raised it, its
 * state, and buttons while it is open. The same card is posted once and updated in place on every change.
 */
import type { Action, Owner } from '../domain';
import { isEmailPerson } from '../email-address';
import { formatDue, overdueDays } from '../format-date';
import { entitySpans, plainWords } from '../text-entities';
import { type Block, type Button, type Span, text, user, type View } from '../view';
import { actionButtonValue } from './button-value';
import { formatInstant } from './format-instant';

export interface CardContext {
  now: Date;
  timezone: string;
  /** Title of the meeting the action belongs to, when known. */
  meetingTitle?: string | null;
}

/** One owner as a span: a user as a mention, an alias as its name in bold, an email address as written. */
export function ownerSpan(owner: Owner): Span {
  if (owner.kind === 'user') return user(owner.id);
  if (owner.kind === 'email') return text(owner.address);
  return text(owner.name, { bold: true });
}

/**
 * Someone who acted (raised, closed, noted) as a span: a user as a mention, an email address (an owner
 * who answered on the action's page) as written, since no platform can mention it.
 */
export function personSpan(person: string): Span {
  return isEmailPerson(person) ? text(person) : user(person);
}

/** Owners as spans: users as mentions, aliases as their name, joined with commas. */
export function ownerSpans(owners: Owner[]): Span[] {
  const spans: Span[] = [];
  owners.forEach((o, i) => {
    if (i > 0) spans.push(text(i === owners.length - 1 ? ' and ' : ', '));
    spans.push(ownerSpan(o));
  });
  return spans.length > 0 ? spans : [text('nobody yet')];
}

/**
 * The task as spans: the mentions and links it was written with stay mentions and links (text-entities.ts),
 * and the rest is text. `strike` for a closed action.
 */
export function taskSpans(action: Action, style: { strike?: boolean } = {}): Span[] {
  return entitySpans(action.text, action.channel.platform, style);
}

/** The task as plain words (mentions as `@name`), for fallback texts and notifications. */
export function taskWords(action: Action): string {
  return plainWords(action.text, action.channel.platform);
}

/** `Fri 31 Jul`, with how late it is when overdue, or `no due date`. */
export function dueLabel(action: Action, ctx: CardContext): string {
  if (!action.due) return 'no due date';
  const when = formatDue(action.due, ctx);
  const late = action.state === 'open' ? overdueDays(action.due, ctx.now, ctx.timezone) : 0;
  const meeting = action.due.nextMeeting ? ' (next meeting)' : '';
  if (late > 0) return `${when}${meeting} · overdue by ${late} day${late === 1 ? '' : 's'}`;
  return `${when}${meeting}`;
}

export function stateLabel(action: Action): string {
  if (action.state === 'done') return '✅ Done';
  if (action.state === 'dropped') return '🚫 Dropped';
  return 'Open';
}

function closedLine(action: Action, ctx: CardContext): Span[] {
  if (action.state === 'open' || !action.closedBy) return [];
  const verb = action.state === 'done' ? 'Closed' : 'Dropped';
  const spans: Span[] = [text(`${verb} by `), personSpan(action.closedBy)];
  if (action.closedAt) spans.push(text(` on ${formatInstant(action.closedAt, ctx.timezone)}`));
  if (action.closeNote) spans.push(text(': '), ...noteSpans(action, action.closeNote));
  return spans;
}

/**
 * A progress or closing note as spans: like the task, it keeps the mentions and links it was written
 * with (`note 4 asked <@U2> for <https://…|the report>`), live on Slack and names elsewhere; a broadcast
 * in it stays text.
 */
export function noteSpans(action: Action, note: string): Span[] {
  return entitySpans(note, action.channel.platform);
}

function actionButtons(action: Action): Block {
  const value = actionButtonValue(action.channel, action.number);
  const buttons: Button[] = [
    { id: 'done', label: 'Done', value, style: 'primary' },
    { id: 'snooze', label: 'Snooze a week', value },
  ];
  const menu: Button[] = [
    { id: 'change-due', label: 'Change due date', value },
    { id: 'reassign', label: 'Reassign', value },
    { id: 'drop', label: 'Drop', value, style: 'danger' },
  ];
  return { kind: 'buttons', buttons, menu };
}

export function actionCard(action: Action, ctx: CardContext): View {
  const open = action.state === 'open';
  const blocks: Block[] = [
    {
      kind: 'section',
      spans: [text(`#${action.number} `, { bold: true }), ...taskSpans(action, { strike: !open })],
    },
    {
      kind: 'fields',
      fields: [
        { label: action.owners.length > 1 ? 'Owners' : 'Owner', spans: ownerSpans(action.owners) },
        { label: 'Due', spans: [text(dueLabel(action, ctx))] },
        { label: 'Raised by', spans: [personSpan(action.raisedBy)] },
        { label: 'Status', spans: [text(stateLabel(action))] },
      ],
    },
  ];
  const about: Span[] = [];
  if (ctx.meetingTitle) about.push(text(`Meeting: ${ctx.meetingTitle}`));
  if (action.agendaItem) {
    const item = `item ${action.agendaItem}${action.agendaTitle ? ` (${action.agendaTitle})` : ''}`;
    about.push(text(about.length > 0 ? ` · ${item}` : `Agenda ${item}`));
  }
  if (about.length > 0) blocks.push({ kind: 'context', spans: about });
  const closed = closedLine(action, ctx);
  if (closed.length > 0) blocks.push({ kind: 'context', spans: closed });
  const last = action.notes.at(-1);
  if (last && open) {
    blocks.push({
      kind: 'context',
      spans: [
        text('Latest note from '),
        personSpan(last.by),
        text(` (${formatInstant(last.at, ctx.timezone)}): `),
        ...noteSpans(action, last.text),
      ],
    });
  }
  if (open) blocks.push(actionButtons(action));
  const due = action.due ? `, due ${formatDue(action.due, ctx)}` : '';
  const state = open ? '' : ` (${action.state === 'done' ? 'done' : 'dropped'})`;
  return { text: `Action #${action.number}${state}: ${taskWords(action)}${due}`, blocks, takesReplies: true };
}
