/**
 * `arising import minutes.pdf`: PDF minutes read through their text layer, end to end through the real
 * CLI. The PDFs are printed here by Chromium from minutes this test writes, in two styles (numbered
 * minutes with `Action:` lines over several pages, and an action table), with a running header, a
 * footer and page numbers that must not reach the actions. A scanned PDF, a password-protected one, one
 * cut short and one that is damaged or not a PDF at all are each refused with their own message.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExtractedMinutesSchema } from '../../src/core/minutes/extracted-minutes';
import { passwordProtectedPdf, printPdfs } from '../support/print-pdf';
import { type CliRun, runCli } from '../support/run-cli';

/** Runs the real CLI as a user would, with no Redis configured at all. */
function arising(...args: string[]): Promise<CliRun> {
  return runCli(args);
}

const HEADER = 'HRC/2026/03 unconfirmed minutes';
const FOOTER = 'Circulated to committee members only';
const page = (body: string) =>
  `<html lang="en"><body style="font-family:'DejaVu Serif',serif;font-size:11pt;line-height:1.35">${body}</body></html>`;

const DISCUSSION =
  'Members discussed the matter at length, weighing the costs reported by the sub-committee against the ' +
  'income expected over the season, and the views of the membership gathered at the open evening in February.';

/** Numbered minutes over several pages: each item discussion, then an `Action:` line that wraps. */
function numberedMinutes(): string {
  const items = [
    [
      'Boathouse roof',
      'Action: Priya Shah to obtain three written quotes for replacing the boathouse roof and report them to the next meeting.',
    ],
    [
      'Safety',
      'Action: Safety Officer to update the cold-water launch procedure and circulate it to all coaches before the spring season.',
    ],
    [
      'Membership',
      'Action: Tom Reyes to write to lapsed members with the new fee structure and a reminder of the renewal deadline.',
    ],
    [
      'Regatta',
      'Action: Regatta Secretary to book the umpires, the launch drivers and the first-aid cover for the June regatta.',
    ],
    [
      'Finance',
      'Action: Treasurer to reconcile the bar accounts with the bank statements for the last two quarters and report any gap.',
    ],
    // Monospace 33 characters wide: the line must break inside "recon-cile", at its soft hyphen.
    [
      'Equipment',
      '<p style="font-family:monospace;width:33ch">Action: Dana Kowalczyk to recon&shy;cile the equipment register.</p>',
    ],
  ];
  const body = items
    .map(([title, action], i) => {
      const talk = Array.from({ length: 6 }, () => `<p>${DISCUSSION}</p>`).join('');
      const line = action?.startsWith('<p') ? action : `<p>${action}</p>`;
      return `<h3>${i + 1}. ${title}</h3>${talk}${line}`;
    })
    .join('');
  return page(
    `<h1>Harbour Rowing Club</h1><p>Minutes of the committee meeting held on Monday 9 March 2026 at the boathouse.</p>` +
      `<p>Present: Priya Shah (Chair), Tom Reyes, Dana Kowalczyk, the Treasurer, the Safety Officer.</p>${body}`,
  );
}

/** An action table: Action, Owner and Due columns, some cells wrapping over two lines. */
function tableMinutes(): string {
  const rows = [
    [
      'Renew the club’s affiliation to the national federation and pay the annual fee',
      'Treasurer',
      '31 March 2026',
    ],
    ['Repair the pontoon', 'Sam Okafor', '15 April 2026'],
    [
      'Organise the learn-to-row course for adults, including the kit list and coach rota',
      'Lena Brandt',
      '30 April 2026',
    ],
    ['Replace the fire extinguishers', 'Safety Officer', '20 March 2026'],
  ];
  const cells = rows
    .map((r) => `<tr>${r.map((c) => `<td style="padding:4px">${c}</td>`).join('')}</tr>`)
    .join('');
  return page(
    `<h1>Harbour Rowing Club</h1><p>Minutes of the committee meeting held on 9 March 2026.</p>` +
      `<h2>Actions</h2><table border="1" style="border-collapse:collapse;width:100%">` +
      `<tr><th style="width:60%">Action</th><th>Owner</th><th>Due</th></tr>${cells}</table>`,
  );
}

/** A "scanned" page: the minutes only as pixels on a canvas, so no text layer. */
const SCANNED = page(
  '<canvas id="c" width="700" height="200"></canvas><script>' +
    "const g=document.getElementById('c').getContext('2d');g.font='20px serif';" +
    "g.fillText('Action: Priya Shah to obtain three quotes.',10,50);</script>",
);

