/**
 * Whether a user is in a channel, for the global shortcut's channel picker. Slack's picker offers every
 * public channel, joined or not, and the bot may post in any of them (chat:write.public): without this
 * check, anyone could put an action card in a channel they are not part of. Private channels need no
 * check: the picker only offers those the user is in.
 *
 * conversations.members (scope channels:read for public channels) is read page by page. Anything Slack
 * cannot answer (a private channel, a rate limit, a very large channel) is "cannot tell", and the form
 * goes ahead: the post that follows says what is wrong if the bot cannot post there.
 */
import type { WebClient } from './slack-api';

/** Members read per call, and most pages read before giving up (10,000 members). */
const PAGE = 200;
const MAX_PAGES = 50;

export type Membership = 'member' | 'not-member' | 'cannot-tell';

export async function membershipOf(client: WebClient, channel: string, user: string): Promise<Membership> {
  let cursor: string | undefined;
  try {
    for (let page = 0; page < MAX_PAGES; page++) {
      const answer = await client.conversations.members({
        channel,
        limit: PAGE,
        ...(cursor ? { cursor } : {}),
      });
      if (answer.members?.includes(user)) return 'member';
      cursor = answer.response_metadata?.next_cursor || undefined;
      if (!cursor) return 'not-member';
    }
    return 'cannot-tell';
  } catch {
    return 'cannot-tell';
  }
}
