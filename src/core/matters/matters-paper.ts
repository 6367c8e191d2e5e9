/**
 * Matters arising as the meeting papers lay it out: a title naming the committee's channel and the
 * meeting, then one table per agenda item with a row per action. Plain strings only, so that the Word
 * renderer (src/papers) is a layout and nothing more, and every word is the same as the chat view's and
 * the Markdown's (matters-text.ts).
 */
import type { Owner } from '../domain';
import { formatLocalDate } from '../format-date';
import { formatOwnerPlain } from '../owners';
import type { MattersArising, MattersItem } from './matters-arising';
import { groupHeading, statusLead, summaryTitle } from './matters-text';

/** The papers' language: a clerk's spell checker and a screen reader's voice follow it. */
export const PAPER_LANGUAGE = 'en-GB';

export interface PaperRow {
  /** `#4`. */
  number: string;
  /** People by name where known (`@U123` where not), aliases as written; `No owner` for none. */
  owners: string;
  task: string;
  /** `Fri 5 Apr 2024`, or `None`. */
  due: string;
  /** `Done on Wed 20 Mar 2024`, `Overdue by 3 days`, `Ongoing`, `Dropped`. */
  state: string;
  /** The latest progress note, the closing note or the reason for dropping; '' for none. */
  note: string;
  /**
   * The owner's check-in answer before the meeting (`settings checkin`), once check-ins give one; the
   * renderer adds a Check-in column when any row has this set.
   */
  checkIn?: string;
}

export interface PaperSection {
  heading: string;
  rows: PaperRow[];
}

export interface MattersPaper {
  /** The document's title, as a heading and as its title property. */
  title: string;
  /** Lines under the title: the channel, the meeting, the next meeting. */
  details: string[];
  sections: PaperSection[];
  /** Said in place of the tables when the meeting recorded nothing and nothing is still open; else null. */
  empty: string | null;
  /** When the paper was made (ISO instant, from the service's clock): the document's dates. */
  madeAt: string;
}

export interface PaperContext {
  /** How the channel is named on the papers: a channel name where known, else its id. */
  channelLabel: string;
  /** Display names of people by user id, where the platform knows them. */
  names: ReadonlyMap<string, string>;
  now: Date;
}

/** A person by name where one is known; an alias (an organisation, a role) as it was written. */
export function paperOwnerName(owner: Owner, names: ReadonlyMap<string, string>): string {
  return owner.kind === 'user' ? (names.get(owner.id) ?? `@${owner.id}`) : formatOwnerPlain(owner);
}

function row(item: MattersItem, names: ReadonlyMap<string, string>, withMeeting: boolean): PaperRow {
  const from = withMeeting && item.meetingTitle ? ` (from ${item.meetingTitle})` : '';
  return {
    number: `#${item.number}`,
    owners: item.owners.map((o) => paperOwnerName(o, names)).join(', ') || 'No owner',
    task: `${item.text}${from}`,
    due: item.due ? formatLocalDate(item.due) : 'None',
    state: statusLead(item),
    note: item.note ?? '',
  };
}

/** The summary laid out for the papers. Groups keep their order; earlier meetings' actions come last. */
export function mattersPaper(summary: MattersArising, ctx: PaperContext): MattersPaper {
  const sections: PaperSection[] = summary.groups.map((group) => ({
    heading: groupHeading(group),
    rows: group.items.map((item) => row(item, ctx.names, false)),
  }));
  if (summary.earlier.length > 0) {
    sections.push({
      heading: 'Still open from earlier meetings',
      rows: summary.earlier.map((item) => row(item, ctx.names, true)),
    });
  }
  const details = [`Channel: ${ctx.channelLabel}`];
  if (summary.meeting) {
    details.push(`Meeting: ${summary.meeting.title}, ${formatLocalDate(summary.meeting.date)}`);
  }
  if (summary.nextMeeting) details.push(`Next meeting: ${formatLocalDate(summary.nextMeeting)}`);
  return {
    title: summaryTitle(summary),
    details,
    sections,
    empty: sections.length === 0 ? 'No actions were recorded at that meeting, and none is still open.' : null,
    madeAt: ctx.now.toISOString(),
  };
}

/** The file name the papers are offered under: `matters-arising-2024-03-12.docx`. */
export function paperFilename(summary: MattersArising): string {
  return `matters-arising${summary.meeting ? `-${summary.meeting.date}` : ''}.docx`;
}