let dir: string;
const files: Record<string, string> = {};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'arising-pdf-'));
  const [numbered, table] = await printPdfs([numberedMinutes(), tableMinutes()], {
    header: HEADER,
    footer: FOOTER,
  });
  const [scanned] = await printPdfs([SCANNED]);
  const write = (name: string, bytes: Buffer) => {
    files[name] = join(dir, name);
    writeFileSync(files[name] as string, bytes);
  };
  write('numbered.pdf', numbered as Buffer);
  write('table.pdf', table as Buffer);
  write('scanned.pdf', scanned as Buffer);
  write('locked.pdf', passwordProtectedPdf());
  write('cut.pdf', (numbered as Buffer).subarray(0, Math.floor((numbered as Buffer).length / 2)));
  write(
    'damaged.pdf',
    Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R\nendobj\n%%EOF\n', 'latin1'),
  );
  write('notpdf.pdf', Buffer.from('PK\u0003\u0004 a zip file with the wrong name', 'latin1'));
}, 60_000);

afterAll(() => {
  if (!process.env.KEEP_PDFS) rmSync(dir, { recursive: true, force: true });
});

interface JsonAction {
  owners: string[];
  text: string;
  due: string | null;
}

async function importJson(name: string): Promise<{ meeting: { date: string }; actions: JsonAction[] }> {
  const run = await arising('import', files[name] as string, '--dry-run', '--json');
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const json = JSON.parse(run.stdout);
  expect(ExtractedMinutesSchema.safeParse(json).success).toBe(true);
  return json;
}

describe('arising import minutes.pdf --dry-run --json', () => {
  it('reads numbered minutes over several pages: each wrapped Action line whole, hyphenated words joined', async () => {
    const json = await importJson('numbered.pdf');
    expect(json.meeting.date).toBe('2026-03-09');
    expect(json.actions.map((a) => [a.owners, a.text])).toEqual([
      [
        ['Priya Shah'],
        'obtain three written quotes for replacing the boathouse roof and report them to the next meeting.',
      ],
      [
        ['Safety Officer'],
        'update the cold-water launch procedure and circulate it to all coaches before the spring season.',
      ],
      [
        ['Tom Reyes'],
        'write to lapsed members with the new fee structure and a reminder of the renewal deadline.',
      ],
      [
        ['Regatta Secretary'],
        'book the umpires, the launch drivers and the first-aid cover for the June regatta.',
      ],
      [
        ['Treasurer'],
        'reconcile the bar accounts with the bank statements for the last two quarters and report any gap.',
      ],
      [['Dana Kowalczyk'], 'reconcile the equipment register.'],
    ]);
  });

  it('drops the running header, the footer and the page numbers', async () => {
    const run = await arising('import', files['numbered.pdf'] as string, '--dry-run', '--json');
    expect(run.stdout).not.toMatch(/HRC\/2026|Circulated to committee|Page \d+ of \d+/);
  });

  it('reads an action table a row at a time: task, owner and due date from their columns', async () => {
    const json = await importJson('table.pdf');
    expect(json.actions.map((a) => [a.owners, a.text, a.due])).toEqual([
      [
        ['Treasurer'],
        'Renew the club’s affiliation to the national federation and pay the annual fee',
        '2026-03-31',
      ],
      [['Sam Okafor'], 'Repair the pontoon', '2026-04-15'],
      [
        ['Lena Brandt'],
        'Organise the learn-to-row course for adults, including the kit list and coach rota',
        '2026-04-30',
      ],
      [['Safety Officer'], 'Replace the fire extinguishers', '2026-03-20'],
    ]);
  });
});

describe('PDFs that cannot be read, each refused with its own reason', () => {
  const refused = async (name: string): Promise<string> => {
    const run = await arising('import', files[name] as string, '--dry-run', '--json');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    return run.stderr;
  };

  it('a scanned PDF: no text layer', async () => {
    expect(await refused('scanned.pdf')).toMatch(
      /scanned\.pdf has no text layer \(it looks like a scanned image.*OCR/,
    );
  });

  it('a password-protected PDF', async () => {
    expect(await refused('locked.pdf')).toMatch(
      /locked\.pdf is a password-protected \(encrypted\) PDF; save or print it again without a password/,
    );
  });

  it('a PDF cut short', async () => {
    expect(await refused('cut.pdf')).toMatch(/cut\.pdf is not a readable PDF: it is incomplete/);
  });

  it('a damaged PDF', async () => {
    expect(await refused('damaged.pdf')).toMatch(/damaged\.pdf is not a readable PDF: it is damaged/);
  });

  it('a file named .pdf that is not one', async () => {
    expect(await refused('notpdf.pdf')).toMatch(
      /notpdf\.pdf is not a readable PDF: it does not start as a PDF does/,
    );
  });
});
