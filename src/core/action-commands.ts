/**
 * The subcommands that create, change and list actions. Each takes the parsed command and the actor and
 * answers with a Reply; every rule about actions lives here or in the pure modules it calls.
 */

import { postCard } from './action-card-post';
import { closeAction, dropAction, noteAction, reassignAction, setDue } from './action-changes';
import { modifyAction } from './action-updates';
import { MAYBE_STORED, NOT_STORED, newActionAnswer, type Unfinished } from './add-answers';
import type { Reply } from './chat-service';
import type { Command } from './command';
import { traitsOf } from './conversation/platform-traits';
import type { Action, Actor, Due, NewAction } from './domain';
import { looksLikeDate, parseDue } from './due-date';
import { UnavailableError, UserError } from './errors';
import { failpoint } from './failpoints';
import { formatDue } from './format-date';
import { applyListFilter, stateForFilter } from './list-filter';
import { formatOwnerPlain } from './owners';
import { type ChannelContext, loadChannelContext, type ServiceDeps } from './service-deps';
import { snoozeDue } from './snooze';
import { text } from './view';
import { ownerSpans, taskWords } from './views/action-card';
import { listView } from './views/list-view';
import { notice } from './views/notice';

type Of<K extends Command['kind']> = Extract<Command, { kind: K }>;

/** Parses a due phrase in the channel's zone, working days and next meeting. */
export function dueIn(ctx: ChannelContext, now: Date, phrase: string): Due {
  return parseDue(phrase, {
    now,
    timezone: ctx.timezone,
    workdays: ctx.settings.workdays,
    ...(ctx.isHoliday ? { isHoliday: ctx.isHoliday } : {}),
    nextMeeting: ctx.meetings.next,
  });
}

/** The add command's due date, or null; words after `by` that are no date stay in the task. */
function dueOfAdd(cmd: Of<'add'>, ctx: ChannelContext, now: Date): { due: Due | null; text: string } {
  if (cmd.dueText === null) return { due: null, text: cmd.text };
  try {
    return { due: dueIn(ctx, now, cmd.dueText), text: cmd.text };
  } catch (error) {
    if (error instanceof UserError && error.code === 'bad_date' && !looksLikeDate(cmd.dueText)) {
      return { due: null, text: cmd.textWithDue };
    }
    throw error;
  }
}

/**
 * Stores and posts a new action. `announce`, when given, runs once the card is posted (a form tracked from
 * a message answers in its thread); its failure is reported, never turned into "try again".
 */
export async function addAction(
  deps: ServiceDeps,
  actor: Actor,
  cmd: Of<'add'>,
  announce?: (action: Action) => Promise<void>,
): Promise<Reply> {
  const { saved, ctx } = await storeNewAction(deps, actor, cmd);
  failpoint('add.after-store');
  const reply = await postNewAction(deps, saved, ctx);
  if (announce) {
    await announce(saved).catch((error: unknown) =>
      deps.onBackgroundError?.(`the thread answer of new #${saved.number}`, error, {
        channel: saved.channel,
        number: saved.number,
      }),
    );
  }
  return reply;
}

/**
 * Reads the channel, builds the action and stores it. When the database cannot be reached, the answer
 * says whether the action was stored: not at all (reading the channel failed, or the store refused), or
 * perhaps (the connection was lost with the create out, and its reply with it): the user is then told to
 * look before adding it again, and if it was stored the repair pass posts its card.
 */
async function storeNewAction(
  deps: ServiceDeps,
  actor: Actor,
  cmd: Of<'add'>,
): Promise<{ saved: Action; ctx: ChannelContext }> {
  const now = deps.clock.now();
  const ctx = await answerIfUnavailable('reading', () => loadChannelContext(deps, actor.channel));
  const { due, text } = dueOfAdd(cmd, ctx, now);
  const at = now.toISOString();
  const fresh: NewAction = {
    channel: actor.channel,
    owners: cmd.owners,
    text,
    due,
    state: 'open',
    raisedBy: actor.userId,
    createdAt: at,
    updatedAt: at,
    closedBy: null,
    closedAt: null,
    closeNote: null,
    notes: [],
    meetingId: ctx.meetings.current?.id ?? null,
    agendaItem: cmd.agendaItem,
    agendaTitle: null,
    message: null,
  };
  const entry = { at, by: actor.userId, kind: 'created' as const, changes: {}, text: null };
  return { saved: await answerIfUnavailable('writing', () => deps.store.create(fresh, entry)), ctx };
}

/**
 * Runs a step of storing a new action, answering an unreachable store with NOT_STORED, or MAYBE_STORED
 * when the step writes and its write may have run.
 */
async function answerIfUnavailable<T>(step: 'reading' | 'writing', work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof UnavailableError)) throw error;
    const maybe = step === 'writing' && error.mayHaveRun;
    const notStored = new UnavailableError(maybe ? MAYBE_STORED : NOT_STORED, { mayHaveRun: maybe });
    notStored.cause = error;
    throw notStored;
  }
}

