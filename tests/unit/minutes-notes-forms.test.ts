/**
 * Short forms in which technical meeting notes (scribes' logs, interim minutes, open-source board
 * notes) hand out tasks without an `Action:` marker, and the look-alikes that must stay out. Every
 * minutes text here is written for the test, in styles the shared fixtures do not use.
 */
import { sectionBlocks } from '../../src/core/minutes/agenda-sections';
import { rewriteChatLog } from '../../src/core/minutes/chat-log-lines';
import { readBlocks } from '../../src/core/minutes/minutes-blocks';
import { extractMinutes } from '../../src/core/minutes/minutes-extractor';
import { splitSentences } from '../../src/core/minutes/sentences';

/** Owner and task of every action, for compact assertions. */
const pairs = (text: string): Array<[string, string]> =>
  extractMinutes(text).actions.map((a) => [a.owners.join('/'), a.text]);

const lines = (...l: string[]): string => l.join('\n');

describe('assignments in passing, beside marked actions', () => {
  it('reads "Name to …" alone in its sentence, also after a speaker’s label, and not a report', () => {
    const notes = lines(
      'Storage WG interim, 12 May 2022',
      '',
      'Present: Ines Moreau, Karl Berg, Oona Lahti',
      '',
      'Quotas',
      '------',
      'Karl: Oona to draft the quota proposal',
      'Ines said that Karl has to leave early.',
      'Karl to circulate the benchmark numbers.',
      'ACTION: Ines to book the next interim',
    );
    expect(pairs(notes)).toEqual([
      ['Oona', 'draft the quota proposal'],
      ['Karl', 'circulate the benchmark numbers.'],
      ['Ines', 'book the next interim'],
    ]);
  });

  it('reads "Note for Alex to …" but not "time for Alex to …" or a question', () => {
    const notes = lines(
      'Design review, 3 March 2023',
      '',
      'Present: Peter, Dana',
      '',
      '## Fonts',
      'Peter: Chrome ships it next month. Note here for Alex to write more feedback.',
      'Dana: it is time for Alex to retire the old spec.',
      'Peter: is there a note for Dana to review it?',
      'ACTION: Revisit next week.',
    );
    expect(pairs(notes)).toEqual([
      ['Alex', 'write more feedback.'],
      ['', 'Revisit next week.'],
    ]);
  });

  it('gives "Mara owns the action item" the item said just before it, and nothing without one', () => {
    const notes = lines(
      '# Council sync 2023-06-15',
      '',
      '- Ryan: Sticking with proposal of new channels (public + private). Mara owns the action item.',
      '- Jack owns the action.',
    );
    expect(pairs(notes)).toEqual([['Mara', 'Sticking with proposal of new channels (public + private).']]);
  });

  it('reads a handle in the middle of a report, without the reason given after it', () => {
    const notes = lines(
      '# Team meeting 2018-12-20',
      '',
      '* The lab is very interested @kim and Jean-Luc will follow up since I think they want a hub',
      '* Thanks to @kim for the demo, which will be repeated in May.',
    );
    expect(pairs(notes)).toEqual([['@kim/Jean-Luc', 'follow up']]);
  });

  it('reads "X has some … to do" for a person, not for a body or for time to work', () => {
    const notes = lines(
      '# Board meeting, 9 January 2025',
      '',
      '## Elections',
      '- Thibaud has some wrap-up (statistics, retrospective) to do',
      '- The board has a lot to do before the AGM',
      '- Council has some planning to do',
      '- Zach has some time allocation to work on this in December',
    );
    expect(pairs(notes)).toEqual([['Thibaud', 'wrap-up (statistics, retrospective)']]);
  });

  it('reads a list item with its owner after a double dash when the owner is someone in the notes', () => {
    const notes = lines(
      'Interop planning, 30 January 2013',
      '',
      'Attendees: Hasan Khalil, Roberto Peon',
      '',
      'Tools',
      '-----',
      'Roberto: we need tools before the next interop.',
      '',
      '- adapt the wireshark plug-in -- Hasan',
      '- netcat-like tool -- roberto',
      '- stupid push server',
      '- frame decoder -- see the wiki',
    );
    expect(pairs(notes)).toEqual([
      ['Hasan', 'adapt the wireshark plug-in'],
      ['roberto', 'netcat-like tool'],
    ]);
  });
});

