/**
 * Matters arising as a Word document (src/papers/matters-arising-docx.ts from the layout of
 * src/core/matters/matters-paper.ts), read back as a clerk's Word would show it: the title, a heading
 * per agenda item, a table per heading with its header row, the rows in order with owners by name, due
 * dates, states and notes; the document's title, language and dates; and the same bytes' parts each time.
 */
import type { MattersArising, MattersItem } from '../../src/core/matters/matters-arising';
import { mattersPaper, paperFilename } from '../../src/core/matters/matters-paper';
import { mattersArisingDocx } from '../../src/papers/matters-arising-docx';
import { headings, readDocx, tables } from '../support/docx-read';

const NOW = new Date('2024-03-28T09:30:00.000Z');

function item(over: Partial<MattersItem> & Pick<MattersItem, 'number' | 'text'>): MattersItem {
  return {
    owners: [],
    due: null,
    status: 'ongoing',
    closedOn: null,
    daysOverdue: 0,
    note: null,
    meetingTitle: 'Committee Meeting',
    ...over,
  };
}

const SUMMARY: MattersArising = {
  meeting: { title: 'Riverside Allotment Society – Committee Meeting', date: '2024-03-12' },
  nextMeeting: '2024-04-09T19:00',
  groups: [
    {
      agendaItem: '1',
      agendaTitle: 'Water supply',
      items: [
        item({
          number: 1,
          owners: [{ kind: 'alias', name: 'Treasurer' }],
          text: 'get three quotes for the standpipe',
          due: '2024-03-22',
          status: 'overdue',
          daysOverdue: 4,
        }),
      ],
    },
    {
      agendaItem: '2',
      agendaTitle: 'Open day',
      items: [
        item({
          number: 2,
          owners: [
            { kind: 'user', id: 'U_JO' },
            { kind: 'alias', name: 'WYP' },
          ],
          text: 'draft the poster, with prices <£2 & £3>',
          due: '2024-04-05T17:00',
          note: 'printer says "maybe Friday",\nthen proofs',
        }),
        item({
          number: 3,
          owners: [{ kind: 'user', id: 'U_UNKNOWN' }],
          text: 'book the hall',
          status: 'done',
          closedOn: '2024-03-20',
          note: 'booked',
        }),
      ],
    },
    {
      agendaItem: null,
      agendaTitle: null,
      items: [item({ number: 4, text: 'tidy the shed', status: 'dropped', note: 'no shed' })],
    },
  ],
  earlier: [
    item({
      number: 0,
      owners: [{ kind: 'alias', name: 'Secretary' }],
      text: 'renew the insurance',
      due: '2024-02-01',
      status: 'overdue',
      daysOverdue: 40,
      meetingTitle: 'February meeting',
    }),
  ],
};

const NAMES = new Map([['U_JO', 'Jo Whitfield']]);

function paper(summary: MattersArising = SUMMARY) {
  return mattersPaper(summary, { channelLabel: '#allotments', names: NAMES, now: NOW });
}

