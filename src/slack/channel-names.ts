/**
 * A Slack channel's name (`committee`), for what is read outside Slack, where a channel id means nothing:
 * the mails to owners outside the chat. conversations.info needs channels:read for a public channel; a
 * private channel (groups:read, not asked for), an uninstalled workspace or any error is "no name", and
 * the mail then says "a Slack channel".
 */
import type { ChannelRef } from '../core/domain';
import type { SlackClients } from './slack-clients';

export async function slackChannelName(clients: SlackClients, channel: ChannelRef): Promise<string | null> {
  try {
    const { client } = await clients.forTeam(channel.team);
    const answer = await client.conversations.info({ channel: channel.channel });
    return answer.channel?.name ?? null;
  } catch {
    return null;
  }
}
