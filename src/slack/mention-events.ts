/**
 * `@Arising …` in a channel: Slack's `app_mention` event, translated into an inbound message addressed to
 * the bot. The core's intent rule then does the rest: a mention in a channel is a command, a mention in a
 * thread answers the thread's action when it reads like no command.
 *
 * Slack sends one message that mentions the bot twice: as an `app_mention` and, where the bot reads the
 * channel, as a `message` event, each with its own event_id (and each redelivered when our answer is
 * late). Both are claimed under one key, the message's conversation and ts, and both read the bot's
 * mention the same way, so whichever arrives first acts and the other finds the message taken.
 */
import type { App } from '@slack/bolt';
import type { Inbound, What, Where } from '../core/conversation/inbound';
import { slackActor } from './slack-adapter';
import type { ReplyContext } from './slack-surface';

/** Hands one inbound message to the conversation core, answering on the request's surface. */
export type Converse = (
  ctx: ReplyContext,
  where: Where,
  what: What,
  more?: Partial<Inbound>,
) => Promise<void>;

/**
 * The claim key of one Slack message, however many events carry it: Slack's ts is unique within a
 * conversation, and an event redelivered (or the same message as app_mention and message) keeps it.
 */
export function messageDelivery(team: string, channel: string, ts: string): string {
  return `slack:message:${team}:${channel}:${ts}`;
}

/**
 * Whether the text mentions the bot, and the text with a leading mention of it removed (`<@UBOT> list`
 * is the command `list`). A mention elsewhere stays where it is: it is part of what was said.
 */
export function addressedToBot(text: string, botUserId: string): { mentioned: boolean; text: string } {
  const id = botUserId.replace(/[^A-Za-z0-9]/g, '');
  if (id === '') return { mentioned: false, text };
  const mention = `<@${id}(?:\\|[^<>]*)?>`;
  if (!new RegExp(mention).test(text)) return { mentioned: false, text };
  return { mentioned: true, text: text.replace(new RegExp(`^\\s*${mention}[\\s:,]*`), '') };
}

export interface MentionDeps {
  converse: Converse;
}

/**
 * The bot's user id in the workspace an event came from: Bolt puts it in the context (from the token's
 * auth.test, or the workspace's installation); the event's own authorizations name it too.
 */
export function botUserIdOf(context: { botUserId?: string }, body: { authorizations?: unknown }): string {
  if (context.botUserId) return context.botUserId;
  const first: unknown = Array.isArray(body.authorizations) ? body.authorizations[0] : undefined;
  const id =
    typeof first === 'object' && first !== null ? (first as { user_id?: unknown }).user_id : undefined;
  return typeof id === 'string' ? id : '';
}

/** Registers the app_mention listener. */
export function registerAppMentions(app: App, deps: MentionDeps): void {
  app.event('app_mention', async ({ event, body, context }) => {
    if (!event.user || event.bot_id) return;
    const { text } = addressedToBot(event.text ?? '', botUserIdOf(context, body));
    const threadTs = event.thread_ts;
    const inThread = threadTs !== undefined && threadTs !== event.ts;
    const where: Where = inThread ? { kind: 'thread', root: threadTs } : { kind: 'channel' };
    const team = typeof body.team_id === 'string' ? body.team_id : (event.team ?? '');
    const actor = slackActor(team, event.channel, event.user);
    const ctx: ReplyContext = { actor, ...(inThread ? { threadTs } : {}) };
    await deps.converse(
      ctx,
      where,
      { kind: 'text', text },
      { mentioned: true, delivery: messageDelivery(team, event.channel, event.ts), messageId: event.ts },
    );
  });
}
