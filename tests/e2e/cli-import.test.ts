import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExtractedMinutesSchema } from '../../src/core/minutes/extracted-minutes';
import { type CliRun, root, runCli } from '../support/run-cli';

const fixtures = join(root, 'tests', 'fixtures', 'minutes');

/** Runs the real CLI as a user would, with no Redis configured at all. */
function arising(...args: string[]): Promise<CliRun> {
  return runCli(args);
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'arising-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('arising import FILE --dry-run --json', () => {
  it('prints the meeting and actions of a plain-text document as the JSON of CONTRACT.md', async () => {
    const run = await arising('import', join(fixtures, 'action-colon.txt'), '--dry-run', '--json');
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const json = JSON.parse(run.stdout);
    expect(ExtractedMinutesSchema.safeParse(json).success).toBe(true);
    expect(json.meeting).toEqual({
      title: 'Larkspur Community Library Trust – Board Meeting',
      date: '2022-12-07',
      previousMeeting: '2022-11-09',
      nextMeeting: '2023-01-11T18:30',
    });
    expect(json.actions[0]).toEqual({
      agendaItem: '3',
      agendaTitle: 'Finance report',
      owners: ['Tomasz Nowak'],
      text: 'circulate the revised budget by 27th December',
      due: '2022-12-27',
      status: 'open',
    });
    expect(Object.keys(json.actions[0]).sort()).toEqual(
      ['agendaItem', 'agendaTitle', 'due', 'owners', 'status', 'text'].sort(),
    );
  });

  it('reads a Markdown document', async () => {
    const run = await arising('import', join(fixtures, 'actions-lettered.md'), '--dry-run', '--json');
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.actions.map((a: { owners: string[] }) => a.owners)).toEqual([
      ['Dev Mistry'],
      ['Lena Brandt'],
      ['Sam Okafor'],
      ['Jo Whitfield', 'Lena Brandt'],
    ]);
  });

  it('reads a Word .docx document, with its table rows and struck-through text', async () => {
    const run = await arising('import', join(fixtures, 'docx-minutes.docx'), '--dry-run', '--json');
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.meeting.date).toBe('2024-05-09');
    expect(json.meeting.nextMeeting).toBe('2024-06-13');
    expect(json.actions).toEqual([
      {
        agendaItem: '1',
        agendaTitle: 'Apiary site',
        owners: ['Marion Hale'],
        text: 'get a quote for the fence repair by 20 May',
        due: '2024-05-20',
        status: 'open',
      },
      {
        agendaItem: '2',
        agendaTitle: 'Honey show',
        owners: ['Secretary'],
        text: 'book the marquee.',
        due: null,
        status: 'open',
      },
      {
        agendaItem: '3',
        agendaTitle: 'Action log',
        owners: ['Treasurer'],
        text: 'Order new frames for the teaching hives',
        due: '2024-05-31',
        status: 'open',
      },
      {
        agendaItem: '3',
        agendaTitle: 'Action log',
        owners: ['Secretary'],
        text: 'Renew the association insurance',
        due: null,
        status: 'done',
      },
    ]);
  });

  it('prints a readable summary without --json', async () => {
    const run = await arising('import', join(fixtures, 'meetbot.txt'), '--dry-run');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('2 actions found (dry run: nothing stored).');
    expect(run.stdout).toContain('Item #412 – broken links in the API reference');
    expect(run.stdout).toContain('write a link checker job for the CI');
    expect(run.stdout).toContain('owner: rmoreau');
  });

  it('says so when a document has no actions', async () => {
    const file = join(dir, 'no-actions.txt');
    writeFileSync(file, 'Garden Club\nDate: 4 May 2022\n\nThe members discussed the spring show.\n');
    const run = await arising('import', file, '--dry-run');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('No actions found in this document.');
  });
});

describe('arising import: errors are one line on stderr with an exit status', () => {
  const oneLine = (run: CliRun) => {
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
  };

  it('exits 2 for an unknown command', async () => {
    const run = await arising('imprt', 'x.txt');
    expect(run.code).toBe(2);
    oneLine(run);
    expect(run.stderr).toContain("unknown command 'imprt'");
  });

  it('exits 2 for an unknown flag', async () => {
    const run = await arising('import', join(fixtures, 'action-colon.txt'), '--dry-run', '--jsn');
    expect(run.code).toBe(2);
    oneLine(run);
    expect(run.stderr).toContain("unknown option '--jsn'");
  });

  it('exits 2 without a file, and without --dry-run or --channel', async () => {
    const noFile = await arising('import', '--dry-run');
    expect(noFile.code).toBe(2);
    oneLine(noFile);
    const noMode = await arising('import', join(fixtures, 'action-colon.txt'));
    expect(noMode.code).toBe(2);
    oneLine(noMode);
    expect(noMode.stderr).toContain('--dry-run');
  });

  it('exits 2 for a file that does not exist', async () => {
    const run = await arising('import', join(dir, 'missing.txt'), '--dry-run', '--json');
    expect(run.code).toBe(2);
    oneLine(run);
    expect(run.stderr).toContain('no such file');
  });

  it('exits 1 for an empty file', async () => {
    const file = join(dir, 'empty.txt');
    writeFileSync(file, '');
    const run = await arising('import', file, '--dry-run', '--json');
    expect(run.code).toBe(1);
    oneLine(run);
    expect(run.stderr).toContain('is empty');
  });

  it('exits 1 for a binary file', async () => {
    const file = join(dir, 'image.txt');
    writeFileSync(
      file,
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
    );
    const run = await arising('import', file, '--dry-run', '--json');
    expect(run.code).toBe(1);
    oneLine(run);
    expect(run.stderr).toContain('not a text file');
  });

  it('exits 1 for a file over 5 MB', async () => {
    const file = join(dir, 'huge.txt');
    writeFileSync(file, Buffer.alloc(5 * 1024 * 1024 + 1, 'a'));
    const run = await arising('import', file, '--dry-run', '--json');
    expect(run.code).toBe(1);
    oneLine(run);
    expect(run.stderr).toContain('limited to 5 MB');
  });

  it('exits 1 for a .docx that is not a zip, and for a zip that is not a Word document', async () => {
    const fake = join(dir, 'fake.docx');
    writeFileSync(fake, 'Minutes of the meeting: Clerk to write to the council.');
    const notZip = await arising('import', fake, '--dry-run', '--json');
    expect(notZip.code).toBe(1);
    oneLine(notZip);
    expect(notZip.stderr).toContain('not a Word document');

    const emptyZip = join(dir, 'empty-zip.docx');
    writeFileSync(emptyZip, Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]));
    const zipRun = await arising('import', emptyZip, '--dry-run', '--json');
    expect(zipRun.code).toBe(1);
    oneLine(zipRun);
  });
});
