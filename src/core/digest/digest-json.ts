/**
 * The overdue digest as JSON (`arising digest --channel … --json`), from the same selection and grouping
 * as the chat digest and the Markdown:
 *
 *   {
 *     "asOf": "2024-06-03T08:00:00.000Z", "timezone": "Europe/London", "overdue": 3,
 *     "owners": [
 *       { "owner": "WYP" | "@U123" | null,
 *         "actions": [ { "number": 4, "text": "…", "due": "2024-05-20" | "2024-05-20T17:00",
 *                        "dueAt": "2024-05-20T16:00:00.000Z", "daysOverdue": 14 } ] }
 *     ]
 *   }
 *
 * `overdue` counts actions (one with two owners appears under both, and is counted once); owners come
 * most overdue first, and `owner` is null for actions with no owner.
 */
import type { Action, Due } from '../domain';
import { ownerPlain } from '../matters/matters-markdown';
import { type DigestContext, groupByOwner, overdueItems } from './digest-view';

export interface DigestActionJson {
  number: number;
  text: string;
  /** The local due date (and time when one was set) in the channel's zone. */
  due: string;
  /** The UTC instant it fell due. */
  dueAt: string;
  /** Whole local days late (0 on the due day after its time). */
  daysOverdue: number;
}

export interface DigestJson {
  asOf: string;
  timezone: string;
  overdue: number;
  owners: { owner: string | null; actions: DigestActionJson[] }[];
}

function localDue(due: Due): string {
  return due.time ? `${due.date}T${due.time}` : due.date;
}

export function overdueDigestJson(actions: readonly Action[], ctx: DigestContext): DigestJson {
  const items = overdueItems(actions, ctx);
  return {
    asOf: ctx.now.toISOString(),
    timezone: ctx.timezone,
    overdue: items.length,
    owners: groupByOwner(items).map((group) => ({
      owner: group.owner ? ownerPlain(group.owner) : null,
      actions: group.items.flatMap(({ action, days }) =>
        action.due
          ? [
              {
                number: action.number,
                text: action.text,
                due: localDue(action.due),
                dueAt: action.due.at,
                daysOverdue: days,
              },
            ]
          : [],
      ),
    })),
  };
}
