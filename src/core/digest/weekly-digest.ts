/**
 * What the weekly digest job does when it fires, decided in the core (jobs/digest-job.ts only reads its
 * data and calls this): checks the digest is still on, and posts it in the channel only when something is
 * overdue, as a keyed two-phase send (src/core/delivery/send-once.ts), so a retried or recovered job never
 * posts twice, and a worker that dies mid-post never loses it.
 */
import { type SendOnceDeps, sendOnce } from '../delivery/send-once';
import type { ChannelRef } from '../domain';
import type { ActionStore } from '../ports';
import { composeDigest } from './post-digest';

export type DigestOutcome = 'posted' | 'nothing-overdue' | 'off' | 'already-posted';

export interface WeeklyDigestDeps extends SendOnceDeps {
  store: ActionStore;
  /** DEFAULT_TIMEZONE, for a channel that has not set its own. */
  defaultTimezone: string;
}

/** Posts this week's digest (`jobId`: the run of the digest's schedule, its send key). */
export async function postWeeklyDigest(
  deps: WeeklyDigestDeps,
  channel: ChannelRef,
  jobId: string,
): Promise<DigestOutcome> {
  const settings = await deps.store.getSettings(channel);
  if (!settings.digest) return 'off';
  const view = await composeDigest(deps, channel);
  if (!view) return 'nothing-overdue';
  const outcome = await sendOnce(deps, {
    what: 'digest',
    key: `digest-sent:${jobId}`,
    to: { kind: 'channel', channel },
    view,
  });
  return outcome.kind === 'posted' ? 'posted' : 'already-posted';
}
