/**
 * WorkspaceInstalls on Redis: one string per workspace, `${prefix}:install:<platform>:<team>` (keys.ts),
 * holding the install as JSON sealed with AES-256-GCM (sealed-box.ts), so the bot tokens are not readable
 * from Redis, its backups or replicas without the key from the environment. The key name is bound into
 * the seal, so a value moved under another workspace's key does not open.
 *
 * Nothing is cached: every read goes to Redis, so an install deleted by the web side (an uninstall event)
 * is gone for the workers at once.
 *
 * An org-wide install's workspaces are linked to it by two keys, `install-org:<platform>:<team>` (the org)
 * and `install-org-teams:<platform>:<org>` (a set of teams). Each is one command on one key, so nothing
 * spans Redis Cluster slots; a link half written (the first key only) is written again by the next request.
 */
import type { Platform } from '../core/domain';
import type { WorkspaceInstall, WorkspaceInstalls } from '../core/workspace-installs';
import { assertValidPrefix, installKey, installOrgKey, installOrgTeamsKey } from './keys';
import type { RedisClient } from './redis-connection';
import { redisIo } from './redis-io';
import type { SealedBox } from './sealed-box';
import { WorkspaceInstallSchema } from './workspace-install-schema';

export class RedisWorkspaceInstalls implements WorkspaceInstalls {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly platform: Platform,
    private readonly box: SealedBox,
  ) {
    assertValidPrefix(prefix);
  }

  async save(install: WorkspaceInstall): Promise<void> {
    const key = this.key(install.team);
    const sealed = this.box.seal(JSON.stringify(WorkspaceInstallSchema.parse(install)), key);
    await redisIo(() => this.redis.set(key, sealed));
  }

  async find(team: string): Promise<WorkspaceInstall | null> {
    const own = await this.read(team);
    if (own) return own;
    const org = await redisIo(() => this.redis.get(installOrgKey(this.prefix, this.platform, team)));
    return org === null ? null : this.read(org);
  }

  async linkToOrg(team: string, org: string): Promise<void> {
    await redisIo(() => this.redis.sadd(installOrgTeamsKey(this.prefix, this.platform, org), team));
    await redisIo(() => this.redis.set(installOrgKey(this.prefix, this.platform, team), org));
  }

  async workspacesOf(key: string): Promise<string[]> {
    const teams = await redisIo(() =>
      this.redis.smembers(installOrgTeamsKey(this.prefix, this.platform, key)),
    );
    return [key, ...teams.sort()];
  }

  private async read(team: string): Promise<WorkspaceInstall | null> {
    const key = this.key(team);
    const sealed = await redisIo(() => this.redis.get(key));
    if (sealed === null) return null;
    return WorkspaceInstallSchema.parse(JSON.parse(this.box.open(sealed, key)));
  }

  async delete(team: string): Promise<void> {
    await redisIo(() => this.redis.del(this.key(team)));
  }

  private key(team: string): string {
    return installKey(this.prefix, this.platform, team);
  }
}
