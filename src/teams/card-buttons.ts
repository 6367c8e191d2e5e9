/**
 * The buttons of an Adaptive Card as Universal Actions: `Action.Execute` whose verb is the core's ButtonId
 * and whose data carries the button's value. A menu item becomes an `Action.ShowCard` with one Input.Text
 * (new due date, new owners, reason) submitted by an `Action.Execute` of the same verb. What comes back
 * from Teams is read by readExecuteAction and checked before it reaches the core. Used by adaptive-cards.ts.
 */
import { type Block, type Button, type ButtonId, isButtonId } from '../core/view';
import { type CardElement, cutText, neutralize, type Unit } from './card-text';

/** What the menu item's form asks for, by the verb it submits. */
const INPUT_PROMPTS: Partial<
  Record<ButtonId, { label: string; placeholder: string; required: boolean; submit: string }>
> = {
  'change-due': {
    label: 'New due date',
    placeholder: 'next Friday, 31 July, in 2 weeks, none',
    required: true,
    submit: 'Change',
  },
  'add-note': {
    label: 'Progress note',
    placeholder: 'Draft sent; figures next week',
    required: true,
    submit: 'Add',
  },
  reassign: {
    label: 'New owners',
    placeholder: 'WYP, Clerk (to @mention people, use the reassign command)',
    required: true,
    submit: 'Reassign',
  },
  drop: { label: 'Reason (optional)', placeholder: 'No longer needed', required: false, submit: 'Drop' },
};

/** The longest input Teams sends back for a form (the command limit of the core). */
export const MAX_INPUT_LENGTH = 3000;

function executeAction(button: Button, extra: Record<string, string> = {}, title = button.label) {
  return {
    type: 'Action.Execute',
    title: cutText(neutralize(title), 80),
    verb: button.id,
    data: { value: button.value, ...extra },
    ...(button.style === 'primary' ? { style: 'positive' } : {}),
    ...(button.style === 'danger' ? { style: 'destructive' } : {}),
  };
}

/** A menu item: a ShowCard holding its form, or a plain Execute when it needs no input. */
function menuAction(button: Button, inputId: string): CardElement {
  const prompt = INPUT_PROMPTS[button.id];
  if (!prompt) return executeAction(button);
  return {
    type: 'Action.ShowCard',
    title: cutText(neutralize(button.label), 80),
    card: {
      type: 'AdaptiveCard',
      body: [
        {
          type: 'Input.Text',
          id: inputId,
          label: prompt.label,
          placeholder: prompt.placeholder,
          maxLength: MAX_INPUT_LENGTH,
          isRequired: prompt.required,
          ...(prompt.required ? { errorMessage: `Please give the ${prompt.label.toLowerCase()}.` } : {}),
        },
      ],
      actions: [executeAction(button, { input: inputId }, prompt.submit)],
    },
  };
}

/** A buttons block as one ActionSet; `inputIds` keeps the ids of forms unique across the card. */
export function renderButtons(
  block: Extract<Block, { kind: 'buttons' }>,
  inputIds: Map<string, number>,
): Unit {
  const actions: CardElement[] = block.buttons
    .filter((b) => !INPUT_PROMPTS[b.id])
    .map((b) => executeAction(b));
  // A button that needs words (a check-in's "Add a note") opens its form as a menu item's does.
  const withForms = [...block.buttons.filter((b) => INPUT_PROMPTS[b.id]), ...(block.menu ?? [])];
  for (const item of withForms) {
    const base = `input-${item.id}`;
    const seen = inputIds.get(base) ?? 0;
    inputIds.set(base, seen + 1);
    actions.push(menuAction(item, seen === 0 ? base : `${base}-${seen}`));
  }
  return { elements: actions.length > 0 ? [{ type: 'ActionSet', actions }] : [], mentions: [], item: false };
}

/**
 * The button an `adaptiveCard/action` invoke stands for: the verb (a ButtonId), the value the card carried
 * and the text typed into the form it came from. Null for anything that is not one of ours.
 */
export function readExecuteAction(
  action: unknown,
): { id: ButtonId; value: string; input: string | undefined } | null {
  if (typeof action !== 'object' || action === null) return null;
  const { verb, data } = action as { verb?: unknown; data?: unknown };
  if (typeof verb !== 'string' || !isButtonId(verb)) return null;
  if (typeof data !== 'object' || data === null) return null;
  const fields = data as Record<string, unknown>;
  if (typeof fields.value !== 'string') return null;
  const inputId = typeof fields.input === 'string' && fields.input.startsWith('input-') ? fields.input : null;
  const typed = inputId ? fields[inputId] : undefined;
  return { id: verb, value: fields.value, input: typeof typed === 'string' ? typed : undefined };
}
