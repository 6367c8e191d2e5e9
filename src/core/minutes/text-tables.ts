/**
 * Finds tables in minutes text: Markdown pipe tables, tab-separated rows (what Word and spreadsheets give
 * when copied) and columns aligned with spaces. Action logs are very often kept as such a table with an
 * owner column; the cells are returned as written, for action-tables.ts to interpret.
 */

export interface TextTable {
  /** Index of the table's first line and of the line after its last one. */
  start: number;
  end: number;
  header: string[];
  rows: string[][];
}

const PIPE_SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)+\|?\s*$/;
const HEADER_WORDS =
  /\b(owner|owners|who|responsib\w*|lead|assigned|assignee|by whom|action by|person|actions?|tasks?|description|due|deadline|target|when|status|progress)\b/i;

function pipeCells(line: string): string[] {
  const trimmed = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return trimmed.split(/(?<!\\)\|/).map((c) => c.trim());
}

function readPipeTable(lines: string[], i: number): TextTable | null {
  const head = lines[i] ?? '';
  const sep = lines[i + 1] ?? '';
  if (!head.includes('|') || !PIPE_SEPARATOR.test(sep)) return null;
  const header = pipeCells(head);
  const rows: string[][] = [];
  let j = i + 2;
  while (j < lines.length && (lines[j] ?? '').includes('|') && (lines[j] ?? '').trim() !== '') {
    rows.push(pipeCells(lines[j] ?? ''));
    j++;
  }
  return { start: i, end: j, header, rows };
}

function tabCells(line: string): string[] {
  return line
    .trim()
    .split('\t')
    .map((c) => c.trim());
}

function readTabTable(lines: string[], i: number): TextTable | null {
  const head = lines[i] ?? '';
  if ((head.match(/\t/g) ?? []).length < 1 || !HEADER_WORDS.test(head)) return null;
  const rows: string[][] = [];
  let j = i + 1;
  while (j < lines.length && (lines[j] ?? '').includes('\t')) {
    rows.push(tabCells(lines[j] ?? ''));
    j++;
  }
  // A header padded with extra tabs to line up on screen: its cells are the non-empty ones.
  const padded = tabCells(head);
  const widest = Math.max(0, ...rows.map((r) => r.length));
  const header = padded.length > widest ? padded.filter(Boolean) : padded;
  if (header.filter(Boolean).length < 2) return null;
  return rows.length > 0 ? { start: i, end: j, header, rows } : null;
}

/** Column start positions of a header whose columns are separated by two or more spaces. */
function alignedColumns(head: string): number[] | null {
  const starts: number[] = [];
  const re = /\S+(?: \S+)*/g;
  for (let m = re.exec(head); m !== null; m = re.exec(head)) starts.push(m.index);
  return starts.length >= 3 ? starts : null;
}

function sliceAligned(line: string, starts: number[]): string[] {
  const bySpaces = line.trim().split(/\s{2,}/);
  if (bySpaces.length === starts.length && line.search(/\S/) === starts[0])
    return bySpaces.map((c) => c.trim());
  return starts.map((s, k) => line.slice(s, starts[k + 1] ?? line.length).trim());
}

function readAlignedTable(lines: string[], i: number): TextTable | null {
  const head = lines[i] ?? '';
  if (!/\S\s{2,}\S/.test(head) || head.includes('\t')) return null;
  const starts = alignedColumns(head);
  const headWords = head.match(new RegExp(HEADER_WORDS.source, 'gi')) ?? [];
  if (!starts || headWords.length < 2 || /^\s*[-*•]\s/.test(head)) return null;
  const header = sliceAligned(head, starts);
  if (header.some((cell) => cell.length > 30)) return null;
  const rows: string[][] = [];
  let j = i + 1;
  if (/^\s*[-=\s]+$/.test(lines[j] ?? '') && (lines[j] ?? '').trim() !== '') j++;
  for (; j < lines.length && (lines[j] ?? '').trim() !== ''; j++) {
    const line = lines[j] ?? '';
    const cells = sliceAligned(line, starts);
    const last = rows[rows.length - 1];
    const onlyFirst =
      cells.slice(1).every((c) => c === '') && (/^\s/.test(line) || /^[a-z]/.test(cells[0] ?? ''));
    if (last && (onlyFirst || (cells[0] === '' && line.slice(0, starts[1] ?? 0).trim() === ''))) {
      cells.forEach((c, k) => {
        if (c) last[k] = `${last[k] ?? ''} ${c}`.trim();
      });
    } else {
      rows.push(cells);
    }
  }
  return rows.length > 0 ? { start: i, end: j, header, rows } : null;
}

/** The table starting at line `i`, if one does. */
export function readTableAt(lines: string[], i: number): TextTable | null {
  return readPipeTable(lines, i) ?? readTabTable(lines, i) ?? readAlignedTable(lines, i);
}
