/**
 * The CLI's reports on a channel, as a user runs them: `matters-arising`, `digest` and `export`, in a
 * child process against the real Redis (a key prefix of this file's own), after importing a minutes
 * document with `import --channel` and working on its actions as people would in chat.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropAction, noteAction, setDue } from '../../src/core/action-changes';
import type { Action, ChannelRef } from '../../src/core/domain';
import { overdueDays } from '../../src/core/format-date';
import { RedisActionStore } from '../../src/store/redis-action-store';
import { draft } from '../support/action-fixtures';
import { TEST_REDIS_ENV, type TestRedis, testRedis } from '../support/redis';

const root = join(__dirname, '..', '..');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cliEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(SLACK_|Microsoft|ARISING_|REDIS_|DEFAULT_TIMEZONE)/.test(key)) env[key] = value;
  }
  return { ...env, ...overrides };
}

let env: Record<string, string>;

function arising(...args: string[]): Promise<Run> {
  return arisingWith(env, ...args);
}

function arisingWith(vars: Record<string, string>, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(root, 'bin', 'arising.js'), ...args],
      { cwd: root, env: cliEnv(vars), timeout: 60000, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err && typeof err.code === 'number' ? err.code : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** RFC 4180 read back by hand: quoted fields may hold commas, doubled quotes and new lines. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else if (c === '\n') throw new Error(`a bare new line outside quotes at ${i}`);
    else field += c;
  }
  if (field !== '' || row.length > 0) throw new Error('the last row does not end with CRLF');
  return rows;
}

const MINUTES = `# Riverside Allotment Society – Committee Meeting

Date: 12 March 2024
Next meeting: 9 April 2099 at 19:00

## 1. Water supply

Action: Treasurer to get three quotes for the new standpipe by 22 March 2024.

## 2. Open day

Action: Secretary to book the hall by 1 June 2099.
Action: Jo Whitfield to draft the poster, with prices: £2, £3 and £5.

## 3. Review of past actions

- Secretary to renew the insurance — done
`;

const CHANNEL = 'slack:T123:C456';
const channel: ChannelRef = { platform: 'slack', team: 'T123', channel: 'C456' };
const NOTE = 'printer says "maybe Friday",\nthen proofs';
const at = new Date('2024-03-20T10:00:00Z');

let r: TestRedis;
let store: RedisActionStore;
let dir: string;

async function change(number: number, apply: (a: Action) => ReturnType<typeof noteAction>): Promise<void> {
  const action = await store.get(channel, number);
  if (!action) throw new Error(`#${number} was not imported`);
  const changed = apply(action);
  await store.update(changed.action, changed.entry);
}

beforeAll(async () => {
  r = await testRedis();
  store = new RedisActionStore({ redis: r.redis, prefix: r.prefix });
  env = { ...TEST_REDIS_ENV, REDIS_PREFIX: r.prefix };
  dir = mkdtempSync(join(tmpdir(), 'arising-cli-reports-'));
  const file = join(dir, 'committee.md');
  writeFileSync(file, MINUTES);
  const run = await arising('import', file, '--channel', CHANNEL, '--as', 'clerk');
  if (run.code !== 0) throw new Error(`import failed: ${run.stderr}`);
  // As people would in chat: a new due date, a progress note, a drop, and an action added by hand.
  await change(1, (a) =>
    setDue(a, 'U_TREAS', at, {
      at: '2024-04-05T16:00:00.000Z',
      date: '2024-04-05',
      time: null,
      nextMeeting: false,
    }),
  );
  await change(3, (a) => noteAction(a, 'U_JO', at, NOTE));
  await change(2, (a) => dropAction(a, 'U_CHAIR', at, 'hall closed for repairs'));
  await store.create(
    draft(channel, {
      owners: [{ kind: 'user', id: 'U_OZ' }],
      text: '=HYPERLINK("http://example.invalid","click")',
      due: null,
      raisedBy: 'U_OZ',
      createdAt: at.toISOString(),
      updatedAt: at.toISOString(),
    }),
    { at: at.toISOString(), by: 'U_OZ', kind: 'created', changes: {}, text: null },
  );
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await r.cleanup();
});

/** Days #1 (due 5 April 2024, end of day in London) is late as of now. */
function daysLate(): number {
  return overdueDays(
    { at: '2024-04-05T16:00:00.000Z', date: '2024-04-05', time: null, nextMeeting: false },
    new Date(),
    'Europe/London',
  );
}

