/**
 * `settings checkin -3d`: how long before the next meeting its owners are asked for the state of their
 * actions. The offsets are the reminders' (`-3d` working days, `-2h` hours, `-30m` minutes), but only
 * before: an answer after the meeting is no use to it.
 */
import type { SettingChange } from '../command';
import { UserError } from '../errors';
import { quote } from '../text-limits';

export const CHECKIN_USAGE =
  '`settings checkin -3d` (working days before the next meeting), `settings checkin -2h`, `settings checkin -30m` or `settings checkin off`';

const BEFORE = /^-(\d{1,2})([dhm])$/i;

/** `-3d`, `-2h`, `-30m` (normalised: `-03D` is `-3d`), or `off`/`none`/`never` for null. */
export function parseCheckinSetting(value: string): SettingChange {
  if (/^(?:off|none|never)$/i.test(value)) return { key: 'checkin', offset: null };
  const match = BEFORE.exec(value.trim());
  const amount = Number(match?.[1]);
  if (!match?.[2] || amount < 1 || amount > 99) {
    const hint = /^\+?\d{1,2}[dhm]$/i.test(value.trim())
      ? ' (a check-in comes before the meeting, so the offset starts with `-`)'
      : '';
    throw new UserError(
      'bad_setting',
      `${quote(value)} is not a check-in offset${hint}. Write ${CHECKIN_USAGE}.`,
    );
  }
  return { key: 'checkin', offset: `-${amount}${match[2].toLowerCase()}` };
}
