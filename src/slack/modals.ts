/**
 * The Slack modals Arising opens: the import form (paste minutes, or upload them as a file) and the small
 * forms behind the action menu (change due date, reassign, drop). They only collect text and files; what
 * they mean is the core's business.
 *
 * A modal remembers where it was opened (team, channel, the button pressed and its value, and the
 * response_url to answer on) in `private_metadata`. Slack keeps that on its side and hands it back only
 * in a signed view_submission, so it is as trustworthy as the request that opened the modal; the adapter
 * still checks its team against the submitting user's.
 */
import type { types } from '@slack/bolt';
import { z } from 'zod';
import { traitsOf } from '../core/conversation/platform-traits';
import type { ButtonId } from '../core/view';
import { cutPlain } from './block-kit';
import { MINUTES_FILETYPES, type UploadedFileRef } from './slack-files';

/** callback_id of every Arising modal starts with this. */
export const MODAL_PREFIX = 'arising-';
export const IMPORT_MODAL = 'arising-import';
export const INPUT_MODAL = 'arising-input';

/** Slack's limit on a plain_text_input. */
export const MAX_INPUT_LENGTH = 3000;

const MetadataSchema = z.object({
  team: z.string().min(1),
  channel: z.string().min(1),
  /** The menu choice that opened the form, with its value; absent for the import form. */
  button: z.object({ id: z.string(), value: z.string() }).nullable(),
  /** Where to answer the user once the form is submitted; null to answer with chat.postEphemeral. */
  responseUrl: z.string().nullable(),
});
export type ModalMetadata = z.infer<typeof MetadataSchema>;

export function readMetadata(raw: string): ModalMetadata | null {
  try {
    return MetadataSchema.parse(JSON.parse(raw));
  } catch {
    return null;
  }
}

const plain = (text: string): types.PlainTextElement => ({ type: 'plain_text', text: cutPlain(text, 150) });

/** Block and action ids of the inputs, for reading a submission back. */
export const INPUT = {
  text: { block: 'text', action: 'text' },
  people: { block: 'people', action: 'people' },
  alias: { block: 'alias', action: 'alias' },
  minutes: { block: 'minutes', action: 'minutes' },
  minutesFile: { block: 'minutes_file', action: 'minutes_file' },
} as const;

function textInput(
  ids: { block: string; action: string },
  label: string,
  options: { placeholder?: string; hint?: string; optional?: boolean; multiline?: boolean } = {},
): types.InputBlock {
  return {
    type: 'input',
    block_id: ids.block,
    label: plain(label),
    optional: options.optional ?? false,
    ...(options.hint ? { hint: plain(options.hint) } : {}),
    element: {
      type: 'plain_text_input',
      action_id: ids.action,
      multiline: options.multiline ?? false,
      max_length: MAX_INPUT_LENGTH,
      ...(options.placeholder ? { placeholder: plain(options.placeholder) } : {}),
    },
  };
}

function modal(
  callbackId: string,
  title: string,
  submit: string,
  metadata: ModalMetadata,
  blocks: types.KnownBlock[],
): types.ModalView {
  return {
    type: 'modal',
    callback_id: callbackId,
    // Titles and button labels are limited to 24 characters.
    title: { type: 'plain_text', text: cutPlain(title, 24) },
    submit: { type: 'plain_text', text: cutPlain(submit, 24) },
    close: { type: 'plain_text', text: 'Cancel' },
    private_metadata: JSON.stringify(metadata),
    blocks,
  };
}

/**
 * The import form. Slack caps a text input at 3,000 characters, a few pages of minutes; longer minutes
 * (a 100-page document) are uploaded as a file instead. Both inputs are optional to Slack, and the
 * adapter asks for exactly one of them (`importFormErrors`).
 */
export function importModal(metadata: ModalMetadata): types.ModalView {
  return modal(IMPORT_MODAL, 'Import minutes', 'Find actions', metadata, [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: 'Paste the minutes of a meeting, or upload them as a file. Arising shows the actions it finds before it stores anything.',
      },
    },
    textInput(INPUT.minutes, 'Minutes', {
      multiline: true,
      optional: true,
      placeholder: 'Paste the minutes here',
      hint: 'Up to 3,000 characters. For longer minutes, upload the document below.',
    }),
    {
      type: 'input',
      block_id: INPUT.minutesFile.block,
      label: plain('Or upload the minutes'),
      optional: true,
      hint: plain('A .docx, .pdf, .md or .txt file of up to 5 MB.'),
      element: {
        type: 'file_input',
        action_id: INPUT.minutesFile.action,
        filetypes: MINUTES_FILETYPES,
        max_files: 1,
      },
    },
  ]);
}

