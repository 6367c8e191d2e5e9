/**
 * Matters arising as Markdown, to paste into the next meeting's papers as it stands (`arising
 * matters-arising --format md`).
 */

import type { Owner } from '../domain';
import { formatOwnerPlain } from '../owners';
import type { MattersArising, MattersItem } from './matters-arising';
import { dueText, groupHeading, statusPhrase, summaryTitle } from './matters-text';

export function ownerPlain(owner: Owner): string {
  return formatOwnerPlain(owner);
}

function line(item: MattersItem, withMeeting: boolean): string {
  const owners = item.owners.map(ownerPlain).join(', ') || 'No owner';
  const from = withMeeting && item.meetingTitle ? ` (from ${item.meetingTitle})` : '';
  return `- **#${item.number}** ${owners} to ${item.text} — ${dueText(item)}${from}. *${statusPhrase(item)}.*`;
}

export function mattersArisingMarkdown(summary: MattersArising): string {
  const out = [`# ${summaryTitle(summary)}`, ''];
  if (summary.groups.length === 0) out.push('No actions were recorded at that meeting.', '');
  for (const group of summary.groups) {
    out.push(`## ${groupHeading(group)}`, '', ...group.items.map((i) => line(i, false)), '');
  }
  if (summary.earlier.length > 0) {
    out.push('## Still open from earlier meetings', '', ...summary.earlier.map((i) => line(i, true)), '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
