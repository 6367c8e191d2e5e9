/**
 * The console's HTML for the neutral View: what a person sees in the browser, with every piece of user
 * text escaped (the page inserts this HTML as it is), mentions as names, and buttons that carry their
 * id and value back unchanged. Also the console's `@name` mentions.
 */
import { showMessage } from '../../src/console/console-events';
import { welcomeView } from '../../src/console/console-setup';
import { CONSOLE_CHANNEL, demoNames, resolveMentions } from '../../src/console/demo';
import { escapeHtml, renderViewHtml } from '../../src/console/html-view';
import type { ConsoleMessage } from '../../src/core/console-pane-store';
import type { Action } from '../../src/core/domain';
import { reminderView, unreachableOwnersView } from '../../src/core/reminders/reminder-view';
import { text, user, type View } from '../../src/core/view';
import { actionCard } from '../../src/core/views/action-card';
import { storedAction } from '../support/action-fixtures';

const names = demoNames();

function action(overrides: Partial<Action> = {}): Action {
  return storedAction({
    channel: CONSOLE_CHANNEL,
    number: 3,
    owners: [{ kind: 'user', id: 'priya' }],
    text: 'send the July figures',
    due: null,
    raisedBy: 'chris',
    ...overrides,
  });
}

const card = (a: Action) =>
  actionCard(a, { now: new Date('2026-07-01T10:00:00Z'), timezone: 'Europe/London' });

describe('renderViewHtml', () => {
  it('escapes user text so markup typed into a task shows as typed and runs nothing', () => {
    const html = renderViewHtml(
      card(action({ text: '<img src=x onerror=alert(1)> & "quotes" <script>alert(2)</script>' })),
      names,
    );
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;');
  });

  it('shows mentions as the person’s name, and an unknown id as itself, escaped', () => {
    const view: View = {
      text: 'x',
      blocks: [{ kind: 'section', spans: [user('priya'), text(' and '), user('<b>bob</b>')] }],
    };
    const html = renderViewHtml(view, names);
    expect(html).toContain('>@Priya</span>');
    expect(html).toContain('@&lt;b&gt;bob&lt;/b&gt;');
    expect(html).not.toContain('<b>');
  });

  it('renders an open action card with its fields and Done, Snooze and a menu whose items ask for words', () => {
    const html = renderViewHtml(card(action()), names);
    expect(html).toContain('<strong>#3 </strong>send the July figures');
    expect(html).toContain('<dt>Owner</dt><dd><span class="mention" data-user="priya">@Priya</span></dd>');
    expect(html).toContain(
      '<dt>Raised by</dt><dd><span class="mention" data-user="chris">@Chris (chair)</span>',
    );
    expect(html).toMatch(
      /<button type="button" class="v-button primary" data-button="done" data-value="[^"]+">Done<\/button>/,
    );
    expect(html).toContain('data-button="change-due"');
    expect(html).toMatch(
      /data-button="reassign"[^>]*data-input="New owners"[^>]*data-required="true">Reassign…</,
    );
    expect(html).toMatch(/data-button="drop"[^>]*data-required="false"/);
  });

  it('carries the button value back unchanged once the attribute is unescaped', () => {
    const html = renderViewHtml(card(action()), names);
    const value = /data-button="done" data-value="([^"]+)"/.exec(html)?.[1] ?? '';
    const unescaped = value.replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    expect(JSON.parse(unescaped)).toEqual({ c: CONSOLE_CHANNEL, n: 3 });
  });

  it('strikes a closed action through and shows no buttons', () => {
    const html = renderViewHtml(
      card(action({ state: 'done', closedBy: 'priya', closedAt: '2026-07-01T09:30:00.000Z' })),
      names,
    );
    expect(html).toContain('<s>send the July figures</s>');
    expect(html).toContain('✅ Done');
    expect(html).not.toContain('data-button');
  });

  it('shows `command words` as code, escaped, and leaves an unpaired backtick as typed', () => {
    const view: View = {
      text: 'x',
      blocks: [{ kind: 'section', spans: [text('Try `list <mine>` or a ` here')] }],
    };
    expect(renderViewHtml(view, names)).toContain('Try <code>list &lt;mine&gt;</code> or a ` here');
  });

  it('escapes quotes and ampersands for attributes', () => {
    expect(escapeHtml(`a"b'c&<>`)).toBe('a&quot;b&#39;c&amp;&lt;&gt;');
  });
});

describe('resolveMentions', () => {
  it('turns @Priya, @priya and @Chris into mentions of the demo people', () => {
    expect(resolveMentions('add @Priya and @sam to send it, @chris.')).toBe(
      'add <@priya> and <@sam> to send it, <@chris>.',
    );
  });

  it('leaves other @words and e-mail addresses as typed', () => {
    expect(resolveMentions('add @WYP to mail priya@example.org')).toBe('add @WYP to mail priya@example.org');
  });
});

describe('where the page offers Reply in thread', () => {
  const posted = (view: View, over: Partial<ConsoleMessage> = {}): ConsoleMessage => ({
    id: 'm1',
    pane: 'channel',
    thread: null,
    from: null,
    view,
    text: null,
    visibleTo: null,
    at: '2026-07-01T10:00:00.000Z',
    editedAt: null,
    ...over,
  });
  const offered = (message: ConsoleMessage) => showMessage(message, 'channel').takesReplies;
  const reminderCtx = {
    now: new Date('2026-07-01T10:00:00Z'),
    timezone: 'Europe/London',
    meetingTitle: null,
    nextMeeting: null,
  };

  it('under an action card, open or closed, and a reminder: a reply there closes or notes the action', () => {
    expect(offered(posted(card(action())))).toBe(true);
    expect(offered(posted(card(action({ state: 'done', closedBy: 'priya' }))))).toBe(true);
    expect(offered(posted(reminderView(action(), reminderCtx), { pane: 'dm:priya' }))).toBe(true);
  });

  it('nowhere a reply means nothing: the welcome, owners named in the channel, answers, people’s words', () => {
    expect(offered(posted(welcomeView()))).toBe(false);
    const named = unreachableOwnersView(action(), action().owners, reminderCtx);
    expect(offered(posted(named))).toBe(false);
    expect(offered(posted(card(action()), { visibleTo: 'chris' }))).toBe(false);
    expect(offered(posted(card(action()), { thread: 'm0' }))).toBe(false);
    expect(offered(posted({ text: 'x', blocks: [] }, { from: 'sam', view: null, text: 'done' }))).toBe(false);
  });
});
