/**
 * Owner, due date and status written as labels beside a task, as action trackers and shared notes do:
 * "Update the roadmap  Owner: Sam  Due: 3 May  Status: in progress". The labels are taken out of the
 * task and returned on their own; the due date's words are resolved later against the meeting date.
 */
import type { MinutesActionStatus } from './extracted-minutes';
import { statusIn } from './status-words';

export interface ActionLabels {
  text: string;
  owner: string | null;
  due: string | null;
  status: MinutesActionStatus | null;
}

const NAMES = {
  owner: 'owners?|who|lead|assigned to|assignee|responsible|responsibility|action by|action owner',
  due: 'due|due date|deadline|by when|target date|target|when',
  status: 'status|progress',
};
const ANY_LABEL = `${NAMES.owner}|${NAMES.due}|${NAMES.status}`;

function take(text: string, names: string): { text: string; value: string | null } {
  const re = new RegExp(
    `(?<![\\s,;(\\[|–-])[\\s,;(\\[|–-]*\\b(?:${names})\\s*:\\s*(.{1,60}?)\\s*(?=[,;)\\]|]|\\s(?:${ANY_LABEL})\\s*:|$)[)\\]]?`,
    'i',
  );
  const m = re.exec(text);
  if (!m) return { text, value: null };
  return {
    text: `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}`.trim(),
    value: (m[1] ?? '').trim(),
  };
}

/** The labelled owner, due date and status of a task, and the task without them. */
export function readActionLabels(text: string): ActionLabels {
  if (!/:/.test(text)) return { text, owner: null, due: null, status: null };
  const owner = take(text, NAMES.owner);
  const due = take(owner.text, NAMES.due);
  const status = take(due.text, NAMES.status);
  return {
    text: status.text.replace(/(?<![\s,;–-])[\s,;–-]+$/, ''),
    owner: owner.value || null,
    due: due.value || null,
    status: status.value ? statusIn(status.value) : null,
  };
}
