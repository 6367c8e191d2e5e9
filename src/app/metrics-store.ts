/**
 * The action store, counted: a decorator that watches the store's writes, because every way an action
 * comes or goes (a command, a button, a thread reply, a reminder DM answered, an import) ends in one of
 * them. So no adapter and no core rule knows about metrics:
 * - `create` and `createMany` count actions created;
 * - an `update` whose history entry moves `state` from open counts an action closed (done or dropped);
 * - after every write, the action's place in the overdue index is brought up to date.
 *
 * The overdue index (src/store/redis-overdue-index.ts) holds the open actions with a due date by their due
 * instant, so the overdue gauge is one count up to now. Actions last written before this index existed are
 * not in it until their next change. A failure to update the index is logged and never fails the write.
 */

import type { Action, ChannelRef, HistoryEntry, NewAction, Platform } from '../core/domain';
import { actionFields, type Logger } from '../core/logger';
import type { ActionStore, ListState } from '../core/ports';
import type { Workspace } from '../core/user-actions';
import type { ServiceMetrics } from '../server/metrics';

/** Where the overdue gauge is kept (src/store/redis-overdue-index.ts). */
export interface OverdueIndex {
  /** Keeps the action in the index while it is open with a due date, and out of it otherwise. */
  track(action: Action): Promise<void>;
  /** Open actions due before `now`. */
  count(now: Date): Promise<number>;
}

export class MetricsActionStore implements ActionStore {
  constructor(
    private readonly inner: ActionStore,
    private readonly metrics: ServiceMetrics,
    private readonly overdue: OverdueIndex,
    private readonly logger: Logger,
  ) {}

  private async tracked(actions: Action[]): Promise<void> {
    for (const action of actions) {
      await this.overdue.track(action).catch((error: unknown) => {
        this.logger.warn(
          actionFields(action.channel, action.number),
          'Metrics: could not update the overdue index:',
          error,
        );
      });
    }
  }

  async create(action: NewAction, history: HistoryEntry): Promise<Action> {
    const created = await this.inner.create(action, history);
    this.metrics.actionsCreated.inc({ platform: created.channel.platform });
    await this.tracked([created]);
    return created;
  }

  async createMany(actions: NewAction[], history: (a: NewAction) => HistoryEntry): Promise<Action[]> {
    const created = await this.inner.createMany(actions, history);
    const platform: Platform | undefined = created[0]?.channel.platform;
    if (platform) this.metrics.actionsCreated.inc({ platform }, created.length);
    await this.tracked(created);
    return created;
  }

  async update(action: Action, history: HistoryEntry): Promise<Action> {
    const saved = await this.inner.update(action, history);
    const state = history.changes.state;
    if (state && state.from === 'open' && (state.to === 'done' || state.to === 'dropped')) {
      this.metrics.actionsClosed.inc({ platform: saved.channel.platform, state: state.to });
    }
    await this.tracked([saved]);
    return saved;
  }

  get(channel: ChannelRef, number: number) {
    return this.inner.get(channel, number);
  }
  getWithChannel(channel: ChannelRef, number: number) {
    return this.inner.getWithChannel(channel, number);
  }
  list(channel: ChannelRef, state: ListState) {
    return this.inner.list(channel, state);
  }

  openActionsOf(workspace: Workspace, userId: string) {
    return this.inner.openActionsOf(workspace, userId);
  }
  channels() {
    return this.inner.channels();
  }
  history(channel: ChannelRef, number: number) {
    return this.inner.history(channel, number);
  }
  attachMessage(...args: Parameters<ActionStore['attachMessage']>) {
    return this.inner.attachMessage(...args);
  }
  findByMessage(...args: Parameters<ActionStore['findByMessage']>) {
    return this.inner.findByMessage(...args);
  }
  linkMessage(...args: Parameters<ActionStore['linkMessage']>) {
    return this.inner.linkMessage(...args);
  }
  getAliases(channel: ChannelRef) {
    return this.inner.getAliases(channel);
  }
  setAlias(...args: Parameters<ActionStore['setAlias']>) {
    return this.inner.setAlias(...args);
  }
  getSettings(channel: ChannelRef) {
    return this.inner.getSettings(channel);
  }
  saveSettings(...args: Parameters<ActionStore['saveSettings']>) {
    return this.inner.saveSettings(...args);
  }
  updateSettings(...args: Parameters<ActionStore['updateSettings']>) {
    return this.inner.updateSettings(...args);
  }
  getMeetings(channel: ChannelRef) {
    return this.inner.getMeetings(channel);
  }
  saveMeetings(...args: Parameters<ActionStore['saveMeetings']>) {
    return this.inner.saveMeetings(...args);
  }
  updateMeetings(...args: Parameters<ActionStore['updateMeetings']>) {
    return this.inner.updateMeetings(...args);
  }
  putDraft(...args: Parameters<ActionStore['putDraft']>) {
    return this.inner.putDraft(...args);
  }
  takeDraft(...args: Parameters<ActionStore['takeDraft']>) {
    return this.inner.takeDraft(...args);
  }
  claimOnce(...args: Parameters<ActionStore['claimOnce']>) {
    return this.inner.claimOnce(...args);
  }
  release(...args: Parameters<ActionStore['release']>) {
    return this.inner.release(...args);
  }
}
