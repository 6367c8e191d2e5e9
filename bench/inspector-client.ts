/**
 * Talks to a child Node process started with `--inspect=127.0.0.1:0` over the inspector protocol, so a
 * benchmark can force a full GC and read the live heap (or take a heap snapshot) of the service from
 * outside: nothing benchmark-only is added to the service's own code. `node:inspector` only reaches the
 * process it runs in, hence a WebSocket (undici's, with its own types; Node 20's global one is behind a flag).
 */
import { writeFileSync } from 'node:fs';
import { WebSocket } from 'undici';

/** The URL a child prints on stderr when started with `--inspect`. */
export const INSPECTOR_URL = /Debugger listening on (ws:\/\/\S+)/;

interface Reply {
  id?: number;
  method?: string;
  params?: { chunk?: string };
  result?: unknown;
  error?: { message: string };
}

export class InspectorClient {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve(result: unknown): void; reject(e: Error): void }>();
  private snapshotChunks: string[] = [];

  private constructor(private readonly socket: WebSocket) {
    socket.addEventListener('message', (event) => {
      const reply = JSON.parse(String(event.data)) as Reply;
      if (reply.method === 'HeapProfiler.addHeapSnapshotChunk') {
        this.snapshotChunks.push(reply.params?.chunk ?? '');
        return;
      }
      if (reply.id === undefined) return;
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (reply.error) waiter?.reject(new Error(reply.error.message));
      else waiter?.resolve(reply.result);
    });
    socket.addEventListener('close', () => {
      for (const waiter of this.waiting.values()) waiter.reject(new Error('inspector connection closed'));
      this.waiting.clear();
    });
  }

  static connect(url: string): Promise<InspectorClient> {
    const socket = new WebSocket(url);
    return new Promise((resolve, reject) => {
      socket.addEventListener('open', () => resolve(new InspectorClient(socket)), { once: true });
      socket.addEventListener('error', () => reject(new Error(`could not connect to ${url}`)), {
        once: true,
      });
    });
  }

  send(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /**
   * The process's memory after a forced full (mark-compact) GC, so heapUsed is what something still
   * references. Collected twice, as one collection can leave garbage that only a finaliser of the first
   * released. process.memoryUsage() is read by evaluating it in the process, as a debugger console would.
   */
  async memoryAfterGc(): Promise<NodeJS.MemoryUsage> {
    await this.send('HeapProfiler.collectGarbage');
    await this.send('HeapProfiler.collectGarbage');
    const evaluated = (await this.send('Runtime.evaluate', {
      expression: 'process.memoryUsage()',
      returnByValue: true,
    })) as { result: { value: NodeJS.MemoryUsage } };
    return evaluated.result.value;
  }

  /** Writes a heap snapshot (the format Chrome DevTools loads) to `file`; it forces a GC of its own. */
  async writeHeapSnapshot(file: string): Promise<void> {
    this.snapshotChunks = [];
    await this.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    writeFileSync(file, this.snapshotChunks.join(''));
    this.snapshotChunks = [];
  }

  close(): void {
    this.socket.close();
  }
}
