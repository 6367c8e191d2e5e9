/**
 * Composing and posting a channel's overdue digest. The weekly job and the `digest` command both come
 * here, so they always say the same thing.
 */
import type { ChannelRef, MessageRef } from '../domain';
import type { ActionStore, Clock, Messenger } from '../ports';
import type { View } from '../view';
import { overdueDigestView } from './digest-view';

export interface DigestDeps {
  store: ActionStore;
  messenger: Messenger;
  clock: Clock;
  /** DEFAULT_TIMEZONE, for a channel that has not set its own. */
  defaultTimezone: string;
}

/** The channel's digest as of now, or null when nothing is overdue. */
export async function composeDigest(
  deps: Pick<DigestDeps, 'store' | 'clock' | 'defaultTimezone'>,
  channel: ChannelRef,
): Promise<View | null> {
  const [actions, settings] = await Promise.all([
    deps.store.list(channel, 'open'),
    deps.store.getSettings(channel),
  ]);
  const timezone = settings.timezone ?? deps.defaultTimezone;
  return overdueDigestView(actions, { now: deps.clock.now(), timezone });
}

/**
 * Posts the digest in the channel when something is overdue. Returns what was posted (the message is null
 * when the platform could not deliver it), or null when nothing is overdue and nothing was posted.
 */
export async function postDigest(
  deps: DigestDeps,
  channel: ChannelRef,
): Promise<{ view: View; message: MessageRef | null } | null> {
  const view = await composeDigest(deps, channel);
  if (!view) return null;
  const message = await deps.messenger.post({ kind: 'channel', channel }, view);
  return { view, message };
}
