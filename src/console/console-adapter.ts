/**
 * The console adapter: what a person does in the page, as ChatService calls, and the Reply shown where
 * they acted. Like the Slack and Teams adapters it holds no business rule; it only knows the console's
 * ways:
 * - the channel's message box takes commands, with or without `/action` (help writes them bare);
 *   `@Priya` becomes a mention of the demo person;
 * - a reply in a thread, or a message in a person's DM pane, is a thread reply to the bot's message
 *   (in the DM pane, the latest one: a reminder), as in Slack;
 * - what people type is shown in the pane as they typed it, for everyone who can see that pane;
 * - an `ephemeral` Reply is stored visible to the acting person only; pressing a button on such a
 *   message (an import preview) answers in its place.
 * Every failure becomes an answer to the person: the user's own mistakes as the core words them, an
 * unreachable store as "try again shortly", anything else as "something went wrong" and logged.
 */

import type { ChatService, Reply } from '../core/chat-service';
import type { Actor, ChannelRef } from '../core/domain';
import { UnavailableError, UserError } from '../core/errors';
import { actionFields, type Logger } from '../core/logger';
import type { Messenger } from '../core/ports';
import type { ButtonId, View } from '../core/view';
import { notice } from '../core/views/notice';
import { CHANNEL_PANE, type ConsoleStore, dmPane, type PaneId } from './console-store';
import { resolveMentions } from './demo';

export const SOMETHING_WENT_WRONG =
  'Something went wrong on Arising’s side and it has been logged. Please try again in a moment.';

export const NOT_ABOUT_AN_ACTION =
  'This reply is not about an action I know. Reply to a reminder, or type `help` in the channel.';

/** The page's answer to a request: nothing more, or a form to open. */
export interface ConsoleOutcome {
  form?: 'import';
}

export interface ConsoleAdapterDeps {
  service: ChatService;
  store: ConsoleStore;
  messenger: Messenger;
  channel: ChannelRef;
  logger: Logger;
}

/** Where a person acted: which pane, and which thread in it. */
interface Place {
  actor: Actor;
  pane: PaneId;
  thread: string | null;
}

/** `/action list` and `@Arising list` are `list`, as the page's help writes it. */
export function commandText(typed: string): string {
  return typed.replace(/^\s*(?:\/action|@arising)\b\s*/i, '').trim();
}

export class ConsoleAdapter {
  constructor(private readonly deps: ConsoleAdapterDeps) {}

  private place(userId: string, pane: 'channel' | 'dm', thread: string | null): Place {
    return {
      actor: { channel: this.deps.channel, userId },
      pane: pane === 'channel' ? CHANNEL_PANE : dmPane(userId),
      thread,
    };
  }

  /** A message typed in the channel's box, a thread, or the person's DM pane. */
  async send(
    userId: string,
    pane: 'channel' | 'dm',
    text: string,
    thread: string | null = null,
  ): Promise<ConsoleOutcome> {
    const at = this.place(userId, pane, thread);
    await this.deps.store.add(this.deps.channel, {
      pane: at.pane,
      thread,
      from: userId,
      view: null,
      text,
      visibleTo: null,
    });
    return this.answering(at, async () => {
      if (thread) return this.reply(at, thread, text);
      if (pane === 'channel' || /^\s*\/action\b/i.test(text)) {
        return this.deps.service.command(at.actor, resolveMentions(commandText(text)));
      }
      const parent = await this.latestFromArising(at.pane);
      return parent ? this.reply(at, parent, text) : { kind: 'ephemeral', view: notice(NOT_ABOUT_AN_ACTION) };
    });
  }

  /** A button or menu item pressed on a message in one of the person's panes. */
  async press(
    userId: string,
    pane: 'channel' | 'dm',
    pressed: { id: ButtonId; value: string; input?: string; messageId?: string },
  ): Promise<ConsoleOutcome> {
    const message = pressed.messageId
      ? await this.deps.store.get(this.deps.channel, pressed.messageId)
      : null;
    const at = this.place(userId, pane, message?.thread ?? null);
    // An answer to a button on a message only this person sees (an import preview) takes its place.
    const replaces = message && message.visibleTo === userId ? message.id : null;
    const input = pressed.input === undefined ? undefined : resolveMentions(pressed.input);
    return this.answering(
      at,
      () => this.deps.service.button(at.actor, pressed.id, pressed.value, input),
      replaces,
    );
  }

  /** Minutes pasted into the import form. */
  async importText(userId: string, text: string): Promise<ConsoleOutcome> {
    const at = this.place(userId, 'channel', null);
    return this.answering(at, () => this.deps.service.importText(at.actor, text));
  }

  private async reply(at: Place, parent: string, text: string): Promise<Reply> {
    const reply = await this.deps.service.threadReply(at.actor, { conversation: at.pane, id: parent }, text);
    return reply ?? { kind: 'ephemeral', view: notice(NOT_ABOUT_AN_ACTION) };
  }

  /** The bot's latest message for everyone in the pane: what a plain reply in a DM answers. */
  private async latestFromArising(pane: PaneId): Promise<string | null> {
    const messages = await this.deps.store.pane(this.deps.channel, pane);
    const latest = messages.findLast((m) => m.from === null && m.visibleTo === null && m.thread === null);
    return latest?.id ?? null;
  }

  private async answering(
    at: Place,
    work: () => Promise<Reply>,
    replaces: string | null = null,
  ): Promise<ConsoleOutcome> {
    let reply: Reply;
    try {
      reply = await work();
    } catch (error) {
      reply = { kind: 'ephemeral', view: notice(`⚠️ ${this.describe(at, error)}`) };
    }
    return this.show(at, reply, replaces);
  }

  private async show(at: Place, reply: Reply, replaces: string | null): Promise<ConsoleOutcome> {
    switch (reply.kind) {
      case 'ephemeral':
        await this.privately(at, reply.view, replaces);
        return {};
      case 'channel': {
        const posted = await this.deps.messenger.post(
          { kind: 'channel', channel: this.deps.channel },
          reply.view,
        );
        if (!posted) await this.privately(at, reply.view, null);
        return {};
      }
      case 'import-form':
        return { form: 'import' };
      case 'none':
        return {};
    }
  }

  private async privately(at: Place, view: View, replaces: string | null): Promise<void> {
    if (replaces && (await this.deps.store.update(this.deps.channel, replaces, view))) return;
    await this.deps.store.add(this.deps.channel, {
      pane: at.pane,
      thread: at.thread,
      from: null,
      view,
      text: null,
      visibleTo: at.actor.userId,
    });
  }

  /** The words for a failure, logging the ones the person cannot act on. */
  private describe(at: Place, error: unknown): string {
    if (error instanceof UserError) return error.message;
    const fields = { ...actionFields(at.actor.channel), user: at.actor.userId };
    if (error instanceof UnavailableError) {
      this.deps.logger.warn(fields, `Console: store unavailable: ${error.message}`);
      return error.message;
    }
    this.deps.logger.error(fields, 'Console: unexpected error:', error);
    return SOMETHING_WENT_WRONG;
  }
}
