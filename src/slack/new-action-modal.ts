/**
 * The "new action" modal, opened by the message shortcut "Track as action" (`track_message`), the global
 * shortcut (`new_action`) and `/action add` alone: task, owners (a people picker and an alias field),
 * due date and time, agenda item, and, when it was opened outside any channel, a channel picker. It only
 * collects what was typed and picked; the core reads it as an `add` (src/core/new-action-form.ts).
 *
 * Where it was opened (team, channel, the tracked message's thread, the response_url to answer on) rides
 * in `private_metadata`, which Slack hands back only in a signed view_submission.
 */
import type { types } from '@slack/bolt';
import { z } from 'zod';
import type { FormErrors, NewActionForm } from '../core/new-action-form';
import { cutPlain } from './block-kit';

/** callback_id of the modal. Not under modals.ts's `arising-` prefix, whose listener reads its own forms. */
export const NEW_ACTION_MODAL = 'arising_new_action';

/** callback_ids of the shortcuts in the app manifest. */
export const TRACK_MESSAGE_SHORTCUT = 'track_message';
export const NEW_ACTION_SHORTCUT = 'new_action';

/** Slack's longest plain_text_input; longer prefills are cut so that views.open is not refused. */
const MAX_INPUT = 3000;

/** Block ids (each input's action id is the same), for reading a submission and placing its errors. */
export const FIELD = {
  channel: 'channel',
  task: 'task',
  people: 'owners',
  alias: 'alias',
  dueDate: 'due_date',
  dueTime: 'due_time',
  item: 'item',
} as const;

const MetadataSchema = z.object({
  team: z.string().min(1),
  /** The channel the action goes in; null when the modal asks for one (the global shortcut). */
  channel: z.string().min(1).nullable(),
  /** The ts of the thread the tracked message is in (its own ts when it is not a reply); else null. */
  thread: z.string().min(1).nullable(),
  /** Where to answer the user once the form is saved; null to use the channel picker's or chat.postEphemeral. */
  responseUrl: z.string().nullable(),
});
export type NewActionMetadata = z.infer<typeof MetadataSchema>;

export function readNewActionMetadata(raw: string): NewActionMetadata | null {
  try {
    return MetadataSchema.parse(JSON.parse(raw));
  } catch {
    return null;
  }
}

const plain = (text: string): types.PlainTextElement => ({ type: 'plain_text', text: cutPlain(text, 150) });

function input(
  block: string,
  label: string,
  element: types.InputBlock['element'],
  options: { optional?: boolean; hint?: string } = {},
): types.InputBlock {
  return {
    type: 'input',
    block_id: block,
    label: plain(label),
    optional: options.optional ?? true,
    ...(options.hint ? { hint: plain(options.hint) } : {}),
    element,
  };
}

/**
 * Slack escapes `&`, `<` and `>` in a message's text; a text input shows what it is given literally, so
 * the prefill is unescaped (mentions and links, `<@U…>` and `<https://…>`, keep their brackets).
 */
export function prefillOf(messageText: string): string {
  const text = messageText.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').trim();
  return Array.from(text).slice(0, MAX_INPUT).join('');
}

/** The modal; `task` prefills the task (a tracked message's text). */
export function newActionModal(metadata: NewActionMetadata, task = ''): types.ModalView {
  const blocks: types.KnownBlock[] = [];
  if (metadata.channel === null) {
    blocks.push(
      input(
        FIELD.channel,
        'Channel',
        {
          type: 'conversations_select',
          action_id: FIELD.channel,
          default_to_current_conversation: true,
          response_url_enabled: true,
          filter: { include: ['public', 'private'], exclude_bot_users: true },
          placeholder: plain('The channel the action belongs to'),
        },
        { optional: false },
      ),
    );
  }
  blocks.push(
    input(
      FIELD.task,
      'Task',
      {
        type: 'plain_text_input',
        action_id: FIELD.task,
        multiline: true,
        ...(task === '' ? {} : { initial_value: task }),
        placeholder: plain('Send the KSI data for July to December'),
      },
      { optional: false },
    ),
    input(FIELD.people, 'Owners', {
      type: 'multi_users_select',
      action_id: FIELD.people,
      placeholder: plain('Choose people'),
    }),
    input(
      FIELD.alias,
      'Or an alias',
      { type: 'plain_text_input', action_id: FIELD.alias, placeholder: plain('WYP, Clerk, WYP/DMPC') },
      { hint: 'An organisation or role, which /action owner maps to people.' },
    ),
    input(FIELD.dueDate, 'Due date', {
      type: 'datepicker',
      action_id: FIELD.dueDate,
      placeholder: plain('No due date'),
    }),
    input(
      FIELD.dueTime,
      'Due time',
      { type: 'timepicker', action_id: FIELD.dueTime, placeholder: plain('End of the working day') },
      { hint: 'In the channel’s time zone. Without a time, the action is due at 17:00 that day.' },
    ),
    input(FIELD.item, 'Agenda item', {
      type: 'plain_text_input',
      action_id: FIELD.item,
      placeholder: plain('5, 5a or 3.2'),
    }),
  );
  return {
    type: 'modal',
    callback_id: NEW_ACTION_MODAL,
    title: { type: 'plain_text', text: 'Track as action' },
    submit: { type: 'plain_text', text: 'Save' },
    close: { type: 'plain_text', text: 'Cancel' },
    private_metadata: JSON.stringify(metadata),
    blocks,
  };
}

/** A view_submission's state, as much of it as this modal reads. */
export type NewActionState = Record<
  string,
  Record<
    string,
    {
      value?: string | null;
      selected_users?: string[];
      selected_date?: string | null;
      selected_time?: string | null;
      selected_conversation?: string | null;
    }
  >
>;

/** What was typed and picked, in the core's form; the people become mentions beside the alias. */
export function submittedForm(values: NewActionState): NewActionForm {
  const field = (block: string) => values[block]?.[block];
  const text = (block: string): string => field(block)?.value?.trim() ?? '';
  const people = field(FIELD.people)?.selected_users ?? [];
  const owners = [...people.map((id) => `<@${id}>`), text(FIELD.alias)].filter((s) => s !== '').join(', ');
  const item = text(FIELD.item);
  return {
    task: field(FIELD.task)?.value ?? '',
    owners,
    dueDate: field(FIELD.dueDate)?.selected_date ?? null,
    dueTime: field(FIELD.dueTime)?.selected_time ?? null,
    agendaItem: item === '' ? null : item,
  };
}

/** The channel picked in the modal, when it has a picker. */
export function pickedChannel(values: NewActionState): string | null {
  return values[FIELD.channel]?.[FIELD.channel]?.selected_conversation ?? null;
}

/** The core's mistakes placed on the modal's blocks: the owners' beside the people picker. */
export function blockErrors(errors: FormErrors): Record<string, string> {
  const placed: Record<string, string> = {};
  if (errors.task) placed[FIELD.task] = errors.task;
  if (errors.owners) placed[FIELD.people] = errors.owners;
  if (errors.due) placed[FIELD.dueDate] = errors.due;
  if (errors.item) placed[FIELD.item] = errors.item;
  return placed;
}
