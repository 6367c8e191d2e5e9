/**
 * An add cut short after its action is stored (a Redis blip while planning its reminders or linking its
 * card, a Slack error while posting it): the user is told truthfully that it is stored and need not be
 * added again, and the repair pass (src/core/repair) then plans its reminders (real BullMQ jobs) and finds
 * or posts its card and links it, so a thread reply "done" closes it. Real Redis and BullMQ; the blip is a
 * store or scheduler that throws UnavailableError once, as ours do when Redis does not answer.
 */
import type { BullScheduler } from '../../jobs/bullmq-scheduler';
import { AriseService } from '../../src/core/arising-service';
import type { Action, Actor, ChannelRef, MessageRef } from '../../src/core/domain';
import { UnavailableError } from '../../src/core/errors';
import type { Destination, PostedLookup, PostOptions, Scheduler } from '../../src/core/ports';
import { type RepairReport, repairActions } from '../../src/core/repair/repair-actions';
import type { View } from '../../src/core/view';
import { RedisActionStore } from '../../src/store/redis-action-store';
import { replyText } from '../support/core-harness';
import { RecordingMessenger } from '../support/recording-messenger';
import { type Harness, startHarness } from './reminders-harness';

/** A Slack-like messenger: keeps each post's key and finds it again, as Slack's message metadata allows. */
class KeyedMessenger extends RecordingMessenger {
  readonly keys = new Map<string, MessageRef>();
  override async post(to: Destination, view: View, options?: PostOptions): Promise<MessageRef | null> {
    const message = await super.post(to, view);
    if (message && options?.key) this.keys.set(options.key, message);
    return message;
  }
  async findPosted(_to: Destination, key: string): Promise<PostedLookup> {
    const message = this.keys.get(key);
    return message ? { kind: 'found', message } : { kind: 'absent' };
  }
}

/** The store, but the next `attachFailures` attaches fail as they do when Redis is away. */
class BlippingStore extends RedisActionStore {
  attachFailures = 0;
  createFailures = 0;
  /** Whether a failed create may have run (its connection lost with the command out). */
  createMayHaveRun = false;
  override async attachMessage(channel: ChannelRef, number: number, message: MessageRef): Promise<void> {
    if (this.attachFailures > 0) {
      this.attachFailures -= 1;
      throw new UnavailableError();
    }
    return super.attachMessage(channel, number, message);
  }
  override async create(...args: Parameters<RedisActionStore['create']>): Promise<Action> {
    if (this.createFailures > 0) {
      this.createFailures -= 1;
      throw new UnavailableError(undefined, { mayHaveRun: this.createMayHaveRun });
    }
    return super.create(...args);
  }
}

const GRACE_MS = 60_000;
let h: Harness;
let store: BlippingStore;
/** Added to the real time: the repair runs "later" by moving it on. */
let offsetMs = 0;
const clock = { now: () => new Date(Date.now() + offsetMs) };

beforeAll(async () => {
  h = await startHarness({ workers: false });
  store = new BlippingStore({ redis: h.r.redis, prefix: h.r.prefix });
});
afterAll(async () => {
  await h.stop();
});
beforeEach(() => {
  offsetMs = 0;
});

interface World {
  service: AriseService;
  messenger: RecordingMessenger;
  actor: Actor;
  scheduleFailures: { count: number };
  repair(): Promise<RepairReport>;
}

/** The core service on a fresh channel, with a scheduler that fails its next `count` plans. */
async function world(messenger: RecordingMessenger = new KeyedMessenger()): Promise<World> {
  const channel = await h.channel();
  const real: BullScheduler = h.scheduler;
  const scheduleFailures = { count: 0 };
  const blipping: Scheduler = {
    async actionChanged(action) {
      if (scheduleFailures.count > 0) {
        scheduleFailures.count -= 1;
        throw new UnavailableError();
      }
      return real.actionChanged(action);
    },
    channelChanged: (c) => real.channelChanged(c),
  };
  const deps = { store, messenger, clock, defaultTimezone: 'Europe/London' };
  const service = new AriseService({ ...deps, scheduler: blipping });
  return {
    service,
    messenger,
    actor: { channel, userId: 'U_CHAIR' },
    scheduleFailures,
    repair: () => repairActions({ ...deps, scheduler: real, plans: real }, { graceMs: GRACE_MS }),
  };
}

/** The action's pending reminder jobs in BullMQ. */
async function reminderJobs(channel: ChannelRef, number: number): Promise<string[]> {
  const delayed = await h.scheduler.queues.reminders.getDelayed();
  return delayed
    .filter((j) => j.data.number === number && j.data.channel.channel === channel.channel)
    .map((j) => j.id ?? '');
}

