/**
 * `help` and `help <subcommand>`: the command language in the words a user types. Written once here so
 * every platform shows the same help.
 */
import { traitsOf } from '../conversation/platform-traits';
import type { Platform } from '../domain';
import { UserError } from '../errors';
import { type Block, text, type View } from '../view';

interface HelpEntry {
  usage: string[];
  about: string;
}

export const HELP: Record<string, HelpEntry> = {
  add: {
    usage: [
      'add @priya to send the KSI data for July–Dec 2021 by 31 July',
      'add WYP/DMPC to look into the HT and MS data by next meeting',
      'add @a and @b to draft the terms of reference by 5pm Friday item 5',
    ],
    about:
      'Records an action: owners first (people, or aliases such as WYP), then `to`, the task, and an optional due date after `by`. Due dates: `31 July`, `31/07/2027`, `2027-07-31`, `Friday`, `next Tuesday`, `tomorrow`, `in 2 weeks`, `end of month`, `next meeting`, with an optional time (`5pm Friday`). A date without a time means the end of that working day (17:00).',
  },
  list: {
    usage: ['list', 'list overdue', 'list mine', 'list @priya', 'list WYP', 'list done', 'list all'],
    about: 'Shows actions, soonest due first; overdue ones are marked. Only you see the list.',
  },
  done: {
    usage: ['done 4', 'done #4 sent on 2 Aug'],
    about:
      "Closes an action, with an optional note. A reply of `done` in the thread of the action's message (or to a reminder) does the same; any other reply there is kept as a progress note.",
  },
  note: { usage: ['note 4 waiting for the July figures'], about: 'Adds a progress note to an action.' },
  due: { usage: ['due 4 next Friday', 'due 4 none'], about: 'Changes or removes the due date.' },
  snooze: {
    usage: ['snooze 4', 'snooze 4 2 weeks', 'snooze 4 3 days', 'snooze 4 until next meeting'],
    about: 'Moves the due date on: a week unless you say otherwise. An overdue action moves on from today.',
  },
  reassign: { usage: ['reassign 4 @sam', 'reassign 4 @sam and WYP'], about: 'Gives an action new owners.' },
  drop: { usage: ['drop 4 no longer needed'], about: 'Withdraws an action; it stays in the history.' },
  owner: {
    usage: ['owner WYP = @russ @oz', 'owner WYP = @russ data@wyp.example.org', 'owner list', 'owner WYP ='],
    about:
      'Maps an alias (an organisation, role or name) to the people who are reminded of its actions and may close them; an email address is a person outside the chat, reminded by email. `owner WYP =` removes the mapping. Once the channel has chairs, only they may change aliases.',
  },
  meeting: {
    usage: [
      'meeting',
      'meeting Community Outcomes Meeting on 14 June 2022',
      'meeting next 13 Sep 2022 14:00',
      'meeting calendar https://example.org/committee.ics',
      'meeting calendar off',
    ],
    about:
      "Starts the channel's current meeting (new actions belong to it), sets the date of the next one, or shows both. `meeting calendar` takes the next meeting from an iCalendar feed (Google's or Outlook's iCal address), read again every day; a date set with `meeting next` wins until it has passed. Once the channel has chairs, only they may change its meetings.",
  },
  import: {
    usage: ['import'],
    about: 'Imports the actions of a minutes document, showing what it found first.',
  },
  'matters-arising': {
    usage: ['matters-arising', 'matters-arising docx'],
    about:
      "The status of the previous meeting's actions, grouped by agenda item, ready for the chair. `matters-arising docx` makes it a Word document for the meeting papers: a heading per agenda item, a table row per action (owners, due date, state, latest note).",
  },
  digest: { usage: ['digest'], about: 'The overdue digest, now.' },
  settings: {
    usage: [
      'settings',
      'settings timezone America/New_York',
      'settings digest monday 09:00',
      'settings digest off',
      'settings reminders -2d 0 +1d',
      'settings workdays mon-fri',
      'settings holidays GB-ENG',
      'settings chairs @chair @secretary',
      'settings checkin -3d',
    ],
    about:
      "The channel's settings; `settings` alone shows them. Once the channel has chairs, only they may change its chairs, aliases, settings and meetings; until then, whoever first changes one of those becomes its chair.",
  },
  help: { usage: ['help', 'help add'], about: 'This help.' },
};

export function helpView(topic: string | null, platform: Platform = 'slack'): View {
  const prefix = traitsOf(platform).commandPrefix;
  if (topic) {
    const entry = HELP[topic.toLowerCase().replace(/^matters arising$/, 'matters-arising')];
    if (!entry) {
      throw new UserError(
        'bad_command',
        `There is no help on “${topic}”. Try \`help\` for the list, or \`help add\`.`,
      );
    }
    const blocks: Block[] = [
      { kind: 'header', text: topic },
      { kind: 'section', spans: [text(entry.about)] },
      { kind: 'section', spans: [text(entry.usage.map((u) => `${prefix}${u}`).join('\n'))] },
    ];
    return { text: `${topic}: ${entry.about}`, blocks };
  }
  const lines = Object.entries(HELP).map(([name, e]) => `${prefix}${e.usage[0] ?? name}`);
  const blocks: Block[] = [
    { kind: 'header', text: 'Arising: actions from your meetings, tracked here' },
    { kind: 'section', spans: [text(lines.join('\n'))] },
    {
      kind: 'context',
      spans: [
        text(
          `Actions are numbered per channel (#1, #2, …). ${traitsOf(platform).helpNote} \`help add\` explains one command.`,
        ),
      ],
    },
  ];
  return { text: 'Arising help', blocks };
}