/**
 * Plans a stored action's reminders, posts its card (with its key) and links the card to it, so replies in
 * its thread and updates in place work. The action is stored already: a failure of any step is reported
 * and answered with what is missing, never with "try again" (which would add it twice). The repair pass
 * (src/core/repair) finishes every step left undone.
 */
export async function postNewAction(deps: ServiceDeps, action: Action, ctx: ChannelContext): Promise<Reply> {
  const unfinished: Unfinished[] = [];
  /** Runs one step; a failure is reported and remembered, and gives `undefined`. */
  const attempt = async <T>(what: Unfinished, step: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await step();
    } catch (error) {
      unfinished.push(what);
      deps.onBackgroundError?.(`${what} of new #${action.number}`, error, {
        channel: action.channel,
        number: action.number,
      });
      return undefined;
    }
  };
  await attempt('reminders', () => deps.scheduler.actionChanged(action));
  failpoint('add.after-schedule');
  const card = await attempt('card', () => postCard(deps, action, ctx));
  if (card) {
    failpoint('add.after-post');
    await attempt('thread', () => deps.store.attachMessage(action.channel, action.number, card));
  }
  await deps.watchers?.changed({ before: null, after: action, by: action.raisedBy, aliases: ctx.aliases });
  return newActionAnswer(action.number, card !== null, unfinished);
}

const target = (actor: Actor, number: number) => ({ channel: actor.channel, number, userId: actor.userId });

export async function changeAction(deps: ServiceDeps, actor: Actor, cmd: Command): Promise<Reply> {
  const now = deps.clock.now();
  const by = actor.userId;
  let saved: { action: Action; ctx: ChannelContext };
  switch (cmd.kind) {
    case 'done':
      saved = await modifyAction(deps, target(actor, cmd.number), 'close', (a) =>
        closeAction(a, by, now, cmd.note),
      );
      return confirm(`Closed #${saved.action.number}: ${taskWords(saved.action)}`);
    case 'drop':
      saved = await modifyAction(deps, target(actor, cmd.number), 'drop', (a) =>
        dropAction(a, by, now, cmd.reason),
      );
      return confirm(`Dropped #${saved.action.number}. It stays in the history.`);
    case 'note':
      saved = await modifyAction(deps, target(actor, cmd.number), null, (a) =>
        noteAction(a, by, now, cmd.text),
      );
      return confirm(`Noted on #${saved.action.number}.`);
    case 'reassign':
      saved = await modifyAction(deps, target(actor, cmd.number), 'reassign', (a) =>
        reassignAction(a, by, now, cmd.owners),
      );
      return reassigned(saved.action);
    case 'due':
      saved = await modifyAction(deps, target(actor, cmd.number), 'change the due date of', (a, ctx) =>
        setDue(a, by, now, cmd.dueText === null ? null : dueIn(ctx, now, cmd.dueText)),
      );
      return confirm(dueConfirmation(saved.action, now, saved.ctx, 'Due date of'));
    case 'snooze':
      saved = await modifyAction(deps, target(actor, cmd.number), 'snooze', (a, ctx) =>
        setDue(
          a,
          by,
          now,
          snoozeDue(a.due, cmd.period, { now, timezone: ctx.timezone, nextMeeting: ctx.meetings.next }),
          'snooze',
        ),
      );
      return confirm(dueConfirmation(saved.action, now, saved.ctx, 'Snoozed'));
    default:
      throw new Error(`changeAction cannot handle ${cmd.kind}`);
  }
}

function dueConfirmation(action: Action, now: Date, ctx: ChannelContext, verb: string): string {
  if (!action.due) return `${verb} #${action.number}: no due date now.`;
  return `${verb} #${action.number}: now due ${formatDue(action.due, { now, timezone: ctx.timezone })}.`;
}

/** `Reassigned #4 to @Sam and WYP.`, the people as mentions, so the one who acted sees who has it now. */
function reassigned(action: Action): Reply {
  const lead = `Reassigned #${action.number} to `;
  const plain = action.owners.map(formatOwnerPlain);
  const message = `${lead}${joinNames(plain)}.`;
  return { kind: 'ephemeral', view: notice(message, [text(lead), ...ownerSpans(action.owners), text('.')]) };
}

/** `a`, `a and b`, `a, b and c`: how ownerSpans joins owners, in plain text. */
function joinNames(names: string[]): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function confirm(message: string): Reply {
  return { kind: 'ephemeral', view: notice(message) };
}

export async function listActions(deps: ServiceDeps, actor: Actor, cmd: Of<'list'>): Promise<Reply> {
  const now = deps.clock.now();
  const ctx = await loadChannelContext(deps, actor.channel);
  const actions = await deps.store.list(actor.channel, stateForFilter(cmd.filter));
  const shown = applyListFilter(actions, cmd.filter, { now, userId: actor.userId, aliases: ctx.aliases });
  const prefix = traitsOf(actor.channel.platform).commandPrefix;
  return { kind: 'ephemeral', view: listView(shown, cmd.filter, { now, timezone: ctx.timezone }, prefix) };
}
