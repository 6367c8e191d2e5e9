/** `settings`: the channel's settings, each with the command that changes it. */
import type { ChannelSettings } from '../domain';
import { type Span, text, user, type View } from '../view';

const DAYS = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export function settingsView(settings: ChannelSettings, defaultTimezone: string, heading?: string): View {
  const zone = settings.timezone ?? `${defaultTimezone} (the default)`;
  const digest = settings.digest ? `${DAYS[settings.digest.weekday]} ${settings.digest.time}` : 'off';
  const lines = [
    `Time zone: ${zone} — \`settings timezone Europe/London\``,
    `Reminders: ${settings.reminders.join(' ')} — \`settings reminders -2d 0 +1d\``,
    `Working days: ${settings.workdays.map((d) => DAYS[d]).join(', ')} — \`settings workdays mon-fri\``,
    `Public holidays: ${settings.holidays ?? 'none'} — \`settings holidays GB-ENG\``,
    `Weekly overdue digest: ${digest} — \`settings digest monday 09:00\` or \`settings digest off\``,
    `Check-ins before the next meeting: ${settings.checkin ?? 'off'} — \`settings checkin -3d\` or \`settings checkin off\``,
  ];
  const spans: Span[] = [text(`${heading ? `${heading}\n` : ''}${lines.join('\n')}\nChairs: `)];
  if (settings.chairs.length === 0)
    spans.push(
      text(
        'none yet: whoever first changes a setting, alias or meeting becomes the chair — `settings chairs @chair`',
      ),
    );
  settings.chairs.forEach((id, i) => {
    if (i > 0) spans.push(text(' '));
    spans.push(user(id));
  });
  if (settings.chairs.length > 0) spans.push(text(' (only chairs change settings, aliases and meetings)'));
  return { text: `${heading ?? 'Settings'}: ${lines.join('; ')}`, blocks: [{ kind: 'section', spans }] };
}
