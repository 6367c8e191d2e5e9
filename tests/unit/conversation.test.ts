/**
 * The conversation core on in-memory fakes (no Redis, no SDK): which typed words are commands and which
 * answer a reminder, redeliveries acting once, where each kind of answer is shown, and the one wording of
 * every failure on each platform.
 */
import type { ChatService, Reply } from '../../src/core/chat-service';
import { parseCommand } from '../../src/core/command-parser';
import { type ConversationDeps, type Handled, handle } from '../../src/core/conversation/conversation';
import type { Surface } from '../../src/core/conversation/conversation-ports';
import { SOMETHING_WENT_WRONG, userErrorWords } from '../../src/core/conversation/failure-words';
import type { Inbound, What, Where } from '../../src/core/conversation/inbound';
import { traitsOf } from '../../src/core/conversation/platform-traits';
import type { Actor, MessageRef, Platform } from '../../src/core/domain';
import { UnavailableError, UserError } from '../../src/core/errors';
import type { FormErrors, NewActionForm } from '../../src/core/new-action-form';
import type { ButtonId, View } from '../../src/core/view';
import { notice } from '../../src/core/views/notice';

type Call =
  | { kind: 'command'; text: string }
  | { kind: 'reply'; parent: MessageRef; text: string }
  | { kind: 'button'; id: ButtonId; value: string; input: string | undefined }
  | { kind: 'import'; text: string }
  | { kind: 'new-action'; form: NewActionForm; source: MessageRef | null };

/** A ChatService that records what it was asked and answers as told (only MessageRef `about` is an action). */
class FakeService implements ChatService {
  calls: Call[] = [];
  answer: Reply = { kind: 'ephemeral', view: notice('ok') };
  fail: unknown = null;
  async command(_actor: Actor, text: string): Promise<Reply> {
    this.calls.push({ kind: 'command', text });
    if (this.fail) throw this.fail;
    return this.answer;
  }
  async threadReply(_actor: Actor, parent: MessageRef, text: string): Promise<Reply | null> {
    this.calls.push({ kind: 'reply', parent, text });
    return parent.id === 'about' ? { kind: 'ephemeral', view: notice('Noted') } : null;
  }
  async button(_actor: Actor, id: ButtonId, value: string, input?: string): Promise<Reply> {
    this.calls.push({ kind: 'button', id, value, input });
    if (this.fail) throw this.fail;
    return this.answer;
  }
  async importText(_actor: Actor, text: string): Promise<Reply> {
    this.calls.push({ kind: 'import', text });
    return this.answer;
  }
  async checkNewAction(): Promise<FormErrors | null> {
    return null;
  }
  async addFromForm(_actor: Actor, form: NewActionForm, source: MessageRef | null): Promise<Reply> {
    this.calls.push({ kind: 'new-action', form, source });
    if (this.fail) throw this.fail;
    return this.answer;
  }
}

class RecordingSurface implements Surface {
  shown: { how: 'private' | 'replace' | 'channel' | 'form'; text: string }[] = [];
  canPost = true;
  hasForm = true;
  async showPrivately(view: View): Promise<void> {
    this.shown.push({ how: 'private', text: view.text });
  }
  async replaceOriginal(view: View): Promise<void> {
    this.shown.push({ how: 'replace', text: view.text });
  }
  async postInChannel(view: View): Promise<boolean> {
    if (this.canPost) this.shown.push({ how: 'channel', text: view.text });
    return this.canPost;
  }
  async openForm(form: 'import' | 'add'): Promise<boolean> {
    if (this.hasForm) this.shown.push({ how: 'form', text: form });
    return this.hasForm;
  }
  /** Set to share documents, as Slack does; left out, as on Teams and in the console. */
  shareDocument?: Surface['shareDocument'];
  isCannotPost(error: unknown): boolean {
    return error instanceof Error && error.message === 'not_in_channel';
  }
}

interface World {
  service: FakeService;
  surface: RecordingSurface;
  claimed: Set<string>;
  logs: string[];
  deps: ConversationDeps;
  /** The latest reminder the DM's reply-target port finds; null when there is none. */
  latest: { id: string | null };
}

