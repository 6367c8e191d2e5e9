/**
 * Finding a message by its send key in a Slack conversation's recent history.
 *
 * Every post with a key carries it as message metadata (`event_type` SEND_EVENT_TYPE, payload `{key}`).
 * When a sender died after asking Slack to post and before recording that it had, the retry reads the
 * conversation's messages since the first attempt (`include_all_metadata`) and looks for its key: found
 * means the post landed and must not be sent again. A bounded number of pages is read; a conversation so
 * busy that the key could lie beyond them answers `cannot-tell`, so the caller resends rather than loses.
 */
import type { webApi } from '@slack/bolt';
import type { MessageRef } from '../core/domain';
import type { PostedLookup } from '../core/ports';
import type { ConversationQueues, WebClient } from './slack-api';

/** The metadata event type of Arising's keyed posts. */
export const SEND_EVENT_TYPE = 'arising_send';

/** Pages of history read at most (200 messages each). */
const MAX_PAGES = 5;
const PAGE_SIZE = 200;
/** Read from this long before `since`, for a clock that is a little off Slack's. */
const CLOCK_SLACK_SECONDS = 120;

/** The metadata that marks a post with its send key. */
export function sendKeyMetadata(key: string): { event_type: string; event_payload: { key: string } } {
  return { event_type: SEND_EVENT_TYPE, event_payload: { key } };
}

type HistoryMessage = NonNullable<webApi.ConversationsHistoryResponse['messages']>[number];

function carriesKey(message: HistoryMessage, key: string): boolean {
  const metadata = message.metadata;
  if (!metadata || metadata.event_type !== SEND_EVENT_TYPE) return false;
  const payload: unknown = metadata.event_payload;
  return typeof payload === 'object' && payload !== null && 'key' in payload && payload.key === key;
}

/**
 * Looks for the bot's message with `key` in `conversation` (or in the thread under `threadTs`) posted
 * since `since`.
 */
export async function findByKey(
  client: WebClient,
  queues: ConversationQueues,
  where: { conversation: string; threadTs?: string },
  key: string,
  since: Date,
): Promise<PostedLookup> {
  const oldest = String(Math.floor(since.getTime() / 1000) - CLOCK_SLACK_SECONDS);
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const common = {
      channel: where.conversation,
      oldest,
      limit: PAGE_SIZE,
      include_all_metadata: true,
      cursor,
    };
    const reply = await queues.run(where.conversation, () =>
      where.threadTs
        ? client.conversations.replies({ ...common, ts: where.threadTs })
        : client.conversations.history(common),
    );
    const found = (reply.messages ?? []).find((m) => carriesKey(m, key));
    if (found?.ts) {
      const message: MessageRef = { conversation: where.conversation, id: found.ts };
      return { kind: 'found', message };
    }
    cursor = reply.response_metadata?.next_cursor || undefined;
    if (!reply.has_more || !cursor) return { kind: 'absent' };
  }
  return { kind: 'cannot-tell' };
}
