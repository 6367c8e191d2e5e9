/**
 * `arising matters-arising --format docx --out FILE`, as a clerk runs it for the meeting papers: the real
 * CLI in a child process against the real Redis (a key prefix of this file's own), after importing
 * minutes with `import --channel` and working on the actions as people would in chat. The file is read
 * back (unzipped, and by mammoth). Mistakes are refused before anything is written, and a file already
 * there is never left half-written.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropAction, noteAction } from '../../src/core/action-changes';
import type { Action, ChannelRef } from '../../src/core/domain';
import { RedisActionStore } from '../../src/store/redis-action-store';
import { RedisConversationReferences } from '../../src/store/redis-conversation-references';
import { draft } from '../support/action-fixtures';
import { headings, readDocx, tables } from '../support/docx-read';
import { TEST_REDIS_ENV, type TestRedis, testRedis } from '../support/redis';
import { runCli } from '../support/run-cli';

const MINUTES = `# Riverside Allotment Society – Committee Meeting

Date: 12 March 2024
Next meeting: 9 April 2099 at 19:00

## 1. Water supply

Action: Treasurer to get three quotes for the new standpipe by 22 March 2024.

## 2. Open day

Action: Secretary to book the hall by 1 June 2099.
Action: Jo Whitfield to draft the poster by 1 May 2099.
`;

const CHANNEL = 'teams:TENANT1:19:committee@thread.tacv2';
const channel: ChannelRef = { platform: 'teams', team: 'TENANT1', channel: '19:committee@thread.tacv2' };
const at = new Date('2024-03-20T10:00:00Z');

let r: TestRedis;
let store: RedisActionStore;
let dir: string;
let env: Record<string, string>;

const arising = (...args: string[]) => runCli(args, [], env);

async function change(number: number, apply: (a: Action) => ReturnType<typeof noteAction>): Promise<void> {
  const action = await store.get(channel, number);
  if (!action) throw new Error(`#${number} was not imported`);
  const changed = apply(action);
  await store.update(changed.action, changed.entry);
}

beforeAll(async () => {
  r = await testRedis();
  store = new RedisActionStore({ redis: r.redis, prefix: r.prefix });
  env = { ...TEST_REDIS_ENV, REDIS_PREFIX: r.prefix, DEFAULT_TIMEZONE: 'Europe/London' };
  dir = mkdtempSync(join(tmpdir(), 'arising-cli-docx-'));
  const file = join(dir, 'committee.md');
  writeFileSync(file, MINUTES);
  const run = await arising('import', file, '--channel', CHANNEL, '--as', 'clerk');
  if (run.code !== 0) throw new Error(`import failed: ${run.stderr}`);
  await change(2, (a) => dropAction(a, 'U_CHAIR', at, 'hall closed for repairs'));
  await change(3, (a) => noteAction(a, 'U_JO', at, 'printer booked'));
  // An action owned by a person Teams has named to the bot: the papers give the name, not the id.
  await store.create(
    draft(channel, {
      owners: [{ kind: 'user', id: 'aad-priya' }],
      text: 'circulate the draft budget',
      due: null,
      createdAt: at.toISOString(),
      updatedAt: at.toISOString(),
    }),
    { at: at.toISOString(), by: 'aad-priya', kind: 'created', changes: {}, text: null },
  );
  await new RedisConversationReferences(r.redis, r.prefix).rememberNames('TENANT1', [
    { id: 'aad-priya', name: 'Priya Shah' },
  ]);
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await r.cleanup();
});

describe('arising matters-arising --format docx --out FILE', () => {
  it('writes the papers as a Word document: the meeting, each agenda item, each action', async () => {
    const out = join(dir, 'papers.docx');
    const run = await arising('matters-arising', '--channel', CHANNEL, '--format', 'docx', '--out', out);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Wrote .*papers\.docx\n$/);
    const doc = await readDocx(readFileSync(out));
    expect(headings(doc)).toEqual([
      'Matters arising from Riverside Allotment Society – Committee Meeting, Tue 12 Mar 2024',
      'Item 1 — Water supply',
      'Item 2 — Open day',
      'Still open from earlier meetings',
    ]);
    expect(doc.rawText).toContain(`Channel: ${CHANNEL}`);
    expect(doc.rawText).toContain('Next meeting: Thu 9 Apr 2099, 19:00');
    const [water, openDay, earlier] = tables(doc);
    expect(water?.[0]).toEqual(['No.', 'Owners', 'Action', 'Due', 'State', 'Latest note']);
    expect(water?.[1]).toEqual([
      '#1',
      'Treasurer',
      'get three quotes for the new standpipe by 22 March 2024.',
      'Fri 22 Mar 2024',
      expect.stringMatching(/^Overdue by \d+ days$/),
      '',
    ]);
    expect(openDay?.slice(1)).toEqual([
      [
        '#2',
        'Secretary',
        'book the hall by 1 June 2099.',
        'Mon 1 Jun 2099',
        'Dropped',
        'hall closed for repairs',
      ],
      [
        '#3',
        'Jo Whitfield',
        'draft the poster by 1 May 2099.',
        'Fri 1 May 2099',
        'Ongoing',
        'printer booked',
      ],
    ]);
    expect(earlier?.slice(1)).toEqual([
      ['#4', 'Priya Shah', 'circulate the draft budget', 'None', 'Ongoing', ''],
    ]);
    expect(doc.rawText.indexOf('Water supply')).toBeLessThan(doc.rawText.indexOf('Priya Shah'));
    // Nothing but the document is left in the directory: the temporary file was renamed into place.
    expect(readdirSync(dir).sort()).toEqual(['committee.md', 'papers.docx']);
  });

  it('refuses --format docx without --out, showing the whole command it needs, before Redis is asked', async () => {
    const run = await runCli(['matters-arising', '--channel', CHANNEL, '--format', 'docx']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `arising matters-arising: --format docx writes a file, not text for the terminal: add --out FILE, like arising matters-arising --channel ${CHANNEL} --format docx --out papers.docx\n`,
    );
  });

  it('refuses --out into a directory that does not exist, and writes nothing', async () => {
    const out = join(dir, 'no-such-dir', 'papers.docx');
    const run = await arising('matters-arising', '--channel', CHANNEL, '--format', 'docx', '--out', out);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `arising matters-arising: --out '${out}': the directory ${join(dir, 'no-such-dir')} does not exist. Create it first, or write to an existing one, like --out ./papers.docx\n`,
    );
    expect(existsSync(join(dir, 'no-such-dir'))).toBe(false);
  });

  it('says a channel Arising knows nothing of has no meeting, and leaves the file already there as it was', async () => {
    const out = join(dir, 'old-papers.docx');
    writeFileSync(out, 'last month’s papers');
    const run = await arising(
      'matters-arising',
      '--channel',
      'slack:T123:C_NOPE',
      '--format',
      'docx',
      '--out',
      out,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'arising matters-arising: Arising has no actions and no meetings for slack:T123:C_NOPE: check --channel. The papers are for a meeting: record one in the channel with `meeting Committee meeting on 12 March 2024` (or import its minutes), then run this again; --format md works without one.\n',
    );
    expect(readFileSync(out, 'utf8')).toBe('last month’s papers');
    rmSync(out);
  });

  it('says a channel with actions but no meeting has no meeting to report on', async () => {
    const quiet: ChannelRef = { platform: 'slack', team: 'T123', channel: 'C_NOMEETING' };
    await store.create(draft(quiet), {
      at: at.toISOString(),
      by: 'U1',
      kind: 'created',
      changes: {},
      text: null,
    });
    const out = join(dir, 'quiet.docx');
    const run = await arising(
      'matters-arising',
      '--channel',
      'slack:T123:C_NOMEETING',
      '--format',
      'docx',
      '--out',
      out,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^arising matters-arising: slack:T123:C_NOMEETING has no meeting to report on\. /,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('writes Markdown to --out too, and lists docx among the formats', async () => {
    const out = join(dir, 'papers.md');
    const run = await arising('matters-arising', '--channel', CHANNEL, '--out', out);
    expect(run.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^# Matters arising from Riverside/);
    const bad = await runCli(['matters-arising', '--channel', CHANNEL, '--format', 'pdf']);
    expect(bad.stderr).toBe("arising matters-arising: --format 'pdf' is not one of md, json, docx\n");
    rmSync(out);
  });
});
