/**
 * Asking one person about one action: the single step that differs by how a person is reached. Today every
 * person in the chat is asked in a direct message; people reached by email are asked by mail instead
 * (send-checkins.ts), with the link to the action's page. One function, so the composition root can swap it.
 *
 * The DM is a keyed two-phase send (src/core/delivery/send-once.ts), so a retried or duplicated job asks
 * once. Once it is on the platform it is linked to the action (a reply in its thread answers), remembered
 * by the reminder ledger (so closing the action updates it), and recorded as asked for the meeting.
 */
import { type SendOnceDeps, type SendOutcome, sendOnce } from '../delivery/send-once';
import type { Action, MessageRef } from '../domain';
import type { ActionStore } from '../ports';
import type { ReminderLedger } from '../reminders/reminder-ledger';
import type { View } from '../view';
import type { CheckinStore } from './checkin-store';

/** Who is asked. Email owners will add `{ kind: 'email'; address }`. */
export type CheckinPerson = { kind: 'user'; id: string };

export interface CheckinQuestion {
  action: Action;
  person: CheckinPerson;
  /** The meeting asked for, local `YYYY-MM-DD[THH:mm]`. */
  meeting: string;
  /** The send key: the same for this person, action and meeting whichever job asks. */
  key: string;
  view: View;
}

export interface AskDeps extends SendOnceDeps {
  store: ActionStore;
  ledger: Pick<ReminderLedger, 'remember'>;
  checkins: CheckinStore;
}

/** Asks one person; the outcome's `message` is null where they could not be reached. */
export type AskOwner = (deps: AskDeps, question: CheckinQuestion) => Promise<SendOutcome>;

/** The chat way: a direct message in the action's workspace. */
export const askInDirectMessage: AskOwner = (deps, question) => {
  const { action, person } = question;
  return sendOnce(deps, {
    what: 'checkin',
    key: question.key,
    to: { kind: 'user', channel: action.channel, userId: person.id },
    view: question.view,
    afterPost: (posted) => afterAsked(deps, question, posted),
  });
};

/** Links the DM to its action and records the question; every step may repeat after a crash. */
async function afterAsked(deps: AskDeps, question: CheckinQuestion, posted: MessageRef): Promise<void> {
  const { action, person, meeting } = question;
  await Promise.all([
    deps.store.linkMessage(action.channel.platform, posted, action.channel, action.number),
    deps.ledger.remember(action, posted),
    deps.checkins.recordAsked(action.channel, meeting, {
      number: action.number,
      userId: person.id,
      at: deps.clock.now().toISOString(),
    }),
  ]);
}
