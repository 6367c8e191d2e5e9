import { sectionBlocks } from '../../src/core/minutes/agenda-sections';
import { agendaTitleOf, isSuccessor } from '../../src/core/minutes/agenda-titles';
import { readBlocks } from '../../src/core/minutes/minutes-blocks';
import { normaliseMinutesText } from '../../src/core/minutes/minutes-text';
import { splitSentences } from '../../src/core/minutes/sentences';

const sections = (text: string) =>
  sectionBlocks(readBlocks(normaliseMinutesText(text))).map((b) => [
    b.section.agendaItem,
    b.section.kind,
    b.text,
  ]);

describe('agenda structure of minutes', () => {
  it('opens an agenda item only when its number continues the numbering', () => {
    expect(isSuccessor([6], [5])).toBe(true);
    expect(isSuccessor([5, 1], [5])).toBe(true);
    expect(isSuccessor([7], [5, 2])).toBe(true);
    expect(isSuccessor([1], [12])).toBe(false);
    expect(isSuccessor([10, 1], [12])).toBe(false);
  });

  it('keeps appended papers numbered from 1 inside the last agenda item', () => {
    const text =
      '1. Welcome\n\nHello.\n\n2. Next meeting\n\n13 May.\n\n1. The attached report outlines the work.\n';
    expect(sections(text)).toEqual([
      ['1', 'normal', 'Hello.'],
      ['2', 'nextMeeting', '13 May.'],
      ['2', 'nextMeeting', 'The attached report outlines the work.'],
    ]);
  });

  it('splits "1. PUBLIC FORUM Reference to …" into the title and the body', () => {
    expect(agendaTitleOf('PUBLIC FORUM Reference to a requested update')).toEqual({
      title: 'Public Forum',
      body: 'Reference to a requested update',
    });
    expect(agendaTitleOf('MOLES – Recreation Ground The Council discussed')).toEqual({
      title: 'Moles – Recreation Ground',
      body: 'The Council discussed',
    });
  });

  it('opens the first sub-item when it runs on after the title of its item', () => {
    const text =
      '21. Training\n\nAgreed.\n\n22. FINANCE: 22.1 Bank balance The reconciliation was reviewed.\n';
    expect(sections(text).map(([item, , t]) => [item, t])).toEqual([
      ['21', 'Agreed.'],
      ['22.1', 'The reconciliation was reviewed.'],
    ]);
  });

  it('marks matters arising as a status section and its sub-items too', () => {
    const text = '4. Matters arising\n\n4.1 Footpath\n\n- Clerk to chase Highways – done\n';
    expect(sections(text)).toEqual([['4.1', 'status', 'Clerk to chase Highways – done']]);
  });

  it('treats a numbered item after a lettered action list as the next agenda item', () => {
    const text =
      '5. Road Safety\n\nActions:\n\n- a) WYP to provide the data\n- 6. Drugs and Alcohol to access the report\n\nThe report was introduced.\n';
    expect(sections(text).map(([item, kind]) => [item, kind])).toEqual([
      ['5', 'actionList'],
      ['6', 'normal'],
    ]);
  });

  it('joins hard-wrapped lines but not a line that starts a new action', () => {
    const text =
      'The Treasurer presented the accounts for the year to the end of\nMarch and they were approved.\nClerk to file the accounts with the regulator by the deadline\nJB to thank the examiner';
    expect(sections(text).map(([, , t]) => t)).toEqual([
      'The Treasurer presented the accounts for the year to the end of March and they were approved.',
      'Clerk to file the accounts with the regulator by the deadline',
      'JB to thank the examiner',
    ]);
  });
});

describe('sentences of minutes prose', () => {
  it('does not end a sentence at an initial or an abbreviation', () => {
    expect(
      splitSentences('Cllr. A. Jenkinson agreed. K. Kaiser will invoice Ch. Supt. Chesters. Done.'),
    ).toEqual(['Cllr. A. Jenkinson agreed.', 'K. Kaiser will invoice Ch. Supt. Chesters.', 'Done.']);
  });
});
