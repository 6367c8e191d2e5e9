/**
 * The domain of Arising as zod schemas: what is stored, what crosses the ports. Everything platform
 * specific (Slack ids, Teams ids) is an opaque string here, so the core never imports a platform SDK.
 */
import { z } from 'zod';

export const PlatformSchema = z.enum(['slack', 'teams', 'console']);
export type Platform = z.infer<typeof PlatformSchema>;

/**
 * Where an action lives. Every key in the store is scoped by all three parts, so the same number in two
 * channels, two workspaces or two platforms never collide.
 */
export const ChannelRefSchema = z.object({
  platform: PlatformSchema,
  /** Slack team id, Teams tenant id (with the team id where there is one). */
  team: z.string().min(1),
  /** Slack channel id, Teams conversation id. */
  channel: z.string().min(1),
});
export type ChannelRef = z.infer<typeof ChannelRefSchema>;

/** `slack:T123:C456`: the form the CLI takes with `--channel`. */
export function channelId(ref: ChannelRef): string {
  return `${ref.platform}:${ref.team}:${ref.channel}`;
}

/**
 * An owner is a platform user (by id), an alias (an organisation, role or name mapped to people), or an
 * email address: someone outside the chat, reminded by email (src/core/email-address.ts).
 */
export const OwnerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('user'), id: z.string().min(1) }),
  z.object({ kind: z.literal('alias'), name: z.string().min(1) }),
  z.object({ kind: z.literal('email'), address: z.string().min(3) }),
]);
export type Owner = z.infer<typeof OwnerSchema>;

/**
 * A due date. `at` is the UTC instant the action falls due; `date` (and `time`, when one was given) are
 * the same moment written in the channel's zone when it was set, so that what the user typed is shown
 * back to them. A date without a time falls due at the end of that working day (17:00 local).
 * `nextMeeting` marks a due date that follows the channel's next meeting when that moves.
 */
export const DueSchema = z.object({
  at: z.iso.datetime(),
  date: z.iso.date(),
  time: z
    .string()
    .regex(/^\d{2}:\d{2}$/)
    .nullable(),
  nextMeeting: z.boolean().default(false),
});
export type Due = z.infer<typeof DueSchema>;

export const ActionStateSchema = z.enum(['open', 'done', 'dropped']);
export type ActionState = z.infer<typeof ActionStateSchema>;

/** A message the bot posted about an action, so it can be updated in place and replies in its thread found. */
export const MessageRefSchema = z.object({
  /** Platform conversation the message is in (a Slack channel id, a Teams conversation id). */
  conversation: z.string().min(1),
  /** Slack `ts`, Teams activity id. */
  id: z.string().min(1),
});
export type MessageRef = z.infer<typeof MessageRefSchema>;

export const NoteSchema = z.object({ by: z.string(), at: z.iso.datetime(), text: z.string() });
export type Note = z.infer<typeof NoteSchema>;

export const ActionSchema = z.object({
  channel: ChannelRefSchema,
  number: z.number().int().positive(),
  owners: z.array(OwnerSchema),
  text: z.string().min(1),
  due: DueSchema.nullable(),
  state: ActionStateSchema,
  raisedBy: z.string().min(1),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** Who closed or dropped it, when, and the note or reason given. */
  closedBy: z.string().nullable().default(null),
  closedAt: z.iso.datetime().nullable().default(null),
  closeNote: z.string().nullable().default(null),
  notes: z.array(NoteSchema).default([]),
  meetingId: z.string().nullable().default(null),
  agendaItem: z.string().nullable().default(null),
  agendaTitle: z.string().nullable().default(null),
  /** The channel message that shows this action, updated in place on every change. */
  message: MessageRefSchema.nullable().default(null),
  /** Bumped on every write; the store refuses a write whose version is stale. */
  version: z.number().int().nonnegative(),
});
export type Action = z.infer<typeof ActionSchema>;

