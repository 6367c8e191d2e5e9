/**
 * `settings …`: the channel's settings as typed, checked for shape only. Whether a zone exists or a
 * holiday region is known is for the settings service; here a user learns at once that `9.60` is no time.
 * Every mistake is a `bad_setting` UserError quoting the words and showing the right form.
 */

import { CHECKIN_USAGE, parseCheckinSetting } from './checkin/checkin-setting';
import type { Command, SettingChange } from './command';
import { UserError } from './errors';
import { parseMentions } from './owners';
import { quote, splitFirstWord } from './text-limits';

const SETTING_USAGE = {
  timezone: '`settings timezone Europe/London` (an IANA zone, Area/City)',
  digest: '`settings digest monday 09:00` or `settings digest off`',
  reminders:
    '`settings reminders -2d 0 +1d` (`-2d`/`+1d` working days, `-4h` hours, `-30m` minutes, `0` the due day)',
  workdays: '`settings workdays mon-fri`, `settings workdays mon-sat` or `settings workdays mon,tue,thu`',
  holidays: '`settings holidays GB-ENG` or `settings holidays none`',
  chairs: '`settings chairs @priya @sam` or `settings chairs none`',
  checkin: CHECKIN_USAGE,
} as const;

type SettingKey = keyof typeof SETTING_USAGE;

const KEY_WORDS: Record<string, SettingKey> = {
  timezone: 'timezone',
  tz: 'timezone',
  zone: 'timezone',
  digest: 'digest',
  reminders: 'reminders',
  reminder: 'reminders',
  workdays: 'workdays',
  workday: 'workdays',
  holidays: 'holidays',
  holiday: 'holidays',
  chairs: 'chairs',
  chair: 'chairs',
  checkin: 'checkin',
  checkins: 'checkin',
};

/** `settings` alone shows them; otherwise one key and its value. */
export function parseSettings(rest: string): Command {
  if (rest === '') return { kind: 'settings-show' };
  const { word, rest: value } = splitFirstWord(rest);
  const key = KEY_WORDS[word.toLowerCase()];
  if (key === undefined) {
    throw new UserError(
      'bad_setting',
      `There is no setting ${quote(word)}. The settings are timezone, digest, reminders, workdays, holidays, ` +
        'chairs and checkin, like `settings timezone Europe/London`; `settings` alone shows them.',
    );
  }
  if (value === '') {
    throw new UserError('bad_setting', `\`settings ${key}\` needs a value, like ${SETTING_USAGE[key]}.`);
  }
  return { kind: 'settings', change: PARSERS[key](value) };
}

const PARSERS: Record<SettingKey, (value: string) => SettingChange> = {
  timezone: parseTimezone,
  digest: parseDigest,
  reminders: parseReminders,
  workdays: (value) => ({ key: 'workdays', days: parseWorkdays(value) }),
  holidays: parseHolidays,
  chairs: parseChairs,
  checkin: parseCheckinSetting,
};

function bad(key: SettingKey, what: string): UserError {
  return new UserError('bad_setting', `${what}. Write ${SETTING_USAGE[key]}.`);
}

/** `Area/City` (`America/Argentina/Buenos_Aires`, `Etc/GMT+5`) or `UTC`; existence is checked elsewhere. */
const ZONE = /^(?:UTC|GMT|[A-Za-z][A-Za-z_-]*(?:\/[A-Za-z0-9][A-Za-z0-9_+-]*){1,2})$/;

function parseTimezone(value: string): SettingChange {
  if (!ZONE.test(value)) throw bad('timezone', `${quote(value)} is not a time zone name`);
  return { key: 'timezone', zone: value };
}

/** The spellings of each weekday, Monday (ISO 1) first. */
const WEEKDAY_SPELLINGS = [
  'monday mon',
  'tuesday tue tues',
  'wednesday wed weds',
  'thursday thu thur thurs',
  'friday fri',
  'saturday sat',
  'sunday sun',
];
const WEEKDAYS = new Map<string, number>(
  WEEKDAY_SPELLINGS.flatMap((spellings, index) =>
    spellings.split(' ').map((spelling): [string, number] => [spelling, index + 1]),
  ),
);

/** ISO weekday (1 Monday … 7 Sunday) of a day name or abbreviation, any case, `mondays` too. */
export function parseWeekday(word: string): number | undefined {
  const lower = word.toLowerCase().replace(/\.$/, '');
  return WEEKDAYS.get(lower) ?? (/^[a-z]+days$/.test(lower) ? WEEKDAYS.get(lower.slice(0, -1)) : undefined);
}

