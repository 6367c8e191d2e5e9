/** `matters-arising` in chat: posted to the channel when a chair asks, shown only to the asker otherwise. */
import type { Reply } from '../chat-service';
import { withCheckins } from '../checkin/checkin-summary';
import { traitsOf } from '../conversation/platform-traits';
import { type Actor, type ChannelRef, channelId } from '../domain';
import { UserError } from '../errors';
import { PAPERS_LINK_DAYS } from '../papers-links';
import { loadChannelContext, type ServiceDeps } from '../service-deps';
import { text, type View } from '../view';
import { mattersArisingView } from '../views/matters-arising-view';
import { notice } from '../views/notice';
import { composeMattersArising, type MattersArising } from './matters-arising';
import { type MattersPaper, mattersPaper, paperFilename } from './matters-paper';
import { summaryTitle } from './matters-text';

/** Reads what matters arising needs for a channel and composes it. */
export async function mattersArisingFor(
  deps: Pick<ServiceDeps, 'store' | 'clock' | 'defaultTimezone' | 'checkins'>,
  channel: ChannelRef,
): Promise<MattersArising> {
  const [ctx, actions] = await Promise.all([
    loadChannelContext(deps, channel),
    deps.store.list(channel, 'all'),
  ]);
  const summary = composeMattersArising(actions, ctx.meetings, {
    now: deps.clock.now(),
    timezone: ctx.timezone,
  });
  // The answers shown are those of the round asked before the next meeting, the one these are read at.
  const next = ctx.meetings.next;
  if (!deps.checkins || !next) return summary;
  return withCheckins(summary, await deps.checkins.round(channel, next));
}

export async function mattersArisingCommand(deps: ServiceDeps, actor: Actor): Promise<Reply> {
  const [summary, settings] = await Promise.all([
    mattersArisingFor(deps, actor.channel),
    deps.store.getSettings(actor.channel),
  ]);
  if (settings.chairs.includes(actor.userId))
    return { kind: 'channel', view: mattersArisingView(summary, actor.channel.platform) };
  // Teams has no messages for one person only: there the answer goes in the command's thread.
  const seen = traitsOf(actor.channel.platform).hasEphemeral
    ? 'Only you can see this'
    : 'This answer is in your thread';
  const footnote =
    settings.chairs.length > 0
      ? `${seen}; when a chair asks, it is posted to the channel.`
      : `${seen}. Name the chairs with \`settings chairs @chair\`; when a chair asks, it is posted to the channel.`;
  return { kind: 'ephemeral', view: mattersArisingView(summary, actor.channel.platform, footnote) };
}

/** Said where the platform cannot share the file: the command line makes it, for now. */
function madeElsewhere(channel: ChannelRef): string {
  return (
    'The Word document of matters arising cannot be sent here yet. Whoever runs Arising can make it with ' +
    `\`arising matters-arising --channel ${channelId(channel)} --format docx --out papers.docx\`; ` +
    '`matters-arising` shows the same summary here.'
  );
}

/**
 * `matters-arising docx`: the summary as a Word document for the meeting papers, shared as a file where
 * the platform can (Slack): in the channel when a chair asks, with the asker only otherwise.
 */
export async function mattersArisingDocxCommand(deps: ServiceDeps, actor: Actor): Promise<Reply> {
  const [papers, settings] = await Promise.all([
    papersFor(deps, actor.channel),
    deps.store.getSettings(actor.channel),
  ]);
  const chair = settings.chairs.includes(actor.userId);
  const title = summaryTitle(papers.summary);
  const comment = chair
    ? `${title}, for the meeting papers.`
    : `${title}, for the meeting papers. Only you were sent this; when a chair asks, it is shared in the channel.`;
  return {
    kind: 'document',
    document: { paper: papers.paper, filename: papers.filename, comment },
    audience: chair ? 'channel' : 'private',
    fallback: await downloadOrElsewhere(deps, actor.channel, title, papers.filename),
  };
}

/** The channel's papers: the summary, its document's layout and file name. Refused without a meeting. */
export async function papersFor(
  deps: Pick<ServiceDeps, 'store' | 'clock' | 'defaultTimezone' | 'checkins' | 'peopleNames'>,
  channel: ChannelRef,
): Promise<{ summary: MattersArising; paper: MattersPaper; filename: string }> {
  const summary = await mattersArisingFor(deps, channel);
  if (!summary.meeting) {
    throw new UserError(
      'not_found',
      'There is no meeting to make papers for: record one with `meeting Committee meeting on 12 March 2024`, or import its minutes, then ask again.',
    );
  }
  const people = [...summary.groups.flatMap((g) => g.items), ...summary.earlier].flatMap((item) =>
    item.owners.flatMap((o) => (o.kind === 'user' ? [o.id] : [])),
  );
  const names = (await deps.peopleNames?.(channel, people)) ?? new Map<string, string>();
  const paper = mattersPaper(summary, { channelLabel: channelId(channel), names, now: deps.clock.now() });
  return { summary, paper, filename: paperFilename(summary) };
}

/**
 * Where the platform cannot take the file (Teams): a download link that works for a day, when the
 * service has a public URL; else how to make it from the command line.
 */
async function downloadOrElsewhere(
  deps: ServiceDeps,
  channel: ChannelRef,
  title: string,
  filename: string,
): Promise<View> {
  const link = await deps.papersLinks?.linkFor(channel, deps.clock.now());
  if (!link) return notice(madeElsewhere(channel));
  const words = `Download ${filename}`;
  const lead = `${title}, for the meeting papers: `;
  const tail = ` (the link works for ${PAPERS_LINK_DAYS * 24} hours, and shows the actions as they are when it is opened).`;
  return {
    text: `${lead}${words}: ${link}${tail}`,
    blocks: [
      {
        kind: 'section',
        spans: [text(lead), text(words, { entity: { kind: 'link', url: link, label: words } }), text(tail)],
      },
    ],
  };
}

/**
 * The summary posted by itself before the next meeting, or null when the reviewed meeting raised nothing
 * and nothing is still open.
 */
export async function scheduledMattersArising(
  deps: Pick<ServiceDeps, 'store' | 'clock' | 'defaultTimezone' | 'checkins'>,
  channel: ChannelRef,
): Promise<View | null> {
  const summary = await mattersArisingFor(deps, channel);
  if (summary.groups.length === 0 && summary.earlier.length === 0) return null;
  return mattersArisingView(summary, channel.platform);
}
