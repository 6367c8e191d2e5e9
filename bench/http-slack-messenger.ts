/**
 * A minimal Messenger for benchmarks that sends each post as one JSON `chat.postMessage` call over HTTP,
 * as the Slack adapter does, to a FakeSlackEndpoint. It stands in for the real Slack messenger so the
 * benchmark measures the jobs path (queue, checks, claims, one HTTP call per DM) on its own.
 */
import type { ChannelRef, MessageRef } from '../src/core/domain';
import type { Destination, Messenger } from '../src/core/ports';
import type { View } from '../src/core/view';

export class HttpSlackMessenger implements Messenger {
  constructor(private readonly apiUrl: string) {}

  async post(to: Destination, view: View): Promise<MessageRef | null> {
    const channel = to.kind === 'user' ? to.userId : to.channel.channel;
    const res = await fetch(`${this.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ channel, text: view.text, blocks: view.blocks }),
    });
    const body = (await res.json()) as { ok: boolean; channel: string; ts: string; error?: string };
    if (!body.ok) throw new Error(`chat.postMessage: ${body.error ?? res.status}`);
    return { conversation: body.channel, id: body.ts };
  }

  async update(_channel: ChannelRef, message: MessageRef, view: View): Promise<void> {
    await fetch(`${this.apiUrl}chat.update`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ channel: message.conversation, ts: message.id, text: view.text }),
    });
  }
}
