/**
 * Slack's side of Socket Mode on loopback, for the fake Slack API: the WebSocket that
 * `apps.connections.open` points the service to. On each connection it says `hello` (Slack's go-ahead),
 * pings every few seconds as Slack does, and lets a test deliver envelopes (slash_commands, interactive,
 * events_api) and read the service's acknowledgements, each `{ envelope_id, payload }` as sent.
 *
 * Envelopes are made from the same requests the HTTP tests send (slack-signing.ts): a form with `payload`
 * is an interaction, any other form a slash command, JSON an Events API callback.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import type { SlackRequest } from './slack-signing';

export const SOCKET_PATH = '/socket-mode';

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

export interface Ack {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

/** The envelope Slack would send over the socket for a request it would otherwise POST. */
export function envelopeOf(request: SlackRequest, envelopeId: string): Record<string, unknown> {
  if (request.contentType === 'application/json') {
    return {
      type: 'events_api',
      envelope_id: envelopeId,
      payload: JSON.parse(request.body),
      accepts_response_payload: false,
      retry_attempt: 0,
      retry_reason: '',
    };
  }
  const form = new URLSearchParams(request.body);
  const interaction = form.get('payload');
  if (interaction !== null) {
    return {
      type: 'interactive',
      envelope_id: envelopeId,
      payload: JSON.parse(interaction),
      accepts_response_payload: true,
    };
  }
  return {
    type: 'slash_commands',
    envelope_id: envelopeId,
    payload: Object.fromEntries(form),
    accepts_response_payload: true,
  };
}

export class FakeSocketMode {
  readonly acks: Ack[] = [];
  /** How many times the service connected (a reconnect shows here). */
  connections = 0;
  private readonly wss = new WebSocket.Server({ noServer: true });
  private readonly sockets = new Set<WebSocket>();
  private counter = 0;
  private readonly pinger: NodeJS.Timeout;

  constructor(server: Server) {
    server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
      if (!req.url?.startsWith(SOCKET_PATH)) {
        socket.destroy();
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
    });
    this.pinger = setInterval(() => {
      for (const ws of this.sockets) ws.ping();
    }, 5000);
    this.pinger.unref();
  }

  /** Waits until the service is connected and has been told hello. */
  async connected(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.openSockets().length === 0) {
      if (Date.now() > deadline) throw new Error('The service did not connect over Socket Mode');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Sends a request as Slack would over the socket; returns its envelope id. */
  deliver(request: SlackRequest): string {
    const [ws] = this.openSockets();
    if (!ws) throw new Error('No Socket Mode connection to deliver on');
    this.counter += 1;
    const id = `env-${this.counter}-${Date.now()}`;
    ws.send(JSON.stringify(envelopeOf(request, id)));
    return id;
  }

  /** Says `disconnect` on every connection, as Slack does before it moves or refreshes one. */
  askToReconnect(): void {
    const message = JSON.stringify({ type: 'disconnect', reason: 'refresh_requested' });
    for (const ws of this.openSockets()) ws.send(message);
  }

  /** Waits until the service has connected `count` times in all. */
  async connectedTimes(count: number, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.connections < count || this.openSockets().length === 0) {
      if (Date.now() > deadline)
        throw new Error(`The service connected ${this.connections} time(s), not ${count}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** The service's acknowledgement of an envelope, once it has come. */
  async ackOf(envelopeId: string, timeoutMs = 3000): Promise<Ack> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const ack = this.acks.find((a) => a.envelope_id === envelopeId);
      if (ack) return ack;
      if (Date.now() > deadline) throw new Error(`Envelope ${envelopeId} was not acknowledged`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  /** Delivers a request as an envelope and waits for the service's ack of it. */
  deliverAcked(request: SlackRequest): Promise<Ack> {
    return this.ackOf(this.deliver(request));
  }

  close(): void {
    clearInterval(this.pinger);
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
  }

  private openSockets(): WebSocket[] {
    return [...this.sockets].filter((ws) => ws.readyState === WebSocket.OPEN);
  }

  private accept(ws: WebSocket): void {
    this.connections += 1;
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('message', (data) => {
      const ack = JSON.parse(String(data)) as Ack;
      this.acks.push(ack);
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.sockets.size,
        connection_info: { app_id: 'A0ARISING' },
        debug_info: { host: 'loopback', approximate_connection_time: 3600 },
      }),
    );
  }
}