/** What a caller supplies to create an action; the store gives it its number and version. */
export type NewAction = Omit<Action, 'number' | 'version'>;

export const HistoryEntrySchema = z.object({
  at: z.iso.datetime(),
  by: z.string(),
  /** What happened: created, done, note, due, snooze, reassign, drop, reopen, imported, … */
  kind: z.string().min(1),
  /** Field name to its value before and after, for what changed. */
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })).default({}),
  text: z.string().nullable().default(null),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

/** A channel's settings; every field has a default so a new channel needs none. */
export const ChannelSettingsSchema = z.object({
  timezone: z.string().nullable().default(null),
  /** Reminder offsets as typed (`-2d`, `0`, `+1d`, `-4h`). */
  reminders: z.array(z.string()).default(['-2d', '0', '+1d']),
  /** ISO weekdays 1 (Monday) to 7 (Sunday). */
  workdays: z.array(z.number().int().min(1).max(7)).default([1, 2, 3, 4, 5]),
  holidays: z.string().nullable().default(null),
  /** Weekly digest: weekday 1–7 and local time, or null when off. */
  digest: z
    .object({ weekday: z.number().int().min(1).max(7), time: z.string().regex(/^\d{2}:\d{2}$/) })
    .nullable()
    .default({ weekday: 1, time: '09:00' }),
  /** User ids of the channel's chairs, who may close, snooze, reassign or drop any action. */
  chairs: z.array(z.string()).default([]),
  /**
   * `settings checkin`: how long before the next meeting its owners are asked for the state of their open
   * actions (`-3d` working days, `-2h`, `-30m`), or null when off (the default).
   */
  checkin: z.string().nullable().default(null),
});
export type ChannelSettings = z.infer<typeof ChannelSettingsSchema>;

export const MeetingSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  /** Local date (and time) of the meeting in the channel's zone: `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm`. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/),
  createdAt: z.iso.datetime(),
});
export type Meeting = z.infer<typeof MeetingSchema>;

/**
 * The iCalendar feed a channel's next meeting comes from (`meeting calendar <url>`), and how its reading
 * went: the last good reading is kept while the feed fails, and the channel is told once when it has
 * failed for days (src/core/calendar/calendar-refresh.ts).
 */
export const CalendarFeedSchema = z.object({
  url: z.string().min(1),
  /** Who set it: the refresh's changes of due dates are made in their name. */
  setBy: z.string(),
  /** The last time the feed was read and understood. */
  readAt: z.iso.datetime(),
  /** The feed's next meeting at that reading (local, as `next`), or null when it had none ahead. */
  next: z.string().nullable().default(null),
  /** When the readings began failing (null while they succeed), and the latest failure. */
  failingSince: z.iso.datetime().nullable().default(null),
  lastError: z.string().nullable().default(null),
  /** When the channel was told that the feed keeps failing (once per run of failures). */
  failureToldAt: z.iso.datetime().nullable().default(null),
});
export type CalendarFeed = z.infer<typeof CalendarFeedSchema>;

/** The channel's meeting state: the current meeting (new actions belong to it) and the next one's date. */
export const ChannelMeetingsSchema = z.object({
  current: MeetingSchema.nullable().default(null),
  /** Local `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm`. */
  next: z.string().nullable().default(null),
  /**
   * True when `next` was set by hand (`meeting next`): it wins over the calendar until it has passed.
   * Optional, as `calendar` is, so records and literals from before calendars read as before.
   */
  nextByHand: z.boolean().optional(),
  /** The feed the next meeting comes from, or null. */
  calendar: CalendarFeedSchema.nullable().optional(),
  /** Earlier meetings, oldest first, so matters arising can name the meeting an action came from. */
  past: z.array(MeetingSchema).default([]),
});
export type ChannelMeetings = z.infer<typeof ChannelMeetingsSchema>;

/** Who is acting, and where. */
export interface Actor {
  channel: ChannelRef;
  userId: string;
}
