/**
 * The next meeting in an iCalendar feed: the earliest occurrence of any event that starts after now,
 * with recurrences (RRULE, RDATE), exceptions (EXDATE, RECURRENCE-ID overrides, STATUS:CANCELLED) and
 * time zones (TZID with the feed's VTIMEZONE, UTC, floating times and all-day dates) as RFC 5545 has them.
 *
 * ical.js reads the feed and expands the recurrences. Times are turned into instants here, not by ical.js,
 * for one reason: a TZID that is an IANA name (Google's feeds, most others) is resolved with the
 * platform's own zone rules (Intl), which are current, while a TZID that is not (Outlook's "GMT Standard
 * Time") is resolved with the VTIMEZONE the feed carries. The result is the local date and time in the
 * channel's zone, the form a channel's next meeting is stored in.
 */
import ICAL from 'ical.js';
import { localDateOf, localDateTimeToInstant, localTimeOf } from '../dates/local-date';

/** The next meeting the feed names. */
export interface FeedOccurrence {
  /** `YYYY-MM-DDTHH:mm` in the channel's zone, or `YYYY-MM-DD` for an all-day event. */
  date: string;
  /** The event's SUMMARY (the override's, for a moved occurrence); empty when it has none. */
  title: string;
}

/** The text is not an iCalendar feed (ical.js could not read it, or it holds no VCALENDAR). */
export class NotICalendar extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'NotICalendar';
  }
}

/**
 * How many occurrences of one series are walked before it is given up on: a daily series begun 50 years
 * ago is 18,000; a feed cannot make one command or one refresh spin for ever.
 */
const MAX_STEPS = 20_000;

/** A candidate: its local form in the channel's zone and where it sorts (ms since the epoch). */
interface Candidate extends FeedOccurrence {
  sortAt: number;
}

/** Reads the feed; throws NotICalendar when it is not one. */
export function readFeed(text: string): ICAL.Component {
  if (!/^\s*BEGIN:VCALENDAR/i.test(text)) throw new NotICalendar('it does not begin with BEGIN:VCALENDAR');
  let jcal: unknown;
  try {
    jcal = ICAL.parse(text);
  } catch (error) {
    throw new NotICalendar(error instanceof Error ? error.message : String(error));
  }
  const first = Array.isArray(jcal) && Array.isArray(jcal[0]) ? jcal[0] : jcal;
  const root = new ICAL.Component(first as unknown[]);
  if (root.name !== 'vcalendar') throw new NotICalendar('it holds no VCALENDAR');
  return root;
}

/** The next occurrence after `now` in the channel's zone, or null when the feed has none. */
export function nextOccurrence(text: string, now: Date, timezone: string): FeedOccurrence | null {
  const root = readFeed(text);
  return withFeedZones(root, () => {
    let best: Candidate | null = null;
    for (const [master, exceptions] of eventsByUid(root)) {
      for (const found of seriesCandidates(master, exceptions, now, timezone)) {
        if (!best || found.sortAt < best.sortAt) best = found;
      }
    }
    return best ? { date: best.date, title: best.title } : null;
  });
}

/**
 * Registers the feed's VTIMEZONEs with ical.js while `work` runs (synchronously), then removes those it
 * added, so one feed's definitions never serve another's.
 */
function withFeedZones<T>(root: ICAL.Component, work: () => T): T {
  const added: string[] = [];
  for (const vtimezone of root.getAllSubcomponents('vtimezone')) {
    const tzid = vtimezone.getFirstPropertyValue('tzid');
    if (typeof tzid !== 'string' || ICAL.TimezoneService.has(tzid)) continue;
    ICAL.TimezoneService.register(zoneOf(tzid, vtimezone), tzid);
    added.push(tzid);
  }
  try {
    return work();
  } finally {
    for (const tzid of added) ICAL.TimezoneService.remove(tzid);
  }
}

/**
 * The ical.js zone of a VTIMEZONE, kept between readings (by its exact text, so two feeds' different
 * definitions under one name stay apart): a zone works out its offset changes from its DTSTART on first
 * use and keeps them, and Outlook's begin in 1601, so building the zone afresh for every reading was most
 * of a refresh's time.
 */
const zones = new Map<string, ICAL.Timezone>();
const MAX_ZONES = 500;
function zoneOf(tzid: string, vtimezone: ICAL.Component): ICAL.Timezone {
  const key = vtimezone.toString();
  let zone = zones.get(key);
  if (!zone) {
    zone = new ICAL.Timezone({ component: vtimezone, tzid });
    if (zones.size >= MAX_ZONES) zones.clear();
    zones.set(key, zone);
  }
  return zone;
}

