/**
 * What an import found, shown before anything is stored: the meeting, then each action with its owners,
 * due date and reported status, and the buttons Import and Cancel.
 */
import type { ChannelRef } from '../domain';
import { formatLocalDate } from '../format-date';
import type { ExtractedAction, ExtractedMinutes } from '../minutes/extracted-minutes';
import { type Block, text, type View } from '../view';
import { draftButtonValue } from './button-value';

const MAX_SHOWN = 30;

function meetingLine(minutes: ExtractedMinutes): string {
  const m = minutes.meeting;
  const title = m.title ?? 'Untitled meeting';
  const date = m.date ? `, ${formatLocalDate(m.date)}` : ', date not found';
  const next = m.nextMeeting ? ` Next meeting: ${formatLocalDate(m.nextMeeting)}.` : '';
  return `${title}${date}.${next}`;
}

function actionLine(a: ExtractedAction): string {
  const owners = a.owners.length > 0 ? a.owners.join(', ') : 'No owner stated';
  const item = a.agendaItem ? `[${a.agendaItem}] ` : '';
  const due = a.due ? ` · due ${formatLocalDate(a.due)}` : '';
  const status = a.status === 'open' ? '' : ` · reported ${a.status}`;
  return `${item}${owners} — ${a.text}${due}${status}`;
}

export function importPreview(minutes: ExtractedMinutes, channel: ChannelRef, draftId: string): View {
  const n = minutes.actions.length;
  const heading = `Found ${n} action${n === 1 ? '' : 's'} in ${meetingLine(minutes)}`;
  const blocks: Block[] = [{ kind: 'section', spans: [text(heading, { bold: true })] }];
  for (const a of minutes.actions.slice(0, MAX_SHOWN))
    blocks.push({ kind: 'section', spans: [text(actionLine(a))] });
  if (n > MAX_SHOWN)
    blocks.push({ kind: 'context', spans: [text(`…and ${n - MAX_SHOWN} more, imported with the rest.`)] });
  const value = draftButtonValue(channel, draftId);
  blocks.push({
    kind: 'buttons',
    buttons: [
      { id: 'import-confirm', label: `Import ${n === 1 ? 'it' : `all ${n}`}`, value, style: 'primary' },
      { id: 'import-cancel', label: 'Cancel', value },
    ],
  });
  return { text: heading, blocks };
}
