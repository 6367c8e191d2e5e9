/**
 * Matters arising as Markdown, to paste into the next meeting's papers as it stands (`arising
 * matters-arising --format md`).
 */

import {
  allAnsweredLine,
  answerPhrase,
  type MattersCheckin,
  notAnsweredHeading,
} from '../checkin/checkin-summary';
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
  const answers = (item.checkin ?? []).map((a) => `\n  - Check-in, @${a.by}: ${answerPhrase(a)}`);
  return `- **#${item.number}** ${owners} to ${item.text} — ${dueText(item)}${from}. *${statusPhrase(item)}.*${answers.join('')}`;
}

/** Who was asked before the meeting and has not answered, or that everyone has. */
function checkinLines(checkin: MattersCheckin): string[] {
  if (checkin.notAnswered.length === 0) return [allAnsweredLine(checkin), ''];
  return [
    `## ${notAnsweredHeading(checkin)}`,
    '',
    ...checkin.notAnswered.map((w) => `- @${w.userId}: ${w.numbers.map((n) => `#${n}`).join(', ')}`),
    '',
  ];
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
  if (summary.checkin) out.push(...checkinLines(summary.checkin));
  return `${out.join('\n').trimEnd()}\n`;
}
