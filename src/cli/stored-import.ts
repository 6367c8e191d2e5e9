/**
 * `arising import FILE --channel slack:T123:C456 [--as USER]`: stores a minutes document's actions in a
 * channel as the chat's Import button does (same meeting placement, alias matching, numbering and
 * reminders), without posting cards: the command line has no one to show them to, and the channel's
 * `list` shows them. Progress goes to stderr; what was stored goes to stdout.
 */
import { type ChannelRef, channelId } from '../core/domain';
import { UserError } from '../core/errors';
import { formatDue, formatLocalDate } from '../core/format-date';
import { updatesSummary } from '../core/import/import-summary';
import { type ImportResult, importMinutes } from '../core/import/minutes-import';
import { ownerPlain } from '../core/matters/matters-markdown';
import type { ExtractedMinutes } from '../core/minutes/extracted-minutes';
import { extractMinutes } from '../core/minutes/minutes-extractor';
import { loadChannelContext } from '../core/service-deps';
import { readDocument } from '../documents/read-document';
import { type CliIo, DocumentError, UsageError } from './cli-io';
import { withServiceDeps, withStore } from './cli-store';
import { progressReporter } from './progress-bar';

export interface StoredImportOptions {
  file: string;
  channel: ChannelRef;
  /** Who raised the actions (`--as`), as history and `list` show it. */
  userId: string;
}

/** `--as USER`: one word, as a user id or a name would be written. */
export function parseAsUser(value: string | boolean | undefined): string {
  if (value === undefined) return 'cli';
  const user = typeof value === 'string' ? value.trim().replace(/^@/, '') : '';
  if (user === '' || /\s/.test(user) || user.length > 100) {
    throw new UsageError(
      `--as '${String(value)}' is not a user: give one word, such as --as U0123ABC or --as clerk`,
    );
  }
  return user;
}

function extract(file: string, text: string, timezone: string): ExtractedMinutes {
  try {
    return extractMinutes(text, { timezone });
  } catch (err) {
    if (err instanceof UserError) throw new DocumentError(`${file}: ${err.message}`);
    throw err;
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** What was stored: a headline with the numbers and meeting, then one line an action. */
export function storedSummary(
  result: ImportResult,
  channel: ChannelRef,
  ctx: { now: Date; timezone: string; next: string | null },
): string {
  const numbers = result.actions.map((a) => a.number);
  const range = numbers.length > 1 ? `#${numbers[0]}–#${numbers.at(-1)}` : `#${numbers[0]}`;
  const meeting = result.meeting
    ? `meeting: ${result.meeting.title}, ${formatLocalDate(result.meeting.date)}`
    : 'no meeting (the document gives no date)';
  const stored = numbers.length > 0 ? `${plural(numbers.length, 'action')} (${range})` : 'no new actions';
  const lines = [`Stored ${stored} in ${channelId(channel)}; ${meeting}.`];
  for (const action of result.actions) {
    const owners = action.owners.map(ownerPlain).join(', ') || 'no owner';
    const state =
      action.state === 'done'
        ? 'done (reported in the minutes)'
        : action.due
          ? `due ${formatDue(action.due, ctx)}`
          : 'no due date';
    lines.push(`  #${action.number}  ${owners}: ${action.text} — ${state}`);
  }
  const updated = updatesSummary(result.updates).trim();
  if (updated !== '') lines.push(updated);
  if (ctx.next) lines.push(`Next meeting: ${formatLocalDate(ctx.next)}.`);
  return `${lines.join('\n')}\n`;
}

/** Reads, extracts with the channel's time zone, stores, schedules; resolves to the exit status. */
export async function storedImport(opts: StoredImportOptions, io: CliIo): Promise<number> {
  const text = await readDocument(opts.file);
  return withStore(io, async (session) => {
    const context = await loadChannelContext(
      { store: session.store, defaultTimezone: session.config.defaultTimezone },
      opts.channel,
    );
    const minutes = extract(opts.file, text, context.timezone);
    if (minutes.actions.length === 0) {
      io.stdout(`No actions found in ${opts.file}; nothing was stored.\n`);
      return 0;
    }
    return withServiceDeps(io, session, async (deps) => {
      const progress = progressReporter(io, 'actions stored');
      let result: ImportResult;
      try {
        result = await importMinutes(deps, opts.channel, opts.userId, minutes, {
          post: false,
          onProgress: (done, total) => {
            progress.update(done, total);
            if (done < total) return;
            // Stored; the reminders of each open action are planned next, which takes a moment for many.
            progress.finish();
            io.stderr('Planning reminders…\n');
          },
        });
      } finally {
        progress.finish();
      }
      const meetings = await deps.store.getMeetings(opts.channel);
      io.stdout(
        storedSummary(result, opts.channel, {
          now: deps.clock.now(),
          timezone: context.timezone,
          next: meetings.next,
        }),
      );
      return 0;
    });
  });
}
