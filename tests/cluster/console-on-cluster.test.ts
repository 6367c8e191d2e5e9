/**
 * The browser console on a Redis Cluster: the service (startService, console on) on the three-node
 * cluster that `npm run test:cluster` starts. An action added in the console is stored on the cluster,
 * `list` shows it, and another person's open console hears of it at once over the event stream, whose
 * messages go through the cluster's pub/sub.
 */
import type { ChannelRef } from '../../src/core/domain';
import { TEST_REDIS_CLUSTER } from '../support/redis';
import { type ConsoleService, startConsoleService } from '../support/start-console';

jest.setTimeout(60_000);

const CONSOLE: ChannelRef = { platform: 'console', team: 'demo', channel: 'committee' };
let t: ConsoleService;

beforeAll(async () => {
  if (!TEST_REDIS_CLUSTER) throw new Error('Run with `npm run test:cluster`: it starts the Redis Cluster');
  t = await startConsoleService();
});

afterAll(async () => {
  await t?.stop();
});

interface ShownMessage {
  id: string;
  from: { id: string } | null;
  html: string;
}

/** The newest message Arising itself posted in the channel pane, as Chris sees it. */
async function lastFromArising(): Promise<ShownMessage | undefined> {
  const panes = (await (await fetch(`${t.baseUrl}/console/api/panes?as=chris`)).json()) as {
    channel: ShownMessage[];
  };
  return panes.channel.filter((message) => message.from === null).at(-1);
}

async function send(as: string, text: string): Promise<void> {
  const res = await fetch(`${t.baseUrl}/console/api/send`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ as, pane: 'channel', text }),
  });
  expect(res.status).toBe(200);
}

/** Reads a server-sent event stream until its text contains `needle`; resolves to what was read. */
async function readUntil(stream: Response, needle: string, timeoutMs: number): Promise<string> {
  const reader = stream.body?.getReader();
  if (!reader) throw new Error('the event stream has no body');
  const decoder = new TextDecoder();
  let text = '';
  const deadline = Date.now() + timeoutMs;
  while (!text.includes(needle)) {
    const left = deadline - Date.now();
    if (left <= 0)
      throw new Error(`"${needle}" did not arrive within ${timeoutMs} ms; the stream said:\n${text}`);
    const chunk = await Promise.race([
      reader.read(),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), left)),
    ]);
    if (chunk === null || chunk.done) continue;
    text += decoder.decode(chunk.value, { stream: true });
  }
  return text;
}

it('adds an action in the console on the cluster, lists it, and tells another open console at once', async () => {
  expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
  const watching = new AbortController();
  const priya = await fetch(`${t.baseUrl}/console/api/stream?as=priya`, { signal: watching.signal });
  expect(priya.status).toBe(200);
  try {
    await send('chris', 'add @Priya to send the July figures by 31 December 2035');
    const stored = await t.store.get(CONSOLE, 1);
    expect(stored?.text).toContain('send the July figures');
    expect(stored?.state).toBe('open');
    expect(await readUntil(priya, 'send the July figures', 10_000)).toContain('send the July figures');

    const card = await lastFromArising();
    await send('chris', 'list');
    const list = await lastFromArising();
    expect(list?.id).not.toBe(card?.id);
    expect(list?.html).toContain('send the July figures');
    expect(list?.html).toContain('#1');
  } finally {
    watching.abort();
  }
});
