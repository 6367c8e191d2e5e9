/**
 * The core service behind every platform: parses a command, runs it, and answers with a Reply. A
 * UserError becomes an answer to the user; anything else is a fault the adapter logs.
 */

import { closeAction, noteAction } from './action-changes';
import { addAction, changeAction, listActions } from './action-commands';
import { modifyAction, notFound } from './action-updates';
import { calendarOff, setCalendar } from './calendar/calendar-commands';
import { changeSettings, listOwnerAliases, setOwnerAlias, showSettings } from './channel-commands';
import type { ChatService, Reply } from './chat-service';
import type { Command } from './command';
import { parseCommand } from './command-parser';
import { userErrorNotice } from './conversation/failure-words';
import { traitsOf } from './conversation/platform-traits';
import { digestCommand } from './digest/digest-command';
import type { Actor, ChannelRef, MessageRef, Platform } from './domain';
import { UserError } from './errors';
import { addFromForm, checkNewActionForm } from './form-commands';
import { cancelImport, confirmImport, previewImport } from './import/import-commands';
import { mattersArisingCommand, mattersArisingDocxCommand } from './matters/matters-commands';
import { setNextMeeting, showMeetings, startMeeting } from './meeting-commands';
import type { FormErrors, NewActionForm } from './new-action-form';
import { parseOwners } from './owners';
import { isDoneReply, newDateReply } from './reply-intent';
import type { ServiceDeps } from './service-deps';
import { assertWithinLimit, stripControlCharacters } from './text-limits';
import type { ButtonId } from './view';
import { taskWords } from './views/action-card';
import { readActionButtonValue, readDraftButtonValue } from './views/button-value';
import { helpView } from './views/help';
import { notice } from './views/notice';

/** Runs `work`, turning a UserError into an answer, in the platform's words, for the user who acted. */
async function answering(platform: Platform, work: () => Promise<Reply>): Promise<Reply> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UserError)
      return { kind: 'ephemeral', view: userErrorNotice(error, traitsOf(platform)) };
    throw error;
  }
}

export class AriseService implements ChatService {
  constructor(private readonly deps: ServiceDeps) {}

  command(actor: Actor, text: string): Promise<Reply> {
    return answering(actor.channel.platform, () => this.execute(actor, parseCommand(text)));
  }

  /** Runs an already parsed command (the CLI and tests use it too). */
  async execute(actor: Actor, cmd: Command): Promise<Reply> {
    switch (cmd.kind) {
      case 'add':
        return addAction(this.deps, actor, cmd);
      case 'add-form':
        return { kind: 'add-form' };
      case 'list':
        return listActions(this.deps, actor, cmd);
      case 'done':
      case 'drop':
      case 'note':
      case 'reassign':
      case 'due':
      case 'snooze':
        return changeAction(this.deps, actor, cmd);
      case 'owner-set':
        return setOwnerAlias(this.deps, actor, cmd);
      case 'owner-list':
        return listOwnerAliases(this.deps, actor);
      case 'settings':
        return changeSettings(this.deps, actor, cmd);
      case 'settings-show':
        return showSettings(this.deps, actor);
      case 'help':
        return { kind: 'ephemeral', view: helpView(cmd.topic, actor.channel.platform) };
      case 'import':
        return cmd.text ? previewImport(this.deps, actor, cmd.text) : { kind: 'import-form' };
      case 'meeting-show':
        return showMeetings(this.deps, actor);
      case 'meeting-start':
        return startMeeting(this.deps, actor, cmd);
      case 'meeting-next':
        return setNextMeeting(this.deps, actor, cmd);
      case 'meeting-calendar':
        return setCalendar(this.deps, actor, cmd.url);
      case 'meeting-calendar-off':
        return calendarOff(this.deps, actor);
      case 'matters-arising':
        return mattersArisingCommand(this.deps, actor);
      case 'matters-arising-docx':
        return mattersArisingDocxCommand(this.deps, actor);
      case 'digest':
        return digestCommand(this.deps, actor);
    }
  }

  threadReply(actor: Actor, parent: MessageRef, text: string): Promise<Reply | null> {
    return answering(actor.channel.platform, async () => {
      const found = await this.deps.store.findByMessage(actor.channel.platform, parent);
      if (!found || !sameWorkspace(found.channel, actor.channel)) return { kind: 'none' };
      // A reply is user text as a command is: no control characters, and no more than a command holds.
      const words = stripControlCharacters(text).trim();
      if (words === '') return { kind: 'none' };
      assertWithinLimit(words);
      const now = this.deps.clock.now();
      const by = actor.userId;
      const target = { channel: found.channel, number: found.number, userId: by };
      if (isDoneReply(words)) {
        const { action } = await modifyAction(this.deps, target, 'close', (a) =>
          closeAction(a, by, now, null),
        );
        return { kind: 'ephemeral', view: notice(`Closed #${action.number}: ${taskWords(action)}`) };
      }
      const moved = await this.moveByReply(actor, found, words);
      if (moved) return moved;
      const { action } = await modifyAction(this.deps, target, null, (a) => noteAction(a, by, now, words));
      return { kind: 'ephemeral', view: notice(`Noted on #${action.number}.`) };
    }).then((reply) => (reply.kind === 'none' ? null : reply));
  }

