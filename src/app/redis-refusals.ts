/**
 * Redis that answers but refuses Arising's commands, every time: the service is then unusable though
 * PING works, and /healthz must say so. It happens when REDIS_URL names one node of a Redis Cluster (the
 * node answers MOVED for keys of other nodes' slots, CROSSSLOT for a script whose keys span slots) or when
 * the password is wrong (NOAUTH, WRONGPASS) or the Redis user lacks rights (NOPERM). A BullMQ worker
 * meets such a reply in its main loop and tries again at once: logged one by one, that was 128,000 lines
 * in 20 s.
 *
 * A web process meets them in the replies to its users' commands (an add that ends in "Something went
 * wrong"), which no connection event reports: watchRefusedReplies hears those replies too.
 *
 * So a refusal is logged as an error once per connection a minute (with how many more there were), and
 * /healthz answers 503 with the reason while refusals keep coming (the last within REFUSAL_HOLD_MS), or
 * for good when start-up found REDIS_URL pointing at a cluster node.
 */
import type { Command } from 'ioredis';
import type { RedisClient } from '../store/redis-connection';
import type { OutageLogger } from './redis-outage-log';

/** Replies that retrying cannot change: the command was sent to the wrong node, or not allowed. */
const REFUSAL = /^(CROSSSLOT|MOVED|ASK|NOAUTH|WRONGPASS|NOPERM)\b|cluster support disabled/;

/** /healthz stays unhealthy this long after the last refusal. */
export const REFUSAL_HOLD_MS = 60_000;
/** One connection's refusals are logged at most this often. */
const LOG_INTERVAL_MS = 60_000;

/** True for a Redis reply that means "this will never work as sent". */
export function isRefusal(error: unknown): boolean {
  return error instanceof Error && REFUSAL.test(error.message);
}

export class RedisRefusals {
  private last: { reason: string; at: number } | null = null;
  private permanent: string | null = null;
  private readonly logged = new Map<string, { at: number; unlogged: number }>();

  constructor(
    private readonly logger: OutageLogger,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Takes a connection's error if it is a refusal (logged at most once a minute per `source`, with the
   * count of the others) and returns true; returns false for any other error, for the caller to log.
   */
  note(source: string, error: unknown): boolean {
    if (!isRefusal(error)) return false;
    const message = (error as Error).message;
    const at = this.now();
    this.last = { reason: `Redis refuses Arising's commands (${source}): ${message}`, at };
    const seen = this.logged.get(source);
    if (seen && at - seen.at < LOG_INTERVAL_MS) {
      seen.unlogged += 1;
      return true;
    }
    const more = seen && seen.unlogged > 0 ? ` (${seen.unlogged} more like it in the last minute)` : '';
    this.logged.set(source, { at, unlogged: 0 });
    this.logger.error(`${source}: Redis refuses the command: ${message}${more}. ${ADVICE}`);
    return true;
  }

  /** Marks Redis unusable for good (until restart), with the reason /healthz gives. */
  refuse(reason: string): void {
    this.permanent = reason;
    this.logger.error(reason);
  }

  /** Why Redis is unusable just now, or null. */
  reason(): string | null {
    if (this.permanent !== null) return this.permanent;
    if (this.last && this.now() - this.last.at < REFUSAL_HOLD_MS) return this.last.reason;
    return null;
  }
}

const ADVICE =
  'For a Redis Cluster set REDIS_CLUSTER_NODES (host:port,…) rather than REDIS_URL; check REDIS_PASSWORD or ' +
  "the URL's password, and that the Redis user may run every command Arising sends (scripts included).";

/**
 * Why Redis cannot be used though it answers PING: a refusal, or on a cluster a `cluster_state` other than
 * `ok` (slots without a node: commands for them fail with CLUSTERDOWN).
 */
export async function unusableReason(redis: RedisClient, refusals: RedisRefusals): Promise<string | null> {
  const refused = refusals.reason();
  if (refused !== null || !redis.isCluster) return refused;
  const info = String(await redis.cluster('INFO'));
  const state = /^cluster_state:(\w+)/m.exec(info)?.[1] ?? 'unknown';
  return state === 'ok' ? null : `the Redis Cluster's state is ${state}, not ok`;
}

/**
 * Checks, once the service's own client is connected to one server (REDIS_URL), that it is not a node of a
 * Redis Cluster: then nearly every command would be refused with MOVED or CROSSSLOT.
 */
export async function checkNotClusterNode(redis: RedisClient, refusals: RedisRefusals): Promise<void> {
  if (redis.isCluster) return;
  const info = await redis.info('cluster').catch(() => '');
  if (/^cluster_enabled:1/m.test(info)) {
    refusals.refuse(
      'REDIS_URL names a node of a Redis Cluster, which refuses most of what Arising sends it (MOVED, ' +
        'CROSSSLOT): set REDIS_CLUSTER_NODES to the cluster nodes (host:port,…) instead.',
    );
  }
}

/** What ioredis's Redis and Cluster clients both do with every command: send it, to be answered on its promise. */
interface CommandSender {
  sendCommand(command: Command, ...rest: unknown[]): unknown;
}

/**
 * Passes every refused reply to a command sent on `redis` to `note`, whoever sent the command. A worker's
 * refusals arrive as BullMQ's error events; a web process's arrive only as the rejected reply to a user's
 * command, so without this /healthz would go on answering 200 while every add fails. ioredis sends each
 * command, each command of a pipeline or MULTI, and each script through the client's `sendCommand`; a
 * Cluster client retries MOVED and ASK itself, so its command's promise rejects only with the final reply.
 */
export function watchRefusedReplies(redis: RedisClient, note: (error: unknown) => void): void {
  const client = redis as unknown as CommandSender;
  const send = client.sendCommand.bind(client);
  // A Cluster client sends a command again through sendCommand when it was queued while connecting.
  const watched = new WeakSet<Command>();
  client.sendCommand = (command, ...rest) => {
    if (!watched.has(command)) {
      watched.add(command);
      command.promise.catch((error: unknown) => {
        if (isRefusal(error)) note(error);
      });
    }
    return send(command, ...rest);
  };
}
