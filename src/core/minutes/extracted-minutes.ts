/**
 * What the minutes extractor returns: the meeting a document records and the actions in it. This is the
 * JSON that `arising import FILE --dry-run --json` prints (CONTRACT.md), so its shape is fixed from outside;
 * the zod schema is the single definition both the extractor and the CLI check against.
 */
import { z } from 'zod';

/** `YYYY-MM-DD`, or `YYYY-MM-DDTHH:mm` when the document gives a time; local to the meeting. */
export const MinutesDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/);

export const MinutesMeetingSchema = z.object({
  title: z.string().nullable(),
  date: MinutesDateSchema.nullable(),
  previousMeeting: MinutesDateSchema.nullable(),
  nextMeeting: MinutesDateSchema.nullable(),
});
export type MinutesMeeting = z.infer<typeof MinutesMeetingSchema>;

/**
 * `open` for an action the meeting raised; `done` or `ongoing` for an earlier action whose progress the
 * document reports (carried forward counts as ongoing).
 */
export const MinutesActionStatusSchema = z.enum(['open', 'done', 'ongoing']);
export type MinutesActionStatus = z.infer<typeof MinutesActionStatusSchema>;

export const ExtractedActionSchema = z.object({
  agendaItem: z.string().nullable(),
  agendaTitle: z.string().nullable(),
  /** As written: initials, names, roles (Clerk), organisations (WYP). Empty where no owner is stated. */
  owners: z.array(z.string().min(1)),
  /** The task without its owner and without the leading `to`. */
  text: z.string().min(1),
  due: MinutesDateSchema.nullable(),
  status: MinutesActionStatusSchema,
});
export type ExtractedAction = z.infer<typeof ExtractedActionSchema>;

export const ExtractedMinutesSchema = z.object({
  meeting: MinutesMeetingSchema,
  actions: z.array(ExtractedActionSchema),
  /**
   * Initials the attendance list defines ("Fred Eglington (FE)" gives `{ "FE": "Fred Eglington" }`), so an
   * owner written "FE" can be shown and mapped as the person. Absent when the document defines none (and
   * in minutes stored before it existed).
   */
  initials: z.record(z.string(), z.string()).optional(),
});
export type ExtractedMinutes = z.infer<typeof ExtractedMinutesSchema>;

export interface ExtractOptions {
  /**
   * IANA zone the meeting was held in. Times the document states in UTC (as IRC meeting bots do) are
   * converted into it; without it they are kept as written.
   */
  timezone?: string;
}
