/**
 * The Adaptive Card renderer on the core's real views: every card passes Microsoft's own validator at
 * schema 1.5, user text is never read as markup, buttons are Universal Actions carrying the action's id,
 * and long views are split (or, for an update, cut) under Teams' card size limit.
 */

import { overdueDigestView } from '../../src/core/digest/digest-view';
import type { Action } from '../../src/core/domain';
import { reminderView } from '../../src/core/reminders/reminder-view';
import { text, user, type View } from '../../src/core/view';
import { actionCard } from '../../src/core/views/action-card';
import { readActionButtonValue } from '../../src/core/views/button-value';
import { helpView } from '../../src/core/views/help';
import {
  type AdaptiveCard,
  cardBytes,
  MAX_CARD_BYTES,
  renderCard,
  renderCards,
  userIdsIn,
} from '../../src/teams/adaptive-cards';
import { readExecuteAction } from '../../src/teams/card-buttons';
import { escapeMarkdown, neutralize } from '../../src/teams/card-text';
import { draft, due } from '../support/action-fixtures';
import { cardProblems } from '../support/adaptive-card-check';

const CHANNEL = { platform: 'teams' as const, team: 'tenant-1', channel: '19:abc@thread.tacv2' };
const NOW = new Date('2026-07-01T09:00:00Z');
const ctx = { now: NOW, timezone: 'Europe/London' };
const NAMES: Record<string, string> = { '29:priya': 'Priya Patel', '29:chair': 'Chair Person' };
const names = (id: string) => NAMES[id];

function action(over: Partial<Action> = {}): Action {
  return {
    ...draft(CHANNEL, { owners: [{ kind: 'user', id: '29:priya' }], raisedBy: '29:chair' }),
    number: 4,
    version: 1,
    ...over,
  };
}

/** Every action of a card, ShowCard contents included. */
function actionsOf(card: AdaptiveCard): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (typeof record.type === 'string' && record.type.startsWith('Action.')) found.push(record);
      Object.values(record).forEach(visit);
    }
  };
  visit(card.body);
  return found;
}

describe('an action card', () => {
  const card = renderCard(actionCard(action(), ctx), names);

  it('is a valid Adaptive Card at schema 1.5', () => {
    expect(card.version).toBe('1.5');
    expect(cardProblems(card)).toEqual([]);
  });

  it('shows the number, the task, the due date and mentions the owner by Teams id', () => {
    const json = JSON.stringify(card);
    expect(json).toContain('#4');
    expect(json).toContain('send the KSI data for July–Dec 2021');
    expect(json).toContain('Fri 31 Jul');
    expect(json).toContain('<at>Priya Patel</at>');
    expect(card.msteams.entities).toContainEqual({
      type: 'mention',
      text: '<at>Priya Patel</at>',
      mentioned: { id: '29:priya', name: 'Priya Patel' },
    });
  });

  it('has Done and Snooze as Action.Execute whose data names this action, and a form for each menu item', () => {
    const actions = actionsOf(card);
    const execute = actions.filter((a) => a.type === 'Action.Execute');
    const verbs = execute.map((a) => a.verb);
    expect(verbs).toEqual(expect.arrayContaining(['done', 'snooze', 'change-due', 'reassign', 'drop']));
    for (const a of execute) {
      const data = a.data as { value: string };
      expect(readActionButtonValue(data.value)).toEqual({ channel: CHANNEL, number: 4 });
    }
    const forms = actions.filter((a) => a.type === 'Action.ShowCard');
    expect(forms.map((f) => f.title)).toEqual(['Change due date', 'Reassign', 'Drop']);
    const dueForm = JSON.stringify(forms[0]);
    expect(dueForm).toContain('"type":"Input.Text"');
    expect(dueForm).toContain('"isRequired":true');
  });

  it('loses its buttons and strikes the task once done', () => {
    const done = renderCard(
      actionCard(action({ state: 'done', closedBy: '29:priya', closedAt: NOW.toISOString() }), ctx),
      names,
    );
    expect(cardProblems(done)).toEqual([]);
    expect(actionsOf(done)).toEqual([]);
    expect(JSON.stringify(done)).toContain('"strikethrough":true');
    expect(JSON.stringify(done)).toContain('Done');
  });

  it('shows an owner whose name Arising has never seen as "someone", without a broken mention', () => {
    const unknown = renderCard(
      actionCard(action({ owners: [{ kind: 'user', id: '29:ghost' }] }), ctx),
      names,
    );
    expect(JSON.stringify(unknown)).not.toContain('29:ghost');
    expect(JSON.stringify(unknown)).toContain('someone');
    expect(unknown.msteams.entities?.some((e) => e.mentioned.id === '29:ghost')).toBeFalsy();
  });
});

