/**
 * Teams' message action "Track as action" (a messaging extension command of type action, context
 * message, fetchTask): `composeExtension/fetchTask` answers with the form, the task prefilled from the
 * message; `composeExtension/submitAction` reads it, shows it again with each mistake under its field, or
 * adds the action in the conversation through the conversation core (the `add` path: card, reminders,
 * permission checks) and answers in the message's thread, closing with what the person should know.
 *
 * The people picker gives AAD object ids; the Bot Connector turns each into the conversation member's
 * Bot Framework id (TeamsInfo.getMember), which is what owners are stored by. Someone who is not in the
 * conversation cannot own its action, and is named as the mistake.
 */
import { TeamsInfo, type TurnContext } from 'botbuilder';
import { type ConversationDeps, handle } from '../core/conversation/conversation';
import { newActionFormErrors } from '../core/conversation/form-check';
import type { Inbound } from '../core/conversation/inbound';
import type { Actor } from '../core/domain';
import type { Logger } from '../core/logger';
import type { NewActionForm } from '../core/new-action-form';
import { channelRefOf, conversationKindOf, threadRootOf } from './teams-conversation';
import type { TeamsMessenger } from './teams-messenger';
import { InvokeSurface } from './teams-surface';
import {
  pickedPeople,
  plainTextOfHtml,
  readFormData,
  type Suggested,
  TRACK_ACTION_COMMAND,
  type TrackFormData,
  taskMessage,
  taskModule,
  trackActionCard,
} from './track-action-card';

export const FETCH_TASK = 'composeExtension/fetchTask';
export const SUBMIT_ACTION = 'composeExtension/submitAction';

export interface MessageActionDeps {
  conversation: ConversationDeps;
  messenger: TeamsMessenger;
  logger: Logger;
}

/** What Teams sends about the message the action was used on. */
interface MessagePayload {
  id?: string;
  body?: { content?: string };
  from?: { user?: { id?: string; displayName?: string } };
}

interface ActionValue {
  commandId?: string;
  messagePayload?: MessagePayload;
  data?: unknown;
}

/** Said when the form is saved and everything went through. */
export const TRACKED = 'Tracked: the action’s card is in the channel, and the message’s thread says so.';

export async function onMessageAction(context: TurnContext, deps: MessageActionDeps): Promise<void> {
  const value = (context.activity.value ?? {}) as ActionValue;
  if (value.commandId !== TRACK_ACTION_COMMAND) {
    await answer(context, taskMessage('That is not one of Arising’s message actions.'));
    return;
  }
  if (context.activity.name === FETCH_TASK) {
    const task = plainTextOfHtml(value.messagePayload?.body?.content ?? '');
    await answer(context, taskModule(trackActionCard({ task }, {}, suggestedPeople(context, value))));
    return;
  }
  await answer(context, await submit(context, deps, value));
}

async function submit(
  context: TurnContext,
  deps: MessageActionDeps,
  value: ActionValue,
): Promise<Record<string, unknown>> {
  const data = readFormData(value);
  const actor: Actor = { channel: channelRefOf(context.activity), userId: context.activity.from.id };
  const owners = await ownersOf(context, data, deps.logger);
  const suggested = suggestedPeople(context, value);
  if ('missing' in owners) {
    return taskModule(trackActionCard(data, { owners: owners.missing }, suggested));
  }
  const form: NewActionForm = {
    task: data.task ?? '',
    owners: owners.text,
    dueDate: data.dueDate || null,
    dueTime: data.dueTime || null,
    agendaItem: data.item || null,
  };
  const errors = await newActionFormErrors(deps.conversation, actor, form);
  if (errors) return taskModule(trackActionCard(data, errors, suggested));
  const messageId = value.messagePayload?.id;
  // Only channels have threads; in a chat the card alone answers.
  const inChannel = conversationKindOf(context.activity) === 'channel';
  const root = inChannel ? (threadRootOf(context.activity.conversation.id) ?? messageId ?? null) : null;
  const inbound: Inbound = {
    actor,
    where: { kind: 'channel' },
    mentioned: true,
    delivery: null,
    what: {
      kind: 'new-action',
      form,
      source: root ? { conversation: actor.channel.channel, id: root } : null,
    },
  };
  const surface = new InvokeSurface(context, deps.messenger, actor);
  const handled = await handle(deps.conversation, inbound, surface);
  if (handled.kind === 'failed') return taskMessage(handled.message);
  return taskMessage(surface.shown?.text ?? TRACKED);
}

/**
 * The owners as the command language writes them: each picked person as a mention of their Bot Framework
 * id, then the alias. `missing` names the picked people the conversation does not have.
 */
async function ownersOf(
  context: TurnContext,
  data: TrackFormData,
  logger: Logger,
): Promise<{ text: string } | { missing: string }> {
  const ids: string[] = [];
  for (const aadId of pickedPeople(data)) {
    try {
      const member = await TeamsInfo.getMember(context, aadId);
      ids.push(member.id);
    } catch (error) {
      logger.warn(`Could not find the picked person ${aadId} in the conversation:`, error);
      return { missing: 'Someone you picked is not a member of this conversation. Pick people who are.' };
    }
  }
  const alias = (data.alias ?? '').trim();
  return { text: [...ids.map((id) => `<@${id}>`), alias].filter((s) => s !== '').join(', ') };
}

/** The message's writer and the person tracking it, offered in the people picker before any search. */
function suggestedPeople(context: TurnContext, value: ActionValue): Suggested[] {
  const people: Suggested[] = [];
  const writer = value.messagePayload?.from?.user;
  if (writer?.id && writer.displayName) people.push({ name: writer.displayName, aadObjectId: writer.id });
  const { from } = context.activity;
  if (from.aadObjectId && !people.some((p) => p.aadObjectId === from.aadObjectId)) {
    people.push({ name: from.name || 'Me', aadObjectId: from.aadObjectId });
  }
  return people;
}

async function answer(context: TurnContext, body: Record<string, unknown>): Promise<void> {
  await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body } });
}
