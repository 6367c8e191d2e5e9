import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExtractedAction } from '../../src/core/minutes/extracted-minutes';
import { extractMinutes } from '../../src/core/minutes/minutes-extractor';

const fixture = (name: string): string =>
  readFileSync(join(__dirname, '..', 'fixtures', 'minutes', name), 'utf8');

/** The parts of each action a user checks in the import preview. */
const summary = (actions: ExtractedAction[]) =>
  actions.map((a) => ({ item: a.agendaItem, owners: a.owners, text: a.text, due: a.due, status: a.status }));

const texts = (actions: ExtractedAction[]): string => actions.map((a) => a.text).join('\n');

describe('extractMinutes: "Action: X to …" lines', () => {
  const minutes = extractMinutes(fixture('action-colon.txt'));

  it('finds each Action line with its owner, agenda item and due date read against the meeting', () => {
    expect(summary(minutes.actions)).toEqual([
      {
        item: '3',
        owners: ['Tomasz Nowak'],
        text: 'circulate the revised budget by 27th December',
        due: '2022-12-27',
        status: 'open',
      },
      {
        item: '4',
        owners: ['Priya Raman'],
        text: 'draft a Saturday rota and share it with the board by the next meeting',
        due: '2023-01-11',
        status: 'open',
      },
      {
        item: '4',
        owners: ['Secretary'],
        text: 'update the volunteer handbook with the new safeguarding contact',
        due: null,
        status: 'open',
      },
    ]);
  });

  it('keeps the agenda title of the item an action belongs to', () => {
    expect(minutes.actions.map((a) => a.agendaTitle)).toEqual(['Finance report', 'Volunteers', 'Volunteers']);
  });

  it('does not take the resolution, the discussion or the future agenda items as actions', () => {
    expect(texts(minutes.actions)).not.toMatch(/Riverside|boiler|decorated|Summer reading|opening hours/);
  });
});

describe('extractMinutes: "Actions:" followed by a) and b)', () => {
  const minutes = extractMinutes(fixture('actions-lettered.md'));

  it('takes every lettered item under "Actions:" as an action of that agenda item', () => {
    expect(summary(minutes.actions)).toEqual([
      {
        item: '2',
        owners: ['Dev Mistry'],
        text: "draft the association's response and circulate it by 24 March",
        due: '2023-03-24',
        status: 'open',
      },
      {
        item: '2',
        owners: ['Lena Brandt'],
        text: 'photograph the Mill Lane corner at school pick-up time',
        due: null,
        status: 'open',
      },
      {
        item: '3',
        owners: ['Sam Okafor'],
        text: 'submit the road closure application',
        due: null,
        status: 'open',
      },
      {
        item: '3',
        owners: ['Jo Whitfield', 'Lena Brandt'],
        text: 'ask local businesses for raffle prizes',
        due: null,
        status: 'open',
      },
    ]);
  });

  it('does not take "It was agreed to respond" (a decision) as an action', () => {
    expect(texts(minutes.actions)).not.toMatch(/respond on behalf/);
  });
});

describe('extractMinutes: MeetBot minutes', () => {
  const minutes = extractMinutes(fixture('meetbot.txt'));

  it('counts each ACTION once although the summaries repeat it twice', () => {
    expect(summary(minutes.actions)).toEqual([
      {
        item: null,
        owners: ['kbalogun'],
        text: 'convert the remaining headings in the install guide',
        due: null,
        status: 'open',
      },
      {
        item: '#412',
        owners: ['rmoreau'],
        text: 'write a link checker job for the CI',
        due: null,
        status: 'open',
      },
    ]);
  });

  it('files each action under the topic it was raised in', () => {
    expect(minutes.actions.map((a) => a.agendaTitle)).toEqual([
      'style guide update',
      'broken links in the API reference',
    ]);
  });

  it('does not take AGREED, IDEA or LINK lines as actions', () => {
    expect(texts(minutes.actions)).not.toMatch(/sentence case|weekly|tracker/);
  });
});

