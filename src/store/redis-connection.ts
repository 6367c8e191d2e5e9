/**
 * Redis clients for the two kinds of process, and the test for "Redis is unreachable".
 *
 * The web side answers people: a command while Redis is down must fail fast (well under 3 s) so the user
 * hears "try again shortly" instead of a platform timeout. Workers are the opposite: BullMQ needs
 * `maxRetriesPerRequest: null` so its blocking commands wait for Redis to come back rather than fail.
 */
import { Cluster, type ClusterOptions, Redis, type RedisOptions } from 'ioredis';

/**
 * A connection to Arising's Redis: one server (`REDIS_URL`) or a Redis Cluster (`REDIS_CLUSTER_NODES`).
 * ioredis's Cluster client has the same commands; it routes each to the node that holds its key's slot,
 * follows MOVED/ASK after a resharding or failover, and splits a pipeline by slot. A MULTI or a Lua
 * script must still name keys of one slot: the key scheme (keys.ts) sees to that.
 */
export type RedisClient = Redis | Cluster;

/** The seed nodes of a Redis Cluster and the password of its nodes. */
export interface RedisClusterTarget {
  nodes: { host: string; port: number }[];
  password: string | null;
}

/** Where Redis is: a URL, or, when `cluster` is set, a cluster (and the URL is not used). */
export interface RedisTarget {
  url: string;
  cluster?: RedisClusterTarget | null;
}

export interface CreateRedisOptions {
  /** A client for BullMQ workers: commands wait for Redis to come back instead of failing. */
  forWorker?: boolean;
  /** Where connection trouble is reported (once per outage, not per retry); defaults to console.warn. */
  log?: (message: string) => void;
  /**
   * Takes every error instead of `log` (the service passes them to its RedisOutageLog, which logs for all
   * of its connections at once).
   */
  onError?: (error: Error) => void;
}

/** The longest a web-side command waits, connected or not, before it fails. */
export const WEB_COMMAND_TIMEOUT_MS = 2000;

/**
 * How long `disconnect()` waits for the socket to close before destroying it. ioredis arms this timer
 * even when the socket is already dead (Redis down), so its 2 s default delays shutdown by 2 s.
 */
const DISCONNECT_TIMEOUT_MS = 200;

const WEB_OPTIONS: RedisOptions = {
  connectionName: 'arising-web',
  // Queue commands issued while the first connection is being made, but give up on each quickly.
  enableOfflineQueue: true,
  commandTimeout: WEB_COMMAND_TIMEOUT_MS,
  connectTimeout: WEB_COMMAND_TIMEOUT_MS,
  maxRetriesPerRequest: 1,
  // A command in flight when the connection drops has been answered "unavailable" by its timeout; ioredis
  // would otherwise send it again once Redis is back, so that an add the user was told was NOT stored
  // would be stored after all (and added twice when they try again).
  autoResendUnfulfilledCommands: false,
  // During an outage a queued command fails after two failed reconnects; retrying every half second at
  // most keeps that near 1 s (the default backoff grows to 5 s, past the command timeout).
  retryStrategy: (times) => Math.min(times * 50, 500),
  disconnectTimeout: DISCONNECT_TIMEOUT_MS,
};

const WORKER_OPTIONS: RedisOptions = {
  connectionName: 'arising-worker',
  maxRetriesPerRequest: null,
  disconnectTimeout: DISCONNECT_TIMEOUT_MS,
};

/**
 * The cluster client's own options beside each node's. Workers wait for the cluster as for one server.
 * The web side must fail fast, but a Cluster client keeps a command it cannot route yet (no slot map:
 * the cluster is unreachable) in its offline queue with no timeout at all, so on the web side there is
 * no offline queue: such a command fails at once ("Cluster isn't ready"), which isUnavailableError
 * counts as unavailable, and the user hears "try again shortly".
 */
function clusterOptions(cluster: RedisClusterTarget, forWorker: boolean): ClusterOptions {
  const node = forWorker ? WORKER_OPTIONS : WEB_OPTIONS;
  return {
    redisOptions: { ...node, ...(cluster.password === null ? {} : { password: cluster.password }) },
    enableOfflineQueue: forWorker,
    // A failover takes a few seconds; the web side retries a moved slot twice, quickly.
    retryDelayOnFailover: 200,
    retryDelayOnClusterDown: forWorker ? 500 : 200,
    clusterRetryStrategy: (times) => Math.min(times * 100, forWorker ? 2000 : 500),
    slotsRefreshTimeout: WEB_COMMAND_TIMEOUT_MS,
  };
}

