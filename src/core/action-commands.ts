/**
 * The subcommands that create, change and list actions. Each takes the parsed command and the actor and
 * answers with a Reply; every rule about actions lives here or in the pure modules it calls.
 */
import { closeAction, dropAction, noteAction, reassignAction, setDue } from './action-changes';
import { meetingTitleOf, modifyAction, scheduleReminders } from './action-updates';
import type { Reply } from './chat-service';
import type { Command } from './command';
import type { Action, Actor, Due, NewAction } from './domain';
import { looksLikeDate, parseDue } from './due-date';
import { UserError } from './errors';
import { formatDue } from './format-date';
import { applyListFilter, stateForFilter } from './list-filter';
import { type ChannelContext, loadChannelContext, type ServiceDeps } from './service-deps';
import { snoozeDue } from './snooze';
import { actionCard } from './views/action-card';
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

export async function addAction(deps: ServiceDeps, actor: Actor, cmd: Of<'add'>): Promise<Reply> {
  const now = deps.clock.now();
  const ctx = await loadChannelContext(deps, actor.channel);
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
  const saved = await deps.store.create(fresh, {
    at,
    by: actor.userId,
    kind: 'created',
    changes: {},
    text: null,
  });
  return postNewAction(deps, saved, ctx);
}

/** Posts a new action's card in its channel and remembers the message, so it can be updated in place. */
export async function postNewAction(deps: ServiceDeps, action: Action, ctx: ChannelContext): Promise<Reply> {
  const view = actionCard(action, {
    now: deps.clock.now(),
    timezone: ctx.timezone,
    meetingTitle: meetingTitleOf(action, ctx),
  });
  const posted = await deps.messenger.post({ kind: 'channel', channel: action.channel }, view);
  let shown = action;
  if (posted) {
    await deps.store.attachMessage(action.channel, action.number, posted);
    shown = { ...action, message: posted };
  }
  await scheduleReminders(deps, shown);
  if (posted) return { kind: 'none' };
  return {
    kind: 'ephemeral',
    view: notice(
      `Recorded #${action.number}, but I couldn't post it in this channel. Invite me to the channel so everyone sees its actions.`,
    ),
  };
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
      return confirm(`Closed #${saved.action.number}: ${saved.action.text}`);
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
      return confirm(`Reassigned #${saved.action.number}.`);
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

function confirm(message: string): Reply {
  return { kind: 'ephemeral', view: notice(message) };
}

export async function listActions(deps: ServiceDeps, actor: Actor, cmd: Of<'list'>): Promise<Reply> {
  const now = deps.clock.now();
  const ctx = await loadChannelContext(deps, actor.channel);
  const actions = await deps.store.list(actor.channel, stateForFilter(cmd.filter));
  const shown = applyListFilter(actions, cmd.filter, { now, userId: actor.userId, aliases: ctx.aliases });
  return { kind: 'ephemeral', view: listView(shown, cmd.filter, { now, timezone: ctx.timezone }) };
}
