/**
 * Public holidays for `settings holidays GB-ENG`, from date-holidays (which ships its data, so nothing is
 * fetched at run time). A region is an ISO 3166 country with an optional subdivision: `GB-ENG`, `US`,
 * `DE-BY`. Only `public` and `bank` holidays make a day non-working; observances (Mother's Day) do not.
 *
 * Each region's holidays are computed once per year and kept as a set of local dates, so the working-day
 * helpers can ask about thousands of dates while planning reminders without recomputing rules.
 */
import Holidays from 'date-holidays';
import type { HolidayTest, LocalDate } from '../core/working-days';

const DAY_MS = 86_400_000;
/** Holiday types that close the office. */
const NON_WORKING = new Set(['public', 'bank']);

/** Splits `GB-ENG` into country and subdivision; null when it is not of that shape. */
function splitRegion(region: string): { country: string; state?: string } | null {
  const m = /^([A-Za-z]{2})(?:-([A-Za-z0-9]{1,3}))?$/.exec(region.trim());
  if (!m?.[1]) return null;
  return { country: m[1].toUpperCase(), state: m[2]?.toUpperCase() };
}

/** True when date-holidays knows the country (and the subdivision, when one is given). */
export function isKnownHolidayRegion(region: string): boolean {
  const parts = splitRegion(region);
  if (!parts) return false;
  const lister = new Holidays();
  if (!(parts.country in lister.getCountries())) return false;
  return parts.state === undefined || parts.state in (lister.getStates(parts.country) ?? {});
}

const calendars = new Map<string, HolidayCalendar>();

/** The non-working holidays of one region, year by year. */
class HolidayCalendar {
  private readonly years = new Map<number, Set<LocalDate>>();
  private readonly source: Holidays;

  constructor(country: string, state: string | undefined) {
    this.source = state === undefined ? new Holidays(country) : new Holidays(country, state);
  }

  has(localDate: LocalDate): boolean {
    const year = Number(localDate.slice(0, 4));
    let dates = this.years.get(year);
    if (!dates) {
      dates = this.datesOf(year);
      this.years.set(year, dates);
    }
    return dates.has(localDate);
  }

  /** Every local date covered by a non-working holiday starting in that year (most last one day). */
  private datesOf(year: number): Set<LocalDate> {
    const dates = new Set<LocalDate>();
    for (const h of this.source.getHolidays(year)) {
      if (!NON_WORKING.has(h.type)) continue;
      const first = h.date.slice(0, 10);
      const days = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / DAY_MS));
      for (let i = 0; i < days; i++) dates.add(addDays(first, i));
    }
    return dates;
  }
}

function addDays(date: LocalDate, n: number): LocalDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/**
 * `isHoliday(localDate)` for a region such as `GB-ENG`, or undefined when the channel has none (or names a
 * region date-holidays does not know, which then counts no holidays rather than stopping reminders).
 */
export function holidayTest(region: string | null): HolidayTest | undefined {
  if (!region || !isKnownHolidayRegion(region)) return undefined;
  const parts = splitRegion(region);
  if (!parts) return undefined;
  const key = `${parts.country}-${parts.state ?? ''}`;
  let calendar = calendars.get(key);
  if (!calendar) {
    calendar = new HolidayCalendar(parts.country, parts.state);
    calendars.set(key, calendar);
  }
  const found = calendar;
  return (localDate) => found.has(localDate);
}