describe('arising matters-arising --channel', () => {
  it('prints the summary of the previous meeting as Markdown, by agenda item, ready to paste', async () => {
    const run = await arising('matters-arising', '--channel', CHANNEL);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const md = run.stdout;
    expect(
      md.startsWith(
        '# Matters arising from Riverside Allotment Society – Committee Meeting, Tue 12 Mar 2024\n',
      ),
    ).toBe(true);
    const headings = md.split('\n').filter((l) => l.startsWith('## '));
    expect(headings).toEqual([
      '## Item 1 — Water supply',
      '## Item 2 — Open day',
      '## Item 3 — Review of past actions',
      '## Still open from earlier meetings',
    ]);
    expect(md).toContain(
      `- **#1** Treasurer to get three quotes for the new standpipe by 22 March 2024. — due Fri 5 Apr 2024. *Overdue by ${daysLate()} days.*`,
    );
    expect(md).toContain(
      '- **#2** Secretary to book the hall by 1 June 2099. — due Mon 1 Jun 2099. *Dropped: hall closed for repairs.*',
    );
    expect(md).toContain(`*Ongoing: ${NOTE}.*`);
    expect(md).toContain('*Done on');
    expect(md).toContain('@U_OZ to =HYPERLINK');
  });

  it('prints JSON with --json and with --format json, owners as strings', async () => {
    const run = await arising('matters-arising', '--channel', CHANNEL, '--json');
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    const viaFormat = await arising('matters-arising', '--channel', CHANNEL, '--format', 'json');
    expect(JSON.parse(viaFormat.stdout)).toEqual(json);
    expect(json.meeting).toEqual({
      title: 'Riverside Allotment Society – Committee Meeting',
      date: '2024-03-12',
    });
    expect(json.nextMeeting).toBe('2099-04-09T19:00');
    expect(json.groups.map((g: { heading: string }) => g.heading)).toEqual([
      'Item 1 — Water supply',
      'Item 2 — Open day',
      'Item 3 — Review of past actions',
    ]);
    expect(json.groups[0].items[0]).toEqual({
      number: 1,
      owners: ['Treasurer'],
      text: 'get three quotes for the new standpipe by 22 March 2024.',
      due: '2024-04-05',
      status: 'overdue',
      closedOn: null,
      daysOverdue: daysLate(),
      note: null,
      meetingTitle: 'Riverside Allotment Society – Committee Meeting',
    });
    expect(
      json.groups[1].items.map((i: { status: string; note: string | null }) => [i.status, i.note]),
    ).toEqual([
      ['dropped', 'hall closed for repairs'],
      ['ongoing', NOTE],
    ]);
    expect(json.groups[1].items[0].closedOn).toBe('2024-03-20');
    expect(json.groups[2].items[0].status).toBe('done');
    expect(json.earlier.map((i: { number: number; owners: string[] }) => [i.number, i.owners])).toEqual([
      [5, ['@U_OZ']],
    ]);
  });

  it('exits 2 for an unknown format', async () => {
    const run = await arising('matters-arising', '--channel', CHANNEL, '--format', 'pdf');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe("arising matters-arising: --format 'pdf' is not one of md, json, docx\n");
  });
});

describe('arising digest --channel', () => {
  it('prints the overdue actions by owner as Markdown', async () => {
    const run = await arising('digest', '--channel', CHANNEL);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        '# Overdue actions: 1',
        '',
        '## Treasurer — 1 overdue',
        '',
        `- **#1** get three quotes for the new standpipe by 22 March 2024. — ${daysLate()} days overdue (due Fri 5 Apr 2024)`,
        '',
      ].join('\n'),
    );
  });

  it('prints JSON with --json', async () => {
    const run = await arising('digest', '--channel', CHANNEL, '--json');
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.timezone).toBe('Europe/London');
    expect(json.overdue).toBe(1);
    expect(Math.abs(Date.parse(json.asOf) - Date.now())).toBeLessThan(60_000);
    expect(json.owners).toEqual([
      {
        owner: 'Treasurer',
        actions: [
          {
            number: 1,
            text: 'get three quotes for the new standpipe by 22 March 2024.',
            due: '2024-04-05',
            dueAt: '2024-04-05T16:00:00.000Z',
            daysOverdue: daysLate(),
          },
        ],
      },
    ]);
  });

  it('says plainly that nothing is overdue in a channel with nothing late', async () => {
    const md = await arising('digest', '--channel', 'slack:T123:C_QUIET');
    expect(md.code).toBe(0);
    expect(md.stdout).toBe('# Overdue actions\n\nNothing is overdue.\n');
    const json = await arising('digest', '--channel', 'slack:T123:C_QUIET', '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ overdue: 0, owners: [] });
  });
});

