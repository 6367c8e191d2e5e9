/**
 * The entities of user text (text-entities.ts) and how each platform shows them: what a platform's own
 * clients wrote stays a mention or link, broadcasts and anything typed stay text, and no rendering ever
 * lets user text become a broadcast or other markup.
 */
import fc from 'fast-check';
import { renderViewHtml } from '../../src/console/html-view';
import { entitySpans, parseEntities, plainWords } from '../../src/core/text-entities';
import type { View } from '../../src/core/view';
import { renderSpans } from '../../src/slack/block-kit';
import { renderCard } from '../../src/teams/adaptive-cards';

describe('parseEntities', () => {
  it('reads the people, channels, user groups and links Slack writes', () => {
    const raw =
      'ask <@U0ANA> and <@U0SAM|sam> in <#C0PLANS|plans> with <!subteam^S0DESIGN|@design> about ' +
      '<https://example.org/r|the report>, <http://example.org> and <mailto:a@example.org|a@example.org>';
    expect(parseEntities(raw, 'slack')).toEqual([
      { kind: 'text', text: 'ask ' },
      { kind: 'user', id: 'U0ANA', label: null },
      { kind: 'text', text: ' and ' },
      { kind: 'user', id: 'U0SAM', label: 'sam' },
      { kind: 'text', text: ' in ' },
      { kind: 'channel', id: 'C0PLANS', label: 'plans' },
      { kind: 'text', text: ' with ' },
      { kind: 'group', id: 'S0DESIGN', label: '@design' },
      { kind: 'text', text: ' about ' },
      { kind: 'link', url: 'https://example.org/r', label: 'the report' },
      { kind: 'text', text: ', ' },
      { kind: 'link', url: 'http://example.org', label: null },
      { kind: 'text', text: ' and ' },
      { kind: 'link', url: 'mailto:a@example.org', label: 'a@example.org' },
    ]);
  });

  it('keeps broadcasts, dates, other schemes and broken markup as text', () => {
    for (const raw of [
      'tell <!channel> now',
      '<!here> and <!everyone>',
      '<!date^1392734382^{date}|Feb 18>',
      '<javascript:alert(1)|click>',
      '<ftp://example.org>',
      '<@> <# C1> <!subteam^> a < b > c',
    ]) {
      expect(parseEntities(raw, 'slack')).toEqual([{ kind: 'text', text: raw }]);
    }
  });

  it('reads Slack’s escapes back as typed, so `R&D` shows as typed and typed markup stays text', () => {
    expect(
      parseEntities('R&amp;D &lt;@U0BOSS&gt; <https://a.example/?x=1&amp;y=2|Q&amp;A>', 'slack'),
    ).toEqual([
      { kind: 'text', text: 'R&D <@U0BOSS> ' },
      { kind: 'link', url: 'https://a.example/?x=1&amp;y=2', label: 'Q&A' },
    ]);
    expect(renderSpans(entitySpans('R&amp;D &lt;!channel&gt;', 'slack'), 3000)).toBe(
      'R&amp;D &lt;!channel&gt;',
    );
    // Elsewhere text is stored as typed: `&amp;` typed stays `&amp;`.
    expect(parseEntities('R&amp;D', 'teams')).toEqual([{ kind: 'text', text: 'R&amp;D' }]);
  });

  it('reads only people on Teams, where typed markup arrives as typed', () => {
    expect(
      parseEntities('ask <@29:1abc-def> about <https://evil.example|the prize> in <#C1>', 'teams'),
    ).toEqual([
      { kind: 'text', text: 'ask ' },
      { kind: 'user', id: '29:1abc-def', label: null },
      { kind: 'text', text: ' about <https://evil.example|the prize> in <#C1>' },
    ]);
    // A typed `<@` is broken by the Teams adapter with a zero-width space: it stays text.
    expect(parseEntities('<\u200B@U0BOSS>', 'teams')).toEqual([{ kind: 'text', text: '<\u200B@U0BOSS>' }]);
  });
});

describe('plainWords', () => {
  it('reads entities as words for notifications', () => {
    expect(
      plainWords(
        'ask <@U0ANA|ana> in <#C0PLANS|plans> about <https://example.org/r|the report> <!channel>',
        'slack',
      ),
    ).toBe('ask @ana in #plans about the report (https://example.org/r) <!channel>');
  });
});

