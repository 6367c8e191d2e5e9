/**
 * A stored action page link as it is checked when read back (Redis or memory): a record that does not
 * parse is treated as no record, so the page answers "not valid" rather than failing.
 */
import { z } from 'zod';
import type { PageLink } from '../core/action-page-tokens';
import { type ChannelRef, ChannelRefSchema } from '../core/domain';

const PageLinkSchema = z.object({
  channel: ChannelRefSchema,
  number: z.number().int().positive(),
  address: z.string().min(3),
});

function readRecord<T>(schema: z.ZodType<T>, json: string | null | undefined): T | null {
  if (json === null || json === undefined) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function readPageLink(json: string | null | undefined): PageLink | null {
  return readRecord(PageLinkSchema, json);
}

/** A papers download link's record: the channel it was given in. */
export function readPapersLink(json: string | null | undefined): ChannelRef | null {
  return readRecord(ChannelRefSchema, json);
}
