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
      if (outcome === 'late') void part.disconnect().catch(() => undefined);
    }),
  );
}
