/**
 * Deterministic job ids and the jobs side's own Redis keys.
 *
 * A job id is made from what the job is about, so scheduling the same reminder twice (two web processes,
 * a retried command, a re-plan) makes one job: BullMQ ignores an add whose id exists. BullMQ refuses custom
 * ids with `:` and mistakes all-digit ids for its own counter, so ids are `rem-<channel hash>-<n>-<ms>`:
 * the channel is hashed, which also keeps Slack and Teams ids (with `:`, `@`, `;`) out of them.
 *
 * Per action, keys live in the channel's hash-tagged namespace (see src/store/keys.ts), so they sit in
 * the same Redis Cluster slot as the action itself:
 * | key                              | type   | holds                                                        |
 * |----------------------------------|--------|--------------------------------------------------------------|
 * | `T:reminder-jobs:<n>`            | set    | ids of the action's pending reminder jobs (cancel, no scan)  |
 * | `T:reminder-plan:<n>`            | string | the action version last planned (an older plan is skipped)   |
 * | `T:reminder-planned:<n>`         | string | the newest version whose plan was written in full (repair)   |
 * | `T:reminder-dms:<n>`             | list   | JSON MessageRefs of reminder DMs, updated when it closes     |
 * | `T:matters-arising-job`          | string | id of the channel's pending matters-arising job              |
 */
import { createHash } from 'node:crypto';
import { type ChannelRef, channelId } from '../src/core/domain';
import { channelTag } from '../src/store/keys';

/** A short, stable hash of the channel for job ids. */
export function channelHash(channel: ChannelRef): string {
  return createHash('sha256').update(channelId(channel)).digest('hex').slice(0, 20);
}

export function reminderJobId(channel: ChannelRef, number: number, fireAt: Date): string {
  return `rem-${channelHash(channel)}-${number}-${fireAt.getTime()}`;
}

/** One update of the shown reminders per closed version of the action. */
export function closedJobId(channel: ChannelRef, number: number, version: number): string {
  return `closed-${channelHash(channel)}-${number}-v${version}`;
}

export function mattersArisingJobId(channel: ChannelRef, fireAt: Date): string {
  return `ma-${channelHash(channel)}-${fireAt.getTime()}`;
}

/** The id of the channel's weekly digest job scheduler: one per channel, whoever upserts it. */
export function digestSchedulerId(channel: ChannelRef): string {
  return `digest-${channelHash(channel)}`;
}

export interface ActionJobKeys {
  jobs: string;
  plan: string;
  planned: string;
  dms: string;
}

export function actionJobKeys(prefix: string, channel: ChannelRef, number: number): ActionJobKeys {
  const base = `${prefix}:${channelTag(channel)}`;
  return {
    jobs: `${base}:reminder-jobs:${number}`,
    plan: `${base}:reminder-plan:${number}`,
    planned: `${base}:reminder-planned:${number}`,
    dms: `${base}:reminder-dms:${number}`,
  };
}

export function mattersArisingKey(prefix: string, channel: ChannelRef): string {
  return `${prefix}:${channelTag(channel)}:matters-arising-job`;
}