describe('extractMinutes: a raw IRC log with #action commands', () => {
  const minutes = extractMinutes(fixture('irc-log.txt'));

  it('reads #action lines with the nick as owner and #topic as the agenda title', () => {
    expect(minutes.actions.map((a) => [a.agendaTitle, a.owners, a.text, a.due])).toEqual([
      ['Mirror sync failures', ['lkovac'], 'check the rsync logs on the eu mirror', null],
      ['Certificate renewal', ['pdiaz'], 'renew the wildcard certificate by 25 November', '2020-11-25'],
    ]);
  });

  it('takes the title from #startmeeting and does not count #agreed or #info', () => {
    expect(minutes.meeting.title).toBe('Infrastructure weekly');
    expect(texts(minutes.actions)).not.toMatch(/pause|automated/);
  });
});

describe('extractMinutes: AI (name) items and struck-through done items', () => {
  const minutes = extractMinutes(fixture('ai-strikethrough.md'));

  it('reads owners from the parentheses, struck-through items as done and "in progress" as ongoing', () => {
    expect(summary(minutes.actions)).toEqual([
      {
        item: null,
        owners: ['Ben'],
        text: 'rotate the staging database credentials',
        due: null,
        status: 'done',
      },
      {
        item: null,
        owners: ['Chloe'],
        text: 'write up the incident review for the 30 May outage',
        due: null,
        status: 'done',
      },
      {
        item: null,
        owners: ['Dmitri'],
        text: 'move the nightly backups to the new bucket',
        due: null,
        status: 'ongoing',
      },
      {
        item: null,
        owners: ['Ana'],
        text: 'schedule the dry run of the audit table migration by Tuesday 19th June',
        due: '2018-06-19',
        status: 'open',
      },
      {
        item: null,
        owners: ['Ben', 'Chloe'],
        text: 'update the release notes tomorrow EOD',
        due: '2018-06-13',
        status: 'open',
      },
    ]);
  });

  it('does not take the decision as an action', () => {
    expect(texts(minutes.actions)).not.toMatch(/ship 4\.2/);
  });
});

describe('extractMinutes: @Name lines under headings', () => {
  const minutes = extractMinutes(fixture('at-mentions.md'));

  it('takes each @Name line as an action of the heading above it, and not a question', () => {
    expect(minutes.actions.map((a) => [a.agendaTitle, a.owners, a.text, a.due])).toEqual([
      ['Onboarding flow', ['@Maya'], 'rewrite the password hint text', null],
      [
        'Onboarding flow',
        ['@Jon', '@Aisha'],
        'test the flow on small Android phones by 10 October',
        '2024-10-10',
      ],
      ['Settings page', ['@Aisha'], 'file a ticket for the dark mode contrast bug', null],
    ]);
  });
});

describe('extractMinutes: initials after the sentence ("… Action FE")', () => {
  const minutes = extractMinutes(fixture('initials-after.txt'));

  it('gives the sentence before each "Action XX" to those initials, under the minute number', () => {
    expect(summary(minutes.actions)).toEqual([
      {
        item: '23/03',
        owners: ['FE'],
        text: 'the landowner should be asked to cut it back and that a copy of the letter should go to the Clerk',
        due: null,
        status: 'open',
      },
      {
        item: '23/03',
        owners: ['JB'],
        text: 'It will be reported to the county council',
        due: null,
        status: 'open',
      },
      { item: '23/04', owners: ['RK'], text: 'obtain two quotes for a new latch', due: null, status: 'open' },
    ]);
  });

  it('does not take the resolution to accept a quote as an action', () => {
    expect(texts(minutes.actions)).not.toMatch(/Ashby Fencing/);
  });
});

describe('extractMinutes: "ACTIONS: Clerk to …. Cllr X to …." on one line', () => {
  const minutes = extractMinutes(fixture('actions-one-line.txt'));

  it('splits the line into one action per sentence, ownerless ones included', () => {
    expect(summary(minutes.actions)).toEqual([
      {
        item: '1',
        owners: ['Secretary'],
        text: 'ask the water company for a leak allowance.',
        due: null,
        status: 'open',
      },
      {
        item: '1',
        owners: ['Mr Lund'],
        text: 'fit a new washer to the north standpipe.',
        due: null,
        status: 'open',
      },
      {
        item: '1',
        owners: ['Mrs Greaves'],
        text: 'check the south site meter monthly.',
        due: null,
        status: 'open',
      },
      {
        item: '2',
        owners: ['Secretary'],
        text: 'write to the tenants of plots 4, 12 and 31.',
        due: null,
        status: 'open',
      },
      {
        item: '2',
        owners: [],
        text: 'Inspection report to be circulated before the next meeting.',
        due: '2023-04-06',
        status: 'open',
      },
    ]);
  });

  it('does not take "It was agreed that no bonfires are allowed" as an action', () => {
    expect(texts(minutes.actions)).not.toMatch(/bonfire|skip/);
  });
});

