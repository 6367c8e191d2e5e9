/**
 * The link to an action's page for an owner reached by email (`PUBLIC_URL/a/<token>`): the seam between
 * the mail that is sent (reminders, check-ins) and the page that answers it. The page's side signs the
 * token and checks it; the mail's side only asks for the link.
 */
import type { ChannelRef } from './domain';

export interface ActionPageLinks {
  /**
   * The page of action `number` in `channel` for `address`, valid for 30 days from `now`; null when the
   * service has no public URL (PUBLIC_URL unset), so no page can be reached from outside.
   */
  linkFor(channel: ChannelRef, number: number, address: string, now: Date): Promise<string | null>;
}
