/**
 * The action's page for an owner reached by email (`GET /a/<token>`, `POST /a/<token>`), on the core's
 * side: which action a token opens, and the page's three answers (Done, a progress note, a new due date)
 * run as the chat commands `done`, `note` and `due` do, through changeAction, with the address as the one
 * who acts. So the history says `by` the address, the channel's card is updated and the reminders are
 * replanned exactly as for a change made in the chat.
 *
 * A token opens its action only while the address it was sent to is still among the action's owners,
 * directly or as one of an alias's people: reassigning the action, or taking the address out of the alias,
 * closes the page to it at once, whatever the token's expiry. Every refusal is the same null.
 */
import { changeAction } from './action-commands';
import type { ActionPageTokens, PageLink } from './action-page-tokens';
import type { Command } from './command';
import type { Action, HistoryEntry } from './domain';
import { isEmailPerson } from './email-address';
import { UserError } from './errors';
import { isOwner } from './owners';
import { type ChannelContext, loadActionContext, type ServiceDeps } from './service-deps';
import { assertWithinLimit, stripControlCharacters } from './text-limits';

/** What the page shows: the action, its channel's context and its history, oldest first. */
export interface OpenedPage {
  link: PageLink;
  action: Action;
  context: ChannelContext;
  history: HistoryEntry[];
}

/** An answer from the page's forms, as they are posted. */
export type PageAnswer =
  | { kind: 'done'; note: string }
  | { kind: 'note'; text: string }
  | { kind: 'due'; date: string };

export type PageField = PageAnswer['kind'];

/** What an answer did: which confirmation to show, or which field to show the error beside. */
export type PageOutcome = { ok: PageField } | { error: { field: PageField; message: string } };

export type PageDeps = Pick<ServiceDeps, 'store' | 'defaultTimezone' | 'holidays' | 'clock'>;

/**
 * The action pages for the HTTP adapter (src/page): the core's deps and the tokens, so the adapter only
 * translates requests into these two calls.
 */
export class ActionPages {
  constructor(
    private readonly deps: ServiceDeps,
    readonly tokens: ActionPageTokens,
  ) {}

  /** The page `token` opens now, or null when the link is not valid. */
  open(token: string): Promise<OpenedPage | null> {
    return openActionPage(this.deps, this.tokens, token);
  }

  /** An answer from the page, as its address; see answerActionPage. */
  answer(page: OpenedPage, answer: PageAnswer): Promise<PageOutcome> {
    return answerActionPage(this.deps, page, answer);
  }

  /** Now, by the service's clock, for what the page shows (how late, which dates). */
  now(): Date {
    return this.deps.clock.now();
  }
}

/** The action `token` opens now, with its history; null when the link is not (or no longer) valid. */
export async function openActionPage(
  deps: PageDeps,
  tokens: ActionPageTokens,
  token: string,
): Promise<OpenedPage | null> {
  const link = await tokens.read(token, deps.clock.now());
  if (!link) return null;
  const { action, context } = await loadActionContext(deps, link.channel, link.number);
  if (!action || !ownsAction(link.address, action, context)) return null;
  const history = await deps.store.history(link.channel, link.number);
  return { link, action, context, history };
}

/** Whether the address is one of the action's owners, itself or as one of an alias's people. */
function ownsAction(address: string, action: Action, context: ChannelContext): boolean {
  return isEmailPerson(address) && isOwner(action.owners, context.aliases, address);
}

/**
 * Applies an answer from the page as the address. A mistake (an unreadable or past date, an empty note,
 * an action closed meanwhile) comes back as the field's error, in the core's words, and nothing is stored.
 */
export async function answerActionPage(
  deps: ServiceDeps,
  page: OpenedPage,
  answer: PageAnswer,
): Promise<PageOutcome> {
  const actor = { channel: page.link.channel, userId: page.link.address };
  try {
    await changeAction(deps, actor, commandOf(page.action.number, answer));
    return { ok: answer.kind };
  } catch (error) {
    if (error instanceof UserError) return { error: { field: answer.kind, message: error.message } };
    throw error;
  }
}

/** The chat command an answer stands for; its words are user text, held to a command's rules. */
function commandOf(number: number, answer: PageAnswer): Command {
  switch (answer.kind) {
    case 'done': {
      const note = words(answer.note);
      return { kind: 'done', number, note: note === '' ? null : note };
    }
    case 'note': {
      const text = words(answer.text);
      if (text === '')
        throw new UserError('bad_command', 'Write the progress note first, then press Add note.');
      return { kind: 'note', number, text };
    }
    case 'due': {
      const date = words(answer.date);
      if (date === '') {
        throw new UserError('bad_date', 'Choose the new due date first, such as 2027-07-31 or next Friday.');
      }
      return { kind: 'due', number, dueText: date };
    }
  }
}

function words(typed: string): string {
  const cleaned = stripControlCharacters(typed).trim();
  assertWithinLimit(cleaned);
  return cleaned;
}
