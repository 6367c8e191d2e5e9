/**
 * Where a Teams activity happens, in the core's terms.
 *
 * A Teams conversation id names a channel (`19:…@thread.tacv2`), a group chat (`19:…@thread.v2`) or a
 * personal chat (`a:…`); inside a channel, a message in a thread carries the thread's root message id as
 * a suffix: `19:…@thread.tacv2;messageid=1700000000000`. The suffix is not part of the channel.
 *
 * ChannelRef for Teams: `team` is the tenant id and `channel` the conversation id without the suffix.
 * Conversation ids are unique across Teams, so the channel alone keeps two channels' action numbers
 * apart; the tenant keeps every tenant's actions (and buttons, and replies) to itself. The team id is
 * deliberately not part of it: a reminder is answered in the owner's personal chat, which belongs to no
 * team, and its buttons and replies must still reach the action (the core accepts them within the same
 * platform and `team`).
 */
import type { ChannelRef } from '../core/domain';

/** The parts of an activity this module reads (botbuilder's Activity has them all). */
export interface ActivityWhere {
  conversation?: { id?: string; tenantId?: string; conversationType?: string };
  channelData?: unknown;
}

/** Used when an activity names no tenant (the Bot Framework Emulator). */
export const NO_TENANT = 'no-tenant';

const MESSAGE_ID = /;messageid=([^;]+)/i;

/** The conversation id without its `;messageid=…` thread suffix. */
export function baseConversationId(id: string): string {
  return id.replace(/;messageid=[^;]*/i, '');
}

/** The root message id of the thread a channel activity is in, or null outside a thread. */
export function threadRootOf(id: string): string | null {
  return MESSAGE_ID.exec(id)?.[1] ?? null;
}

/** The tenant the activity comes from: channelData.tenant.id, else conversation.tenantId. */
export function tenantOf(activity: ActivityWhere): string {
  const data = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const fromData = typeof data?.tenant?.id === 'string' ? data.tenant.id : undefined;
  return fromData || activity.conversation?.tenantId || NO_TENANT;
}

/** The team the activity happens in (channels only), for the log and the welcome. */
export function teamIdOf(activity: ActivityWhere): string | null {
  const data = activity.channelData as { team?: { id?: unknown } } | undefined;
  return typeof data?.team?.id === 'string' ? data.team.id : null;
}

export function channelRefOf(activity: ActivityWhere): ChannelRef {
  const id = activity.conversation?.id;
  if (!id) throw new Error('The activity has no conversation id');
  return { platform: 'teams', team: tenantOf(activity), channel: baseConversationId(id) };
}

export type ConversationKind = 'personal' | 'channel' | 'groupChat';

export function conversationKindOf(activity: ActivityWhere): ConversationKind {
  const type = activity.conversation?.conversationType;
  if (type === 'channel' || type === 'groupChat' || type === 'personal') return type;
  // The Emulator and older clients leave conversationType out: a personal chat has no thread id.
  return activity.conversation?.id?.startsWith('19:') ? 'groupChat' : 'personal';
}

/** The conversation id that posts into the thread of `rootId` in a channel. */
export function threadConversationId(channelConversation: string, rootId: string): string {
  return `${baseConversationId(channelConversation)};messageid=${rootId}`;
}
