/**
 * A new action's form read as the `add` command: the owners by the owner grammar, the due date in the
 * channel's zone (a day alone due at 17:00 there), the agenda item as `item` takes it, and every mistake
 * named against its field at once.
 */
import { ChannelMeetingsSchema, ChannelSettingsSchema } from '../../src/core/domain';
import { addCommandOf, FormError, type NewActionForm } from '../../src/core/new-action-form';
import type { ChannelContext } from '../../src/core/service-deps';

const ctx = (timezone = 'Europe/London'): ChannelContext => ({
  channel: { platform: 'slack', team: 'T1', channel: 'C1' },
  settings: ChannelSettingsSchema.parse({ timezone }),
  timezone,
  aliases: {},
  meetings: ChannelMeetingsSchema.parse({}),
  isHoliday: undefined,
});
// Wednesday 1 July 2026, 10:00 in London.
const NOW = new Date('2026-07-01T09:00:00Z');

const form = (more: Partial<NewActionForm> = {}): NewActionForm => ({
  task: 'send the figures by email',
  owners: '<@U1>, WYP',
  dueDate: null,
  dueTime: null,
  agendaItem: null,
  ...more,
});

function errorsOf(f: NewActionForm, zone?: string): Record<string, string> {
  try {
    addCommandOf(f, ctx(zone), NOW);
  } catch (error) {
    if (error instanceof FormError) return error.errors as Record<string, string>;
    throw error;
  }
  throw new Error('the form was accepted');
}

describe('a new-action form read as `add`', () => {
  it('keeps the task whole (a ` by ` in it is no due clause) and reads people and alias as owners', () => {
    expect(addCommandOf(form(), ctx(), NOW)).toEqual({
      kind: 'add',
      owners: [
        { kind: 'user', id: 'U1' },
        { kind: 'alias', name: 'WYP' },
      ],
      text: 'send the figures by email',
      dueText: null,
      textWithDue: 'send the figures by email',
      agendaItem: null,
    });
  });

  it('takes the picked day and time as the due phrase, and the item as `item` writes it', () => {
    const cmd = addCommandOf(
      form({ dueDate: '2026-07-10', dueTime: '14:30', agendaItem: '#3.2' }),
      ctx(),
      NOW,
    );
    expect(cmd.dueText).toBe('2026-07-10 14:30');
    expect(cmd.agendaItem).toBe('3.2');
  });

  it('reads "today" in the channel’s zone: 1 July is already over in Auckland', () => {
    expect(addCommandOf(form({ dueDate: '2026-07-01' }), ctx(), NOW).dueText).toBe('2026-07-01');
    expect(errorsOf(form({ dueDate: '2026-07-01' }), 'Pacific/Auckland').due).toMatch(/in the past/);
  });

  it('names every mistake against its field at once', () => {
    const errors = errorsOf(
      form({ task: ' \u0000 ', owners: '', dueDate: null, dueTime: '09:00', agendaItem: 'Road Safety' }),
    );
    expect(Object.keys(errors).sort()).toEqual(['due', 'item', 'owners', 'task']);
    expect(errors.due).toMatch(/Pick a day for that time/);
  });

  it('refuses owners that cannot own anything, and a malformed date', () => {
    expect(errorsOf(form({ owners: '<#C123>' })).owners).toBeDefined();
    expect(errorsOf(form({ dueDate: '10/07/2026' })).due).toMatch(/not a date/);
  });
});
