/**
 * The message shortcut "Track as action" (`track_message`), the global shortcut (`new_action`) and the
 * submission of the new-action modal they open (as `/action add` alone does, through SlackSurface). The
 * modal is checked against the core before Slack closes it: each mistake stays on the form beside its
 * field (`response_action: errors`). A clean form is acknowledged at once and then saved through the
 * conversation core, as `/action add` would be, in the channel of the message or the one picked.
 *
 * Modals are opened with the client Bolt gives each listener, authorised for the request's workspace.
 * A channel picked in the global shortcut's form must be one the user is in (channel-membership.ts).
 */
import type { App } from '@slack/bolt';
import type { ConversationDeps } from '../core/conversation/conversation';
import { failureNotice } from '../core/conversation/failure-words';
import { newActionFormErrors } from '../core/conversation/form-check';
import type { What, Where } from '../core/conversation/inbound';
import { traitsOf } from '../core/conversation/platform-traits';
import type { Logger } from '../core/logger';
import { renderView } from './block-kit';
import { membershipOf } from './channel-membership';
import {
  blockErrors,
  FIELD,
  NEW_ACTION_MODAL,
  NEW_ACTION_SHORTCUT,
  type NewActionMetadata,
  type NewActionState,
  newActionModal,
  pickedChannel,
  prefillOf,
  readNewActionMetadata,
  submittedForm,
  TRACK_MESSAGE_SHORTCUT,
} from './new-action-modal';
import type { WebClient } from './slack-api';
import { type ReplyContext, respondVia } from './slack-surface';

/** The picker's error for a public channel the user has not joined. */
const NOT_A_MEMBER = 'You are not in that channel. Join it first, or pick a channel you are in.';

export interface ShortcutDeps {
  conversation: ConversationDeps;
  logger: Logger;
}

/** Hands one inbound message to the conversation core (slack-adapter.ts's converse). */
export type Converse = (ctx: ReplyContext, where: Where, what: What) => Promise<void>;

const slackActor = (team: string, channel: string, userId: string) => ({
  channel: { platform: 'slack' as const, team, channel },
  userId,
});

export function registerShortcuts(app: App, deps: ShortcutDeps, converse: Converse): void {
  /** Opens the modal; when Slack refuses, says so on the shortcut's response_url, where it has one. */
  const open = async (
    client: WebClient,
    triggerId: string,
    metadata: NewActionMetadata,
    task: string,
    user: string,
  ) => {
    try {
      await client.views.open({ trigger_id: triggerId, view: newActionModal(metadata, task) });
    } catch (error) {
      const actor = slackActor(metadata.team, metadata.channel ?? '-', user);
      const view = failureNotice(error, { actor, traits: traitsOf('slack'), log: deps.logger });
      if (!metadata.responseUrl) return;
      await respondVia(metadata.responseUrl)({ response_type: 'ephemeral', ...renderView(view) }).catch(
        (answerError: unknown) =>
          deps.logger.error('Could not tell the user about the error either:', answerError),
      );
    }
  };

  app.shortcut(
    { callback_id: TRACK_MESSAGE_SHORTCUT, type: 'message_action' },
    async ({ ack, shortcut, client }) => {
      await ack();
      const team = shortcut.team?.id ?? shortcut.user.team_id;
      if (!team) return;
      const { message } = shortcut;
      const metadata: NewActionMetadata = {
        team,
        channel: shortcut.channel.id,
        thread: message.thread_ts ?? message.ts,
        responseUrl: shortcut.response_url,
      };
      await open(client, shortcut.trigger_id, metadata, prefillOf(message.text ?? ''), shortcut.user.id);
    },
  );

  app.shortcut({ callback_id: NEW_ACTION_SHORTCUT, type: 'shortcut' }, async ({ ack, shortcut, client }) => {
    await ack();
    const team = shortcut.team?.id ?? shortcut.user.team_id;
    if (!team) return;
    const metadata: NewActionMetadata = { team, channel: null, thread: null, responseUrl: null };
    await open(client, shortcut.trigger_id, metadata, '', shortcut.user.id);
  });

  app.view(
    { callback_id: NEW_ACTION_MODAL, type: 'view_submission' },
    async ({ ack, body, view, client }) => {
      const metadata = readNewActionMetadata(view.private_metadata);
      const team = body.team?.id ?? body.user.team_id;
      if (!metadata || metadata.team !== team) {
        await ack();
        deps.logger.warn(`Ignoring a new-action form whose metadata does not match its team ${team ?? '?'}`);
        return;
      }
      const values = view.state.values as NewActionState;
      const channel = metadata.channel ?? pickedChannel(values);
      if (!channel) {
        await ack({ response_action: 'errors', errors: { [FIELD.channel]: 'Pick the channel.' } });
        return;
      }
      if (metadata.channel === null && (await membershipOf(client, channel, body.user.id)) === 'not-member') {
        await ack({ response_action: 'errors', errors: { [FIELD.channel]: NOT_A_MEMBER } });
        return;
      }
      const actor = slackActor(metadata.team, channel, body.user.id);
      const form = submittedForm(values);
      const errors = await newActionFormErrors(deps.conversation, actor, form);
      if (errors) {
        await ack({ response_action: 'errors', errors: blockErrors(errors) });
        return;
      }
      await ack();
      // The channel picker's response_url answers in the picked channel even where the bot is not in it.
      const picked = (body as { response_urls?: { response_url?: string }[] }).response_urls?.[0]
        ?.response_url;
      const responseUrl = metadata.responseUrl ?? picked ?? null;
      const ctx: ReplyContext = { actor, ...(responseUrl ? { respond: respondVia(responseUrl) } : {}) };
      const source = metadata.thread ? { conversation: channel, id: metadata.thread } : null;
      await converse(ctx, { kind: 'channel' }, { kind: 'new-action', form, source });
    },
  );
}
