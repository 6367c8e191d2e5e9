/**
 * Matters arising as JSON (`arising matters-arising --json`), for scripts and for papers built by other
 * tools. The same summary the Markdown is written from, with owners as plain strings (`@U123` for a
 * person, the alias as written for an organisation or role) and dates as local `YYYY-MM-DD` or
 * `YYYY-MM-DDTHH:mm` in the channel's zone.
 *
 *   {
 *     "meeting": { "title": "Board Meeting", "date": "2022-12-07" } | null,
 *     "nextMeeting": "2023-01-11T18:30" | null,
 *     "groups": [
 *       { "agendaItem": "3", "agendaTitle": "Finance report", "heading": "Item 3 — Finance report",
 *         "items": [ <item> ] }
 *     ],
 *     "earlier": [ <item> ],         // still open from meetings before the reviewed one
 *     "checkin": { "meeting": "2023-01-11T18:30", "askedPeople": 3,
 *                  "notAnswered": [ { "userId": "U1", "numbers": [4, 7] } ] }   // only when anyone was asked
 *   }
 *
 *   <item> = { "number": 4, "owners": ["WYP"], "text": "…", "due": "2022-12-27" | null,
 *              "status": "done" | "ongoing" | "overdue" | "dropped", "closedOn": "2022-12-20" | null,
 *              "daysOverdue": 0, "note": "…" | null, "meetingTitle": "…" | null,
 *              "checkin": [ { "by": "U1", "kind": "done" | "note" | "new-date", "text": "…" | null,
 *                             "at": "2023-01-09T10:00:00.000Z" } ] }   // only when an owner answered
 */
import type { CheckinAnswer } from '../checkin/checkin-store';
import type { MattersCheckin } from '../checkin/checkin-summary';
import type { MattersArising, MattersItem } from './matters-arising';
import { ownerPlain } from './matters-markdown';
import { groupHeading } from './matters-text';

export interface MattersItemJson {
  number: number;
  owners: string[];
  text: string;
  due: string | null;
  status: MattersItem['status'];
  /** The local date it was closed (done or dropped), else null. */
  closedOn: string | null;
  /** Whole days late; 0 unless the status is overdue. */
  daysOverdue: number;
  /** The closing note, the reason it was dropped, or the latest progress note. */
  note: string | null;
  /** The meeting the action was raised in, where known. */
  meetingTitle: string | null;
  /** Its owners' answers when asked before the next meeting. */
  checkin?: Omit<CheckinAnswer, 'number'>[];
}

export interface MattersGroupJson {
  agendaItem: string | null;
  agendaTitle: string | null;
  /** As the Markdown heads the group: `Item 3 — Finance report`. */
  heading: string;
  items: MattersItemJson[];
}

export interface MattersArisingJson {
  meeting: { title: string; date: string } | null;
  nextMeeting: string | null;
  groups: MattersGroupJson[];
  earlier: MattersItemJson[];
  checkin?: MattersCheckin;
}

export function mattersItemJson(item: MattersItem): MattersItemJson {
  return {
    number: item.number,
    owners: item.owners.map(ownerPlain),
    text: item.text,
    due: item.due,
    status: item.status,
    closedOn: item.closedOn,
    daysOverdue: item.daysOverdue,
    note: item.note,
    meetingTitle: item.meetingTitle,
    ...(item.checkin ? { checkin: item.checkin.map(({ number: _n, ...answer }) => answer) } : {}),
  };
}

export function mattersArisingJson(summary: MattersArising): MattersArisingJson {
  return {
    meeting: summary.meeting ? { title: summary.meeting.title, date: summary.meeting.date } : null,
    nextMeeting: summary.nextMeeting,
    groups: summary.groups.map((group) => ({
      agendaItem: group.agendaItem,
      agendaTitle: group.agendaTitle,
      heading: groupHeading(group),
      items: group.items.map(mattersItemJson),
    })),
    earlier: summary.earlier.map(mattersItemJson),
    ...(summary.checkin ? { checkin: summary.checkin } : {}),
  };
}