  button(actor: Actor, id: ButtonId, value: string, typed?: string): Promise<Reply> {
    // What was typed in the button's form is user text as a command is.
    const input = typed === undefined ? undefined : stripControlCharacters(typed);
    return answering(actor.channel.platform, async () => {
      if (id === 'import-confirm' || id === 'import-cancel') return this.importButton(actor, id, value);
      const { channel, number } = readActionButtonValue(value);
      // The payload could be forged: only its own workspace may touch an action, and the usual
      // permission check below decides who in it may.
      if (!sameWorkspace(channel, actor.channel)) throw notFound(number);
      const now = this.deps.clock.now();
      const by = actor.userId;
      const target = { channel, number, userId: by };
      switch (id) {
        case 'done':
          await modifyAction(this.deps, target, 'close', (a) => closeAction(a, by, now, null));
          return { kind: 'none' };
        case 'snooze':
        case 'snooze-1d':
        case 'snooze-1w':
        case 'snooze-meeting':
          // The command's path, so the answer says the new due date as `snooze 4` does.
          return this.fromInput(actor, channel, { kind: 'snooze', number, period: SNOOZES[id] });
        case 'change-due':
          return this.fromInput(actor, channel, {
            kind: 'due',
            number,
            dueText: requireInput(input, 'a due date'),
          });
        case 'add-note':
          return this.fromInput(actor, channel, {
            kind: 'note',
            number,
            text: requireInput(input, 'the note'),
          });
        case 'reassign':
          return this.fromInput(actor, channel, {
            kind: 'reassign',
            number,
            owners: parseOwners(requireInput(input, 'the new owners')),
          });
        case 'drop':
          return this.fromInput(actor, channel, { kind: 'drop', number, reason: input?.trim() || null });
        default:
          throw new UserError('bad_command', 'That button does not belong to an action.');
      }
    });
  }

  /**
   * A reply that gives a new date (`new date 20 Jan`, `by 20 Jan`) runs as `due`. A `by …` that turns out
   * to be no date is a note after all (null), as it was before dates were read from replies.
   */
  private async moveByReply(
    actor: Actor,
    found: { channel: ChannelRef; number: number },
    words: string,
  ): Promise<Reply | null> {
    const date = newDateReply(words);
    if (!date) return null;
    const cmd: Command = { kind: 'due', number: found.number, dueText: date.dueText };
    try {
      return await this.fromInput(actor, found.channel, cmd);
    } catch (error) {
      if (!date.certain && error instanceof UserError && error.code === 'bad_date') return null;
      throw error;
    }
  }

  /** A menu choice completed in a form runs as the command it stands for, in the action's channel. */
  private fromInput(actor: Actor, channel: ChannelRef, cmd: Command): Promise<Reply> {
    return changeAction(this.deps, { channel, userId: actor.userId }, cmd);
  }

  checkNewAction(actor: Actor, form: NewActionForm): Promise<FormErrors | null> {
    return checkNewActionForm(this.deps, actor, form);
  }

  addFromForm(actor: Actor, form: NewActionForm, source: MessageRef | null): Promise<Reply> {
    return answering(actor.channel.platform, () => addFromForm(this.deps, actor, form, source));
  }

  importText(actor: Actor, text: string): Promise<Reply> {
    return answering(actor.channel.platform, () => previewImport(this.deps, actor, text));
  }

  /** Import and Cancel under an import preview: only in the workspace the preview was made in. */
  private importButton(actor: Actor, id: 'import-confirm' | 'import-cancel', value: string): Promise<Reply> {
    const { channel, draftId } = readDraftButtonValue(value);
    if (!sameWorkspace(channel, actor.channel))
      throw new UserError('not_found', 'That import is not in this workspace.');
    return id === 'import-confirm'
      ? confirmImport(this.deps, actor, channel, draftId)
      : cancelImport(this.deps, channel, draftId);
  }
}

const SNOOZES = {
  snooze: { unit: 'week', amount: 1 },
  'snooze-1d': { unit: 'day', amount: 1 },
  'snooze-1w': { unit: 'week', amount: 1 },
  'snooze-meeting': { unit: 'next-meeting' },
} as const;

function requireInput(input: string | undefined, what: string): string {
  if (input?.trim()) return input.trim();
  throw new UserError('bad_command', `Please give ${what}.`);
}

/** Same platform and team: a button or reply from elsewhere never reaches another workspace's actions. */
function sameWorkspace(a: ChannelRef, b: ChannelRef): boolean {
  return a.platform === b.platform && a.team === b.team;
}
