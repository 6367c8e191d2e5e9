/**
 * The part every job id shares. A job id is made from what the job is about, so scheduling the same
 * reminder twice (two web processes, a retried command, a re-plan) makes one job: BullMQ ignores an add
 * whose id exists. BullMQ refuses custom ids with `:` and mistakes all-digit ids for its own counter, so
 * ids are `<kind>-<channel hash>-…` (each kind's file says the rest): the channel is hashed, which also
 * keeps Slack and Teams ids (with `:`, `@`, `;`) out of them.
 *
 * Ids are stored (the ledger's pending sets, BullMQ's own keys): changing how one is made would orphan the
 * jobs a running install has queued, so tests/unit/job-ids.test.ts pins each kind's id.
 */
import { createHash } from 'node:crypto';
import { type ChannelRef, channelId } from '../src/core/domain';

/** A short, stable hash of the channel for job ids. */
export function channelHash(channel: ChannelRef): string {
  return createHash('sha256').update(channelId(channel)).digest('hex').slice(0, 20);
}