describe('extractMinutes: tables with an owner column', () => {
  it('reads a Markdown table: owners, due dates (next meeting included), status and struck rows', () => {
    const minutes = extractMinutes(fixture('owner-table.md'));
    expect(summary(minutes.actions)).toEqual([
      {
        item: '1',
        owners: ['Treasurer'],
        text: 'Renew the van insurance',
        due: '2024-01-31',
        status: 'open',
      },
      {
        item: '2',
        owners: ['Nadia Karim', 'Ollie Ross'],
        text: 'Recruit two warehouse volunteers for Saturdays',
        due: '2024-02-15',
        status: 'ongoing',
      },
      {
        item: '3',
        owners: ['Chair'],
        text: 'Send the thank-you letter to the Rotary Club',
        due: null,
        status: 'done',
      },
      {
        item: '4',
        owners: ['NK'],
        text: 'Apply to the Hartley Trust for a new freezer',
        due: '2024-02-15',
        status: 'open',
      },
    ]);
  });

  it('reads a tab-separated table copied from a word processor', () => {
    const minutes = extractMinutes(fixture('owner-table-tabs.txt'));
    expect(summary(minutes.actions)).toEqual([
      {
        item: null,
        owners: ['Paul Grey'],
        text: 'Book the groundsman for the pre-season roll',
        due: '2024-04-20',
        status: 'open',
      },
      {
        item: null,
        owners: ['Working group'],
        text: 'Replace the broken sight screen',
        due: '2024-05-08',
        status: 'ongoing',
      },
      { item: null, owners: ['Secretary'], text: 'Order new scorebooks', due: null, status: 'done' },
    ]);
  });

  it('reads a table aligned with spaces, joining a task that wraps onto a second line', () => {
    const minutes = extractMinutes(fixture('owner-table-aligned.txt'));
    expect(summary(minutes.actions)).toEqual([
      { item: null, owners: ['GSL'], text: 'Order the new camp stoves', due: '2024-05-31', status: 'open' },
      {
        item: null,
        owners: ['R. Patel'],
        text: 'Check the minibus MOT date',
        due: '2024-06-06',
        status: 'open',
      },
      {
        item: null,
        owners: ['Secretary'],
        text: "Update the parents' contact list and send it to all section leaders",
        due: '2024-05-15',
        status: 'open',
      },
    ]);
  });
});

describe('extractMinutes: commitments written as prose', () => {
  const minutes = extractMinutes(fixture('narrative.txt'));

  it('finds "X will …", "the Librarian was asked to …", "agreed to", "asked X to" and "that she would"', () => {
    expect(summary(minutes.actions)).toEqual([
      {
        item: '1',
        owners: ['M. Duarte'],
        text: 'confirm the hire of the church for the December concert.',
        due: null,
        status: 'open',
      },
      {
        item: '1',
        owners: ['Librarian'],
        text: 'order the parts for the Elgar before the end of October.',
        due: '2023-10-31',
        status: 'open',
      },
      {
        item: '1',
        owners: ['S. Ahmed'],
        text: 'contact the local press about a preview article.',
        due: null,
        status: 'open',
      },
      { item: '2', owners: ['S. Ahmed'], text: 'collect the keys.', due: null, status: 'open' },
      {
        item: '2',
        owners: ['R. Cole'],
        text: 'draw up a rehearsal seating plan.',
        due: null,
        status: 'open',
      },
    ]);
  });

  it('does not take the resolution, "will also be reviewing" or the next meeting as actions', () => {
    expect(texts(minutes.actions)).not.toMatch(/ticket prices|concession|next meeting/);
  });
});

