/**
 * Who runs a channel. Once a channel has chairs, only they change its chairs, aliases, settings and
 * meetings. A new channel has none and works at once: whoever first changes one of those becomes its
 * chair, so no one can later appoint themselves behind the committee's back. Every change of the chairs
 * is told to the whole channel, so a committee sees at once who took the chair and can object.
 */
import type { Actor, ChannelSettings } from './domain';
import { assertMayRunChannel, type ChannelChange } from './permissions';
import { NO_CHANGE } from './ports';
import type { ServiceDeps } from './service-deps';
import { type Span, text, user } from './view';
import { notice } from './views/notice';

/** What chairs do here, said in every announcement so the channel learns the rule with the news. */
const WHAT_CHAIRS_DO = ' Only chairs change its chairs, aliases, settings and meetings.';

/**
 * Checks that the actor may make a change only chairs may make and, in a channel without chairs, makes
 * the actor its first chair (stored before the change itself) and tells the channel. Call it once the
 * change is known to be valid, so a mistyped command claims nothing. The check and the claim are one
 * atomic update of the settings as they are now, so two people claiming an empty channel at once get one
 * chair (the other is refused), and a setting saved meanwhile is kept. Returns the settings as they now are.
 */
export async function takeChannelChange(
  deps: ServiceDeps,
  actor: Actor,
  change: ChannelChange,
): Promise<ChannelSettings> {
  const update = await deps.store.updateSettings(actor.channel, (settings) => {
    assertMayRunChannel(actor.userId, settings, change);
    const taken = withFirstChair(settings, actor.userId);
    return taken === settings ? NO_CHANGE : taken;
  });
  if (update.changed) await announceFirstChair(deps, actor);
  return update.after;
}

/** The settings with the user as the only chair when there are none yet; the same object otherwise. */
export function withFirstChair(settings: ChannelSettings, userId: string): ChannelSettings {
  return settings.chairs.length > 0 ? settings : { ...settings, chairs: [userId] };
}

/** Tells the channel that the actor, by setting it up, became its first chair. */
export async function announceFirstChair(deps: ServiceDeps, actor: Actor): Promise<void> {
  await announce(deps, actor, 'This channel has its first chair, who set Arising up here.', [
    user(actor.userId),
    text(
      ' set Arising up in this channel, so they are now its chair.' +
        WHAT_CHAIRS_DO +
        ' A chair hands over with `settings chairs @name`.',
    ),
  ]);
}

/** Tells the channel its chairs changed (by `settings chairs`), when they did. */
export async function announceChairs(
  deps: ServiceDeps,
  actor: Actor,
  before: readonly string[],
  after: readonly string[],
): Promise<void> {
  if (before.length === after.length && before.every((id) => after.includes(id))) return;
  if (after.length === 0) {
    await announce(deps, actor, "This channel's chairs were removed.", [
      user(actor.userId),
      text(
        " removed this channel's chairs: whoever next changes its aliases, settings or meetings becomes its chair.",
      ),
    ]);
    return;
  }
  const spans: Span[] = [user(actor.userId), text(' made ')];
  after.forEach((id, i) => {
    if (i > 0) spans.push(text(i === after.length - 1 ? ' and ' : ', '));
    spans.push(user(id));
  });
  spans.push(text(` this channel's chair${after.length === 1 ? '' : 's'}.${WHAT_CHAIRS_DO}`));
  await announce(deps, actor, "This channel's chairs changed.", spans);
}

/** Posts in the channel; a failure is reported, not thrown: the change is made and the actor is told. */
async function announce(deps: ServiceDeps, actor: Actor, plain: string, spans: Span[]): Promise<void> {
  try {
    await deps.messenger.post({ kind: 'channel', channel: actor.channel }, notice(plain, spans));
  } catch (error) {
    deps.onBackgroundError?.('announcing the chairs', error, { channel: actor.channel });
  }
}
