/**
 * The App Home tab, "My actions" (CONTRACT.md, release 0.2, Slack surfaces): published with views.publish
 * when the person opens the tab (`app_home_opened`), after each of their presses on it, and whenever an
 * action that concerns them changes anywhere in the workspace (the core's ActionWatchers: added, done,
 * snoozed, reassigned, …), for the person who acted and every owner and raiser before and after.
 *
 * What the tab shows is the core's view (src/core/views/home-view.ts); this file only publishes it, adds
 * Previous and Next, and turns presses into the core's button presses: Done and Snooze carry the card's
 * own ids and values, so they run through the same conversation path and permission checks as on a card.
 * The answer to a press (a refusal, "Snoozed to …") cannot be shown privately in a channel from a tab, so
 * it is shown on top of the tab itself.
 *
 * Publishes are coalesced per person: while one runs, any number of refreshes make one more, which reads
 * the store afresh, so a burst of changes costs at most two views.publish calls and the last one wins.
 * The page each person is on is kept in the store (ViewPages), so a refresh published by another process
 * (a worker's, when a reminder finds an action overdue) shows the page the person chose.
 */
import type { types } from '@slack/bolt';
import type { ActionChange } from '../core/action-watch';
import { concernedUsers } from '../core/action-watch';
import type { Surface } from '../core/conversation/conversation-ports';
import type { What } from '../core/conversation/inbound';
import type { Actor, ChannelRef } from '../core/domain';
import type { Logger } from '../core/logger';
import { type MyActionsDeps, myActions } from '../core/my-actions';
import type { View } from '../core/view';
import type { ViewPages } from '../core/view-pages';
import { readActionButtonValue } from '../core/views/button-value';
import { errorNotice } from '../core/views/notice';
import { buttonIdOf, renderView } from './block-kit';
import type { WebClient } from './slack-api';

/** The action_ids of the pager's buttons; their value is the page to show. */
export const HOME_PAGE_ACTIONS = ['arising-home-previous', 'arising-home-next'] as const;
export const HOME_CALLBACK_ID = 'arising-home';

/** Slack user ids (not emails, not other platforms' ids): those have a Home to publish. */
const SLACK_USER = /^[UW][A-Z0-9]+$/;

export interface HomeTabDeps {
  /** The Web API client of a workspace (each workspace its own token, where there are several). */
  clientFor(team: string): Promise<WebClient>;
  actions: MyActionsDeps;
  /** The page each person is on, shared by every process. */
  pages: ViewPages;
  logger: Logger;
}

/** Previous and Next under the page, when there is more than one; their value is the page to show. */
function pager(page: number, pages: number): types.ActionsBlock[] {
  if (pages <= 1) return [];
  const button = (actionId: string, label: string, to: number): types.Button => ({
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: label },
    value: String(to),
  });
  const elements: types.Button[] = [];
  if (page > 0) elements.push(button(HOME_PAGE_ACTIONS[0], '◀ Previous', page - 1));
  if (page < pages - 1) elements.push(button(HOME_PAGE_ACTIONS[1], 'Next ▶', page + 1));
  return [{ type: 'actions', elements }];
}

export class HomeTab {
  private readonly notices = new Map<string, View>();
  /** The last publish chained per person, and the one waiting to start (which any refresh may join). */
  private readonly tails = new Map<string, Promise<void>>();
  private readonly waiting = new Map<string, Promise<void>>();

  constructor(private readonly deps: HomeTabDeps) {}

  /** Publishes the person's Home again (coalesced); never rejects: a failure is logged. */
  refresh(team: string, userId: string): Promise<void> {
    const key = `${team}:${userId}`;
    const queued = this.waiting.get(key);
    if (queued) return queued;
    const next = (this.tails.get(key) ?? Promise.resolve())
      .then(() => {
        this.waiting.delete(key);
        return this.publish(team, userId);
      })
      .catch((error: unknown) => this.deps.logger.warn(`Home: cannot publish for ${userId}:`, error));
    this.waiting.set(key, next);
    this.tails.set(key, next);
    void next.then(() => {
      if (this.tails.get(key) === next) this.tails.delete(key);
    });
    return next;
  }

  /** Shows that page (a press on Previous or Next). */
  async showPage(team: string, userId: string, page: number): Promise<void> {
    if (Number.isInteger(page) && page >= 0) await this.deps.pages.remember(team, userId, page);
    await this.refresh(team, userId);
  }

  /**
   * A press on the tab: Previous or Next, or Done or Snooze on an action, which `run` hands to the
   * conversation core as the same press on the action's card, acting in the action's channel.
   */
  async press(
    team: string,
    userId: string,
    element: { action_id: string; value?: string },
    run: (actor: Actor, what: Extract<What, { kind: 'button' }>) => Promise<void>,
  ): Promise<void> {
    const value = element.value ?? '';
    if ((HOME_PAGE_ACTIONS as readonly string[]).includes(element.action_id)) {
      await this.showPage(team, userId, Number(value));
      return;
    }
    const id = buttonIdOf(element.action_id);
    if (id !== 'done' && id !== 'snooze') {
      this.deps.logger.debug(`Ignoring a press on the Home tab that is not ours: ${element.action_id}`);
      return;
    }
    let channel: ChannelRef;
    try {
      channel = readActionButtonValue(value).channel;
    } catch (error) {
      const message = error instanceof Error ? error.message : 'That button no longer works.';
      this.notices.set(`${team}:${userId}`, errorNotice(message));
      await this.refresh(team, userId);
      return;
    }
    // Who acts and in which workspace come from the signed request, never from the value: the core then
    // refuses a value naming another workspace's channel, and checks that the presser may change it.
    await run(
      { channel: { platform: 'slack', team, channel: channel.channel }, userId },
      { kind: 'button', id, value },
    );
  }

  /** The core's announcement of a change: every Slack person it concerns sees their Home again. */
  readonly onChange = async (change: ActionChange): Promise<void> => {
    const { channel } = change.after;
    if (channel.platform !== 'slack') return;
    const users = concernedUsers(change).filter((id) => SLACK_USER.test(id));
    await Promise.all(users.map((id) => this.refresh(channel.team, id)));
  };

  /** Where the answers to a press on the tab go: on top of the tab. Posts in a channel go as usual. */
  surface(team: string, userId: string, channelSurface: Surface): Surface {
    const onTop = async (view: View) => {
      this.notices.set(`${team}:${userId}`, view);
      await this.refresh(team, userId);
    };
    return {
      showPrivately: onTop,
      replaceOriginal: onTop,
      postInChannel: (view) => channelSurface.postInChannel(view),
      openForm: async () => false,
      isCannotPost: (error) => channelSurface.isCannotPost?.(error) ?? false,
    };
  }

  private async publish(team: string, userId: string): Promise<void> {
    const key = `${team}:${userId}`;
    const notice = this.notices.get(key) ?? null;
    this.notices.delete(key);
    const page = await this.deps.pages.pageOf(team, userId);
    const home = await myActions(this.deps.actions, { platform: 'slack', team }, userId, page, notice);
    // A page past the end (actions closed meanwhile) is shown as the last; remember that one.
    if (home.page !== page) await this.deps.pages.remember(team, userId, home.page);
    const { blocks } = renderView(home.view);
    const client = await this.deps.clientFor(team);
    await client.views.publish({
      user_id: userId,
      view: {
        type: 'home',
        callback_id: HOME_CALLBACK_ID,
        blocks: [...blocks, ...pager(home.page, home.pages)],
      },
    });
  }
}