describe('extractMinutes: a matters-arising section', () => {
  const minutes = extractMinutes(fixture('matters-arising.txt'));

  it('reports earlier actions as done, ongoing or carried forward (ongoing), and new ones as open', () => {
    expect(summary(minutes.actions)).toEqual([
      {
        item: '2',
        owners: ['Clerk'],
        text: 'chase the housing office about the broken entry phone at Block C',
        due: null,
        status: 'done',
      },
      {
        item: '2',
        owners: ['K. Adeyemi'],
        text: 'collect quotes for the garden fencing.',
        due: null,
        status: 'ongoing',
      },
      {
        item: '2',
        owners: ['Chair'],
        text: 'invite the ward councillor to the October meeting',
        due: '2023-10-03',
        status: 'ongoing',
      },
      {
        item: '2',
        owners: ['Secretary'],
        text: 'book the community room for the AGM',
        due: null,
        status: 'done',
      },
      {
        item: '2',
        owners: [],
        text: "Residents' newsletter to go out in August",
        due: null,
        status: 'ongoing',
      },
      {
        item: '3',
        owners: ['K. Adeyemi'],
        text: 'obtain a third quote by 30 September',
        due: '2023-09-30',
        status: 'open',
      },
    ]);
  });
});

describe('extractMinutes: W3C-style generated minutes', () => {
  const text = [
    'Web Payments WG teleconference',
    '12 March 2019',
    '',
    'Topic: Payment handler',
    '<ian> ACTION: Ian to draft the explainer [recorded in https://example.org/2019/03/12-minutes#action01]',
    'RESOLUTION: publish a new working draft',
    '',
    'Summary of Action Items',
    '[NEW] ACTION: Ian to draft the explainer [recorded in https://example.org/2019/03/12-minutes#action01]',
    '[DONE] ACTION: Marcos to update the test suite',
    '[PENDING] ACTION: Rouslan to file the Chrome bug',
  ].join('\n');

  it('counts the summary repeat once, reads [DONE] as done and [PENDING] as ongoing, and skips resolutions', () => {
    const minutes = extractMinutes(text);
    expect(minutes.actions.map((a) => [a.owners, a.text, a.status])).toEqual([
      [['Ian'], 'draft the explainer', 'open'],
      [['Marcos'], 'update the test suite', 'done'],
      [['Rouslan'], 'file the Chrome bug', 'ongoing'],
    ]);
  });
});

describe('extractMinutes: documents without actions', () => {
  it('returns the meeting and no actions for minutes that only record discussion and decisions', () => {
    const minutes = extractMinutes(
      'Minutes of the Garden Club meeting held on 4 May 2022\n\nThe members discussed the spring show. ' +
        'RESOLVED: that the show is held on 11 June.\n',
    );
    expect(minutes.meeting.date).toBe('2022-05-04');
    expect(minutes.actions).toEqual([]);
  });
});

describe('extractMinutes: owner, due and status written as labels', () => {
  it('reads "Owner: …", "Due: …", "(owner: …, due: …, status: …)", "[ACTION] Name:" and "AP:"', () => {
    const minutes = extractMinutes(fixture('labelled-actions.md'));
    expect(summary(minutes.actions)).toEqual([
      { item: null, owners: ['Sam'], text: 'Update the public roadmap.', due: '2024-02-09', status: 'open' },
      { item: null, owners: ['Priya'], text: 'book the venue for the offsite', due: null, status: 'open' },
      { item: null, owners: ['JS'], text: 'send the pricing sheet to finance', due: null, status: 'open' },
      {
        item: null,
        owners: ['Lee'],
        text: 'Draft the release blog post',
        due: '2024-02-09',
        status: 'ongoing',
      },
    ]);
  });
});

describe('extractMinutes: minutes laid out as a table with an Action column of owners', () => {
  it('takes the last sentence of each minute that has someone in the Action column', () => {
    const minutes = extractMinutes(fixture('layout-table.txt'));
    expect(summary(minutes.actions)).toEqual([
      { item: '2', owners: ['Clerk'], text: 'write to the landowner.', due: null, status: 'open' },
      { item: '3', owners: ['JB'], text: 'do it in the spring.', due: null, status: 'open' },
    ]);
  });
});

