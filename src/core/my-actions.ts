/**
 * Builds a person's Home ("My actions") from the store: their open actions across the workspace
 * (ActionStore.openActionsOf) and each channel's time zone, so due dates read as on the channel's cards.
 */
import type { ActionStore, Clock } from './ports';
import type { Workspace } from './user-actions';
import type { View } from './view';
import { type HomeView, homeView } from './views/home-view';

export interface MyActionsDeps {
  store: Pick<ActionStore, 'openActionsOf' | 'getSettings'>;
  clock: Clock;
  defaultTimezone: string;
}

export async function myActions(
  deps: MyActionsDeps,
  workspace: Workspace,
  userId: string,
  page: number,
  notice: View | null = null,
): Promise<HomeView> {
  const actions = await deps.store.openActionsOf(workspace, userId);
  const channels = new Map([...actions.owned, ...actions.raised].map((a) => [a.channel.channel, a.channel]));
  const zones = new Map<string, string>();
  await Promise.all(
    [...channels.entries()].map(async ([id, ref]) => {
      const settings = await deps.store.getSettings(ref);
      zones.set(id, settings.timezone ?? deps.defaultTimezone);
    }),
  );
  const now = deps.clock.now();
  return homeView(
    actions,
    page,
    (action) => ({ now, timezone: zones.get(action.channel.channel) ?? deps.defaultTimezone }),
    notice,
  );
}
