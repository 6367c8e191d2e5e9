/**
 * The console's fixed world: one demo channel and three demo people. The console is for trying Arising
 * without any account, so there is nothing to sign up for: the page offers these three and a switch
 * between them. Their ids are what the core stores (`raisedBy`, owners, chairs), like Slack user ids.
 */
import type { ChannelRef } from '../core/domain';

export const CONSOLE_CHANNEL: ChannelRef = { platform: 'console', team: 'demo', channel: 'committee' };

/** The channel's name as the page shows it. */
export const CHANNEL_NAME = 'committee';

export interface DemoPerson {
  id: string;
  name: string;
  /** A word about who they are in the demo, for the person switch. */
  role: string;
}

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  { id: 'chris', name: 'Chris (chair)', role: 'chairs the committee' },
  { id: 'priya', name: 'Priya', role: 'owns actions' },
  { id: 'sam', name: 'Sam', role: 'owns actions' },
];

/** The chair made a chair of the demo channel on first start. */
export const DEMO_CHAIR = 'chris';

export function personById(id: string): DemoPerson | undefined {
  return DEMO_PEOPLE.find((p) => p.id === id);
}

/** Display names by id, for rendering mentions. */
export function demoNames(): Map<string, string> {
  return new Map(DEMO_PEOPLE.map((p) => [p.id, p.name]));
}

/** The handle a person is mentioned by: `@chris`, `@priya`, `@sam` (the first word of the name works too). */
function handlesOf(person: DemoPerson): string[] {
  const first = person.name.split(/\s+/)[0]?.toLowerCase() ?? person.id;
  return [...new Set([person.id, first])];
}

/**
 * Turns `@Priya` (any case) into the mention `<@priya>` the core reads, as Slack and Teams do with the
 * mentions their clients insert. An `@word` that is no demo person stays as typed: the core reads it as
 * an alias, which `owner word = @sam` can map.
 */
export function resolveMentions(text: string): string {
  return text.replace(/(^|[\s,;/(&])@([A-Za-z][\w-]*)/g, (whole, lead: string, handle: string) => {
    const person = DEMO_PEOPLE.find((p) => handlesOf(p).includes(handle.toLowerCase()));
    return person ? `${lead}<@${person.id}>` : whole;
  });
}
