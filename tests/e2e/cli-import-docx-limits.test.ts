/**
 * Issue 11, finding 3: a zip-bomb `.docx` (well under 1 MB that unpacks to 200 MB of XML) grew the
 * process to 4.5 GB and killed it. `arising import` now refuses it, and one whose directory lies about
 * its size, and one that nests its XML 100,000 deep, each with a message naming the limit. The CLI runs
 * with a 256 MB heap: a version that unpacked the bomb would die of it instead of answering.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deepDocx, lyingZipBomb, soundDocx, zipBomb } from '../support/docx-bombs';
import { type CliRun, runCli } from '../support/run-cli';

/** The real CLI, its heap capped well below what unpacking a bomb takes. */
function arising(...args: string[]): Promise<CliRun> {
  return runCli(args, ['--max-old-space-size=256']);
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'arising-docx-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

describe('arising import of a .docx over the limits', () => {
  it('refuses a zip bomb, naming the 20 MB limit, without unpacking it', async () => {
    const bomb = zipBomb();
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const run = await arising('import', file('bomb.docx', bomb), '--dry-run');
    expect(run.stderr).toContain(
      'bomb.docx unpacks to more than 20 MB; a Word document is refused above that',
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
  }, 90_000);

  it('refuses a bomb whose zip directory claims it unpacks to 4 KB', async () => {
    const run = await arising('import', file('liar.docx', lyingZipBomb()), '--dry-run');
    expect(run.stderr).toContain('liar.docx unpacks to more than 20 MB');
    expect(run.code).toBe(1);
  }, 90_000);

  it('refuses XML nested 100,000 deep, naming the depth limit', async () => {
    const run = await arising('import', file('deep.docx', deepDocx()), '--dry-run');
    expect(run.stderr).toContain(
      'deep.docx nests its XML more than 200 levels deep (in word/document.xml); a Word document is refused above that',
    );
    expect(run.code).toBe(1);
  }, 60_000);

  it('still reads a sound document written the same way', async () => {
    const run = await arising('import', file('sound.docx', soundDocx()), '--dry-run', '--json');
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout).actions).toMatchObject([
      { owners: ['Clerk'], text: 'book the hall by 31 July 2026.', due: '2026-07-31' },
    ]);
  }, 60_000);
});