function world(): World {
  const service = new FakeService();
  const claimed = new Set<string>();
  const logs: string[] = [];
  const latest: { id: string | null } = { id: 'about' };
  const deps: ConversationDeps = {
    service,
    claims: {
      async claim(key) {
        if (claimed.has(key)) return false;
        claimed.add(key);
        return true;
      },
    },
    targets: {
      async repliedTo(inbound) {
        const where = inbound.where;
        if (where.kind === 'thread') return [{ conversation: 'C1', id: where.root }];
        if (where.kind === 'dm') {
          if (where.quoted) return [{ conversation: 'D1', id: where.quoted }];
          // The bot's own answer came after the reminder: the reply still reaches the reminder.
          return latest.id
            ? [
                { conversation: 'D1', id: 'answer' },
                { conversation: 'D1', id: latest.id },
              ]
            : [];
        }
        return [];
      },
    },
    log: {
      debug: () => undefined,
      warn: (...m: unknown[]) => logs.push(`warn ${m.join(' ')}`),
      error: (...m: unknown[]) => logs.push(`error ${m.join(' ')}`),
    },
  };
  return { service, surface: new RecordingSurface(), claimed, logs, deps, latest };
}

function inbound(what: What | string, where: Where = { kind: 'dm' }, extra: Partial<Inbound> = {}): Inbound {
  return {
    actor: { channel: { platform: 'slack', team: 'T1', channel: 'D1' }, userId: 'U1' },
    where,
    mentioned: false,
    delivery: null,
    what: typeof what === 'string' ? { kind: 'text', text: what } : what,
    ...extra,
  };
}

async function run(w: World, message: Inbound): Promise<Handled> {
  return handle(w.deps, message, w.surface);
}

describe('one intent rule for typed text', () => {
  it.each([
    ['list mine', 'command'],
    ['help add', 'command'],
    ['done 4', 'command'],
    ['/action list', 'command'],
    ['action list', 'command'],
    ['note 3 waiting on finance', 'command'],
    ['done', 'reply'],
    ['Done ✅', 'reply'],
    ['making progress, waiting on finance', 'reply'],
    ['listing the options tomorrow', 'reply'],
  ])('in a DM, %j is a %s', async (text, kind) => {
    const w = world();
    await run(w, inbound(text));
    expect([...new Set(w.service.calls.map((c) => c.kind))]).toEqual([kind]);
  });

  it('answers the latest reminder in a DM, past the bot’s own answer after it, and shows the answer privately', async () => {
    const w = world();
    const text = 'making progress, waiting on finance';
    await run(w, inbound(text));
    expect(w.service.calls).toEqual([
      { kind: 'reply', parent: { conversation: 'D1', id: 'answer' }, text },
      { kind: 'reply', parent: { conversation: 'D1', id: 'about' }, text },
    ]);
    expect(w.surface.shown).toEqual([{ how: 'private', text: 'Noted' }]);
  });

  it('answers the message a DM quotes rather than the latest reminder', async () => {
    const w = world();
    await run(w, inbound('done', { kind: 'dm', quoted: 'older' }));
    expect(w.service.calls).toEqual([
      { kind: 'reply', parent: { conversation: 'D1', id: 'older' }, text: 'done' },
    ]);
  });

  it.each<[Platform, string]>([
    ['slack', '/action help'],
    ['teams', '`help`'],
    ['console', '`help`'],
  ])('on %s, says a DM is about no action when there is no reminder, naming %s', async (platform, help) => {
    const w = world();
    w.latest.id = null;
    const message = inbound('hello?');
    message.actor = { ...message.actor, channel: { ...message.actor.channel, platform } };
    await run(w, message);
    expect(w.surface.shown).toHaveLength(1);
    expect(w.surface.shown[0]?.text).toContain('not about an action');
    expect(w.surface.shown[0]?.text).toContain(help);
  });

  it('says so in a DM when the latest reminder is about no action any more', async () => {
    const w = world();
    w.latest.id = 'gone';
    await run(w, inbound('done'));
    expect(w.surface.shown[0]?.text).toContain('not about an action');
  });

  it('ignores a thread reply about no action, and channel chatter without a mention', async () => {
    const w = world();
    expect(await run(w, inbound('nice work', { kind: 'thread', root: 'someone-else' }))).toEqual({
      kind: 'answered',
      reply: null,
    });
    expect(await run(w, inbound('list', { kind: 'channel' }))).toEqual({ kind: 'ignored' });
    expect(w.surface.shown).toEqual([]);
    expect(w.service.calls.filter((c) => c.kind === 'command')).toEqual([]);
  });

  it('takes a thread reply without a mention as an answer, even when it starts like a command', async () => {
    const w = world();
    await run(w, inbound('list of quotes attached', { kind: 'thread', root: 'about' }));
    expect(w.service.calls.map((c) => c.kind)).toEqual(['reply']);
  });

  it('takes a mention in a thread as a command when it reads as one, else as an answer, else a command', async () => {
    const w = world();
    await run(w, inbound('list', { kind: 'thread', root: 'about' }, { mentioned: true }));
    await run(w, inbound('sent it', { kind: 'thread', root: 'about' }, { mentioned: true }));
    await run(w, inbound('sent it', { kind: 'thread', root: 'nothing' }, { mentioned: true }));
    expect(w.service.calls.map((c) => c.kind)).toEqual(['command', 'reply', 'reply', 'command']);
  });

  it('takes text addressed to the bot in a channel as a command, and a bare mention as help', async () => {
    const w = world();
    await run(w, inbound('add @priya to call', { kind: 'channel' }, { mentioned: true }));
    await run(w, inbound('  ', { kind: 'channel' }, { mentioned: true }));
    expect(w.service.calls).toEqual([
      { kind: 'command', text: 'add @priya to call' },
      { kind: 'command', text: 'help' },
    ]);
  });
});

