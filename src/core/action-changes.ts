/**
 * Pure functions that change an action and say what changed. Each returns the new action and the history
 * entry to store with it, so the store writes both in one atomic step and every change is on record.
 */
import type { Action, Due, HistoryEntry, Owner } from './domain';
import { UserError } from './errors';

export interface Changed {
  action: Action;
  entry: HistoryEntry;
}

type Patchable = Pick<Action, 'owners' | 'due' | 'state' | 'closedBy' | 'closedAt' | 'closeNote' | 'notes'>;

/** Applies a patch and records each field whose value changed (notes are recorded as the entry's text). */
export function applyPatch(
  action: Action,
  patch: Partial<Patchable>,
  meta: { by: string; now: Date; kind: string; text?: string | null },
): Changed {
  const at = meta.now.toISOString();
  const changes: HistoryEntry['changes'] = {};
  for (const [field, to] of Object.entries(patch) as [keyof Patchable, unknown][]) {
    if (field === 'notes') continue;
    const from = action[field];
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from, to };
  }
  return {
    action: { ...action, ...patch, updatedAt: at },
    entry: { at, by: meta.by, kind: meta.kind, changes, text: meta.text ?? null },
  };
}

function assertOpen(action: Action, verb: string): void {
  if (action.state === 'open') return;
  const how = action.state === 'done' ? 'closed' : 'dropped';
  throw new UserError(
    'already_closed',
    `#${action.number} is already ${how}, so there is nothing to ${verb}.`,
  );
}

/** Ends an open action as done or dropped, keeping who ended it, when, and the note or reason. */
function endAction(
  action: Action,
  how: 'done' | 'dropped',
  by: string,
  now: Date,
  text: string | null,
): Changed {
  assertOpen(action, how === 'done' ? 'close' : 'drop');
  return applyPatch(
    action,
    { state: how, closedBy: by, closedAt: now.toISOString(), closeNote: text },
    { by, now, kind: how === 'done' ? 'done' : 'drop', text },
  );
}

export function closeAction(action: Action, by: string, now: Date, note: string | null): Changed {
  return endAction(action, 'done', by, now, note);
}

export function dropAction(action: Action, by: string, now: Date, reason: string | null): Changed {
  return endAction(action, 'dropped', by, now, reason);
}

export function noteAction(action: Action, by: string, now: Date, text: string): Changed {
  const notes = [...action.notes, { by, at: now.toISOString(), text }];
  return applyPatch(action, { notes }, { by, now, kind: 'note', text });
}

export function setDue(action: Action, by: string, now: Date, due: Due | null, kind = 'due'): Changed {
  assertOpen(action, kind === 'snooze' ? 'snooze' : 'reschedule');
  return applyPatch(action, { due }, { by, now, kind });
}

export function reassignAction(action: Action, by: string, now: Date, owners: Owner[]): Changed {
  assertOpen(action, 'reassign');
  return applyPatch(action, { owners }, { by, now, kind: 'reassign' });
}
