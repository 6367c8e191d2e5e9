/**
 * Applying an import's updates to existing actions: each is re-read, its outcome decided again against
 * what it is now (someone may have closed or noted it since the preview), and written with the store's
 * versioned update, so a concurrent change is never overwritten. On a ConflictError the action is read
 * and decided once more; a second conflict is reported rather than retried without end.
 */

import { closeAction, noteAction } from '../action-changes';
import { afterChange } from '../action-updates';
import type { ChannelRef } from '../domain';
import { ConflictError } from '../errors';
import type { ExtractedAction } from '../minutes/extracted-minutes';
import { loadChannelContext, type ServiceDeps } from '../service-deps';
import { importCloseNote, type LineOutcome, outcomeFor, type PlanContext } from './import-plan';

/** What became of a line that matched an existing action. */
export type AppliedUpdate =
  | { kind: 'closed' | 'noted'; number: number }
  | { kind: 'recorded'; number: number }
  | { kind: 'blocked'; number: number }
  /** Changed by someone else twice while the import tried to update it: left as they left it. */
  | { kind: 'conflict'; number: number };

const ATTEMPTS = 2;

/** Applies one matched line's update; `planned` is the outcome decided from the first read. */
export async function applyUpdate(
  deps: ServiceDeps,
  channel: ChannelRef,
  line: ExtractedAction,
  planned: Exclude<LineOutcome, { kind: 'new' }>,
  ctx: PlanContext,
): Promise<AppliedUpdate> {
  const number = planned.number;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const [action, channelCtx] = await Promise.all([
      deps.store.get(channel, number),
      loadChannelContext(deps, channel),
    ]);
    if (!action) return { kind: 'recorded', number };
    const outcome = outcomeFor(line, action, {
      ...ctx,
      aliases: channelCtx.aliases,
      settings: channelCtx.settings,
    });
    if (outcome.kind === 'recorded' || outcome.kind === 'blocked') return { kind: outcome.kind, number };
    if (outcome.kind === 'new') return { kind: 'recorded', number };
    const now = deps.clock.now();
    const changed =
      outcome.kind === 'close'
        ? closeAction(action, ctx.userId, now, importCloseNote(ctx.meeting))
        : noteAction(action, ctx.userId, now, outcome.note);
    try {
      const saved = await deps.store.update(changed.action, changed.entry);
      await afterChange(deps, saved, channelCtx);
      await deps.watchers?.changed({
        before: action,
        after: saved,
        by: ctx.userId,
        aliases: channelCtx.aliases,
      });
      return { kind: outcome.kind === 'close' ? 'closed' : 'noted', number };
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  return { kind: 'conflict', number };
}
