/**
 * The parsed form of every subcommand of the command language (CONTRACT.md). The parser turns text into
 * one of these or throws a UserError; the services execute them. User mentions reach the parser as
 * `<@ID>` or `<@ID|name>` on every platform (the Teams adapter rewrites its `<at>` mentions to that form).
 */
import type { Owner } from './domain';

export type ListFilter =
  | { kind: 'open' }
  | { kind: 'overdue' }
  | { kind: 'mine' }
  | { kind: 'done' }
  | { kind: 'all' }
  | { kind: 'owner'; owner: Owner };

/** How far `snooze` moves a due date; `next-meeting` moves it to the next meeting. */
export type SnoozePeriod =
  | { unit: 'hour' | 'day' | 'week' | 'month'; amount: number }
  | { unit: 'next-meeting' };

export type SettingChange =
  | { key: 'timezone'; zone: string }
  | { key: 'digest'; weekday: number; time: string }
  | { key: 'digest-off' }
  | { key: 'reminders'; offsets: string[] }
  | { key: 'workdays'; days: number[] }
  | { key: 'holidays'; region: string | null }
  | { key: 'chairs'; userIds: string[] }
  /** `settings checkin -3d`; null for `off`. */
  | { key: 'checkin'; offset: string | null };

export type Command =
  | {
      kind: 'add';
      owners: Owner[];
      /** The task, without owners, the leading `to`, the due clause or the item clause. */
      text: string;
      /** The words after the last ` by `, when present; the service decides whether they are a date. */
      dueText: string | null;
      /** The task as typed after `to`, due clause included, for when dueText turns out not to be a date. */
      textWithDue: string;
      agendaItem: string | null;
    }
  /** `add` alone: where the platform has a form for a new action, it opens it. */
  | { kind: 'add-form' }
  | { kind: 'list'; filter: ListFilter }
  | { kind: 'done'; number: number; note: string | null }
  | { kind: 'note'; number: number; text: string }
  | { kind: 'due'; number: number; dueText: string | null }
  | { kind: 'snooze'; number: number; period: SnoozePeriod | null }
  | { kind: 'reassign'; number: number; owners: Owner[] }
  | { kind: 'drop'; number: number; reason: string | null }
  | { kind: 'owner-set'; alias: string; userIds: string[] }
  | { kind: 'owner-list' }
  | { kind: 'meeting-show' }
  | { kind: 'meeting-start'; title: string; dateText: string }
  | { kind: 'meeting-next'; dateText: string }
  /** `meeting calendar <url>` (the URL as typed) and `meeting calendar off`. */
  | { kind: 'meeting-calendar'; url: string }
  | { kind: 'meeting-calendar-off' }
  | { kind: 'import'; text: string | null }
  | { kind: 'matters-arising' }
  /** `matters-arising docx`: the same summary as a Word document for the meeting papers. */
  | { kind: 'matters-arising-docx' }
  | { kind: 'digest' }
  | { kind: 'settings-show' }
  | { kind: 'settings'; change: SettingChange }
  | { kind: 'help'; topic: string | null };

export type CommandKind = Command['kind'];