describe('deliveries', () => {
  it('acts once on a redelivered message', async () => {
    const w = world();
    const message = inbound('list mine', { kind: 'dm' }, { delivery: 'slack:event:Ev1' });
    await run(w, message);
    expect(await run(w, message)).toEqual({ kind: 'ignored' });
    expect(w.service.calls).toHaveLength(1);
  });

  it('drops a delivery it cannot record, and says why in the log', async () => {
    const w = world();
    w.deps.claims = {
      claim: async () => {
        throw new Error('redis down');
      },
    };
    expect(await run(w, inbound('done', { kind: 'dm' }, { delivery: 'k' }))).toEqual({ kind: 'ignored' });
    expect(w.service.calls).toEqual([]);
    expect(w.logs.join('\n')).toMatch(/Dropping k/);
  });

  it('does not claim what it ignores', async () => {
    const w = world();
    await run(w, inbound('chatter', { kind: 'channel' }, { delivery: 'k' }));
    expect(w.claimed.size).toBe(0);
  });
});

describe('buttons and forms', () => {
  it('runs a button with what was typed in its form', async () => {
    const w = world();
    await run(w, inbound({ kind: 'button', id: 'change-due', value: 'v', input: 'Friday' }));
    expect(w.service.calls).toEqual([{ kind: 'button', id: 'change-due', value: 'v', input: 'Friday' }]);
  });

  it('answers a button on a private message in its place', async () => {
    const w = world();
    await run(w, inbound({ kind: 'button', id: 'import-cancel', value: 'v', onPrivateMessage: true }));
    expect(w.surface.shown).toEqual([{ how: 'replace', text: 'ok' }]);
  });

  it('reads submitted minutes and previews them', async () => {
    const w = world();
    await run(w, inbound({ kind: 'import', minutes: async () => 'Action: Sam to call' }));
    expect(w.service.calls).toEqual([{ kind: 'import', text: 'Action: Sam to call' }]);
  });
});