const ADD = 'add <@U_PRIYA> to send the figures by 31 December 2030';

it('answers "stored" when planning fails, and the repair pass plans the reminders once', async () => {
  const w = await world();
  w.scheduleFailures.count = 1;
  const answer = replyText(await w.service.command(w.actor, ADD));
  expect(answer).toContain('Recorded #1, but its reminders could not be set up just now');
  expect(answer).toContain('no need to add it again');
  expect(answer).not.toMatch(/not stored|try again/i);
  expect(await reminderJobs(w.actor.channel, 1)).toEqual([]);

  // Within the grace period the pass leaves it alone: the add might still be under way.
  expect((await w.repair()).planned).toBe(0);
  offsetMs = GRACE_MS + 1000;
  const first = await w.repair();
  expect(first.planned).toBe(1);
  const jobs = await reminderJobs(w.actor.channel, 1);
  expect(jobs.length).toBeGreaterThan(0);
  // Idempotent: a second pass finds the plan complete and adds nothing.
  expect((await w.repair()).planned).toBe(0);
  expect(await reminderJobs(w.actor.channel, 1)).toEqual(jobs);
  expect(w.messenger.channelPosts()).toHaveLength(1);
});

it('answers "stored" when linking the card fails; the pass finds the card, links it, and "done" closes it', async () => {
  const w = await world();
  store.attachFailures = 1;
  const answer = replyText(await w.service.command(w.actor, ADD));
  expect(answer).toContain('Recorded #1, but replies in its card’s thread could not be set up just now');
  const card = w.messenger.channelPosts()[0]?.message;
  if (!card) throw new Error('no card was posted');
  const replier: Actor = { channel: w.actor.channel, userId: 'U_PRIYA' };
  expect(await w.service.threadReply(replier, card, 'done')).toBeNull();

  offsetMs = GRACE_MS + 1000;
  const report = await w.repair();
  expect(report).toMatchObject({ cardsFound: 1, cardsPosted: 0 });
  expect(w.messenger.channelPosts()).toHaveLength(1);
  expect(replyText(await w.service.threadReply(replier, card, 'done'))).toContain('Closed #1');
  expect((await store.get(w.actor.channel, 1))?.state).toBe('done');
});

it('answers "stored" when the card cannot be posted; the pass posts it once and links it', async () => {
  const w = await world();
  w.messenger.failNext(1);
  const answer = replyText(await w.service.command(w.actor, ADD));
  expect(answer).toContain('Recorded #1, but its card in this channel could not be set up just now');
  expect(w.messenger.channelPosts()).toHaveLength(0);

  offsetMs = GRACE_MS + 1000;
  expect(await w.repair()).toMatchObject({ cardsPosted: 1, cardsFound: 0 });
  expect(await w.repair()).toMatchObject({ cardsPosted: 0, cardsFound: 0 });
  const posts = w.messenger.channelPosts();
  expect(posts).toHaveLength(1);
  expect((await store.get(w.actor.channel, 1))?.message).toEqual(posts[0]?.message);
});

it('posts a card again at most once where the platform cannot tell whether it was posted (Teams)', async () => {
  const w = await world(new RecordingMessenger());
  store.attachFailures = 1;
  await w.service.command(w.actor, ADD);
  offsetMs = GRACE_MS + 1000;
  expect((await w.repair()).cardsPosted).toBe(1);
  expect((await w.repair()).cardsPosted).toBe(0);
  expect(w.messenger.channelPosts()).toHaveLength(2);
  const linked = (await store.get(w.actor.channel, 1))?.message;
  expect(linked).toEqual(w.messenger.channelPosts()[1]?.message);
});

it('says the action was NOT stored when the store could not be reached, and stores nothing', async () => {
  const w = await world();
  store.createFailures = 1;
  const answer = await w.service.command(w.actor, ADD).catch((error: unknown) => error);
  expect(answer).toBeInstanceOf(UnavailableError);
  expect((answer as Error).message).toMatch(/was NOT stored\. Please add it again shortly/);
  expect(await store.list(w.actor.channel, 'all')).toEqual([]);
  expect(w.messenger.posts).toHaveLength(0);
});

it('says it cannot tell whether the action was stored when the create may have run, not "NOT stored"', async () => {
  const w = await world();
  store.createFailures = 1;
  store.createMayHaveRun = true;
  try {
    const answer = await w.service.command(w.actor, ADD).catch((error: unknown) => error);
    expect(answer).toBeInstanceOf(UnavailableError);
    expect((answer as Error).message).toMatch(/cannot tell whether it was stored/);
    expect((answer as Error).message).not.toMatch(/NOT stored/);
  } finally {
    store.createMayHaveRun = false;
  }
});
