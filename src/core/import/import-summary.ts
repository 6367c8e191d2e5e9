/**
 * What an import did to earlier actions, in one sentence group for the answer to Import and the CLI:
 * "Closed #3 (reported done). Noted #4 as ongoing. 2 already recorded (#1, #2)."
 */
import type { AppliedUpdate } from './import-updates';

/** Most action numbers named in one sentence; a long re-import says how many more. */
const MAX_NUMBERS = 10;

function numbers(updates: readonly AppliedUpdate[], kind: AppliedUpdate['kind']): string[] {
  const all = updates.filter((u) => u.kind === kind).map((u) => `#${u.number}`);
  if (all.length <= MAX_NUMBERS) return all;
  return [...all.slice(0, MAX_NUMBERS), `${all.length - MAX_NUMBERS} more`];
}

/** Empty when the import matched no earlier action; otherwise starts with a space. */
export function updatesSummary(updates: readonly AppliedUpdate[]): string {
  const parts: string[] = [];
  const closed = numbers(updates, 'closed');
  if (closed.length > 0) parts.push(`Closed ${closed.join(', ')} (reported done).`);
  const noted = numbers(updates, 'noted');
  if (noted.length > 0) parts.push(`Noted ${noted.join(', ')} as ongoing.`);
  const recorded = numbers(updates, 'recorded');
  const count = updates.filter((u) => u.kind === 'recorded').length;
  if (count > 0) parts.push(`${count} already recorded (${recorded.join(', ')}).`);
  const blocked = numbers(updates, 'blocked');
  if (blocked.length > 0) {
    parts.push(
      `Left ${blocked.join(', ')} open: only their owners, whoever raised them and the channel's chairs may close them.`,
    );
  }
  const conflict = numbers(updates, 'conflict');
  if (conflict.length > 0) {
    parts.push(`Could not update ${conflict.join(', ')}: changed by someone else meanwhile; try again.`);
  }
  return parts.length > 0 ? ` ${parts.join(' ')}` : '';
}
