/**
 * Who is told when an action changes, besides its channel card: the Slack Home tab shows each person
 * their own actions across channels, so a change must reach the Homes of everyone it concerns. The core
 * announces every add and every change here; platforms subscribe (src/slack/home-tab.ts). A listener
 * must not fail the user's command, so its failure is only reported; it is awaited, as the card's update
 * is, so that a change's work is over when its command is (no publish lands after the answer, and a
 * burst of changes cannot pile up unfinished work).
 */
import type { Action } from './domain';
import { resolveOwnerUsers } from './owners';

export interface ActionChange {
  /** The action before the change; null for a new one. */
  before: Action | null;
  after: Action;
  /** Who made the change. */
  by: string;
  /** The channel's aliases, to find the people of an alias owner. */
  aliases: Record<string, string[]>;
}

/** What the core is given (ServiceDeps.watchers): somewhere to announce changes. */
export interface ActionChanges {
  /** Never rejects: listeners' failures are reported. */
  changed(change: ActionChange): Promise<void>;
}

/** Everyone a change concerns: who made it, the owners before and after (aliases' people too), the raisers. */
export function concernedUsers(change: ActionChange): string[] {
  const { before, after, by, aliases } = change;
  const users = [by, ...resolveOwnerUsers(after.owners, aliases), after.raisedBy];
  if (before) users.push(...resolveOwnerUsers(before.owners, aliases), before.raisedBy);
  return [...new Set(users)];
}

export type ActionChangeListener = (change: ActionChange) => Promise<void>;

/** The composition root's hub: the service announces, platform surfaces listen. */
export class ActionWatchers implements ActionChanges {
  private readonly listeners: ActionChangeListener[] = [];

  constructor(private readonly onError: (error: unknown) => void) {}

  watch(listener: ActionChangeListener): void {
    this.listeners.push(listener);
  }

  async changed(change: ActionChange): Promise<void> {
    await Promise.all(this.listeners.map((listener) => listener(change).catch(this.onError)));
  }
}