/** A client for the target: a Cluster client when REDIS_CLUSTER_NODES is set, else one server's. */
export function createRedisClient(target: RedisTarget, opts: CreateRedisOptions = {}): RedisClient {
  if (!target.cluster) return createRedis(target.url, opts);
  const client = new Cluster(target.cluster.nodes, clusterOptions(target.cluster, opts.forWorker === true));
  return watchErrors(client, describeTarget(target), opts);
}

/** Resolves when the client is ready, after `ms`, or when the start is aborted, whichever comes first. */
export function untilReady(redis: RedisClient, ms: number, abort?: AbortSignal): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      redis.off('ready', done);
      resolve();
    }
    redis.once('ready', done);
    abort?.addEventListener('abort', done, { once: true });
  });
}

/** The servers behind a client: a cluster's masters (those it knows of now), or the one server. */
export function masterNodes(redis: RedisClient): Redis[] {
  return redis instanceof Cluster ? redis.nodes('master') : [redis];
}

/** The target for logs: the URL without its password, or the cluster's seed nodes. */
export function describeTarget(target: RedisTarget): string {
  if (!target.cluster) return redactUrl(target.url);
  return `Redis Cluster ${target.cluster.nodes.map((n) => `${n.host}:${n.port}`).join(',')}`;
}

/** Connects at once (not lazily), so a bad URL shows up at start, not on the first user's command. */
export function createRedis(url: string, opts: CreateRedisOptions = {}): Redis {
  return watchErrors(new Redis(url, opts.forWorker ? WORKER_OPTIONS : WEB_OPTIONS), redactUrl(url), opts);
}

/** Routes the client's errors to `onError`, or logs each outage once. */
function watchErrors<T extends RedisClient>(redis: T, where: string, opts: CreateRedisOptions): T {
  if (opts.onError) {
    redis.on('error', opts.onError);
    return redis;
  }
  const log = opts.log ?? ((message: string) => console.warn(message));
  let down = false;
  // Without an 'error' listener ioredis prints every failed retry; report each outage once instead.
  redis.on('error', (err: Error) => {
    if (down) return;
    down = true;
    log(`Redis at ${where} is unreachable: ${err.message}. Retrying in the background.`);
  });
  redis.on('ready', () => {
    if (down) log(`Redis at ${where} is reachable again.`);
    down = false;
  });
  return redis;
}

/** The URL without its password, for logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable REDIS_URL)';
  }
}

/** Redis replies that mean "not now" rather than "wrong command": loading, failing over, busy script. */
const TRANSIENT_REPLY = /^(LOADING|BUSY|MASTERDOWN|CLUSTERDOWN|TRYAGAIN|READONLY|NOREPLICAS)\b/;

/** What ioredis and Node say when the connection, rather than the command, is the problem. */
const CONNECTION_MESSAGE =
  /Command timed out|Cluster isn't ready|None of startup nodes is available|Failed to refresh slots cache|Connection is closed|Stream isn't writeable|max retries per request|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN/i;

/**
 * True when a failed Redis call failed because Redis could not be reached or could not serve just now,
 * so the caller should say "try again shortly". A wrong command or a script error is not one of these:
 * that is a bug and must surface as itself.
 */
export function isUnavailableError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err.name === 'ReplyError') return TRANSIENT_REPLY.test(err.message);
  if (err.name === 'MaxRetriesPerRequestError') return true;
  const code = (err as Error & { code?: unknown }).code;
  return CONNECTION_MESSAGE.test(err.message) || (typeof code === 'string' && CONNECTION_MESSAGE.test(code));
}

/** What a Cluster client says of a command it did not send: no node to send it to. */
const NEVER_SENT = /Cluster isn't ready|None of startup nodes is available/;

/**
 * False only when a failed call certainly did nothing in Redis: refused with a "not now" reply (LOADING,
 * BUSY, …) or a refused connection. A command lost with its connection may have run, its reply lost with
 * the connection; ioredis rejects it with a timeout or MaxRetriesPerRequestError, as it does a command
 * that was never sent, so those cannot tell and count as "may have run".
 */
export function mayHaveRun(err: unknown): boolean {
  if (!(err instanceof Error)) return true;
  if (err.name === 'ReplyError' || NEVER_SENT.test(err.message)) return false;
  const code = (err as Error & { code?: unknown }).code;
  return code !== 'ECONNREFUSED';
}
