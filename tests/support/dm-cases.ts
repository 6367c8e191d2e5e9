/**
 * The same words in a DM do the same thing on Slack, Teams and the console (issue 14; CONTRACT.md,
 * release 0.2: a DM that starts with a known subcommand is a command, any other DM answers the latest
 * reminder). One table of cases, run by each platform's end-to-end test against its real adapter.
 */
import type { Action } from '../../src/core/domain';

/** What each platform's test provides: its real service, driven the way that platform's users drive it. */
export interface DmPlatform {
  /**
   * Adds an open action owned by the DM's owner and puts a reminder about it in their DM, as the latest
   * message from Arising there; returns its number.
   */
  remindedAction(task: string): Promise<number>;
  /** The owner says `text` in their DM; resolves with the text Arising answered in the DM. */
  say(text: string): Promise<string>;
  /** Someone Arising never reminded says `text` in their DM; resolves with the answer's text. */
  sayUnreminded(text: string): Promise<string>;
  action(number: number): Promise<Action>;
}

export interface DmCase {
  name: string;
  says: string;
  answer: RegExp;
  /** What the action the reminder is about looks like afterwards. */
  afterwards(action: Action): void;
}

const NOTE = 'making progress, waiting on finance';

/** In order: each case runs on the action the one before left. */
export const DM_CASES: DmCase[] = [
  {
    name: '`list mine` is a command, not a note on the reminded action',
    says: 'list mine',
    answer: /Your open actions/,
    afterwards: (action) => {
      expect(action.notes).toEqual([]);
      expect(action.state).toBe('open');
    },
  },
  {
    name: 'a sentence is a progress note on the latest reminder’s action',
    says: NOTE,
    answer: /Noted on #\d+/,
    afterwards: (action) => expect(action.notes.map((n) => n.text)).toEqual([NOTE]),
  },
  {
    name: '`help add` is a command',
    says: 'help add',
    answer: /add/,
    afterwards: (action) => expect(action.notes.map((n) => n.text)).toEqual([NOTE]),
  },
  {
    name: '`done` closes the latest reminder’s action',
    says: 'done',
    answer: /Closed #\d+/,
    afterwards: (action) => expect(action.state).toBe('done'),
  },
];

/** Defines the cases as tests of `platform` (call inside a describe, after its beforeAll). */
export function describeDmCases(platform: () => DmPlatform): void {
  let number = 0;
  beforeAll(async () => {
    number = await platform().remindedAction('send the July figures');
  });

  for (const c of DM_CASES) {
    it(`${c.name}: ${JSON.stringify(c.says)}`, async () => {
      const answer = await platform().say(c.says);
      expect(answer).toMatch(c.answer);
      c.afterwards(await platform().action(number));
    });
  }

  it('says a DM is about no action where there was no reminder, and changes nothing', async () => {
    const answer = await platform().sayUnreminded('hello?');
    expect(answer).toMatch(/not about an action/);
    expect(answer).not.toMatch(/Something went wrong/);
  });
}