describe('rendering entities', () => {
  const task = 'ask <@U0ANA> in <#C0PLANS|plans> about <https://example.org/r|the report> and <!here>';

  it('makes them live mentions and links on Slack, and escapes the broadcast', () => {
    expect(renderSpans(entitySpans(task, 'slack'), 3000)).toBe(
      'ask <@U0ANA> in <#C0PLANS> about <https://example.org/r|the report> and &lt;!here&gt;',
    );
  });

  it('strikes an entity through with the text around it, and never cuts one', () => {
    const spans = entitySpans('see <https://example.org/r|the report>', 'slack', { strike: true });
    expect(renderSpans(spans, 3000)).toBe('~see~ ~<https://example.org/r|the report>~');
    expect(renderSpans(spans, 20)).toBe('~see~ …');
  });

  it('shows a Teams task’s second person by name', () => {
    const view: View = {
      text: 'x',
      blocks: [{ kind: 'section', spans: entitySpans('ask <@29:ana> about it', 'teams') }],
    };
    const card = JSON.stringify(renderCard(view, (id) => (id === '29:ana' ? 'Ana Lima' : undefined)));
    expect(card).toContain('ask <at>Ana Lima</at> about it');
    expect(card).not.toContain('29:ana</');
    expect(card).not.toContain('&lt;@29');
  });

  it('shows people by name and links as links on the console, escaping the rest', () => {
    const view: View = {
      text: 'x',
      blocks: [
        {
          kind: 'section',
          spans: entitySpans(
            'ask <@priya> <https://example.org/r?a=1&b=2|the "report" & more> <img src=x>',
            'console',
          ),
        },
      ],
    };
    const html = renderViewHtml(view, new Map([['priya', 'Priya Shah']]));
    expect(html).toContain('@Priya Shah</span>');
    expect(html).toContain('<a href="https://example.org/r?a=1&amp;b=2"');
    expect(html).toContain('>the &quot;report&quot; &amp; more</a>');
    expect(html).toContain('&lt;img src=x&gt;');
  });
});

/** Text rich in markup-like pieces, so the property explores mentions, links and broadcasts. */
const markupish = fc
  .array(
    fc.oneof(
      fc.string(),
      fc.constantFrom(
        '<!channel>',
        '<!here>',
        '<!everyone>',
        '<!subteam^S1|@d>',
        '<!subteam^S1|<!channel>>',
        '<@U1>',
        '<@U1|<!here>>',
        '<#C1|x>',
        '<https://a.example/b|l>',
        '<http://a.example>',
        '<mailto:a@b.example|a@b>',
        '<https://a.example/"onmouseover=x|l>',
        '<javascript:alert(1)|x>',
      ),
      fc.string({
        unit: fc.constantFrom(
          '<',
          '>',
          '@',
          '!',
          '#',
          '|',
          '^',
          '&',
          '"',
          'h',
          's',
          ':',
          '/',
          'U',
          'S',
          '1',
          ' ',
        ),
      }),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

/** Slack markup Arising writes on purpose: people, channels, user groups and http(s)/mailto links. */
const SLACK_MARKUP =
  /<(?:@[A-Z0-9]+|#[A-Z0-9]+|!subteam\^[A-Z0-9]+|(?:https?:\/\/|mailto:)[^\s|<>"]+(?:\|[^<>]*)?)>/gi;

describe('rendering never lets user text become a broadcast or markup', () => {
  it('on Slack: no `<!` but a user group, no `<` or `>` outside the markup Arising writes', () => {
    fc.assert(
      fc.property(markupish, (raw) => {
        const out = renderSpans(entitySpans(raw, 'slack'), 3000);
        expect(out).not.toMatch(/<!(?!subteam\^[A-Z0-9]+>)/i);
        const rest = out.replace(SLACK_MARKUP, '');
        expect(rest).not.toMatch(/[<>]/);
      }),
    );
  });

  it('on the console: no element but the renderer’s own, no unescaped `<`', () => {
    fc.assert(
      fc.property(markupish, (raw) => {
        const view: View = { text: raw, blocks: [{ kind: 'section', spans: entitySpans(raw, 'console') }] };
        const html = renderViewHtml(view, new Map());
        const rest = html.replace(/<\/?(?:div|span|a|p|strong|em|s|code)(?:\s[^<>]*)?>/g, '');
        expect(rest).not.toMatch(/[<>]/);
        expect(html).not.toMatch(/href="(?!https?:\/\/|mailto:)/);
      }),
    );
  });

  it('on Teams: no `<` a client would read as a tag or broadcast but Arising’s own mentions', () => {
    fc.assert(
      fc.property(markupish, (raw) => {
        const view: View = { text: raw, blocks: [{ kind: 'section', spans: entitySpans(raw, 'teams') }] };
        const card = JSON.stringify(renderCard(view, () => undefined));
        expect(card.replace(/<\/?at>/g, '')).not.toMatch(/<[A-Za-z/@!]/);
      }),
    );
  });
});
