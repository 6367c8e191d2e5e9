/**
 * WorkspaceInstalls in memory (tests, the console demo). Nothing is at rest here, so nothing is sealed;
 * copies go in and out, so a caller changing its object does not change the stored install.
 */
import type { WorkspaceInstall, WorkspaceInstalls } from '../../core/workspace-installs';

export class MemoryWorkspaceInstalls implements WorkspaceInstalls {
  private readonly installs = new Map<string, WorkspaceInstall>();

  async save(install: WorkspaceInstall): Promise<void> {
    this.installs.set(install.team, { ...install });
  }

  private readonly orgOf = new Map<string, string>();

  async find(team: string): Promise<WorkspaceInstall | null> {
    const install = this.installs.get(team) ?? this.installs.get(this.orgOf.get(team) ?? '');
    return install ? { ...install } : null;
  }

  async linkToOrg(team: string, org: string): Promise<void> {
    this.orgOf.set(team, org);
  }

  async workspacesOf(key: string): Promise<string[]> {
    const teams = [...this.orgOf].filter(([, org]) => org === key).map(([team]) => team);
    return [key, ...teams.sort()];
  }

  async delete(team: string): Promise<void> {
    this.installs.delete(team);
  }
}
