/** How `meeting calendar` is read: the URL in every form the platforms send it, and what is not one. */
import { calendarUrl } from '../../src/core/calendar/calendar-url';
import { parseCommand } from '../../src/core/command-parser';

const FEED = 'https://calendar.example.org/committee.ics?key=a1&x=2';

describe('meeting calendar', () => {
  it.each([
    ['typed', `meeting calendar ${FEED}`],
    ['as Slack sends a link', `meeting calendar <${FEED}>`],
    ['as Slack sends a labelled link', `meeting calendar <${FEED}|Committee calendar>`],
    ['as an HTML anchor', `meeting calendar <a href="${FEED.replace('&', '&amp;')}">Committee calendar</a>`],
  ])('reads the URL %s', (_form, text) => {
    const cmd = parseCommand(text);
    expect(cmd.kind).toBe('meeting-calendar');
    if (cmd.kind === 'meeting-calendar') expect(calendarUrl(cmd.url).href).toBe(FEED);
  });

  it('reads webcal:// as https', () => {
    expect(calendarUrl('webcal://p01-calendars.example.com/published/2/abc').href).toBe(
      'https://p01-calendars.example.com/published/2/abc',
    );
  });

  it('reads off, and leaves a meeting whose title begins with Calendar a meeting', () => {
    expect(parseCommand('meeting calendar off')).toEqual({ kind: 'meeting-calendar-off' });
    expect(parseCommand('meeting Calendar review on 3 May 2027')).toEqual({
      kind: 'meeting-start',
      title: 'Calendar review',
      dateText: '3 May 2027',
    });
  });

  it('asks for the address when there is none, and refuses what is not http, https or webcal', () => {
    expect(() => parseCommand('meeting calendar')).toThrow("`meeting calendar` needs the calendar's address");
    expect(() => calendarUrl('ftp://example.org/a.ics')).toThrow(
      '`ftp://example.org/a.ics` is not the address of a calendar feed (http, https or webcal)',
    );
    expect(() => calendarUrl('committee')).toThrow(
      'Write `meeting calendar https://example.org/committee.ics`',
    );
  });
});
