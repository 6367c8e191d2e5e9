/**
 * New actions from a form (see new-action-form.ts): checking a form before the platform closes it, and
 * adding its action on the `add` command's own path. An action tracked from a message also answers in
 * that message's thread, so whoever wrote it sees it was taken up and by whom.
 */

import { addAction } from './action-commands';
import type { Reply } from './chat-service';
import type { Action, Actor, MessageRef } from './domain';
import { addCommandOf, FormError, type FormErrors, type NewActionForm } from './new-action-form';
import { formatOwnerPlain } from './owners';
import { loadChannelContext, type ServiceDeps } from './service-deps';
import { type Span, text, type View } from './view';
import { ownerSpans, taskSpans, taskWords } from './views/action-card';

/** The form's mistakes per field, read against the channel's clock; null when it can be saved. */
export async function checkNewActionForm(
  deps: ServiceDeps,
  actor: Actor,
  form: NewActionForm,
): Promise<FormErrors | null> {
  const ctx = await loadChannelContext(deps, actor.channel);
  try {
    addCommandOf(form, ctx, deps.clock.now());
    return null;
  } catch (error) {
    if (error instanceof FormError) return error.errors;
    throw error;
  }
}

/**
 * Adds the form's action in the actor's channel as `add` does, then, when it was tracked from a message
 * (`source`), says so in that message's thread. A form that has gone wrong since it was checked is
 * refused with a FormError (a UserError) and nothing is stored.
 */
export async function addFromForm(
  deps: ServiceDeps,
  actor: Actor,
  form: NewActionForm,
  source: MessageRef | null,
): Promise<Reply> {
  const ctx = await loadChannelContext(deps, actor.channel);
  const cmd = addCommandOf(form, ctx, deps.clock.now());
  return addAction(deps, actor, cmd, async (action) => {
    if (!source) return;
    const to = { kind: 'thread' as const, channel: actor.channel, message: source };
    await deps.messenger.post(to, trackedNotice(action, await cardLink(deps, action)));
  });
}

/** A link to the action's card, where it was posted and the platform links to messages; else null. */
async function cardLink(deps: ServiceDeps, action: Action): Promise<string | null> {
  if (!deps.messenger.linkTo) return null;
  const card = (await deps.store.get(action.channel, action.number))?.message;
  return card ? deps.messenger.linkTo(action.channel, card) : null;
}

/**
 * `📌 Tracked as action #4 for @Priya: send the figures. Its card, with Done and Snooze, is in the
 * channel.`, "Its card" linking to the card where `link` is given. The task keeps its mentions and links.
 */
export function trackedNotice(action: Action, link: string | null): View {
  const lead = `📌 Tracked as action #${action.number} for `;
  const words = taskWords(action);
  const names = action.owners.map(formatOwnerPlain).join(', ');
  const card: Span = link
    ? { kind: 'text', text: 'Its card', entity: { kind: 'link', url: link, label: 'Its card' } }
    : text('Its card');
  const tail = ', with Done and Snooze, is in the channel.';
  return {
    text: `${lead}${names}: ${words}. Its card${link ? ` (${link})` : ''}${tail}`,
    blocks: [
      {
        kind: 'section',
        spans: [
          text(lead),
          ...ownerSpans(action.owners),
          text(': '),
          ...taskSpans(action),
          text('. '),
          card,
          text(tail),
        ],
      },
    ],
  };
}
