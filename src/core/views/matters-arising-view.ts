/** Matters arising as a chat message: a header, a section per agenda item, then earlier open actions. */
import {
  allAnsweredLine,
  answerPhrase,
  type MattersCheckin,
  notAnsweredHeading,
} from '../checkin/checkin-summary';
import type { Platform } from '../domain';
import type { MattersArising, MattersItem } from '../matters/matters-arising';
import { dueText, groupHeading, noteJoin, statusLead, summaryTitle } from '../matters/matters-text';
import { entitySpans } from '../text-entities';
import type { View } from '../view';
import { type Block, joinSpans, type Span, text } from '../view';
import { ownerSpans, personSpan } from './action-card';

/** Most items shown in one message; the CLI's Markdown has them all. */
const MAX_ITEMS = 30;

/** One item; its task keeps the mentions and links it was written with (text-entities.ts). */
function itemSpans(item: MattersItem, withMeeting: boolean, platform: Platform): Span[] {
  const from = withMeeting && item.meetingTitle ? ` (from ${item.meetingTitle})` : '';
  return [
    text(`#${item.number} `, { bold: true }),
    ...ownerSpans(item.owners),
    text(' to '),
    ...entitySpans(item.text, platform),
    text(` — ${dueText(item)}${from}. `),
    ...statusSpans(item, platform),
    ...(item.checkin ?? []).flatMap((a) => [
      text('\nCheck-in, '),
      personSpan(a.by),
      text(`: ${answerPhrase(a)}`),
    ]),
  ];
}

/** Who was asked before the meeting and has not answered, or that everyone has. */
function checkinBlock(checkin: MattersCheckin): Block {
  if (checkin.notAnswered.length === 0) return { kind: 'context', spans: [text(allAnsweredLine(checkin))] };
  const spans: Span[] = [text(notAnsweredHeading(checkin), { bold: true })];
  for (const waiting of checkin.notAnswered) {
    spans.push(
      text('\n• '),
      personSpan(waiting.userId),
      text(`: ${waiting.numbers.map((n) => `#${n}`).join(', ')}`),
    );
  }
  return { kind: 'section', spans };
}

/** The status in italics; its note keeps the mentions and links it was written with. */
function statusSpans(item: MattersItem, platform: Platform): Span[] {
  if (!item.note) return [text(`${statusLead(item)}.`, { italic: true })];
  return joinSpans([
    text(`${statusLead(item)}${noteJoin(item)}`, { italic: true }),
    ...entitySpans(item.note, platform, { italic: true }),
    text('.', { italic: true }),
  ]);
}

export function mattersArisingView(summary: MattersArising, platform: Platform, footnote?: string): View {
  const title = summaryTitle(summary);
  const blocks: Block[] = [{ kind: 'header', text: title }];
  let shown = 0;
  let total = 0;
  const add = (heading: string, items: MattersItem[], withMeeting: boolean) => {
    total += items.length;
    const room = Math.max(0, MAX_ITEMS - shown);
    if (room === 0) return;
    blocks.push({ kind: 'section', spans: [text(heading, { bold: true })] });
    for (const item of items.slice(0, room))
      blocks.push({ kind: 'section', spans: itemSpans(item, withMeeting, platform) });
    shown += Math.min(room, items.length);
  };
  if (summary.groups.length === 0) {
    blocks.push({ kind: 'section', spans: [text('No actions were recorded at that meeting.')] });
  }
  for (const group of summary.groups) add(groupHeading(group), group.items, false);
  if (summary.earlier.length > 0) add('Still open from earlier meetings', summary.earlier, true);
  if (total > shown) {
    blocks.push({
      kind: 'context',
      spans: [text(`…and ${total - shown} more. \`arising matters-arising --format md\` prints them all.`)],
    });
  }
  if (summary.checkin) blocks.push(checkinBlock(summary.checkin));
  if (footnote) blocks.push({ kind: 'context', spans: [text(footnote)] });
  return { text: title, blocks };
}