/** Each UID's master event (null when the feed holds only overrides of it) and its overrides. */
function eventsByUid(root: ICAL.Component): Map<ICAL.Component | string, ICAL.Component[]> {
  const masters = new Map<string, ICAL.Component>();
  const overrides = new Map<string, ICAL.Component[]>();
  for (const vevent of root.getAllSubcomponents('vevent')) {
    const uid = String(vevent.getFirstPropertyValue('uid') ?? '');
    if (vevent.hasProperty('recurrence-id')) {
      overrides.set(uid, [...(overrides.get(uid) ?? []), vevent]);
    } else {
      masters.set(uid === '' ? `#${masters.size}` : uid, vevent);
    }
  }
  const result = new Map<ICAL.Component | string, ICAL.Component[]>();
  for (const [uid, master] of masters) result.set(master, overrides.get(uid) ?? []);
  // Overrides whose series is not in the feed still say when they are.
  for (const [uid, list] of overrides) if (!masters.has(uid)) result.set(`orphan ${uid}`, list);
  return result;
}

/** The candidates one series gives: each future override, and the first future plain occurrence. */
function seriesCandidates(
  master: ICAL.Component | string,
  exceptions: ICAL.Component[],
  now: Date,
  timezone: string,
): Candidate[] {
  const found: Candidate[] = [];
  for (const override of exceptions) {
    if (isCancelled(override)) continue;
    const event = new ICAL.Event(override);
    const start = candidateOf(event.startDate, override, now, timezone);
    if (start) found.push(start);
  }
  if (typeof master === 'string' || isCancelled(master)) return found;
  const event = new ICAL.Event(master, { exceptions });
  if (!event.startDate) return found;
  if (!event.isRecurring()) {
    const start = candidateOf(event.startDate, master, now, timezone);
    return start ? [...found, start] : found;
  }
  const first = firstPlainOccurrence(event, master, now, timezone);
  return first ? [...found, first] : found;
}

/** Walks the series in order to its first occurrence after now that no override replaces. */
function firstPlainOccurrence(
  event: ICAL.Event,
  master: ICAL.Component,
  now: Date,
  timezone: string,
): Candidate | null {
  const iterator = event.iterator();
  for (let step = 0; step < MAX_STEPS; step++) {
    const next = iterator.next();
    if (!next) return null;
    if (event.getOccurrenceDetails(next).item !== event) continue;
    const start = candidateOf(next, master, now, timezone);
    if (start) return start;
  }
  return null;
}

function isCancelled(vevent: ICAL.Component): boolean {
  return String(vevent.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED';
}

/** The occurrence as a candidate when it is after now (an all-day one: today or later), else null. */
function candidateOf(time: ICAL.Time, vevent: ICAL.Component, now: Date, timezone: string): Candidate | null {
  const title = String(vevent.getFirstPropertyValue('summary') ?? '').trim();
  const date = `${pad(time.year, 4)}-${pad(time.month)}-${pad(time.day)}`;
  if (time.isDate) {
    if (date < localDateOf(now, timezone)) return null;
    return { date, title, sortAt: localDateTimeToInstant(date, '00:00', timezone).getTime() };
  }
  const instant = instantOf(time, date, vevent, timezone);
  if (instant.getTime() <= now.getTime()) return null;
  const local = `${localDateOf(instant, timezone)}T${localTimeOf(instant, timezone)}`;
  return { date: local, title, sortAt: instant.getTime() };
}

/**
 * The instant a date-time names: UTC as it is; a TZID that is an IANA zone by the platform's rules; any
 * other TZID by the feed's VTIMEZONE; a floating time (or an unknown TZID) as wall-clock time in the
 * channel's zone.
 */
function instantOf(time: ICAL.Time, date: string, vevent: ICAL.Component, timezone: string): Date {
  const clock = `${pad(time.hour)}:${pad(time.minute)}`;
  const zone = time.zone;
  if (zone === ICAL.Timezone.utcTimezone || zone?.tzid === 'UTC') return new Date(time.toUnixTime() * 1000);
  const tzid = vevent.getFirstProperty('dtstart')?.getParameter('tzid');
  const named = typeof tzid === 'string' ? tzid : (zone?.tzid ?? '');
  if (named !== '' && isIanaZone(named)) return localDateTimeToInstant(date, clock, named);
  if (zone && zone !== ICAL.Timezone.localTimezone && zone.tzid !== 'floating') {
    return new Date(time.toUnixTime() * 1000);
  }
  return localDateTimeToInstant(date, clock, timezone);
}

const ianaZones = new Map<string, boolean>();
/** True when Intl knows the name as a time zone (cached: a feed names the same zone many times). */
function isIanaZone(name: string): boolean {
  let known = ianaZones.get(name);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-GB', { timeZone: name });
      known = true;
    } catch {
      known = false;
    }
    if (ianaZones.size < 1000) ianaZones.set(name, known);
  }
  return known;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}
