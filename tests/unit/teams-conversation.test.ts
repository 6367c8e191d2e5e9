/** Where a Teams activity happens, as the core scopes it: tenant, and conversation without its thread. */
import {
  baseConversationId,
  channelRefOf,
  conversationKindOf,
  threadConversationId,
  threadRootOf,
} from '../../src/teams/teams-conversation';

const THREAD = '19:abc@thread.tacv2;messageid=1700000000123';

describe('Teams conversation ids', () => {
  it('separate the channel from the thread a message is in', () => {
    expect(baseConversationId(THREAD)).toBe('19:abc@thread.tacv2');
    expect(threadRootOf(THREAD)).toBe('1700000000123');
    expect(threadRootOf('19:abc@thread.tacv2')).toBeNull();
    expect(threadConversationId(THREAD, '42')).toBe('19:abc@thread.tacv2;messageid=42');
  });

  it('scope a channel by tenant and channel, never by thread, so every thread of a channel is one channel', () => {
    const activity = {
      conversation: { id: THREAD, conversationType: 'channel', tenantId: 'from-conversation' },
      channelData: { tenant: { id: 'tenant-1' }, team: { id: '19:team@thread.tacv2' } },
    };
    expect(channelRefOf(activity)).toEqual({
      platform: 'teams',
      team: 'tenant-1',
      channel: '19:abc@thread.tacv2',
    });
    expect(channelRefOf({ conversation: { id: 'a:chat', tenantId: 'tenant-2' } })).toEqual({
      platform: 'teams',
      team: 'tenant-2',
      channel: 'a:chat',
    });
  });

  it('tell personal chats, group chats and channels apart, also when Teams leaves the type out', () => {
    expect(conversationKindOf({ conversation: { id: 'a:1', conversationType: 'personal' } })).toBe(
      'personal',
    );
    expect(conversationKindOf({ conversation: { id: THREAD, conversationType: 'channel' } })).toBe('channel');
    expect(conversationKindOf({ conversation: { id: '19:x@thread.v2' } })).toBe('groupChat');
    expect(conversationKindOf({ conversation: { id: 'emulator-conversation' } })).toBe('personal');
  });
});