describe('extractMinutes: an action column copied as text after the minute', () => {
  it('takes the owner at the end of the line, after the spaces, as the owner of that line', () => {
    const minutes = extractMinutes(fixture('action-column.txt'));
    expect(minutes.meeting.title).toBe('Brampton Abbotts Parish Council');
    expect(summary(minutes.actions)).toEqual([
      {
        item: '5',
        owners: ['Clerk'],
        text: 'chase the county council for a repair date',
        due: null,
        status: 'open',
      },
      {
        item: '5',
        owners: ['RH', 'JT'],
        text: 'The overgrown verge at the school crossing needs cutting back',
        due: null,
        status: 'open',
      },
    ]);
    expect(texts(minutes.actions)).not.toMatch(/accounts/);
  });
});

describe('extractMinutes: repeats', () => {
  it('keeps similar actions of one list, and drops a summary list that repeats them', () => {
    const text = [
      'Committee meeting',
      'Date: 5 June 2024',
      '',
      '## Action items',
      '',
      '- Clerk to write to the owner of 4 Mill Lane about the hedge',
      '- Clerk to write to the owner of 6 Mill Lane about the hedge',
      '',
      '## Summary of actions',
      '',
      '- Clerk to write to the owner of 4 Mill Lane about the hedge',
    ].join('\n');
    expect(extractMinutes(text).actions.map((a) => a.text)).toEqual([
      'write to the owner of 4 Mill Lane about the hedge',
      'write to the owner of 6 Mill Lane about the hedge',
    ]);
  });

  it('keeps two agenda items with the same action, as minutes do when it arises twice', () => {
    const text =
      '1. Planning\nACTIONS: Clerk to respond to the consultation.\n\n2. Trees\nACTIONS: Clerk to respond to the consultation.\n';
    expect(extractMinutes(text).actions.map((a) => a.agendaItem)).toEqual(['1', '2']);
  });
});

describe('extractMinutes: checkbox characters of shared documents', () => {
  it('reads ☐ as open and ☑ as done, and a "Done:" before an earlier action', () => {
    const minutes = extractMinutes(fixture('checkbox-notes.txt'));
    expect(summary(minutes.actions)).toEqual([
      { item: null, owners: ['Alice'], text: 'shrink the hero image for mobile', due: null, status: 'open' },
      { item: null, owners: ['Bob'], text: 'send the copy deck to legal', due: null, status: 'done' },
      {
        item: null,
        owners: ['Cara', 'Bob'],
        text: 'test the contact form on Safari',
        due: null,
        status: 'open',
      },
      {
        item: null,
        owners: ['Alice'],
        text: 'move the staging site to the new server.',
        due: null,
        status: 'done',
      },
    ]);
  });
});

describe('extractMinutes: commitments in council prose', () => {
  const minutes = extractMinutes(fixture('narrative-council.txt'));

  it('finds "agreed to investigate", "confirmed that she would", "offered to" and initials with "will"', () => {
    expect(summary(minutes.actions)).toEqual([
      { item: '1', owners: ['Councillor Smith'], text: 'investigate.', due: null, status: 'open' },
      {
        item: '1',
        owners: ['Clerk'],
        text: "circulate the council's enforcement report to members.",
        due: null,
        status: 'open',
      },
      {
        item: '2',
        owners: ['Cllr Osei'],
        text: 'organise a litter pick in the new year.',
        due: null,
        status: 'open',
      },
      { item: '2', owners: ['JB'], text: 'circulate the draft volunteer rota.', due: null, status: 'open' },
    ]);
  });

  it('does not take opinions, "will be notified" or "would not be able" as commitments', () => {
    expect(texts(minutes.actions)).not.toMatch(/narrow|notified|attend/);
  });
});

describe('extractMinutes: shared meeting notes with topics as nested bullets', () => {
  it('files actions under their topic bullet and reads prose only in topics without marked actions', () => {
    const minutes = extractMinutes(fixture('nested-topics.md'));
    expect(minutes.actions.map((a) => [a.agendaTitle, a.owners, a.text])).toEqual([
      ['Localization guide review', ['@bob'], 'update the localization guide with the branch naming section'],
      ['Flaky link checker', ['carol'], 'file issues for the five most frequent flakes'],
      ['Release 1.22 docs', ['Bob'], 'coordinate the feature blog posts with the release team.'],
    ]);
    expect(texts(minutes.actions)).not.toMatch(/revisit/);
  });
});
