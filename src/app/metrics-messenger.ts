/**
 * The Messenger, counted: a decorator around the platform router, so each platform's messenger stays as
 * it is and every send is counted the same way, whoever sends (a command, a reminder job, a digest).
 * A post that throws is a send failure (the caller retries or reports it); a post answered with null is
 * one the platform could not take (a person who cannot be messaged), which the core handles itself.
 */
import type { ChannelRef, MessageRef } from '../core/domain';
import type { Destination, Messenger, PostedLookup, PostOptions } from '../core/ports';
import type { View } from '../core/view';
import type { ServiceMetrics } from '../server/metrics';

export class MetricsMessenger implements Messenger {
  constructor(
    private readonly inner: Messenger,
    private readonly metrics: ServiceMetrics,
  ) {}

  async post(to: Destination, view: View, options?: PostOptions): Promise<MessageRef | null> {
    const platform = to.channel.platform;
    let posted: MessageRef | null;
    try {
      posted = await this.inner.post(to, view, options);
    } catch (error) {
      this.metrics.sendFailures.inc({ platform, operation: 'post' });
      throw error;
    }
    if (posted) this.metrics.messagesSent.inc({ platform, destination: to.kind });
    else this.metrics.sendUnreachable.inc({ platform });
    return posted;
  }

  async update(channel: ChannelRef, message: MessageRef, view: View): Promise<void> {
    try {
      await this.inner.update(channel, message, view);
    } catch (error) {
      this.metrics.sendFailures.inc({ platform: channel.platform, operation: 'update' });
      throw error;
    }
  }

  async linkTo(channel: ChannelRef, message: MessageRef): Promise<string | null> {
    return this.inner.linkTo ? this.inner.linkTo(channel, message) : null;
  }

  async findPosted(to: Destination, key: string, since: Date): Promise<PostedLookup> {
    return this.inner.findPosted ? this.inner.findPosted(to, key, since) : { kind: 'cannot-tell' };
  }
}
