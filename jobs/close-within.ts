/**
 * Closing BullMQ queues and workers without hanging. `close()` waits for a worker's current job (that is
 * what SIGTERM wants) but also for a Redis connection that may never come back; after the deadline the
 * connection is dropped instead, so a process stops within its 10 seconds whatever Redis is doing. A job
 * cut short that way is not lost: BullMQ's stalled-job check gives it to another worker.
 */
export interface Closable {
  close(): Promise<void>;
  disconnect(): Promise<void>;
}

export async function closeWithin(parts: readonly Closable[], deadlineMs: number): Promise<void> {
  await Promise.all(
    parts.map(async (part) => {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), deadlineMs);
      });
      const closed = part.close().then(
        () => 'closed' as const,
        () => 'late' as const,
      );
      const outcome = await Promise.race([closed, late]);
      clearTimeout(timer);
      // BullMQ's disconnect() itself waits on a connection that is not there: start it, do not wait.
      if (outcome === 'late') {
        void part.disconnect().catch(() => undefined);
        dropConnections(part);
      }
    }),
  );
}

/** What a BullMQ queue or worker holds that can keep a process alive: its backend's Redis clients, and a
 * worker's lock-renewal and stalled-check timers. */
type Internals = {
  backend?: Record<'connection' | 'blockingConnection', { _client?: { disconnect(): void } } | undefined>;
  lockManager?: { close(): Promise<void> };
  stalledCheckStopper?: () => void;
};

/**
 * Drops what a queue or worker still holds once its close() is late. A worker whose Redis never answered
 * waits in close() (for its current jobs) and in disconnect() (for a connection that does not come), and
 * meanwhile its clients go on reconnecting and its lock timer on rescheduling itself, for ever, keeping
 * the process (or a test run) alive after it was told to stop. ioredis's own disconnect() and the timers'
 * own stop end that; these are BullMQ internals, so each is used only where it is there.
 */
function dropConnections(part: Closable): void {
  const internals = part as Closable & Internals;
  for (const connection of [internals.backend?.connection, internals.backend?.blockingConnection]) {
    connection?._client?.disconnect();
  }
  void internals.lockManager?.close().catch(() => undefined);
  internals.stalledCheckStopper?.();
}
