/** Instants shown to users, in the channel's zone: `Sat 21 Nov 2026, 14:05`. */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';

export function formatInstant(iso: string, timezone: string): string {
  return format(new TZDate(Date.parse(iso), timezone), 'EEE d MMM yyyy, HH:mm');
}
