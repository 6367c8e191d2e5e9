/** The stored shape of a WorkspaceInstall, checked when read back (a value from an older or foreign writer). */
import { z } from 'zod';
import type { WorkspaceInstall } from '../core/workspace-installs';

export const WorkspaceInstallSchema: z.ZodType<WorkspaceInstall> = z.object({
  team: z.string().min(1),
  botToken: z.string().min(1),
  botUserId: z.string(),
  botId: z.string(),
  record: z.string(),
});
