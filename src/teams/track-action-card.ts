/**
 * The Adaptive Card form of Teams' message action "Track as action": task (prefilled from the message),
 * owners (Teams' people picker, plus an alias field), due date and time, agenda item. It only collects
 * what was typed and picked; the core reads it as an `add` (src/core/new-action-form.ts). A form with
 * mistakes is shown again with what was typed and each mistake under its field.
 */
import type { FormErrors, FormField } from '../core/new-action-form';
import { CARD_CONTENT_TYPE, CARD_VERSION } from './adaptive-cards';

/** An Adaptive Card with inputs (the message cards of adaptive-cards.ts have none). */
export type FormCard = Record<string, unknown>;

/** The command id of the message action in the app manifest. */
export const TRACK_ACTION_COMMAND = 'trackAsAction';

/** Input ids, as they come back in the submission's data. */
export const INPUT = {
  task: 'task',
  people: 'people',
  alias: 'alias',
  dueDate: 'dueDate',
  dueTime: 'dueTime',
  item: 'item',
} as const;

/** What the form holds, as Teams sends it back: every value a string (people: AAD object ids, by commas). */
export type TrackFormData = Partial<Record<(typeof INPUT)[keyof typeof INPUT], string>>;

/** A message's HTML body as the plain text a task starts from: mentions become the names they show. */
export function plainTextOfHtml(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

type Element = Record<string, unknown>;

const ERROR_OF: Record<FormField, string> = {
  task: INPUT.task,
  owners: INPUT.people,
  due: INPUT.dueDate,
  item: INPUT.item,
};

/** A person offered before any search: the message's writer, the one tracking it. */
export interface Suggested {
  name: string;
  aadObjectId: string;
}

/**
 * The form, holding `data` as typed, with each of `errors` under its field. The people picker searches
 * the organisation (Teams' `graph.microsoft.com/users` query) and offers `suggested` before any search.
 */
export function trackActionCard(
  data: TrackFormData,
  errors: FormErrors = {},
  suggested: Suggested[] = [],
): FormCard {
  const body: Element[] = [];
  const errorUnder = (input: string) => {
    const field = (Object.keys(ERROR_OF) as FormField[]).find((f) => ERROR_OF[f] === input);
    const message = field ? errors[field] : undefined;
    if (message)
      body.push({ type: 'TextBlock', text: message, color: 'attention', wrap: true, spacing: 'none' });
  };
  const add = (element: Element) => {
    body.push(element);
    errorUnder(String(element.id));
  };
  add({
    type: 'Input.Text',
    id: INPUT.task,
    label: 'Task',
    isMultiline: true,
    isRequired: true,
    errorMessage: 'Say what is to be done.',
    value: data.task ?? '',
  });
  add({
    type: 'Input.ChoiceSet',
    id: INPUT.people,
    label: 'Owners',
    isMultiSelect: true,
    style: 'filtered',
    choices: suggested.map((p) => ({ title: p.name, value: p.aadObjectId })),
    'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' },
    placeholder: 'Choose people',
    value: data.people ?? '',
  });
  add({
    type: 'Input.Text',
    id: INPUT.alias,
    label: 'Or an alias (an organisation or role, such as WYP)',
    placeholder: 'WYP, Clerk, WYP/DMPC',
    value: data.alias ?? '',
  });
  add({ type: 'Input.Date', id: INPUT.dueDate, label: 'Due date', value: data.dueDate ?? '' });
  add({
    type: 'Input.Time',
    id: INPUT.dueTime,
    label: 'Due time (in the channel’s time zone; without one, 17:00 that day)',
    value: data.dueTime ?? '',
  });
  add({
    type: 'Input.Text',
    id: INPUT.item,
    label: 'Agenda item',
    placeholder: '5, 5a or 3.2',
    value: data.item ?? '',
  });
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    body,
    actions: [{ type: 'Action.Submit', title: 'Save' }],
  };
}

/** The card as a task module that Teams shows (fetchTask's answer, and a form shown again). */
export function taskModule(card: FormCard): Record<string, unknown> {
  return {
    task: {
      type: 'continue',
      value: {
        title: 'Track as action',
        width: 'medium',
        height: 'large',
        card: { contentType: CARD_CONTENT_TYPE, content: card },
      },
    },
  };
}

/** A message the task module closes with. */
export function taskMessage(text: string): Record<string, unknown> {
  return { task: { type: 'message', value: text } };
}

/** The people picked: AAD object ids, as the picker sends them (one string, by commas). */
export function pickedPeople(data: TrackFormData): string[] {
  return (data.people ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The submission's data, as strings. */
export function readFormData(value: unknown): TrackFormData {
  const data = (value as { data?: Record<string, unknown> } | undefined)?.data ?? {};
  const read: TrackFormData = {};
  for (const id of Object.values(INPUT)) read[id] = text(data[id]);
  return read;
}