describe('arising export --channel', () => {
  it('writes CSV that opens cleanly in a spreadsheet: BOM, CRLF, quoted commas, quotes and new lines', async () => {
    const run = await arising('export', '--channel', CHANNEL, '--format', 'csv');
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith('\uFEFFNumber,Owners,Task,')).toBe(true);
    const rows = parseCsv(run.stdout.slice(1));
    expect(rows[0]).toEqual([
      'Number',
      'Owners',
      'Task',
      'Due',
      'State',
      'Raised by',
      'Created',
      'Closed by',
      'Closed at',
      'Note or reason',
      'Meeting',
      'Agenda item',
      'Latest note',
      'History',
    ]);
    expect(rows).toHaveLength(6);
    expect(rows.every((row) => row.length === 14)).toBe(true);
    const byNumber = new Map(rows.slice(1).map((row) => [row[0], row]));
    const first = byNumber.get('1');
    expect(first?.slice(0, 7)).toEqual([
      '1',
      'Treasurer',
      'get three quotes for the new standpipe by 22 March 2024.',
      '2024-04-05',
      'open',
      'clerk',
      expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/),
    ]);
    expect(first?.[10]).toBe('Riverside Allotment Society – Committee Meeting (2024-03-12)');
    expect(first?.[11]).toBe('1 — Water supply');
    expect(first?.[13]).toMatch(
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} imported by clerk\n2024-03-20 10:00 due by U_TREAS: due 2024-03-22 → 2024-04-05$/,
    );
    const dropped = byNumber.get('2');
    expect(dropped?.slice(4, 10)).toEqual([
      'dropped',
      'clerk',
      expect.any(String),
      'U_CHAIR',
      '2024-03-20 10:00',
      'hall closed for repairs',
    ]);
    const noted = byNumber.get('3');
    expect(noted?.[2]).toBe('draft the poster, with prices: £2, £3 and £5.');
    expect(noted?.[12]).toBe(NOTE);
    expect(noted?.[13]?.split('\n')).toHaveLength(2);
    expect(noted?.[13]).toContain('note by U_JO: printer says "maybe Friday", then proofs');
    expect(byNumber.get('4')?.[9]).toBe('Reported done in the minutes');
    // A cell a spreadsheet would run as a formula is kept as text.
    const byHand = byNumber.get('5');
    expect(byHand?.[1]).toBe("'@U_OZ");
    expect(byHand?.[2]).toBe('\'=HYPERLINK("http://example.invalid","click")');
    expect(byHand?.[10]).toBe('');
  });

  it('writes JSON: every action with its history', async () => {
    const run = await arising('export', '--channel', CHANNEL, '--format', 'json');
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.map((a: { number: number }) => a.number)).toEqual([1, 2, 3, 4, 5]);
    const [first, dropped, noted] = json;
    expect(first).toMatchObject({
      owners: ['Treasurer'],
      due: '2024-04-05',
      dueAt: '2024-04-05T16:00:00.000Z',
      state: 'open',
      raisedBy: 'clerk',
      meeting: { title: 'Riverside Allotment Society – Committee Meeting', date: '2024-03-12' },
      agendaItem: '1',
      agendaTitle: 'Water supply',
    });
    expect(first.history.map((h: { kind: string }) => h.kind)).toEqual(['imported', 'due']);
    expect(first.history[1].changes.due.to.date).toBe('2024-04-05');
    expect(dropped).toMatchObject({
      state: 'dropped',
      closedBy: 'U_CHAIR',
      closedAt: '2024-03-20T10:00:00.000Z',
      closeNote: 'hall closed for repairs',
    });
    expect(noted.notes).toEqual([{ by: 'U_JO', at: '2024-03-20T10:00:00.000Z', text: NOTE }]);
    expect(json[4]).toMatchObject({
      owners: ['@U_OZ'],
      meeting: null,
      due: null,
      history: [{ kind: 'created' }],
    });
    expect(Object.keys(first).sort()).toEqual(
      [
        'agendaItem',
        'agendaTitle',
        'closeNote',
        'closedAt',
        'closedBy',
        'createdAt',
        'due',
        'dueAt',
        'history',
        'meeting',
        'notes',
        'number',
        'owners',
        'raisedBy',
        'state',
        'text',
      ].sort(),
    );
  });

  it('writes Markdown a person can read: one section an action with its history', async () => {
    const run = await arising('export', '--channel', CHANNEL, '--format', 'md');
    expect(run.code).toBe(0);
    const md = run.stdout;
    expect(md).toContain(
      '# Actions in slack:T123:C456\n\n5 actions: 3 open, 1 done, 1 dropped. Times are Europe/London.',
    );
    expect(md).toContain('## #1 Treasurer to get three quotes for the new standpipe by 22 March 2024.');
    expect(md).toContain('- **State:** open · **Due:** 2024-04-05');
    expect(md).toContain('- **Dropped:** by U_CHAIR, 2024-03-20 10:00: hall closed for repairs');
    expect(md).toContain('- **Latest note:** printer says "maybe Friday", then proofs');
    expect(md).toContain('  - 2024-03-20 10:00 due by U_TREAS: due 2024-03-22 → 2024-04-05');
    expect(md.match(/^## #\d+ /gm)).toHaveLength(5);
  });

  it('exports an empty channel as a header, an empty array, or a sentence', async () => {
    const quiet = 'slack:T123:C_EMPTY';
    const csv = await arising('export', '--channel', quiet, '--format', 'csv');
    expect(parseCsv(csv.stdout.slice(1))).toHaveLength(1);
    const json = await arising('export', '--channel', quiet, '--format', 'json');
    expect(JSON.parse(json.stdout)).toEqual([]);
    const md = await arising('export', '--channel', quiet, '--format', 'md');
    expect(md.stdout).toContain('No actions have been recorded in this channel yet.');
  });
});

