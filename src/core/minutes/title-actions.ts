/**
 * "3.2 Defibrillator training: still outstanding. ACTION: Treasurer": a marker that names only an owner,
 * with no sentence before it in the same item. The task is then the item's own title (its topic), and
 * what the title says after a colon is the action's status. Without this the owner's name alone was
 * taken for the task.
 */
import type { ActionCandidate } from './action-candidate';
import type { Section } from './agenda-sections';
import { statusIn } from './status-words';

/** "Item 6 (field trip risk assessments)", "Minute 4.2 –": a reference to an earlier minute. */
const MINUTE_REF = /^(?:item|minute|min\.?|ref\.?|action)\s*[\w/.]*\d[\w/.]*\s*[:–—-]?\s*/i;

/** The item's topic as a task for `owners`, or null when the item has no title to give. */
export function titleAction(section: Section, owners: string[]): ActionCandidate | null {
  const title = section.agendaTitle?.replace(/…$/, '').trim();
  if (!title) return null;
  const colon = title.lastIndexOf(':');
  const tail = colon > 0 ? title.slice(colon + 1) : '';
  const status = tail ? statusIn(tail) : null;
  let topic = (status ? title.slice(0, colon) : title).replace(MINUTE_REF, '').trim();
  const bracketed = /^\(([^()]{3,80})\)$/.exec(topic);
  if (bracketed) topic = bracketed[1] ?? topic;
  if (!/[a-z]/i.test(topic)) return null;
  return { owners, text: topic, status: status ?? 'open', section, source: 'marker' };
}
