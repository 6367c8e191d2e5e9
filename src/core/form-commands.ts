/**
 * New actions from a form (see new-action-form.ts): checking a form before the platform closes it, and
 * adding its action on the `add` command's own path. An action tracked from a message also answers in
 * that message's thread, so whoever wrote it sees it was taken up and by whom.
 */

import { addAction } from './action-commands';
import type { Reply } from './chat-service';
import type { Actor, MessageRef } from './domain';
import { addCommandOf, FormError, type FormErrors, type NewActionForm } from './new-action-form';
import { formatOwnerPlain } from './owners';
import { loadChannelContext, type ServiceDeps } from './service-deps';
import { text, type View } from './view';
import { ownerSpans } from './views/action-card';

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
  const reply = await addAction(deps, actor, cmd, (action) => {
    if (!source) return Promise.resolve();
    const to = { kind: 'thread' as const, channel: actor.channel, message: source };
    return deps.messenger.post(to, trackedNotice(action.number, action.owners, action.text)).then(() => {});
  });
  return reply;
}

/** `📌 Tracked as action #4 for @Priya: send the figures. Its card is in the channel.` */
export function trackedNotice(number: number, owners: Parameters<typeof ownerSpans>[0], task: string): View {
  const lead = `📌 Tracked as action #${number} for `;
  const tail = `: ${task}. Its card, with Done and Snooze, is in the channel.`;
  const names = owners.map(formatOwnerPlain).join(', ');
  return {
    text: `${lead}${names}${tail}`,
    blocks: [{ kind: 'section', spans: [text(lead), ...ownerSpans(owners), text(tail)] }],
  };
}
