/**
 * Who is told when an action changes, besides its channel card: the Slack Home tab shows each person
 * their own actions across channels, so a change must reach the Homes of everyone it concerns. The core
 * announces every add and every change here; platforms subscribe (src/slack/home-tab.ts). A listener
 * must not fail or slow the user's command, so it is called without being awaited and its failure is
 * only reported.
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
  changed(change: ActionChange): void;
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

  changed(change: ActionChange): void {
    for (const listener of this.listeners) {
      listener(change).catch(this.onError);
    }
  }
}
