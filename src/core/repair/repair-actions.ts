/**
 * The repair pass: makes every stored open action whole again after a crash or a Redis outage cut its add
 * (or a later change) short. An add is four steps (store, plan reminders, post the card, link the card);
 * only the first is atomic, so a process killed, or a Redis gone, between them leaves an action that is
 * stored but has no reminders, no card, or a card whose thread replies reach nothing. The user was told
 * it is stored (src/core/add-answers.ts), so nothing asks them to add it again: this pass finishes it.
 *
 * For each channel that has had an action (`store.channels()`, no keyspace scan), and each of its open
 * actions older than a grace period (so that an add still in flight is not "repaired" under its feet):
 * - reminders: an action whose latest version has no complete plan (`ReminderPlans.unplanned`) is planned
 *   again through `scheduler.actionChanged`, which is idempotent (deterministic job ids);
 * - card link: a card recorded on the action but missing from the message index is linked again;
 * - card: an action added on its own (history `created`; imports post no cards by design beyond a few)
 *   with no card recorded: the platform is asked whether its keyed card was posted since the action was
 *   created (`Messenger.findPosted`). Found: it is attached and linked, not posted again. Absent: it is
 *   posted with its key and linked. Cannot tell (Teams, the console): it is posted again at most once
 *   (a claim on its key), since a card nobody can reply to is worse than one duplicate card.
 *   Cards are repaired only for actions created within CARD_WINDOW, and a channel whose card repair fails
 *   (the bot was removed from it) is left until the next pass.
 *
 * Every step is idempotent, so the pass may run at start and on a schedule, and again after a crash.
 */
import { cardKey, postCard } from '../action-card-post';
import type { Action, ChannelRef, MessageRef } from '../domain';
import type { PostedLookup, ReminderPlans } from '../ports';
import { type ChannelContext, loadChannelContext, type ServiceDeps } from '../service-deps';

export type RepairDeps = Pick<
  ServiceDeps,
  'store' | 'messenger' | 'scheduler' | 'clock' | 'defaultTimezone' | 'holidays' | 'onBackgroundError'
> & { plans: ReminderPlans };

export interface RepairOptions {
  /** Actions changed (plans) or created (cards) more recently than this are left alone. */
  graceMs: number;
  /** Cards and links are repaired only for actions created within this long. */
  cardWindowMs?: number;
}

/** What one pass did, for the log. */
export interface RepairReport {
  channels: number;
  planned: number;
  relinked: number;
  cardsFound: number;
  cardsPosted: number;
  failures: number;
}

/** A week: a card missing for longer than that is not worth the risk of a duplicate. */
export const CARD_WINDOW_MS = 7 * 86_400_000;

export async function repairActions(deps: RepairDeps, options: RepairOptions): Promise<RepairReport> {
  const report: RepairReport = {
    channels: 0,
    planned: 0,
    relinked: 0,
    cardsFound: 0,
    cardsPosted: 0,
    failures: 0,
  };
  for (const channel of await deps.store.channels()) {
    report.channels += 1;
    try {
      await repairChannel(deps, channel, options, report);
    } catch (error) {
      report.failures += 1;
      deps.onBackgroundError?.('repairing the actions of a channel', error, { channel });
    }
  }
  return report;
}

async function repairChannel(
  deps: RepairDeps,
  channel: ChannelRef,
  options: RepairOptions,
  report: RepairReport,
): Promise<void> {
  const now = deps.clock.now().getTime();
  const settled = now - options.graceMs;
  const since = now - (options.cardWindowMs ?? CARD_WINDOW_MS);
  const open = await deps.store.list(channel, 'open');
  const quiet = open.filter((a) => Date.parse(a.updatedAt) <= settled);
  for (const action of quiet.length > 0 ? await deps.plans.unplanned(channel, quiet) : []) {
    await step(deps, report, action, 'planning the reminders of', async () => {
      await deps.scheduler.actionChanged(action);
      report.planned += 1;
    });
  }
  const recent = open.filter((a) => {
    const created = Date.parse(a.createdAt);
    return created <= settled && created >= since;
  });
  for (const action of recent) {
    const message = action.message;
    if (message)
      await step(deps, report, action, 'linking the card of', () => relink(deps, action, message, report));
  }
  const cardless = recent.filter((a) => a.message === null);
  if (cardless.length === 0) return;
  const ctx = await loadChannelContext(deps, channel);
  // In order, and the channel left at the first failure: one failing call per channel and pass.
  for (const action of cardless) await repairCard(deps, action, ctx, report);
}

/** Runs one action's repair step; a failure is reported and counted, and the pass goes on. */
async function step(
  deps: RepairDeps,
  report: RepairReport,
  action: Action,
  what: string,
  work: () => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    report.failures += 1;
    deps.onBackgroundError?.(`${what} #${action.number}`, error, {
      channel: action.channel,
      number: action.number,
    });
  }
}

/** Links the action's card for thread replies if the link is missing (attach writes the record first). */
async function relink(deps: RepairDeps, action: Action, message: MessageRef, report: RepairReport) {
  const linked = await deps.store.findByMessage(action.channel.platform, message);
  if (linked && linked.number === action.number) return;
  await deps.store.linkMessage(action.channel.platform, message, action.channel, action.number);
  report.relinked += 1;
}

/** Finds or posts the card of an action added on its own, and attaches it. */
async function repairCard(
  deps: RepairDeps,
  action: Action,
  ctx: ChannelContext,
  report: RepairReport,
): Promise<void> {
  const history = await deps.store.history(action.channel, action.number);
  if (history[0]?.kind !== 'created') return;
  const key = cardKey(action);
  const to = { kind: 'channel' as const, channel: action.channel };
  const lookup: PostedLookup = deps.messenger.findPosted
    ? await deps.messenger.findPosted(to, key, new Date(action.createdAt))
    : { kind: 'cannot-tell' };
  let message: MessageRef | null = null;
  if (lookup.kind === 'found') {
    message = lookup.message;
    report.cardsFound += 1;
  } else if (lookup.kind === 'absent' || (await deps.store.claimOnce(`repost:${key}`, REPOST_CLAIM_S))) {
    message = await postCard(deps, action, ctx);
    if (message) report.cardsPosted += 1;
  }
  if (message) await deps.store.attachMessage(action.channel, action.number, message);
}

/** The claim that lets a card the platform cannot look for be posted again once, for the card window. */
const REPOST_CLAIM_S = CARD_WINDOW_MS / 1000;
