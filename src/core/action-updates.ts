/**
 * The one path every change of an existing action takes: load it in the channel, check who may change
 * it, apply a pure change, store it with its history (retrying on a concurrent write), then bring the
 * channel card and the reminders up to date.
 */
import type { Changed } from './action-changes';
import type { Action, ChannelRef } from './domain';
import { ConflictError, UserError } from './errors';
import { assertMayModify, type GuardedChange } from './permissions';
import { type ChannelContext, loadChannelContext, type ServiceDeps } from './service-deps';
import { actionCard } from './views/action-card';

const ATTEMPTS = 3;

export function notFound(number: number): UserError {
  return new UserError(
    'not_found',
    `There is no action #${number} in this channel. \`list all\` shows every action here.`,
  );
}

export async function modifyAction(
  deps: ServiceDeps,
  target: { channel: ChannelRef; number: number; userId: string },
  guard: GuardedChange | null,
  change: (action: Action, ctx: ChannelContext) => Changed,
): Promise<{ action: Action; ctx: ChannelContext }> {
  for (let attempt = 1; ; attempt++) {
    const [action, ctx] = await Promise.all([
      deps.store.get(target.channel, target.number),
      loadChannelContext(deps, target.channel),
    ]);
    if (!action) throw notFound(target.number);
    if (guard) assertMayModify(target.userId, action, ctx.aliases, ctx.settings, guard);
    const changed = change(action, ctx);
    try {
      const saved = await deps.store.update(changed.action, changed.entry);
      await afterChange(deps, saved, ctx);
      await deps.watchers?.changed({ before: action, after: saved, by: target.userId, aliases: ctx.aliases });
      return { action: saved, ctx };
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= ATTEMPTS) throw error;
    }
  }
}

/** Updates the action's card in place and reschedules its reminders; failures here are only reported. */
export async function afterChange(deps: ServiceDeps, action: Action, ctx: ChannelContext): Promise<void> {
  const jobs: Promise<void>[] = [scheduleReminders(deps, action)];
  if (action.message) {
    const view = actionCard(action, {
      now: deps.clock.now(),
      timezone: ctx.timezone,
      meetingTitle: meetingTitleOf(action, ctx),
    });
    jobs.push(deps.messenger.update(action.channel, action.message, view));
  }
  const results = await Promise.allSettled(jobs);
  for (const r of results) {
    if (r.status === 'rejected')
      deps.onBackgroundError?.(`updating #${action.number}`, r.reason, about(action));
  }
}

/** Which action a background failure is about, for the log. */
function about(action: Action): { channel: ChannelRef; number: number } {
  return { channel: action.channel, number: action.number };
}

export function meetingTitleOf(action: Action, ctx: ChannelContext): string | null {
  const current = ctx.meetings.current;
  return current && action.meetingId === current.id ? current.title : null;
}

/** Brings the action's reminders up to date; a failure is reported, not thrown, since the change is stored. */
export async function scheduleReminders(deps: ServiceDeps, action: Action): Promise<void> {
  try {
    await deps.scheduler.actionChanged(action);
  } catch (error) {
    deps.onBackgroundError?.(`scheduling reminders of #${action.number}`, error, about(action));
  }
}
