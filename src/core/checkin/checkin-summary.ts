/**
 * The check-in round in matters arising: each item gets the answers its owners gave when asked before the
 * next meeting, and the summary lists who was asked about an action still open and has not answered, so
 * the chair knows whom to ask in the meeting.
 */

import { formatLocalDate } from '../format-date';
import type { MattersArising, MattersItem } from '../matters/matters-arising';
import type { CheckinAnswer, CheckinRound } from './checkin-store';

export interface MattersCheckin {
  /** The meeting the owners were asked before, local `YYYY-MM-DD[THH:mm]`. */
  meeting: string;
  /** How many people were asked. */
  askedPeople: number;
  /** Each person asked about actions still open who has answered none of them, with those actions. */
  notAnswered: { userId: string; numbers: number[] }[];
}

/** The summary with the round's answers on its items and its non-answerers; unchanged when no one was asked. */
export function withCheckins(summary: MattersArising, round: CheckinRound): MattersArising {
  if (round.asked.length === 0) return summary;
  const byNumber = new Map<number, CheckinAnswer[]>();
  for (const answer of round.answers)
    byNumber.set(answer.number, [...(byNumber.get(answer.number) ?? []), answer]);
  const decorate = (item: MattersItem): MattersItem => {
    const answers = byNumber.get(item.number);
    return answers ? { ...item, checkin: answers.sort((a, b) => a.at.localeCompare(b.at)) } : item;
  };
  const groups = summary.groups.map((g) => ({ ...g, items: g.items.map(decorate) }));
  const earlier = summary.earlier.map(decorate);
  const open = new Set(
    [...groups.flatMap((g) => g.items), ...earlier]
      .filter((i) => i.status === 'ongoing' || i.status === 'overdue')
      .map((i) => i.number),
  );
  const answered = new Set(round.answers.map((a) => `${a.number}:${a.by}`));
  const waiting = new Map<string, number[]>();
  for (const asked of round.asked) {
    if (!open.has(asked.number) || answered.has(`${asked.number}:${asked.userId}`)) continue;
    waiting.set(asked.userId, [...(waiting.get(asked.userId) ?? []), asked.number]);
  }
  const notAnswered = [...waiting.entries()]
    .map(([userId, numbers]) => ({ userId, numbers: numbers.sort((a, b) => a - b) }))
    .sort((a, b) => a.userId.localeCompare(b.userId));
  const checkin: MattersCheckin = {
    meeting: round.meeting,
    askedPeople: new Set(round.asked.map((a) => a.userId)).size,
    notAnswered,
  };
  return { ...summary, groups, earlier, checkin };
}

/** What an answer says, without who gave it: `done: sent on Monday`, `note: draft sent`, `new date Tue 20 Jan`. */
export function answerPhrase(answer: Pick<CheckinAnswer, 'kind' | 'text'>): string {
  switch (answer.kind) {
    case 'done':
      return answer.text ? `done: ${answer.text}` : 'done';
    case 'note':
      return `note: ${answer.text ?? ''}`;
    case 'new-date':
      return answer.text ? `new date ${formatLocalDate(answer.text)}` : 'due date removed';
  }
}

/** The heading of the non-answerers' list. */
export function notAnsweredHeading(checkin: MattersCheckin): string {
  return `Asked before the meeting on ${formatLocalDate(checkin.meeting)}, not answered yet`;
}

/** The line when everyone asked has answered (or their actions were closed). */
export function allAnsweredLine(checkin: MattersCheckin): string {
  return `Everyone asked before the meeting on ${formatLocalDate(checkin.meeting)} has answered (${checkin.askedPeople} ${checkin.askedPeople === 1 ? 'person' : 'people'}).`;
}