describe('user text', () => {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a typed template expression is what is tested
  const nasty = 'tell <at>Chair Person</at> about **this** and [a link](http://x.test) ${user.name} _now_';
  const card = renderCard(
    actionCard(action({ text: nasty, notes: [{ by: '29:chair', at: NOW.toISOString(), text: nasty }] }), ctx),
    names,
  );
  const json = JSON.stringify(card);

  it('never becomes a mention, a template expression or Markdown', () => {
    expect(cardProblems(card)).toEqual([]);
    // The typed <at> tag is broken, so only the owner and note author are mentioned.
    expect(json).not.toContain('<at>Chair Person</at> about');
    expect(json).not.toContain('${');
    // In the note (a TextBlock, because it has a mention) the Markdown is escaped.
    expect(json).toContain('\\\\*\\\\*this\\\\*\\\\*');
    expect(json).toContain('\\\\[a link\\\\]');
    expect(json).toContain('\\\\_now\\\\_');
    const mentioned = card.msteams.entities?.map((e) => e.mentioned.id) ?? [];
    expect(mentioned.sort()).toEqual(['29:chair', '29:priya']);
  });

  it('is shown as typed in plain runs (no Markdown there to escape)', () => {
    const runs = card.body.filter((e) => e.type === 'RichTextBlock');
    const runText = JSON.stringify(runs);
    expect(runText).toContain('**this**');
    expect(runText).toContain('[a link](http://x.test)');
  });

  it('shows the core’s `backticked` command words in a monospace run, without the backticks', () => {
    const help = renderCard(helpView(null, 'teams'), names);
    const runs = JSON.stringify(help.body);
    expect(runs).toContain(
      '{"type":"TextRun","text":"help add","size":"Small","isSubtle":true,"fontType":"Monospace"}',
    );
    expect(runs).not.toContain('`help add`');
  });

  it('never becomes a date function or an HTML entity, in runs and in Markdown alike', () => {
    const typed =
      'on {{DATE(2026-07-31T09:00:00Z, SHORT)}} at {{TIME(2026-07-31T09:00:00Z)}}: Q&amp;A &#42; R&D';
    const shown = renderCard(
      actionCard(
        action({ text: typed, notes: [{ by: '29:chair', at: NOW.toISOString(), text: typed }] }),
        ctx,
      ),
      names,
    );
    const body = JSON.stringify(shown.body);
    // Renderers replace {{DATE(…)}} and {{TIME(…)}} with a date; Markdown shows &amp; as & and &#42; as *.
    expect(body).not.toContain('{{');
    expect(body).not.toMatch(/&#?[a-z0-9]+;/i);
    // The plain run (the task) and the note's TextBlock both show every character, R&D untouched.
    const showing = shown.body.filter((e) =>
      JSON.stringify(e)
        .replace(/\u200B/g, '')
        .includes(typed),
    );
    expect(showing.map((e) => e.type)).toEqual(['RichTextBlock', 'TextBlock']);
    expect(neutralize(typed)).toBe(
      'on {\u200B{DATE(2026-07-31T09:00:00Z, SHORT)}} at {\u200B{TIME(2026-07-31T09:00:00Z)}}: Q&\u200Bamp;A &\u200B#42; R&D',
    );
  });

  it('escapes list and heading markers at the start of a line', () => {
    expect(escapeMarkdown('- not a list\n# not a heading\n1. not numbered')).toBe(
      '\\- not a list\n\\# not a heading\n1\\. not numbered',
    );
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a typed template expression is what is tested
    expect(neutralize('<at>x</at> ${a}')).toBe('<\u200Bat>x<\u200B/at> $\u200B{a}');
  });
});

describe('the validator', () => {
  it('reports a card Teams would refuse', () => {
    expect(cardProblems({ type: 'AdaptiveCard', version: '1.6', body: [{ type: 'Bogus' }] })).toHaveLength(2);
  });
});

describe('other views', () => {
  it('renders a reminder, the help and an overdue digest as valid cards', () => {
    const views: View[] = [
      reminderView(action(), { ...ctx, meetingTitle: 'Board', nextMeeting: '2026-09-13' }),
      helpView(null),
      overdueDigestView([action({ due: due('2026-06-01T16:00:00.000Z') })], ctx) as View,
    ];
    for (const view of views) {
      for (const card of renderCards(view, names)) expect(cardProblems(card)).toEqual([]);
    }
  });

  it('lists the user ids a view mentions, for the name lookup', () => {
    expect(userIdsIn(actionCard(action(), ctx)).sort()).toEqual(['29:chair', '29:priya']);
  });
});

describe('size', () => {
  const long: View = {
    text: 'Overdue actions: 300',
    blocks: [
      { kind: 'header', text: 'Overdue actions: 300' },
      ...Array.from({ length: 300 }, (_, i) => ({
        kind: 'section' as const,
        spans: [user('29:priya'), text(` — #${i + 1} ${'send the figures for the quarter '.repeat(4)}`)],
      })),
    ],
  };

  it('splits a long view into several valid cards, each under the limit, keeping every item', () => {
    const cards = renderCards(long, names);
    expect(cards.length).toBeGreaterThan(1);
    for (const card of cards) {
      expect(cardBytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
      expect(cardProblems(card)).toEqual([]);
      expect(card.msteams.entities).toHaveLength(1);
    }
    const all = cards.map((c) => JSON.stringify(c)).join('');
    expect(all).toContain('#1 ');
    expect(all).toContain('#300 ');
  });

  it('cuts a long view to one card with a note when it must stay one message', () => {
    const card = renderCard(long, names);
    expect(cardBytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    expect(cardProblems(card)).toEqual([]);
    expect(JSON.stringify(card)).toMatch(/…and \d+ more not shown here/);
  });

  it('keeps an action of 1,400 short lines on its card: number, first lines, owner, due date and buttons', () => {
    const lines = Array.from({ length: 1400 }, (_, i) => `${i + 1}`);
    const card = renderCard(actionCard(action({ text: lines.join('\n') }), ctx), names);
    expect(cardBytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    expect(cardProblems(card)).toEqual([]);
    const json = JSON.stringify(card);
    expect(json).toContain('"text":"#4 "');
    expect(json).toContain('<at>Priya Patel</at>');
    expect(json).toContain('Fri 31 Jul');
    expect(json).toContain('"verb":"done"');
    expect(json).not.toMatch(/…and \d+ more not shown here/);
    // The lines shown, in order from the first, and a note counting the rest.
    const runs = card.body
      .flatMap((e) => (e.inlines as { text: string }[] | undefined) ?? [])
      .map((r) => r.text);
    const shown = runs.slice(
      1,
      runs.findIndex((r) => r.startsWith('…')),
    );
    expect(shown.length).toBeGreaterThan(100);
    expect(shown).toEqual(lines.slice(0, shown.length));
    expect(runs).toContain(`…and ${1400 - shown.length} more lines not shown here.`);
  });
});

describe('reading an Action.Execute back', () => {
  it('takes the verb, the value and the typed input of its own form', () => {
    expect(
      readExecuteAction({
        type: 'Action.Execute',
        verb: 'change-due',
        data: { value: 'v', input: 'input-change-due', 'input-change-due': 'next Friday', 'input-drop': 'x' },
      }),
    ).toEqual({ id: 'change-due', value: 'v', input: 'next Friday' });
    expect(readExecuteAction({ verb: 'done', data: { value: 'v' } })).toEqual({
      id: 'done',
      value: 'v',
      input: undefined,
    });
  });

  it('refuses verbs and data that are not ours', () => {
    expect(readExecuteAction({ verb: 'delete-everything', data: { value: 'v' } })).toBeNull();
    expect(readExecuteAction({ verb: 'done', data: { value: 4 } })).toBeNull();
    expect(readExecuteAction({ verb: 'done' })).toBeNull();
    expect(readExecuteAction('done')).toBeNull();
  });
});
