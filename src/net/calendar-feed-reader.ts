/**
 * The CalendarFeeds port over guarded-fetch.ts: a channel's chair chooses the address, so it is fetched
 * only from public addresses (unless the admin allows private ones, ARISING_ALLOW_PRIVATE_URLS=on, for an
 * intranet calendar server), with a time limit and a size cap, and what went wrong is said in the core's
 * terms (FeedProblem) for the answer to the chair.
 */
import type { lookup } from 'node:dns';
import { type CalendarFeeds, FeedProblem } from '../core/calendar/calendar-ports';
import {
  type FetchPolicy,
  FetchRefused,
  FetchTooLarge,
  FetchUnavailable,
  fetchGuarded,
} from './guarded-fetch';

/** Calendars of a committee are tens of kilobytes; Outlook's of a busy person a few hundred. */
export const CALENDAR_MAX_BYTES = 2_000_000;
export const CALENDAR_TIMEOUT_MS = 15_000;

export interface CalendarReaderOptions {
  /** ARISING_ALLOW_PRIVATE_URLS: loopback, private and link-local addresses are allowed too. */
  allowPrivate: boolean;
  maxBytes?: number;
  timeoutMs?: number;
  /** Resolves host names (node:dns by default); tests give one that answers as a hostile DNS would. */
  resolve?: typeof lookup;
}

function policy(allowPrivate: boolean): FetchPolicy {
  return {
    urlProblem: (url) => (/^https?:$/.test(url.protocol) ? null : `${url.protocol} is not http or https`),
    addresses: allowPrivate ? ['public', 'non-public', 'loopback'] : ['public'],
  };
}

export function calendarFeedReader(options: CalendarReaderOptions): CalendarFeeds {
  const maxBytes = options.maxBytes ?? CALENDAR_MAX_BYTES;
  const limits = {
    maxBytes,
    timeoutMs: options.timeoutMs ?? CALENDAR_TIMEOUT_MS,
    headers: { accept: 'text/calendar, */*;q=0.5', 'user-agent': 'Arising calendar reader' },
    ...(options.resolve ? { resolve: options.resolve } : {}),
  };
  const rules = policy(options.allowPrivate);
  return {
    maxBytes,
    async read(url) {
      try {
        const bytes = await fetchGuarded(url, rules, limits);
        return bytes.toString('utf8').replace(/^\uFEFF/, '');
      } catch (error) {
        throw asFeedProblem(error);
      }
    },
  };
}

function asFeedProblem(error: unknown): unknown {
  if (error instanceof FetchRefused) return new FeedProblem('refused', error.message);
  if (error instanceof FetchTooLarge) return new FeedProblem('too-large', error.message);
  if (error instanceof FetchUnavailable) {
    if (error.kind === 'timeout') return new FeedProblem('timeout', error.message);
    if (error.kind === 'status') return new FeedProblem('status', `HTTP ${error.status}`);
    return new FeedProblem('connection', error.message);
  }
  return error;
}
