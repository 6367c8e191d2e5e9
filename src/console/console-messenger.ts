/**
 * The Messenger of the `console` platform: posts go into the console's panes in Redis (the channel, a
 * thread under a message, a person's direct messages) and updates replace a message in place; the store
 * announces both so every open browser shows them at once. Reminders sent by a worker arrive this way in
 * the owner's DM pane.
 *
 * A MessageRef here is `{conversation: <pane>, id: <message id>}`; a thread keeps the pane of its parent.
 * Only the demo people have a DM pane: a direct message to anyone else cannot be delivered (null), and
 * the core then names them in the channel, as it does for a Slack user who cannot be messaged.
 */

import { CHANNEL_PANE, type ConsolePaneStore, dmPane } from '../core/console-pane-store';
import type { ChannelRef, MessageRef } from '../core/domain';
import type { Destination, Messenger } from '../core/ports';
import type { View } from '../core/view';
import { personById } from './demo';

export class ConsoleMessenger implements Messenger {
  constructor(private readonly store: ConsolePaneStore) {}

  async post(to: Destination, view: View): Promise<MessageRef | null> {
    const common = { from: null, view, text: null, visibleTo: null };
    switch (to.kind) {
      case 'channel': {
        const message = await this.store.add(to.channel, { ...common, pane: CHANNEL_PANE, thread: null });
        return { conversation: CHANNEL_PANE, id: message.id };
      }
      case 'thread': {
        const pane = to.message.conversation;
        const message = await this.store.add(to.channel, { ...common, pane, thread: to.message.id });
        return { conversation: pane, id: message.id };
      }
      case 'user': {
        if (!personById(to.userId)) return null;
        const pane = dmPane(to.userId);
        const message = await this.store.add(to.channel, { ...common, pane, thread: null });
        return { conversation: pane, id: message.id };
      }
    }
  }

  async update(channel: ChannelRef, message: MessageRef, view: View): Promise<void> {
    await this.store.update(channel, message.id, view);
  }
}
