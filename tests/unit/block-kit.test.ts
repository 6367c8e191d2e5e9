import type { Block, Button, Span, View } from '../../src/core/view';
import { text, user } from '../../src/core/view';
import {
  buttonIdOf,
  decodeMenuValue,
  escapeMrkdwn,
  LIMITS,
  MENU_ACTION_ID,
  renderSpans,
  renderView,
} from '../../src/slack/block-kit';

const view = (...blocks: Block[]): View => ({ text: 'fallback', blocks });
const section = (...spans: Span[]): Block => ({ kind: 'section', spans });

/** The rendered message as JSON, so assertions can look at whatever Slack would receive. */
function json(v: View): string {
  return JSON.stringify(renderView(v));
}

describe('escapeMrkdwn', () => {
  it('escapes the characters that make mentions, links and entities', () => {
    expect(escapeMrkdwn('<!channel> & <@U123> <http://x|y>')).toBe(
      '&lt;!channel&gt; &amp; &lt;@U123&gt; &lt;http://x|y&gt;',
    );
  });
});

describe('renderView', () => {
  it('shows user text that looks like a mention or a link as typed, pinging nobody', () => {
    const rendered = renderView({
      text: 'Ping <!here>',
      blocks: [
        section(
          text('#1 '),
          user('U0PRIYA'),
          text(' to <!channel> see <http://evil.example|docs> & <@U999>'),
        ),
      ],
    });
    expect(rendered.blocks[0]).toEqual({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: '#1 <@U0PRIYA> to &lt;!channel&gt; see &lt;http://evil.example|docs&gt; &amp; &lt;@U999&gt;',
      },
    });
    expect(rendered.text).toBe('Ping &lt;!here&gt;');
    // The only `<` in the whole message is the intended owner mention.
    expect(JSON.stringify(rendered).match(/<[^>]*>/g)).toEqual(['<@U0PRIYA>']);
  });

  it('never turns a malformed user id into markup', () => {
    expect(renderSpans([user('U1>|<!channel')], 100)).toBe('U1&gt;|&lt;!channel');
  });

  it('marks bold, italic and strike text, keeping spaces outside the markers', () => {
    expect(
      renderSpans(
        [text('#4', { bold: true }), text(' send data ', { strike: true }), text('late', { italic: true })],
        100,
      ),
    ).toBe('*#4* ~send data~ _late_');
  });

  it('renders header, fields, context and divider blocks', () => {
    const rendered = renderView(
      view(
        { kind: 'header', text: 'Open actions' },
        { kind: 'fields', fields: [{ label: 'Due', spans: [text('Fri 31 Jul')] }] },
        { kind: 'context', spans: [text('Raised by '), user('U2')] },
        { kind: 'divider' },
      ),
    );
    expect(rendered.blocks).toEqual([
      { type: 'header', text: { type: 'plain_text', text: 'Open actions', emoji: true } },
      { type: 'section', fields: [{ type: 'mrkdwn', text: '*Due*\nFri 31 Jul' }] },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'Raised by <@U2>' }] },
      { type: 'divider' },
    ]);
  });

  it('renders Done, Snooze and an overflow menu whose options carry the button id and value', () => {
    const rendered = renderView(
      view({
        kind: 'buttons',
        buttons: [
          { id: 'done', label: 'Done', value: '7', style: 'primary' },
          { id: 'snooze', label: 'Snooze', value: '7' },
        ],
        menu: [
          { id: 'change-due', label: 'Change due date', value: '7' },
          { id: 'reassign', label: 'Reassign', value: '7' },
          { id: 'drop', label: 'Drop', value: '7', style: 'danger' },
        ],
      }),
    );
    expect(rendered.blocks).toEqual([
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: 'done',
            text: { type: 'plain_text', text: 'Done', emoji: true },
            value: '7',
            style: 'primary',
          },
          {
            type: 'button',
            action_id: 'snooze',
            text: { type: 'plain_text', text: 'Snooze', emoji: true },
            value: '7',
          },
          {
            type: 'overflow',
            action_id: MENU_ACTION_ID,
            options: [
              { text: { type: 'plain_text', text: 'Change due date', emoji: true }, value: 'change-due:7' },
              { text: { type: 'plain_text', text: 'Reassign', emoji: true }, value: 'reassign:7' },
              { text: { type: 'plain_text', text: 'Drop', emoji: true }, value: 'drop:7' },
            ],
          },
        ],
      },
    ]);
    expect(decodeMenuValue('change-due:7')).toEqual({ id: 'change-due', value: '7' });
    expect(decodeMenuValue('launch-missiles:7')).toBeNull();
    expect(decodeMenuValue('no-colon')).toBeNull();
  });

  it('gives repeated button ids unique action_ids that map back to the same ButtonId', () => {
    const rendered = renderView(
      view({
        kind: 'buttons',
        buttons: [
          { id: 'done', label: 'Done #1', value: '1' },
          { id: 'done', label: 'Done #2', value: '2' },
        ],
      }),
    );
    const ids = JSON.parse(JSON.stringify(rendered.blocks))[0].elements.map(
      (e: { action_id: string }) => e.action_id,
    );
    expect(ids).toEqual(['done', 'done#1']);
    expect(ids.map(buttonIdOf)).toEqual(['done', 'done']);
    expect(buttonIdOf('rm-rf')).toBeNull();
  });

  it('turns a one-item menu into a button, since an overflow needs two options', () => {
    const rendered = renderView(
      view({ kind: 'buttons', buttons: [], menu: [{ id: 'drop', label: 'Drop', value: '3' }] }),
    );
    expect(rendered.blocks).toEqual([
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: 'drop',
            text: { type: 'plain_text', text: 'Drop', emoji: true },
            value: '3',
          },
        ],
      },
    ]);
  });

  it('keeps an overflow menu to five options and actions blocks to 25 elements', () => {
    const menu: Button[] = Array.from({ length: 7 }, (_, i) => ({
      id: 'drop',
      label: `Item ${i}`,
      value: `${i}`,
    }));
    const buttons: Button[] = Array.from({ length: 30 }, (_, i) => ({
      id: 'done',
      label: `B${i}`,
      value: `${i}`,
    }));
    const rendered = JSON.parse(json(view({ kind: 'buttons', buttons, menu })));
    const elements = rendered.blocks.flatMap((b: { elements: unknown[] }) => b.elements);
    for (const block of rendered.blocks)
      expect(block.elements.length).toBeLessThanOrEqual(LIMITS.actionsElements);
    const overflow = elements.find((e: { type: string }) => e.type === 'overflow');
    expect(overflow.options).toHaveLength(5);
    // Nothing is lost: 30 buttons + 2 menu items beyond five + the overflow.
    expect(elements).toHaveLength(33);
  });

  it('cuts a long section to 3,000 characters with an ellipsis, never splitting an escape', () => {
    const long = '<'.repeat(2000);
    const rendered = renderView(view(section(text('Task: '), text(long))));
    const out = (rendered.blocks[0] as { text: { text: string } }).text.text;
    expect(out.length).toBeLessThanOrEqual(3000);
    expect(out.endsWith('&lt;…')).toBe(true);
    expect(out).toMatch(/^Task: (&lt;)+…$/);
  });

  it('cuts before a mention rather than through it', () => {
    expect(renderSpans([text('x'.repeat(8)), user('U12345')], 12)).toBe(`${'x'.repeat(8)}…`);
  });

  it('cuts a header to 150 and a button label to 75 characters', () => {
    const rendered = JSON.parse(
      json(
        view(
          { kind: 'header', text: 'h'.repeat(400) },
          { kind: 'buttons', buttons: [{ id: 'done', label: 'b'.repeat(100), value: '1' }] },
        ),
      ),
    );
    expect(rendered.blocks[0].text.text).toHaveLength(150);
    expect(rendered.blocks[0].text.text.endsWith('…')).toBe(true);
    expect(rendered.blocks[1].elements[0].text.text).toHaveLength(75);
  });

  it('refuses a button value over 2,000 characters instead of corrupting it', () => {
    expect(() =>
      renderView(
        view({ kind: 'buttons', buttons: [{ id: 'done', label: 'Done', value: 'v'.repeat(2001) }] }),
      ),
    ).toThrow(/limit 2,000/);
  });

  it('keeps at most 50 blocks, ending with a note saying how many items were left out', () => {
    const blocks: Block[] = [];
    for (let i = 1; i <= 60; i++) blocks.push(section(text(`#${i} task`)), { kind: 'divider' });
    const rendered = renderView(view(...blocks));
    expect(rendered.blocks).toHaveLength(50);
    // 49 kept blocks = 25 sections and 24 dividers, so 35 actions are not shown.
    expect(rendered.blocks[49]).toEqual({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: '…and 35 more not shown here. Narrow the list, e.g. `/action list mine` or `/action list overdue`.',
        },
      ],
    });
  });

  it('leaves out empty sections, which Slack would refuse', () => {
    expect(renderView(view(section(text('  ')), { kind: 'header', text: '' })).blocks).toEqual([]);
  });

  it('keeps the fallback text within 4,000 characters, escaped', () => {
    const rendered = renderView({ text: '<'.repeat(5000), blocks: [] });
    expect(rendered.text.length).toBeLessThanOrEqual(4000);
    expect(rendered.text).not.toContain('<');
  });

  it('splits more than ten fields over several sections', () => {
    const fields = Array.from({ length: 12 }, (_, i) => ({ label: `F${i}`, spans: [text('v')] }));
    const rendered = JSON.parse(json(view({ kind: 'fields', fields })));
    expect(rendered.blocks.map((b: { fields: unknown[] }) => b.fields.length)).toEqual([10, 2]);
  });
});