describe('reports: errors are one line on stderr with an exit status', () => {
  const oneLine = (run: Run) => {
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
  };

  it('exits 2 without --channel, with a bad one, or without an export format', async () => {
    const none = await arising('digest');
    expect(none.code).toBe(2);
    oneLine(none);
    expect(none.stderr).toContain('which channel? Add --channel platform:team:channel');
    const bad = await arising('matters-arising', '--channel', 'slack:T123');
    expect(bad.code).toBe(2);
    oneLine(bad);
    expect(bad.stderr).toContain("--channel 'slack:T123' is not a channel");
    const noFormat = await arising('export', '--channel', CHANNEL);
    expect(noFormat.code).toBe(2);
    oneLine(noFormat);
    expect(noFormat.stderr).toContain('--format csv, --format json or --format md');
  });

  it('stops quietly when the reader closes the pipe early (arising export … | head)', async () => {
    const big: ChannelRef = { platform: 'slack', team: 'T123', channel: 'C_BIG' };
    const drafts = Array.from({ length: 400 }, (_, i) =>
      draft(big, {
        owners: [{ kind: 'alias', name: 'Treasurer' }],
        text: `count the seed packets in box ${i + 1}, and write the total on the lid for the spring show`,
        due: null,
        raisedBy: 'clerk',
        createdAt: at.toISOString(),
        updatedAt: at.toISOString(),
      }),
    );
    await store.createMany(drafts, () => ({
      at: at.toISOString(),
      by: 'clerk',
      kind: 'created',
      changes: {},
      text: null,
    }));
    // As a shell runs it: head reads the first bytes and closes the pipe while the export is still writing.
    const script = `"${process.execPath}" bin/arising.js export --channel slack:T123:C_BIG --format md | head -c 40`;
    const run = await new Promise<Run>((resolve) => {
      execFile(
        'sh',
        ['-c', script],
        { cwd: root, env: cliEnv(env), timeout: 60000 },
        (err, stdout, stderr) => {
          resolve({ code: err && typeof err.code === 'number' ? err.code : 0, stdout, stderr });
        },
      );
    });
    expect(run.stdout).toBe('# Actions in slack:T123:C_BIG\n\n400 actions: 400 open'.slice(0, 40));
    expect(run.stderr).toBe('');
  });

  it('exits 1 when Redis does not answer, and 78 for a bad REDIS_URL', async () => {
    const commands = ['matters-arising', 'digest', 'export'];
    const runs = await Promise.all(
      commands.map((command) =>
        arisingWith({ REDIS_URL: 'redis://127.0.0.1:1' }, command, '--channel', CHANNEL, '--format', 'json'),
      ),
    );
    for (const [i, run] of runs.entries()) {
      const command = commands[i];
      expect(run.code).toBe(1);
      oneLine(run);
      expect(run.stderr).toContain(
        `arising ${command}: cannot reach Redis at redis://127.0.0.1:1 (REDIS_URL)`,
      );
    }
    const badUrl = await arisingWith({ REDIS_URL: 'localhost:6379' }, 'digest', '--channel', CHANNEL);
    expect(badUrl.code).toBe(78);
    oneLine(badUrl);
    expect(badUrl.stderr).toContain('bad configuration: REDIS_URL must be a redis:// or rediss:// URL');
  });
});
