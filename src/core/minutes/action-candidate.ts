/**
 * An action the extractor has found but not yet finished: where it was found (its section, and by which
 * reading: an `Action:` marker, an action list, a table, a status report or running prose), before due
 * dates are resolved and repeats are dropped.
 */
import type { Section } from './agenda-sections';
import type { MinutesActionStatus } from './extracted-minutes';

export type CandidateSource = 'marker' | 'list' | 'table' | 'status' | 'narrative';

export interface ActionCandidate {
  owners: string[];
  text: string;
  status: MinutesActionStatus;
  section: Section;
  source: CandidateSource;
  /** Set when the source gave the due date on its own (a Due column); otherwise read from the text. */
  due?: string | null;
  /** Words of a "Due: …" label, resolved against the meeting date when the action is finished. */
  dueWords?: string;
  /** Overrides the section's agenda item (a table's item column). */
  agendaItem?: string | null;
}

/** Whether a reading found the minute-taker's own list of actions (so prose around it is not read). */
export const isExplicitSource = (source: CandidateSource): boolean =>
  source === 'marker' || source === 'list' || source === 'table';
