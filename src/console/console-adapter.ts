/**
 * The console adapter: what a person does in the page, as an inbound message for the conversation core,
 * and the core's answers shown where they acted. It only knows the console's ways:
 * - the channel's message box talks to Arising (as Slack's `/action` box does), with or without
 *   `/action` or `@Arising` before the command; `@Priya` becomes a mention of the demo person;
 * - a reply in a thread is said in the thread of that message; a person's DM pane is their direct
 *   messages with Arising, where the core's one rule tells a command from an answer to the latest reminder;
 * - what people type is shown in the pane as they typed it, for everyone who can see that pane;
 * - a private answer is stored visible to the acting person only; pressing a button on such a message
 *   (an import preview) answers in its place, and the answer to a button on any other message goes in
 *   that message's thread, next to what was pressed;
 * - a document (matters arising as .docx) is offered as a download link, privately: the page's own
 *   `/console/api/papers.docx`, which makes it afresh for whoever follows the link (console-routes.ts).
 */
import type { ChatService, Reply, SharedDocument } from '../core/chat-service';
import { CHANNEL_PANE, type ConsolePaneStore, dmPane, type PaneId } from '../core/console-pane-store';
import { type ConversationDeps, handle } from '../core/conversation/conversation';
import type { ReplyTargets, Surface } from '../core/conversation/conversation-ports';
import type { Inbound, What, Where } from '../core/conversation/inbound';
import type { Actor, ChannelRef, MessageRef } from '../core/domain';
import type { Logger } from '../core/logger';
import type { Messenger } from '../core/ports';
import { type Block, type ButtonId, type Span, text, type View } from '../core/view';
import { demoNames, resolveMentions } from './demo';

/** The page's answer to a request: nothing more, or a form to open. */
export interface ConsoleOutcome {
  form?: 'import';
}

export interface ConsoleAdapterDeps {
  service: ChatService;
  store: ConsolePaneStore;
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

const ADDRESSED = /^\s*(?:\/action|@arising)(?=\s|$)\s*/i;

/** `/action list` and `@Arising list` are `list`, as the page's help writes it. */
export function commandText(typed: string): string {
  return typed.replace(ADDRESSED, '').trim();
}

export class ConsoleAdapter {
  private readonly conversation: ConversationDeps;

  constructor(private readonly deps: ConsoleAdapterDeps) {
    this.conversation = {
      service: deps.service,
      // The page's requests are not redelivered: there is nothing to claim.
      claims: { claim: async () => true },
      targets: new ConsolePanes(deps.store, deps.channel),
      log: deps.logger,
    };
  }

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
    const where: Where = thread
      ? { kind: 'thread', root: thread }
      : pane === 'channel'
        ? { kind: 'channel' }
        : { kind: 'dm' };
    // The channel's box is addressed to Arising; elsewhere, `/action` or `@Arising` first says so.
    const mentioned = (pane === 'channel' && !thread) || ADDRESSED.test(text);
    return this.handle(at, where, mentioned, { kind: 'text', text: resolveMentions(commandText(text)) });
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
    // A private answer goes in the thread of the message pressed, next to it, not at the pane's end.
    const at = this.place(userId, pane, message ? (message.thread ?? message.id) : null);
    const what: What = {
      kind: 'button',
      id: pressed.id,
      value: pressed.value,
      ...(pressed.input === undefined ? {} : { input: resolveMentions(pressed.input) }),
      onPrivateMessage: message?.visibleTo === userId,
    };
    const where: Where = pane === 'channel' ? { kind: 'channel' } : { kind: 'dm' };
    return this.handle(at, where, true, what, message?.visibleTo === userId ? message.id : null);
  }

  /**
   * `matters-arising docx` as the person asked it, for the download link: the document to send, or the
   * answer that says why there is none (no meeting yet).
   */
  async paper(userId: string): Promise<Reply> {
    return this.deps.service.command({ channel: this.deps.channel, userId }, 'matters-arising docx');
  }

  /** Minutes pasted into the import form. */
  async importText(userId: string, text: string): Promise<ConsoleOutcome> {
    const at = this.place(userId, 'channel', null);
    return this.handle(at, { kind: 'channel' }, true, { kind: 'import', minutes: async () => text });
  }

