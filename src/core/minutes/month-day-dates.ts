/**
 * "by Apr 18", "due Jun 12", "Sept 30": a month and a day of the month, as American-style notes write
 * them. chrono reads a month followed by two digits as a month and a two-digit YEAR ("Apr 18" = April
 * 2018), which in minutes is almost never meant: a deadline is a day, and it falls after the meeting.
 * This reads those words again as that day, in the first year that puts it on or after the meeting.
 */
import { monthOfWord } from '../dates/due-words';

const MONTH_AND_NUMBER = /^([A-Za-z]{3,9})\.?\s+(\d{1,2})$/;

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * The `YYYY-MM-DD` day that `words` ("Apr 18") name, read forward from `meetingDate`; null when the
 * words are not a month and a possible day of it.
 */
export function monthDayAfter(words: string, meetingDate: string): string | null {
  const m = MONTH_AND_NUMBER.exec(words.trim());
  const month = m ? monthOfWord(m[1] ?? '', true) : null;
  const day = Number(m?.[2] ?? 0);
  const year = Number(meetingDate.slice(0, 4));
  if (!month || day < 1 || !Number.isFinite(year)) return null;
  const daysIn = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysIn && !(month === 2 && day === 29)) return null;
  const sameYear = `${year}-${pad(month)}-${pad(day)}`;
  return sameYear >= meetingDate.slice(0, 10) ? sameYear : `${year + 1}-${pad(month)}-${pad(day)}`;
}