describe('owners the action line names in other ways', () => {
  it('splits ", who will …" after a name into a second action for that name', () => {
    const notes = lines(
      'Standards board, 20 June 2017',
      '',
      'Action - TE to send a list of non-compliant departments to JS, who will take the list to Tech Leaders.',
      'Action - LG to share the report with the Cabinet Office, which will publish it.',
    );
    expect(pairs(notes)).toEqual([
      ['TE', 'send a list of non-compliant departments to JS'],
      ['JS', 'take the list to Tech Leaders.'],
      ['LG', 'share the report with the Cabinet Office, which will publish it.'],
    ]);
  });

  it('takes the members of a named body as owners, and no one for "someone" or "some members"', () => {
    const notes = lines(
      'CPC meeting 2019-08-27',
      '',
      'AI: CPC voting members need to vote to approve the charter PR',
      'AI: All board members: look at the working group PRs',
      'AI: someone needs to start the repo transfer',
      'AI: Some members need to read the draft',
    );
    expect(pairs(notes)).toEqual([
      ['CPC voting members', 'vote to approve the charter PR'],
      ['All board members', 'look at the working group PRs'],
      ['', 'start the repo transfer'],
      ['', 'Some members need to read the draft'],
    ]);
  });

  it('finds the owner after a lead-in clause and keeps the lead-in with the task', () => {
    const notes = lines(
      'CPC meeting 2019-08-27',
      '',
      "Last week's AI: Wait a few days, Manil to let us know when the transfer can start.",
    );
    expect(pairs(notes)).toEqual([['Manil', 'let us know when the transfer can start. (Wait a few days)']]);
  });

  it('keeps an ownerless action whole when its second sentence says how, not what else', () => {
    const notes = lines(
      'CPC meeting 2019-08-27',
      '',
      'AI: waiting 3 more days to land. Consider clarifying what falls under governance to meet the wait period.',
      'AI: Payment to be approved. Invoice to be filed.',
    );
    expect(pairs(notes)).toEqual([
      [
        '',
        'waiting 3 more days to land. Consider clarifying what falls under governance to meet the wait period.',
      ],
      ['', 'Payment to be approved.'],
      ['', 'Invoice to be filed.'],
    ]);
  });
});

describe('look-alikes kept out', () => {
  it('does not read a speaker’s "need to" or a request the speaker made before as anyone’s task', () => {
    const notes = lines(
      'HTTP interim, 30 January 2013',
      '',
      'Attendees: Mark Nottingham, Martin Thomson',
      '',
      'Upgrade',
      '-------',
      '',
      'Mark Nottingham: need to talk about terminology as not clear in the document.',
      '',
      'Mark: asked TLS WG to work on an upgrade mechanism. Have pinged for status.',
    );
    expect(pairs(notes)).toEqual([]);
  });

  it('does not take a finding nested under an owned action as another action', () => {
    const notes = lines(
      '# Council 2023-06-15',
      '',
      '### Action items',
      '',
      '- Ryan: check the RFC for an absence policy',
      '    - RFC does not have an absence policy, N-2 is there for decisions',
      '- Ryan: send out the time poll',
      '    - book the room as well',
    );
    expect(pairs(notes)).toEqual([
      ['Ryan', 'check the RFC for an absence policy'],
      ['Ryan', 'send out the time poll'],
      ['', 'book the room as well'],
    ]);
  });
});

describe('people and sentences in scribes’ notes', () => {
  it('knows speakers of "Name: remark" lines and accented names as people, not labels', () => {
    const notes = lines(
      'Sync — Tuesday 14 March 2023',
      '',
      'Attendees: Priya Nair, Tomasz Wójcik',
      '',
      '## Runners',
      '* Martin: the text is ambiguous about the size.',
      '* Martin will prepare a PR with the minimum.',
      '* Tomasz will pin the runner image to a digest.',
      '* Summary: the group will revisit this later.',
      '* Summary will follow by email.',
    );
    expect(pairs(notes)).toEqual([
      ['Martin', 'prepare a PR with the minimum.'],
      ['Tomasz', 'pin the runner image to a digest.'],
    ]);
  });

  it('ends a sentence at "etc." before a pronoun, not at a title before a name', () => {
    expect(splitSentences('It covers the registry etc. I will volunteer to write that text.')).toEqual([
      'It covers the registry etc.',
      'I will volunteer to write that text.',
    ]);
    expect(splitSentences('Bring pens, paper etc. Mr. Smith will bring the keys.')).toEqual([
      'Bring pens, paper etc. Mr. Smith will bring the keys.',
    ]);
  });
});

