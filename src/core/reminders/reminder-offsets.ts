/**
 * Reminder offsets as a channel stores them (`-2d`, `0`, `+1d`, `-4h`, `-30m`), read into what the
 * schedule needs. `settings reminders` has already normalised them; a stored value that is not an offset
 * (an old or hand-edited record) is skipped rather than stopping every reminder of the channel.
 */

/**
 * - `workdays`: that many working days from the due date, at 09:00 local.
 * - `minutes`: that many minutes from the due moment (hours are stored as minutes here).
 * - `due`: the due date at 09:00, or the due moment when the due date has a time.
 */
export type ReminderOffset =
  | { unit: 'due' }
  | { unit: 'workdays'; amount: number }
  | { unit: 'minutes'; amount: number };

const OFFSET = /^([+-])(\d{1,2})([dhm])$/i;

/** One offset, or null when the text is not one. */
export function parseReminderOffset(raw: string): ReminderOffset | null {
  const word = raw.trim();
  if (word === '0') return { unit: 'due' };
  const m = OFFSET.exec(word);
  if (!m?.[1] || !m[2] || !m[3]) return null;
  const amount = Number(m[2]) * (m[1] === '-' ? -1 : 1);
  if (amount === 0) return { unit: 'due' };
  const unit = m[3].toLowerCase();
  if (unit === 'd') return { unit: 'workdays', amount };
  return { unit: 'minutes', amount: unit === 'h' ? amount * 60 : amount };
}

/** The offsets that parse, in the order given. */
export function parseReminderOffsets(raw: readonly string[]): ReminderOffset[] {
  return raw.map(parseReminderOffset).filter((o): o is ReminderOffset => o !== null);
}
