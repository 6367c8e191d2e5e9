/**
 * Live updates for the console page over server-sent events. One Redis subscriber per web process hears
 * every new and changed console message (whichever process wrote it: a command here, a reminder in a
 * worker) and passes each to the browsers that may see it:
 * - the channel's messages to everyone, except an answer meant for one person, which only they get;
 * - a person's direct messages only to a browser acting as that person; a browser acting as someone
 *   else only hears `unread` with whose pane it was, so the person switch can show a dot.
 * A comment line every HEARTBEAT_MS keeps proxies from closing an idle stream.
 */
import type { Response } from 'express';
import type { Logger } from '../core/logger';
import type { RedisClient } from '../store/redis-connection';
import { type ConsoleEvent, type ConsoleMessage, dmPane, eventsChannel } from './console-store';
import { CONSOLE_CHANNEL, demoNames, personById } from './demo';
import { renderViewHtml } from './html-view';

const HEARTBEAT_MS = 20_000;

/** A message as the page gets it: rendered, with its author's name, and which of the viewer's panes. */
export interface ShownMessage {
  id: string;
  pane: 'channel' | 'dm';
  thread: string | null;
  from: { id: string; name: string } | null;
  html: string;
  at: string;
  editedAt: string | null;
  /** Only the viewer sees it. */
  ephemeral: boolean;
}

/** Whether `viewer` may see the message, and in which of their panes. */
export function paneFor(message: ConsoleMessage, viewer: string): 'channel' | 'dm' | null {
  if (message.visibleTo !== null && message.visibleTo !== viewer) return null;
  if (message.pane === 'channel') return 'channel';
  return message.pane === dmPane(viewer) ? 'dm' : null;
}

const NAMES = demoNames();

export function showMessage(message: ConsoleMessage, pane: 'channel' | 'dm'): ShownMessage {
  const from =
    message.from === null ? null : { id: message.from, name: NAMES.get(message.from) ?? message.from };
  const view = message.view ?? { text: message.text ?? '', blocks: [] };
  return {
    id: message.id,
    pane,
    thread: message.thread,
    from,
    html: renderViewHtml(view, NAMES),
    at: message.at,
    editedAt: message.editedAt,
    ephemeral: message.visibleTo !== null,
  };
}

interface Client {
  viewer: string;
  res: Response;
}

export class ConsoleEvents {
  private readonly clients = new Set<Client>();
  private readonly heartbeat: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly subscriber: RedisClient,
    prefix: string,
    logger: Logger,
  ) {
    const channel = eventsChannel(prefix);
    // Subscribes on every (re)connection: a subscription that failed while Redis was down is made later.
    subscriber.on('ready', () => {
      subscriber
        .subscribe(channel)
        .catch((error: unknown) => logger.warn('Console: cannot subscribe:', error));
    });
    subscriber.on('message', (from: string, raw: string) => {
      if (from === channel) this.dispatch(raw);
    });
    this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Turns the response into an event stream for `viewer` until the browser goes away. */
  attach(res: Response, viewer: string): void {
    res.status(200).set({
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.flushHeaders();
    res.write('retry: 2000\n\n');
    const client = { viewer, res };
    this.clients.add(client);
    res.on('close', () => this.clients.delete(client));
  }

  /** Ends every stream (so the HTTP server can close at once) and the subscription. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.heartbeat);
    for (const { res } of this.clients) res.end();
    this.clients.clear();
    await Promise.race([
      this.subscriber.quit().catch(() => undefined),
      new Promise((resolve) => setTimeout(resolve, 1000).unref()),
    ]);
    this.subscriber.disconnect();
  }

  get size(): number {
    return this.clients.size;
  }

  private dispatch(raw: string): void {
    if (this.closed) return;
    let event: ConsoleEvent;
    try {
      event = JSON.parse(raw) as ConsoleEvent;
    } catch {
      return;
    }
    const { channel } = event;
    if (
      channel?.platform !== CONSOLE_CHANNEL.platform ||
      channel.team !== CONSOLE_CHANNEL.team ||
      channel.channel !== CONSOLE_CHANNEL.channel
    ) {
      return;
    }
    for (const client of this.clients) this.deliver(client, event);
  }

  private deliver(client: Client, event: ConsoleEvent): void {
    const pane = paneFor(event.message, client.viewer);
    if (pane) {
      send(client.res, event.type, showMessage(event.message, pane));
      return;
    }
    const owner = event.message.pane.startsWith('dm:') ? event.message.pane.slice(3) : null;
    if (event.type === 'post' && owner && personById(owner) && event.message.from === null) {
      send(client.res, 'unread', { person: owner });
    }
  }

  private beat(): void {
    for (const { res } of this.clients) res.write(': ping\n\n');
  }
}

function send(res: Response, event: string, data: unknown): void {
  res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}