describe('IRC logs and plain-text notes', () => {
  const log = lines(
    'Payments WG teleconference',
    '08 February 2024',
    '',
    'Contents',
    '  1. Opt-out flag',
    '  Summary of action items',
    '',
    '<Ian> topic: Opt-out flag',
    "<Rouslan> I'll update the explainer with the example.",
    '<Anne> Are there privacy concerns?',
    '<Nick> ACTION: Stephen to file an issue for the flag',
    '<trackbot> Created ACTION-112 - File an issue for the flag [on Stephen - due 2024-02-15].',
    '<Nick> We could also look at the test suite.',
  );

  it('reads each <nick> line as that speaker’s remark, and a bot’s echo only for its due date', () => {
    const minutes = extractMinutes(log);
    expect(minutes.actions.map((a) => [a.owners.join('/'), a.text, a.due, a.agendaTitle])).toEqual([
      ['Rouslan', 'update the explainer with the example.', null, 'Opt-out flag'],
      ['Stephen', 'file an issue for the flag', '2024-02-15', 'Opt-out flag'],
    ]);
  });

  it('drops a bot’s echo, giving its due date to the ACTION line, and keeps a contents entry in the contents', () => {
    const rewritten = rewriteChatLog(log);
    expect(rewritten).not.toContain('Created ACTION-112');
    expect(rewritten).toContain('ACTION: Stephen to file an issue for the flag (due: 2024-02-15)');
    const kinds = sectionBlocks(readBlocks(rewritten)).map((b) => [b.text.slice(0, 12), b.section.kind]);
    expect(kinds).toContainEqual(['Summary of a', 'contents']);
    expect(kinds.filter(([, kind]) => kind === 'actionList')).toEqual([]);
  });

  it('reads the owner after a double dash in an action list, and handles listed without "and"', () => {
    const notes = lines(
      'QUIC interim, 21 October 2020',
      '',
      "Editor's actions",
      '  - merge the editorial PRs -- editors',
      '  - [ ] @kim @lee write the changelog',
    );
    expect(pairs(notes)).toEqual([
      ['editors', 'merge the editorial PRs'],
      ['@kim/@lee', 'write the changelog'],
    ]);
  });

  it('knows chairs and scribes as people, and ends an action list at a plain title such as "Parking lot"', () => {
    const notes = lines(
      'Data steering, 30 November 2021',
      'Chairs: Lars Eggert, Lucas Pardue',
      '',
      'Version negotiation',
      '  * Lucas will ask the draft authors for a timeline.',
      '',
      'Action items',
      '- Purge the staging snapshots',
      '',
      'Parking lot',
      '- Migrating the orchestration',
      '',
      'Priya',
      '- Team offsite in February',
    );
    expect(pairs(notes)).toEqual([
      ['Lucas', 'ask the draft authors for a timeline.'],
      ['', 'Purge the staging snapshots'],
    ]);
  });
});

describe('owners in brackets', () => {
  it('reads "[Name] task" and "[Name] will …", counts a summary repeat once, and not "[NEW]" or "[x]"', () => {
    const notes = lines(
      '# Docs SIG — 2024-05-02',
      '',
      '**Present:** Olu Adeyemi, Mateo Ruiz',
      '',
      '## Platform',
      '- [Olu] will write the migration guide for the remaining languages.',
      '',
      '**Action items**',
      '- [Olu] migration guide for the remaining languages',
      '- [NEW] review the glossary',
      '- [ ] Set Crowdin to read-only (Mateo)',
    );
    expect(pairs(notes)).toEqual([
      ['Olu', 'write the migration guide for the remaining languages.'],
      ['', '[NEW] review the glossary'],
      ['Mateo', 'Set Crowdin to read-only'],
    ]);
  });
});
