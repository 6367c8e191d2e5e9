/**
 * Checking a new-action form before the platform closes it, so that each mistake can be shown beside its
 * field (Slack's `response_action: errors` must come with the request's answer). A check that cannot run
 * (the store is down) lets the form through: saving it then fails with the words every failure gets.
 */
import type { Actor } from '../domain';
import type { FormErrors, NewActionForm } from '../new-action-form';
import type { ConversationDeps } from './conversation';

export async function newActionFormErrors(
  deps: ConversationDeps,
  actor: Actor,
  form: NewActionForm,
): Promise<FormErrors | null> {
  try {
    return await deps.service.checkNewAction(actor, form);
  } catch (error) {
    deps.log.warn('Could not check a new-action form; saving it will say what is wrong:', error);
    return null;
  }
}
