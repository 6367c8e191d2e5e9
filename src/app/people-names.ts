/**
 * The names of people by user id, where Arising knows them, for documents that cannot show a mention
 * (the papers as .docx): Teams' display names as the bot has seen them (kept by the Teams adapter), the
 * console's demo people. Slack's are not known: the app does not ask for `users:read`, so a Slack person
 * stays `@U123` on the papers.
 */
import { demoNames } from '../console/demo';
import type { ConversationReferenceStore } from '../core/conversation-reference-store';
import type { ChannelRef } from '../core/domain';

export type PeopleNames = (channel: ChannelRef, userIds: string[]) => Promise<Map<string, string>>;

export function peopleNamesFrom(references: Pick<ConversationReferenceStore, 'names'>): PeopleNames {
  return async (channel, userIds) => {
    if (channel.platform === 'console') return demoNames();
    if (channel.platform !== 'teams' || userIds.length === 0) return new Map();
    return references.names(channel.team, [...new Set(userIds)]);
  };
}
