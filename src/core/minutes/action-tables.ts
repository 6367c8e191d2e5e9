/**
 * Action logs kept as a table: a column for the action and one for its owner, often with due date,
 * status and agenda item columns. Each row with a task is an action; owners come from their column as
 * written, due dates from theirs (read against the meeting date), status from a status column or a
 * struck-through row.
 */
import type { ActionCandidate } from './action-candidate';
import { readExplicitAction, stripAgreedOpener } from './action-sentence';
import type { Block } from './agenda-sections';
import { type DueContext, readDueCell } from './due-dates';
import { type PeopleIndex, parseOwners } from './owners-in-minutes';
import { splitSentences } from './sentences';
import { readStrikeThrough, statusIn } from './status-words';

interface Columns {
  text: number;
  owner: number;
  due: number;
  status: number;
  item: number;
  /**
   * Minutes laid out as a table ("Item | Minute | Action"), whose Action column holds only who acts: the
   * task is then the last sentence of the minute beside it, and rows without anyone are not actions.
   */
  layout: boolean;
}

const find = (header: string[], re: RegExp, taken: number[] = []): number =>
  header.findIndex((h, k) => !taken.includes(k) && re.test(h.trim()));

/** Which column holds what; null when the table has no column of tasks. */
function columnsOf(header: string[]): Columns | null {
  const owner = find(header, /owner|responsib|^who\b|^lead$|assigned|assignee|by whom|action by|^person/i);
  const text = find(
    header,
    /^(actions?|tasks?|description|what|action items?|action required|actions? agreed|details|action points?)$/i,
    [owner],
  );
  const fallbackText = text >= 0 ? text : find(header, /action|task|description/i, [owner]);
  if (fallbackText < 0) return null;
  const due = find(
    header,
    /^(due|due date|deadline|by when|target( date)?|when|date due|by|completion date)$/i,
  );
  const status = find(header, /^(status|progress|done\??|state|update|outcome)$/i);
  const item = find(header, /^(#|no\.?|ref\.?|item|agenda( item)?|minute( ref)?|min\.? ref|item no\.?)$/i, [
    fallbackText,
  ]);
  return { text: fallbackText, owner, due, status, item, layout: false };
}

const words = (text: string): number => text.split(/\s+/).filter(Boolean).length;

/** Recognises the "Item | Minute | Action" layout and points `text` and `owner` at the right columns. */
function asLayout(columns: Columns, rows: string[][], people: PeopleIndex): Columns {
  if (columns.owner >= 0) return columns;
  const filled = rows.map((r) => cell(r, columns.text)).filter(Boolean);
  const ownerLike = filled.filter((c) => words(c) <= 4 && parseOwners(c, 'explicit', people)).length;
  if (filled.length === 0 || ownerLike / filled.length < 0.6) return columns;
  const widths = (rows[0] ?? []).map((_c, k) => rows.reduce((sum, r) => sum + words(cell(r, k)), 0));
  const others = widths.map((_w, k) => k).filter((k) => k !== columns.text && k !== columns.item);
  const minute = others.sort((a, b) => (widths[b] ?? 0) - (widths[a] ?? 0))[0];
  if (minute === undefined || (widths[minute] ?? 0) <= (widths[columns.text] ?? 0)) return columns;
  return { ...columns, owner: columns.text, text: minute, layout: true };
}

const cell = (row: string[], k: number): string => (k >= 0 ? (row[k] ?? '').trim() : '');

/** The actions in one table block. */
export function tableActions(block: Block, people: PeopleIndex, ctx: DueContext): ActionCandidate[] {
  const table = block.table;
  const found = table ? columnsOf(table.header) : null;
  if (!table || !found) return [];
  const columns = asLayout(found, table.rows, people);
  const out: ActionCandidate[] = [];
  for (const row of table.rows) {
    const ownerCell = readStrikeThrough(cell(row, columns.owner)).text;
    if (columns.layout && !ownerCell) continue;
    const taskCell = columns.layout
      ? (splitSentences(cell(row, columns.text)).pop() ?? '')
      : cell(row, columns.text);
    const { text: raw, struck } = readStrikeThrough(taskCell);
    if (!/[a-z]/i.test(raw)) continue;
    const parsed = readExplicitAction(columns.layout ? stripAgreedOpener(raw) : raw, people);
    const owners = ownerCell ? (parseOwners(ownerCell, 'explicit', people) ?? [ownerCell]) : parsed.owners;
    const statusCell = cell(row, columns.status);
    const status = struck ? 'done' : (statusIn(statusCell) ?? 'open');
    const item = cell(row, columns.item);
    out.push({
      owners,
      text: (parsed.owners.length > 0 || columns.layout ? parsed.text : raw).replace(/^to\s+/i, ''),
      status,
      section: block.section,
      source: 'table',
      due: readDueCell(cell(row, columns.due), ctx),
      ...(item ? { agendaItem: item } : {}),
    });
  }
  return out;
}
