/** The CheckinStore in memory, for core tests: the same records as redis-checkins.ts, without expiry. */
import type {
  CheckinAnswer,
  CheckinAsked,
  CheckinRound,
  CheckinStore,
} from '../../core/checkin/checkin-store';
import type { ChannelRef } from '../../core/domain';

interface ChannelCheckins {
  round: string | null;
  job: string | null;
  asked: Map<string, Map<string, CheckinAsked>>;
  answers: Map<string, Map<string, CheckinAnswer>>;
}

export class MemoryCheckins implements CheckinStore {
  private readonly channels = new Map<string, ChannelCheckins>();

  private of(channel: ChannelRef): ChannelCheckins {
    const key = JSON.stringify([channel.platform, channel.team, channel.channel]);
    let found = this.channels.get(key);
    if (!found) {
      found = { round: null, job: null, asked: new Map(), answers: new Map() };
      this.channels.set(key, found);
    }
    return found;
  }

  async recordAsked(channel: ChannelRef, meeting: string, asked: CheckinAsked): Promise<void> {
    const records = this.of(channel);
    const round = records.asked.get(meeting) ?? new Map<string, CheckinAsked>();
    const field = `${asked.number}:${asked.userId}`;
    if (!round.has(field)) round.set(field, asked);
    records.asked.set(meeting, round);
    records.round = meeting;
  }

  async recordAnswer(channel: ChannelRef, answer: CheckinAnswer): Promise<boolean> {
    const records = this.of(channel);
    const meeting = records.round;
    const field = `${answer.number}:${answer.by}`;
    if (meeting === null || !records.asked.get(meeting)?.has(field)) return false;
    const answers = records.answers.get(meeting) ?? new Map<string, CheckinAnswer>();
    answers.set(`${answer.number}:${answer.kind}:${answer.by}`, answer);
    records.answers.set(meeting, answers);
    return true;
  }

  async round(channel: ChannelRef, meeting: string): Promise<CheckinRound> {
    const records = this.of(channel);
    return {
      meeting,
      asked: [...(records.asked.get(meeting)?.values() ?? [])],
      answers: [...(records.answers.get(meeting)?.values() ?? [])],
    };
  }

  async pendingJob(channel: ChannelRef): Promise<string | null> {
    return this.of(channel).job;
  }

  async setPendingJob(channel: ChannelRef, jobId: string | null): Promise<void> {
    this.of(channel).job = jobId;
  }
}