  private async handle(
    at: Place,
    where: Where,
    mentioned: boolean,
    what: What,
    replaces: string | null = null,
  ): Promise<ConsoleOutcome> {
    const inbound: Inbound = { actor: at.actor, where, mentioned, delivery: null, what };
    const surface = new PaneSurface(this.deps, at, replaces);
    await handle(this.conversation, inbound, surface);
    return surface.outcome;
  }
}

/** The message a reply answers: its thread's root, or in a DM pane the bot's latest message there. */
class ConsolePanes implements ReplyTargets {
  constructor(
    private readonly store: ConsolePaneStore,
    private readonly channel: ChannelRef,
  ) {}

  async repliedTo(inbound: Inbound): Promise<MessageRef[]> {
    const { where } = inbound;
    if (where.kind === 'thread') {
      const root = await this.store.get(this.channel, where.root);
      return root ? [{ conversation: root.pane, id: root.id }] : [];
    }
    if (where.kind !== 'dm') return [];
    const pane = dmPane(inbound.actor.userId);
    const id = where.quoted ?? (await this.latestFromArising(pane));
    return id ? [{ conversation: pane, id }] : [];
  }

  /** The bot's latest message for everyone in the pane: what a plain reply in a DM answers. */
  private async latestFromArising(pane: PaneId): Promise<string | null> {
    const messages = await this.store.pane(this.channel, pane);
    const latest = messages.findLast((m) => m.from === null && m.visibleTo === null && m.thread === null);
    return latest?.id ?? null;
  }
}

/** One request's answers, in the pane (and thread) where the person acted. */
class PaneSurface implements Surface {
  readonly outcome: ConsoleOutcome = {};

  constructor(
    private readonly deps: ConsoleAdapterDeps,
    private readonly at: Place,
    private readonly replaces: string | null,
  ) {}

  async showPrivately(view: View): Promise<void> {
    await this.deps.store.add(this.deps.channel, {
      pane: this.at.pane,
      thread: this.at.thread,
      from: null,
      view: asTyped(view),
      text: null,
      visibleTo: this.at.actor.userId,
    });
  }

  async replaceOriginal(view: View): Promise<void> {
    if (this.replaces && (await this.deps.store.update(this.deps.channel, this.replaces, asTyped(view))))
      return;
    await this.showPrivately(view);
  }

  async postInChannel(view: View): Promise<boolean> {
    return (await this.deps.messenger.post({ kind: 'channel', channel: this.deps.channel }, view)) !== null;
  }

  async openForm(form: 'import' | 'add'): Promise<boolean> {
    if (form !== 'import') return false;
    this.outcome.form = form;
    return true;
  }

  /** A link to download the document, shown to the person who asked (the page makes the file). */
  async shareDocument(document: SharedDocument): Promise<boolean> {
    const url = paperDownloadPath(this.at.actor.userId);
    const words = `Download ${document.filename}`;
    await this.showPrivately({
      text: `${document.comment} ${words}: ${url}`,
      blocks: [
        { kind: 'section', spans: [text(document.comment)] },
        { kind: 'section', spans: [text(words, { entity: { kind: 'link', url, label: words } })] },
      ],
    });
    return true;
  }
}

/** Where the page serves matters arising as a Word document for a demo person. */
export function paperDownloadPath(userId: string): string {
  return `/console/api/papers.docx?as=${encodeURIComponent(userId)}`;
}

const MENTION_MARKUP = /<@([^\s|<>]+)(?:\|[^<>]*)?>/g;
const NAMES = demoNames();

/**
 * The answer with the mentions the core quotes from a command (`<@priya>`, as resolveMentions made
 * them) written back the way the person typed them (`@Priya`): an error quoting the command then reads
 * as what was typed, not as Slack's markup.
 */
function asTyped(view: View): View {
  const plain = (text: string) =>
    text.replace(MENTION_MARKUP, (_whole, id: string) => `@${(NAMES.get(id) ?? id).split(' ')[0]}`);
  const spans = (list: Span[]) => list.map((s) => (s.kind === 'text' ? { ...s, text: plain(s.text) } : s));
  const block = (b: Block): Block => {
    switch (b.kind) {
      case 'header':
        return { ...b, text: plain(b.text) };
      case 'section':
      case 'context':
        return { ...b, spans: spans(b.spans) };
      case 'fields':
        return { ...b, fields: b.fields.map((f) => ({ ...f, spans: spans(f.spans) })) };
      default:
        return b;
    }
  };
  return { text: plain(view.text), blocks: view.blocks.map(block) };
}
