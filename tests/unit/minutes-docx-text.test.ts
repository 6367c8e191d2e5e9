import { htmlToMinutesText } from '../../src/documents/docx-text';

describe('Word documents as minutes text', () => {
  it('writes headings, paragraphs and numbered agenda items that carry on across paragraphs', () => {
    const html =
      '<h1>Minutes</h1><ol><li>Apologies</li></ol><p>None.</p><ol><li>Finance</li></ol><p>Agreed.</p>';
    expect(htmlToMinutesText(html)).toBe('# Minutes\n\n1. Apologies\n\nNone.\n\n2. Finance\n\nAgreed.\n');
  });

  it('writes a table as one line per row with tab-separated cells, struck-through text between ~~', () => {
    const html =
      '<table><tr><td><p>Action</p></td><td><p>Owner</p></td></tr>' +
      '<tr><td><p><s>Pay the bill</s></p></td><td><p>Treasurer</p></td></tr></table>';
    expect(htmlToMinutesText(html)).toBe('Action\tOwner\n~~Pay the bill~~\tTreasurer\n');
  });

  it('indents nested bullets and decodes entities', () => {
    expect(
      htmlToMinutesText('<ul><li>Roof<ul><li>Clerk to get quotes &amp; report</li></ul></li></ul>'),
    ).toBe('- Roof\n  - Clerk to get quotes & report\n');
  });
});