describe('showing answers', () => {
  it('posts a channel answer, or shows it privately with why when the bot may not post', async () => {
    const w = world();
    w.service.answer = { kind: 'channel', view: notice('Matters arising') };
    await run(w, inbound('matters-arising'));
    w.surface.canPost = false;
    await run(w, inbound('matters-arising'));
    expect(w.surface.shown[0]).toEqual({ how: 'channel', text: 'Matters arising' });
    expect(w.surface.shown[1]?.how).toBe('private');
    expect(w.surface.shown[1]?.text).toContain('not a member of this channel');
    expect(w.surface.shown[1]?.text).toContain('Matters arising');
  });

  it('shares a document where the surface can, and shows the fallback where it cannot', async () => {
    const w = world();
    const document = {
      paper: {
        title: 'Matters arising',
        details: [],
        sections: [],
        empty: null,
        madeAt: '2026-07-01T09:00:00.000Z',
      },
      filename: 'matters-arising.docx',
      comment: 'For the papers.',
    };
    w.service.answer = { kind: 'document', document, audience: 'private', fallback: notice('Use the CLI') };
    await run(w, inbound('matters-arising docx'));
    expect(w.surface.shown).toEqual([{ how: 'private', text: 'Use the CLI' }]);
    const shared: unknown[] = [];
    w.surface.shareDocument = async (doc, audience) => {
      shared.push([doc.filename, audience]);
      return true;
    };
    await run(w, inbound('matters-arising docx'));
    expect(shared).toEqual([['matters-arising.docx', 'private']]);
    expect(w.surface.shown).toHaveLength(1);
  });

  it('opens the import form, or says how to import where there is none', async () => {
    const w = world();
    w.service.answer = { kind: 'import-form' };
    await run(w, inbound('import'));
    w.surface.hasForm = false;
    const teams = inbound('import');
    teams.actor = { ...teams.actor, channel: { ...teams.actor.channel, platform: 'teams' } };
    await run(w, teams);
    expect(w.surface.shown[0]).toEqual({ how: 'form', text: 'import' });
    expect(w.surface.shown[1]?.text).toContain('attach the minutes');
  });

  it('opens the new-action form for `add` alone, or says what `add` needs where there is none', async () => {
    const w = world();
    w.service.answer = { kind: 'add-form' };
    await run(w, inbound('add'));
    w.surface.hasForm = false;
    await run(w, inbound('add'));
    expect(w.surface.shown[0]).toEqual({ how: 'form', text: 'add' });
    expect(w.surface.shown[1]?.how).toBe('private');
    expect(w.surface.shown[1]?.text).toContain('`add` needs owners and a task');
  });

  it('hands a saved new-action form, with the message it tracks, to the service', async () => {
    const w = world();
    const form: NewActionForm = {
      task: 'send the figures',
      owners: '<@U1>',
      dueDate: null,
      dueTime: null,
      agendaItem: null,
    };
    const source = { conversation: 'C1', id: '1700000000.000100' };
    await run(w, inbound({ kind: 'new-action', form, source }));
    expect(w.service.calls).toEqual([{ kind: 'new-action', form, source }]);
    expect(w.surface.shown).toEqual([{ how: 'private', text: 'ok' }]);
  });
});

describe('failures, worded once', () => {
  it.each<[string, unknown, RegExp, RegExp | null]>([
    ['a mistake of the user', new UserError('bad_command', 'No such action #9.'), /No such action #9/, null],
    ['an unreachable store', new UnavailableError(), /try again shortly/, /warn Store unavailable/],
    ['a channel the bot may not post in', new Error('not_in_channel'), /Invite it/, /warn Cannot post/],
    ['anything else', new Error('boom'), new RegExp(SOMETHING_WENT_WRONG.slice(0, 30)), /error Unexpected/],
  ])('answers %s privately', async (_what, error, words, logged) => {
    const w = world();
    w.service.fail = error;
    const handled = await run(w, inbound({ kind: 'button', id: 'done', value: 'v' }));
    expect(handled.kind).toBe('failed');
    expect(w.surface.shown).toHaveLength(1);
    expect(w.surface.shown[0]?.how).toBe('private');
    expect(w.surface.shown[0]?.text).toMatch(/^⚠️ /);
    expect(w.surface.shown[0]?.text).toMatch(words);
    if (logged) expect(w.logs.join('\n')).toMatch(logged);
    else expect(w.logs).toEqual([]);
  });
});

describe('each platform its own words', () => {
  function refusal(text: string): UserError {
    try {
      parseCommand(text);
    } catch (error) {
      if (error instanceof UserError) return error;
      throw error;
    }
    throw new Error('expected a UserError');
  }

  it.each<[Platform, RegExp, RegExp | null]>([
    ['slack', /from the @ menu/, null],
    ['teams', /list Teams offers/, /@ menu/],
    ['console', /person switch/, /@ menu/],
  ])('tells %s users how to name a person', (platform, words, notWords) => {
    const said = userErrorWords(refusal('owner WYP = @bob'), traitsOf(platform));
    expect(said).toContain('`@bob` after `owner WYP =` is not a person Arising can see.');
    expect(said).toMatch(words);
    if (notWords) expect(said).not.toMatch(notWords);
  });
});
