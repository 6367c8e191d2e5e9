/**
 * One Messenger for the core that hands each message to its platform's messenger, so one service and one
 * set of workers serve Slack, Teams and the console together. A platform that is not configured here
 * delivers nothing: `post` answers null (the core then names the owner in the channel, or tells the user),
 * and an update is skipped.
 */
import type { ChannelRef, MessageRef, Platform } from '../core/domain';
import type { Destination, Messenger, PostedLookup, PostOptions } from '../core/ports';
import type { View } from '../core/view';

export class PlatformMessengers implements Messenger {
  private readonly byPlatform: Partial<Record<Platform, Messenger>>;

  constructor(byPlatform: Partial<Record<Platform, Messenger | undefined>>) {
    this.byPlatform = Object.fromEntries(Object.entries(byPlatform).filter(([, m]) => m !== undefined));
  }

  async post(to: Destination, view: View, options?: PostOptions): Promise<MessageRef | null> {
    const messenger = this.byPlatform[to.channel.platform];
    return messenger ? messenger.post(to, view, options) : null;
  }

  async findPosted(to: Destination, key: string, since: Date): Promise<PostedLookup> {
    const messenger = this.byPlatform[to.channel.platform];
    return messenger?.findPosted ? messenger.findPosted(to, key, since) : { kind: 'cannot-tell' };
  }

  async linkTo(channel: ChannelRef, message: MessageRef): Promise<string | null> {
    return (await this.byPlatform[channel.platform]?.linkTo?.(channel, message)) ?? null;
  }

  async update(channel: ChannelRef, message: MessageRef, view: View): Promise<void> {
    await this.byPlatform[channel.platform]?.update(channel, message, view);
  }
}
