/**
 * A new action entered in a form (Slack's "Track as action" modal, the global shortcut and `/action add`
 * alone; Teams' "Track as action" task module) rather than typed as `add …`. A form has a field for each
 * part, so nothing has to be read out of one line of words, but what each field may hold is the command's
 * rule: the owners are read by the owner grammar, the task is held to the command's length, and the due
 * date is read in the channel's zone, working days and all, as `by 2026-07-31 14:30` would be. A form
 * becomes the `add` command and runs on its path (same store, card, reminders and permission checks).
 *
 * Mistakes are found per field, so that a platform can show each one beside its field and keep the form
 * open (Slack's `response_action: errors`, a Teams task module shown again).
 */
import type { Command } from './command';
import { parseDue } from './due-date';
import { UserError } from './errors';
import { parseOwners } from './owners';
import type { ChannelContext } from './service-deps';
import { characterCount, formatCount, MAX_COMMAND_LENGTH, stripControlCharacters } from './text-limits';

/** What a form holds, as the platform read it; every string untrusted. */
export interface NewActionForm {
  task: string;
  /** Owners in the command language: mentions (`<@U1>`) and aliases, separated by commas. */
  owners: string;
  /** The picked day, `YYYY-MM-DD`, or null for no due date. */
  dueDate: string | null;
  /** The picked time, `HH:mm`, or null for the end of that working day. */
  dueTime: string | null;
  agendaItem: string | null;
}

/** The fields a mistake can be shown beside. */
export type FormField = 'task' | 'owners' | 'due' | 'item';

/** The mistake of each field that has one. */
export type FormErrors = Partial<Record<FormField, string>>;

/** An agenda item as the command language writes it after `item`: `5`, `5a`, `3.2`, `#4`. */
const AGENDA_ITEM = /^#?(\d{1,4}(?:\.\d{1,3})?[a-z]?)$/i;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_TIME = /^\d{2}:\d{2}$/;

/** Thrown when a form has mistakes; `errors` has one message per field. */
export class FormError extends UserError {
  constructor(readonly errors: FormErrors) {
    super('bad_command', Object.values(errors).join(' '));
    this.name = 'FormError';
  }
}

/**
 * The form as an `add` command, its due date already checked against the channel's clock (`now`, zone,
 * working days). Throws a FormError naming every field that is wrong.
 */
export function addCommandOf(
  form: NewActionForm,
  ctx: ChannelContext,
  now: Date,
): Extract<Command, { kind: 'add' }> {
  const errors: FormErrors = {};
  const task = readTask(form.task, errors);
  const owners = readOwners(form.owners, errors);
  const dueText = readDue(form, ctx, now, errors);
  const agendaItem = readItem(form.agendaItem, errors);
  if (Object.keys(errors).length > 0) throw new FormError(errors);
  return { kind: 'add', owners, text: task, dueText, textWithDue: task, agendaItem };
}

function readTask(raw: string, errors: FormErrors): string {
  const task = stripControlCharacters(raw).trim();
  if (task === '') {
    errors.task = 'Say what is to be done.';
    return task;
  }
  const length = characterCount(task);
  if (length > MAX_COMMAND_LENGTH) {
    errors.task =
      `The task is ${formatCount(length)} characters long; Arising takes at most ${formatCount(MAX_COMMAND_LENGTH)}. ` +
      'Shorten it, and add the detail as notes afterwards.';
  }
  return task;
}

function readOwners(raw: string, errors: FormErrors): ReturnType<typeof parseOwners> {
  try {
    const owners = parseOwners(stripControlCharacters(raw));
    if (owners.length === 0) errors.owners = 'Pick at least one person, or name an alias such as WYP.';
    return owners;
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    errors.owners = error.message;
    return [];
  }
}

/** The due phrase the command would have (`2026-07-31 14:30`), once the channel's clock accepts it. */
function readDue(form: NewActionForm, ctx: ChannelContext, now: Date, errors: FormErrors): string | null {
  const { dueDate, dueTime } = form;
  if (dueDate === null) {
    if (dueTime !== null) errors.due = 'Pick a day for that time, or clear the time.';
    return null;
  }
  if (!LOCAL_DATE.test(dueDate) || (dueTime !== null && !LOCAL_TIME.test(dueTime))) {
    errors.due = 'That is not a date Arising can read. Pick one from the calendar.';
    return null;
  }
  const phrase = dueTime === null ? dueDate : `${dueDate} ${dueTime}`;
  try {
    parseDue(phrase, {
      now,
      timezone: ctx.timezone,
      workdays: ctx.settings.workdays,
      ...(ctx.isHoliday ? { isHoliday: ctx.isHoliday } : {}),
      nextMeeting: ctx.meetings.next,
    });
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    errors.due =
      error.code === 'date_in_past'
        ? `That is in the past (${dueTime === null ? 'a day without a time is due at 17:00 in the channel’s time zone' : `the channel’s time zone is ${ctx.timezone}`}). Pick a later one.`
        : 'That is not a date Arising can read. Pick one from the calendar.';
    return null;
  }
  return phrase;
}

function readItem(raw: string | null, errors: FormErrors): string | null {
  const item = raw === null ? '' : stripControlCharacters(raw).trim();
  if (item === '') return null;
  const match = AGENDA_ITEM.exec(item);
  if (!match?.[1]) {
    errors.item = 'An agenda item is a number such as 5, 5a or 3.2.';
    return null;
  }
  return match[1];
}
