/**
 * The import conversation in chat: minutes pasted in are read and shown with Import and Cancel; nothing
 * is stored until Import is pressed, and pressing it twice imports once. A long document imports in one
 * go: above MAX_IMPORT_CARDS (minutes-import.ts) actions the channel gets one summary message instead of
 * a card each, so the answer to Import does not wait minutes for hundreds of cards at the channel's pace.
 */
import { randomUUID } from 'node:crypto';
import type { Reply } from '../chat-service';
import type { Actor, ChannelRef } from '../domain';
import { UserError } from '../errors';
import { formatLocalDate } from '../format-date';
import { type ExtractedMinutes, ExtractedMinutesSchema } from '../minutes/extracted-minutes';
import { extractMinutes } from '../minutes/minutes-extractor';
import { loadChannelContext, type ServiceDeps } from '../service-deps';
import { text, user, type View } from '../view';
import { importPreview } from '../views/import-preview';
import { notice } from '../views/notice';
import { meetingLabel, planImport } from './import-plan';
import { updatesSummary } from './import-summary';
import { importMinutes } from './minutes-import';
import { unknownOwners } from './owner-names';

/** How long a preview's Import button works. */
const DRAFT_TTL_SECONDS = 24 * 3600;

export async function previewImport(deps: ServiceDeps, actor: Actor, text: string): Promise<Reply> {
  if (text.trim() === '') {
    throw new UserError(
      'bad_minutes',
      'There was nothing to import. Paste the minutes text, then press Import.',
    );
  }
  const ctx = await loadChannelContext(deps, actor.channel);
  const read = deps.readMinutes ?? (async (t, opts) => extractMinutes(t, opts));
  const minutes = await read(text, { timezone: ctx.timezone });
  if (minutes.actions.length === 0) {
    const what = minutes.meeting.title ? ` in “${minutes.meeting.title}”` : '';
    return {
      kind: 'ephemeral',
      view: notice(
        `I found no actions${what}. I look for lines such as \`Action: WYP to …\`, \`ACTION: nick to …\`, tables with an owner column and sentences such as “the Clerk will …”.`,
      ),
    };
  }
  const initials = minutes.initials ?? {};
  const plan = planImport(minutes.actions, await deps.store.list(actor.channel, 'all'), {
    userId: actor.userId,
    aliases: ctx.aliases,
    settings: ctx.settings,
    meeting: meetingLabel(minutes.meeting),
    initials,
  });
  const owners = minutes.actions.flatMap((a) => a.owners);
  const review = { plan, initials, unknownOwners: unknownOwners(owners, ctx.aliases, initials) };
  const draftId = randomUUID();
  await deps.store.putDraft(actor.channel, draftId, JSON.stringify(minutes), DRAFT_TTL_SECONDS);
  return { kind: 'ephemeral', view: importPreview(minutes, actor.channel, draftId, review) };
}

async function takeDraft(
  deps: ServiceDeps,
  channel: ChannelRef,
  draftId: string,
): Promise<ExtractedMinutes | null> {
  const raw = await deps.store.takeDraft(channel, draftId);
  return raw === null ? null : ExtractedMinutesSchema.parse(JSON.parse(raw));
}

export async function confirmImport(
  deps: ServiceDeps,
  actor: Actor,
  channel: ChannelRef,
  draftId: string,
): Promise<Reply> {
  const minutes = await takeDraft(deps, channel, draftId);
  if (!minutes) {
    return {
      kind: 'ephemeral',
      view: notice('That import was already done, cancelled or has expired. Nothing more was stored.'),
    };
  }
  const result = await importMinutes(deps, channel, actor.userId, minutes, { post: true });
  const numbers = result.actions.map((a) => a.number);
  const range = numbers.length > 1 ? `#${numbers[0]}–#${numbers.at(-1)}` : `#${numbers[0]}`;
  const into = result.meeting ? ` into ${result.meeting.title}, ${formatLocalDate(result.meeting.date)}` : '';
  const updated = updatesSummary(result.updates);
  const imported =
    numbers.length === 0
      ? `Nothing new to import${into}.${updated}`
      : `Imported ${numbers.length} action${numbers.length === 1 ? '' : 's'} (${range})${into}.${updated}`;
  const open = result.actions.filter((a) => a.state === 'open').length;
  if (result.cardsPosted || open === 0) return { kind: 'ephemeral', view: notice(imported) };
  // Too many for a card each: the channel hears of them in one message.
  const summary = importSummary({ userId: actor.userId, range, open, total: numbers.length, into });
  const posted = await deps.messenger.post({ kind: 'channel', channel }, summary);
  const where = posted
    ? 'The channel got one message about them rather than a card each.'
    : 'I couldn’t post in this channel; invite me so everyone sees its actions.';
  return { kind: 'ephemeral', view: notice(`${imported} ${where}`) };
}

/** The channel's one message about an import too large for a card per action. */
export function importSummary(found: {
  userId: string;
  range: string;
  open: number;
  total: number;
  into: string;
}): View {
  const done = found.total - found.open;
  const counts = `${found.total} actions (${found.range})${found.into}${done > 0 ? `, ${done} of them reported done` : ''}`;
  const spans = [
    user(found.userId),
    text(
      ` imported ${counts}. Too many for a card each: \`list all\` shows them, and their owners are reminded as usual.`,
    ),
  ];
  return { text: `Imported ${counts}.`, blocks: [{ kind: 'section', spans }] };
}

export async function cancelImport(deps: ServiceDeps, channel: ChannelRef, draftId: string): Promise<Reply> {
  await deps.store.takeDraft(channel, draftId);
  return { kind: 'ephemeral', view: notice('Import cancelled. Nothing was stored.') };
}