describe('matters arising as a Word document', () => {
  it('has the title, the channel and meeting, then a heading and a table per agenda item, in order', async () => {
    const doc = await readDocx(await mattersArisingDocx(paper()));
    expect(headings(doc)).toEqual([
      'Matters arising from Riverside Allotment Society – Committee Meeting, Tue 12 Mar 2024',
      'Item 1 — Water supply',
      'Item 2 — Open day',
      'Other actions',
      'Still open from earlier meetings',
    ]);
    expect(doc.blocks[0]?.style).toBe('Title');
    expect(doc.blocks.slice(1, 4).map((b) => b.text)).toEqual([
      'Channel: #allotments',
      'Meeting: Riverside Allotment Society – Committee Meeting, Tue 12 Mar 2024',
      'Next meeting: Tue 9 Apr 2024, 19:00',
    ]);
    // Each heading is followed by its table.
    const order = doc.blocks.filter((b) => b.style !== null).map((b) => b.style);
    expect(order).toEqual([
      'Title',
      'Heading1',
      'table',
      'Heading1',
      'table',
      'Heading1',
      'table',
      'Heading1',
      'table',
    ]);
    const header = ['No.', 'Owners', 'Action', 'Due', 'State', 'Latest note'];
    expect(tables(doc)).toEqual([
      [
        header,
        ['#1', 'Treasurer', 'get three quotes for the standpipe', 'Fri 22 Mar 2024', 'Overdue by 4 days', ''],
      ],
      [
        header,
        [
          '#2',
          'Jo Whitfield, WYP',
          'draft the poster, with prices <£2 & £3>',
          'Fri 5 Apr 2024, 17:00',
          'Ongoing',
          'printer says "maybe Friday",\nthen proofs',
        ],
        ['#3', '@U_UNKNOWN', 'book the hall', 'None', 'Done on Wed 20 Mar 2024', 'booked'],
      ],
      [header, ['#4', 'No owner', 'tidy the shed', 'None', 'Dropped', 'no shed']],
      [
        header,
        [
          '#0',
          'Secretary',
          'renew the insurance (from February meeting)',
          'Thu 1 Feb 2024',
          'Overdue by 40 days',
          '',
        ],
      ],
    ]);
  });

  it('marks each table’s first row as a header row that repeats on every page', async () => {
    const doc = await readDocx(await mattersArisingDocx(paper()));
    const tableBlocks = doc.blocks.filter((b) => b.style === 'table');
    expect(tableBlocks).toHaveLength(4);
    for (const t of tableBlocks) expect(t.headerRow).toBe(true);
  });

  it('sets the title, language en-GB and the dates of the clock it was made by', async () => {
    const doc = await readDocx(await mattersArisingDocx(paper()));
    const core = doc.parts['docProps/core.xml'] ?? '';
    expect(core).toContain(
      '<dc:title>Matters arising from Riverside Allotment Society – Committee Meeting, Tue 12 Mar 2024</dc:title>',
    );
    expect(core).toContain('<dc:language>en-GB</dc:language>');
    expect(core).toContain(
      '<dcterms:created xsi:type="dcterms:W3CDTF">2024-03-28T09:30:00.000Z</dcterms:created>',
    );
    expect(core).toContain(
      '<dcterms:modified xsi:type="dcterms:W3CDTF">2024-03-28T09:30:00.000Z</dcterms:modified>',
    );
    expect(doc.parts['word/styles.xml']).toMatch(/<w:rPrDefault><w:rPr><w:lang w:val="en-GB"\/>/);
  });

  it('reads as text in mammoth, in the order of the papers', async () => {
    const { rawText } = await readDocx(await mattersArisingDocx(paper()));
    const wanted = [
      'Matters arising from Riverside',
      'Item 1 — Water supply',
      'Treasurer',
      'Overdue by 4 days',
      'Item 2 — Open day',
      'Jo Whitfield, WYP',
      'printer says "maybe Friday"',
      'Done on Wed 20 Mar 2024',
      'Other actions',
      'Still open from earlier meetings',
      'renew the insurance',
    ];
    let from = 0;
    for (const words of wanted) {
      const at = rawText.indexOf(words, from);
      expect({ words, found: at >= 0 }).toEqual({ words, found: true });
      from = at + words.length;
    }
  });

  it('writes the same parts for the same paper', async () => {
    const [a, b] = await Promise.all([mattersArisingDocx(paper()), mattersArisingDocx(paper())]);
    expect((await readDocx(a)).parts).toEqual((await readDocx(b)).parts);
  });

  it('adds a Check-in column when check-in answers are given, and says so when there is nothing', async () => {
    const withAnswers = paper();
    const first = withAnswers.sections[0]?.rows[0];
    if (first) first.checkIn = 'Quotes by Friday';
    const doc = await readDocx(await mattersArisingDocx(withAnswers));
    expect(tables(doc)[0]?.[0]?.at(-1)).toBe('Check-in');
    expect(tables(doc)[0]?.[1]?.at(-1)).toBe('Quotes by Friday');
    expect(tables(doc)[1]?.[0]).not.toContain('Check-in');

    const empty = await readDocx(
      await mattersArisingDocx(
        paper({ meeting: SUMMARY.meeting, nextMeeting: null, groups: [], earlier: [] }),
      ),
    );
    expect(tables(empty)).toEqual([]);
    expect(empty.rawText).toContain('No actions were recorded at that meeting, and none is still open.');
  });

  it('leaves out characters XML cannot hold, so Word still opens a file with an odd task', async () => {
    const odd = paper();
    const first = odd.sections[0]?.rows[0];
    if (first) first.task = 'get quotes\u0007 for the \uD800standpipe';
    odd.sections[0] = { heading: 'Item 1\u0001 — Water', rows: odd.sections[0]?.rows ?? [] };
    const doc = await readDocx(await mattersArisingDocx(odd));
    expect(headings(doc)[1]).toBe('Item 1 — Water');
    expect(tables(doc)[0]?.[1]?.[2]).toBe('get quotes for the standpipe');
    expect(doc.rawText).toContain('get quotes for the standpipe');
  });

  it('is offered under a file name with the meeting’s date', () => {
    expect(paperFilename(SUMMARY)).toBe('matters-arising-2024-03-12.docx');
  });
});
