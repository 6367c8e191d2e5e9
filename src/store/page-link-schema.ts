/**
 * A stored action page link as it is checked when read back (Redis or memory): a record that does not
 * parse is treated as no record, so the page answers "not valid" rather than failing.
 */
import { z } from 'zod';
import type { PageLink } from '../core/action-page-tokens';
import { ChannelRefSchema } from '../core/domain';

const PageLinkSchema = z.object({
  channel: ChannelRefSchema,
  number: z.number().int().positive(),
  address: z.string().min(3),
});

export function readPageLink(json: string | null | undefined): PageLink | null {
  if (json === null || json === undefined) return null;
  try {
    const parsed = PageLinkSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
