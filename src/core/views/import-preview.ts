/**
 * What an import found, shown before anything is stored: the meeting, then each action with its owners,
 * due date and reported status and what Import will do with it (new, updates #N and how, already
 * recorded), the owners no one in the channel answers to with the `owner` line that maps each (initials
 * the minutes define shown with the name: "FE (Fred Eglington)"), and the buttons Import and Cancel.
 */
import type { ChannelRef, Platform } from '../domain';
import { formatLocalDate } from '../format-date';
import type { LineOutcome } from '../import/import-plan';
import { type DefinedInitials, isMention, ownerLabel, type UnknownOwner } from '../import/owner-names';
import type { ExtractedAction, ExtractedMinutes } from '../minutes/extracted-minutes';
import { entitySpans } from '../text-entities';
import { type Block, joinSpans, type Span, text, type View } from '../view';
import { draftButtonValue } from './button-value';

const MAX_SHOWN = 30;
/** Unknown owners named one a line; more than this are listed together. */
const MAX_OWNER_HINTS = 8;

/** What Import will do with the line, first on it so a long list can be scanned. */
export function outcomeLabel(outcome: LineOutcome): string {
  switch (outcome.kind) {
    case 'new':
      return 'New';
    case 'recorded':
      return `Already recorded as #${outcome.number}${outcome.closed ? ' (closed)' : ''}`;
    case 'close':
      return `Updates #${outcome.number}: closes it`;
    case 'note':
      return `Updates #${outcome.number}: notes it is ongoing`;
    case 'blocked':
      return `Would close #${outcome.number}, but only its owners, whoever raised it and the channel's chairs may`;
  }
}

/** "Import all 12" when every line is new; plain "Import" when some only update or repeat. */
function importLabel(n: number, plan: readonly LineOutcome[]): string {
  if (plan.some((o) => o.kind !== 'new')) return 'Import';
  return `Import ${n === 1 ? 'it' : `all ${n}`}`;
}

function summaryLine(plan: readonly LineOutcome[]): string {
  const count = (kinds: LineOutcome['kind'][]) => plan.filter((o) => kinds.includes(o.kind)).length;
  const parts = [`${count(['new'])} new`];
  const updates = count(['close', 'note']);
  if (updates > 0) parts.push(`${updates} update${updates === 1 ? '' : 's'} to earlier actions`);
  const recorded = count(['recorded']);
  if (recorded > 0) parts.push(`${recorded} already recorded`);
  const blocked = count(['blocked']);
  if (blocked > 0) parts.push(`${blocked} you may not close`);
  return `${parts.join(', ')}.`;
}

/** "FE (Fred Eglington)" when the minutes define the initials, else the owner as written. */
function unknownLabel(owner: UnknownOwner): string {
  return owner.name ? `${owner.written} (${owner.name})` : owner.written;
}

/**
 * One line per unknown owner with the command that maps it. The name stays outside the command, so the
 * command can be copied as it is and only @person replaced.
 */
function ownerHints(unknown: readonly UnknownOwner[]): Block[] {
  const shown = unknown.slice(0, MAX_OWNER_HINTS).map(
    (owner): Block => ({
      kind: 'context',
      spans: [
        text(
          `${unknownLabel(owner)} is no one in this channel yet: \`owner ${owner.alias} = @person\` maps it.`,
        ),
      ],
    }),
  );
  if (unknown.length > MAX_OWNER_HINTS) {
    const rest = unknown.slice(MAX_OWNER_HINTS).map(unknownLabel).join(', ');
    shown.push({
      kind: 'context',
      spans: [text(`Also unknown: ${rest}. Map each with \`owner NAME = @person\`.`)],
    });
  }
  return shown;
}

function meetingLine(minutes: ExtractedMinutes): string {
  const m = minutes.meeting;
  const title = m.title ?? 'Untitled meeting';
  const date = m.date ? `, ${formatLocalDate(m.date)}` : ', date not found';
  const next = m.nextMeeting ? ` Next meeting: ${formatLocalDate(m.nextMeeting)}.` : '';
  return `${title}${date}.${next}`;
}

/**
 * One found action as spans: an owner the platform mentioned (minutes pasted with `<@U123>`) and the
 * mentions and links in its task read as live mentions and links, as on the card Import will post.
 */
function actionLine(a: ExtractedAction, initials: DefinedInitials, platform: Platform): Span[] {
  const item = a.agendaItem ? `[${a.agendaItem}] ` : '';
  const owners: Span[] = [];
  a.owners.forEach((o, i) => {
    if (i > 0) owners.push(text(', '));
    owners.push(...(isMention(o) ? entitySpans(o, platform) : [text(ownerLabel(o, initials))]));
  });
  if (owners.length === 0) owners.push(text('No owner stated'));
  const due = a.due ? ` · due ${formatLocalDate(a.due)}` : '';
  const status = a.status === 'open' ? '' : ` · reported ${a.status}`;
  return joinSpans([
    text(item),
    ...owners,
    text(' — '),
    ...entitySpans(a.text, platform),
    text(`${due}${status}`),
  ]);
}

/**
 * What Import will do (`plan`, one outcome a line), the owners no one answers to, and the initials the
 * minutes define, so an owner "FE" is shown as "FE (Fred Eglington)".
 */
export interface ImportReview {
  plan: readonly LineOutcome[];
  unknownOwners: readonly UnknownOwner[];
  initials: DefinedInitials;
}

export function importPreview(
  minutes: ExtractedMinutes,
  channel: ChannelRef,
  draftId: string,
  review: ImportReview,
): View {
  const n = minutes.actions.length;
  const heading = `Found ${n} action${n === 1 ? '' : 's'} in ${meetingLine(minutes)}`;
  const summary = summaryLine(review.plan);
  const blocks: Block[] = [
    { kind: 'section', spans: [text(heading, { bold: true })] },
    { kind: 'context', spans: [text(summary)] },
  ];
  minutes.actions.slice(0, MAX_SHOWN).forEach((a, i) => {
    const outcome = review.plan[i] ?? { kind: 'new' };
    blocks.push({
      kind: 'section',
      spans: [
        text(`${outcomeLabel(outcome)}: `, { bold: true }),
        ...actionLine(a, review.initials, channel.platform),
      ],
    });
  });
  if (n > MAX_SHOWN)
    blocks.push({ kind: 'context', spans: [text(`…and ${n - MAX_SHOWN} more, imported with the rest.`)] });
  blocks.push(...ownerHints(review.unknownOwners));
  const value = draftButtonValue(channel, draftId);
  blocks.push({
    kind: 'buttons',
    buttons: [
      { id: 'import-confirm', label: importLabel(n, review.plan), value, style: 'primary' },
      { id: 'import-cancel', label: 'Cancel', value },
    ],
  });
  return { text: `${heading} ${summary}`, blocks };
}