/**
 * `9:00`, `09:00`, `17.30`, `9am`, `5:30 pm` as `HH:mm`, or undefined when it is no time of day.
 * Without am/pm the hour is 0–23; with it, 1–12.
 */
export function parseClockTime(text: string): string | undefined {
  const match = /^(\d{1,2})(?:[:.](\d{2}))?\s*([ap]\.?m\.?)?$/i.exec(text.trim());
  if (!match?.[1] || (match[2] === undefined && match[3] === undefined)) return undefined;
  let hour = Number(match[1]);
  const minute = Number(match[2] ?? '0');
  if (match[3] !== undefined) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (match[3].toLowerCase().startsWith('p') ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return undefined;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** `settings digest <weekday> [at] <time>` or `settings digest off`. */
function parseDigest(value: string): SettingChange {
  if (/^(?:off|none|never)$/i.test(value)) return { key: 'digest-off' };
  const { word, rest } = splitFirstWord(value);
  const weekday = parseWeekday(word);
  if (weekday === undefined) throw bad('digest', `${quote(word)} is not a day of the week`);
  const timeText = rest.replace(/^at(?=\s|$)/i, '').trim();
  if (timeText === '') throw bad('digest', `${quote(value)} needs a time after the day`);
  const time = parseClockTime(timeText);
  if (time === undefined) throw bad('digest', `${quote(timeText)} is not a time of day (00:00 to 23:59)`);
  return { key: 'digest', weekday, time };
}

/** `0`, or a sign, 1–99 and a unit: working days, hours or minutes. */
const OFFSET = /^([+-])(\d{1,2})([dhm])$/i;

/** `settings reminders -2d 0 +1d`: offsets normalised (`-02D` is `-2d`), repeats dropped, order kept. */
function parseReminders(value: string): SettingChange {
  const offsets: string[] = [];
  for (const word of value.split(/[\s,]+/).filter((w) => w !== '')) {
    const offset = parseOffset(word);
    if (!offsets.includes(offset)) offsets.push(offset);
  }
  if (offsets.length === 0) throw bad('reminders', `${quote(value)} holds no reminder offsets`);
  return { key: 'reminders', offsets };
}

function parseOffset(word: string): string {
  if (word === '0') return '0';
  const match = OFFSET.exec(word);
  const amount = Number(match?.[2]);
  if (!match?.[1] || !match[3] || amount < 1 || amount > 99) {
    const hint = /^\d{1,2}[dhm]$/i.test(word)
      ? ` (say \`-${word}\` for before the due date or \`+${word}\` for after)`
      : '';
    throw bad('reminders', `${quote(word)} is not a reminder offset${hint}`);
  }
  return `${match[1]}${amount}${match[3].toLowerCase()}`;
}

/**
 * `mon-fri`, `mon-sat`, `mon,tue,thu`, `sun-thu` (a range may wrap past Sunday): ISO weekdays, sorted,
 * without repeats.
 */
export function parseWorkdays(value: string): number[] {
  const days = new Set<number>();
  for (const part of value.split(/[\s,]+/).filter((p) => p !== '')) {
    const [from, to, extra] = part.split(/[-–]/);
    const start = parseWeekday(from ?? '');
    const end = to === undefined ? start : parseWeekday(to);
    if (start === undefined || end === undefined || extra !== undefined) {
      throw bad('workdays', `${quote(part)} is not a day or a range of days`);
    }
    for (let day = start; ; day = (day % 7) + 1) {
      days.add(day);
      if (day === end) break;
    }
  }
  return [...days].sort((a, b) => a - b);
}

/** `GB-ENG`, `US`, `DE-BY` (ISO 3166 country with an optional subdivision), or `none`. */
function parseHolidays(value: string): SettingChange {
  if (/^(?:none|off)$/i.test(value)) return { key: 'holidays', region: null };
  if (!/^[A-Za-z]{2}(?:-[A-Za-z0-9]{1,3})?$/.test(value)) {
    throw bad('holidays', `${quote(value)} is not a region code`);
  }
  return { key: 'holidays', region: value.toUpperCase() };
}

/** `settings chairs <mentions…>`, or `none` to have no chairs. */
function parseChairs(value: string): SettingChange {
  if (/^none$/i.test(value)) return { key: 'chairs', userIds: [] };
  const userIds = parseMentions(value, 'settings chairs', SETTING_USAGE.chairs, 'bad_setting');
  if (userIds.length === 0) throw bad('chairs', `${quote(value)} names no one`);
  return { key: 'chairs', userIds };
}
