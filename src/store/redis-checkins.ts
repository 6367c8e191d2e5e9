/**
 * The CheckinStore on Redis (keys.ts, `checkinKeys`): per channel, the meeting of its latest round and its
 * pending job, and per round a hash of who was asked about what (`<n>:<user>` = when) and a hash of their
 * answers (`<n>:<user>` = JSON, the latest). Every key carries the channel's hash tag, so a round's keys sit
 * in the channel's slot (answers are kept per kind, `<n>:<kind>:<user>`, so a note and a new date both
 * show); they expire well after the meeting (CHECKIN_KEPT_SECONDS).
 */
import { z } from 'zod';
import {
  CHECKIN_KEPT_SECONDS,
  type CheckinAnswer,
  type CheckinAsked,
  type CheckinRound,
  type CheckinStore,
} from '../core/checkin/checkin-store';
import type { ChannelRef } from '../core/domain';
import { assertValidPrefix, checkinKeys } from './keys';
import type { RedisClient } from './redis-connection';
import { redisIo } from './redis-io';

const AnswerSchema = z.object({
  number: z.number().int().positive(),
  by: z.string().min(1),
  kind: z.enum(['done', 'note', 'new-date']),
  text: z.string().nullable(),
  at: z.string(),
});

/** `<n>:<user>`: the user id is last, so a `:` inside it (Teams) does not confuse the split. */
export function askedField(number: number, userId: string): string {
  return `${number}:${userId}`;
}

function readField(field: string): { number: number; userId: string } | null {
  const at = field.indexOf(':');
  const number = Number(field.slice(0, at));
  if (at < 1 || !Number.isInteger(number) || number < 1) return null;
  return { number, userId: field.slice(at + 1) };
}

export class RedisCheckins implements CheckinStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {
    assertValidPrefix(prefix);
  }

  async recordAsked(channel: ChannelRef, meeting: string, asked: CheckinAsked): Promise<void> {
    const keys = checkinKeys(this.prefix, channel);
    await redisIo(() =>
      this.redis
        .multi()
        .hsetnx(keys.asked(meeting), askedField(asked.number, asked.userId), asked.at)
        .expire(keys.asked(meeting), CHECKIN_KEPT_SECONDS)
        .set(keys.round, meeting, 'EX', CHECKIN_KEPT_SECONDS)
        .exec(),
    );
  }

  async recordAnswer(channel: ChannelRef, answer: CheckinAnswer): Promise<boolean> {
    const keys = checkinKeys(this.prefix, channel);
    const meeting = await redisIo(() => this.redis.get(keys.round));
    if (meeting === null) return false;
    const field = askedField(answer.number, answer.by);
    const asked = await redisIo(() => this.redis.hexists(keys.asked(meeting), field));
    if (asked !== 1) return false;
    await redisIo(() =>
      this.redis
        .multi()
        .hset(keys.answers(meeting), `${answer.number}:${answer.kind}:${answer.by}`, JSON.stringify(answer))
        .expire(keys.answers(meeting), CHECKIN_KEPT_SECONDS)
        .exec(),
    );
    return true;
  }

  async round(channel: ChannelRef, meeting: string): Promise<CheckinRound> {
    const keys = checkinKeys(this.prefix, channel);
    const [asked, answers] = await redisIo(() =>
      Promise.all([this.redis.hgetall(keys.asked(meeting)), this.redis.hgetall(keys.answers(meeting))]),
    );
    return {
      meeting,
      asked: Object.entries(asked).flatMap(([field, at]) => {
        const who = readField(field);
        return who ? [{ ...who, at }] : [];
      }),
      answers: Object.values(answers).flatMap((raw) => {
        const parsed = AnswerSchema.safeParse(JSON.parse(raw));
        return parsed.success ? [parsed.data] : [];
      }),
    };
  }

  async pendingJob(channel: ChannelRef): Promise<string | null> {
    return redisIo(() => this.redis.get(checkinKeys(this.prefix, channel).job));
  }

  async setPendingJob(channel: ChannelRef, jobId: string | null): Promise<void> {
    const key = checkinKeys(this.prefix, channel).job;
    if (jobId === null) await redisIo(() => this.redis.del(key));
    else await redisIo(() => this.redis.set(key, jobId));
  }
}