/** What the import form was given: the pasted text (trimmed, maybe empty) and the uploaded file, if any. */
export interface ImportSubmission {
  text: string;
  file: UploadedFileRef | null;
}

export function submittedImport(values: StateValues): ImportSubmission {
  const text = values[INPUT.minutes.block]?.[INPUT.minutes.action]?.value?.trim() ?? '';
  const [file] = values[INPUT.minutesFile.block]?.[INPUT.minutesFile.action]?.files ?? [];
  return { text, file: file ? { id: file.id, ...(file.name ? { name: file.name } : {}) } : null };
}

/** The inline errors of an import form given neither text nor file, or both; null when it is fine. */
export function importFormErrors(submission: ImportSubmission): Record<string, string> | null {
  if (submission.text === '' && !submission.file) {
    return { [INPUT.minutes.block]: 'Paste the minutes here, or upload them as a file below.' };
  }
  if (submission.text !== '' && submission.file) {
    return {
      [INPUT.minutesFile.block]:
        'Paste the minutes or upload a file, not both: remove the file or clear the text above.',
    };
  }
  return null;
}

/** The ids of the menu choices that need a form before they can run. */
export const NEEDS_INPUT: readonly ButtonId[] = ['change-due', 'add-note', 'reassign', 'drop'];

/** The form behind a menu choice. */
export function inputModal(id: ButtonId, metadata: ModalMetadata): types.ModalView {
  switch (id) {
    case 'change-due':
      return modal(INPUT_MODAL, 'Change due date', 'Change', metadata, [
        textInput(INPUT.text, 'New due date', {
          placeholder: 'next Friday, 31 July, in 2 weeks, none',
          hint: 'A date without a time means the end of that working day. "none" removes the due date.',
        }),
      ]);
    case 'add-note':
      return modal(INPUT_MODAL, 'Add a note', 'Add', metadata, [
        textInput(INPUT.text, 'Progress note', {
          placeholder: 'Draft sent to the board; figures due next week',
          multiline: true,
        }),
      ]);
    case 'reassign':
      return modal(INPUT_MODAL, 'Reassign action', 'Reassign', metadata, [
        {
          type: 'input',
          block_id: INPUT.people.block,
          label: plain('New owners'),
          optional: true,
          element: {
            type: 'multi_users_select',
            action_id: INPUT.people.action,
            placeholder: plain('Choose people'),
          },
        },
        textInput(INPUT.alias, 'Or an alias', {
          optional: true,
          placeholder: 'WYP, Clerk, WYP/DMPC',
          hint: `An organisation or role, which ${traitsOf('slack').commandPrefix}owner maps to people.`,
        }),
      ]);
    default:
      return modal(INPUT_MODAL, 'Drop action', 'Drop', metadata, [
        textInput(INPUT.text, 'Reason', { optional: true, placeholder: 'No longer needed' }),
      ]);
  }
}

type StateValues = Record<
  string,
  Record<
    string,
    { value?: string | null; selected_users?: string[]; files?: { id: string; name?: string }[] }
  >
>;

/**
 * The text a form's submission stands for, in the command language's own words: the date or reason as
 * typed, or the owners as mentions and alias (`<@U1>, <@U2>, WYP`), which the core parses like `reassign`.
 */
export function submittedInput(values: StateValues): string {
  const textValue = (ids: { block: string; action: string }): string =>
    values[ids.block]?.[ids.action]?.value?.trim() ?? '';
  const people = values[INPUT.people.block]?.[INPUT.people.action]?.selected_users ?? [];
  if (values[INPUT.people.block] || values[INPUT.alias.block]) {
    return [...people.map((id) => `<@${id}>`), textValue(INPUT.alias)].filter((s) => s !== '').join(', ');
  }
  if (values[INPUT.minutes.block]) return textValue(INPUT.minutes);
  return textValue(INPUT.text);
}
