/**
 * The conversation core: one inbound message in, what to show out, the same on every platform. It claims
 * a redelivered message once, decides with the one intent rule whether text is a command or a reply,
 * finds the message a reply answers, runs buttons and forms through the service, and shows the answer
 * (or the failure, worded in one place) on the request's surface. Adapters only translate.
 */
import type { ChatService, Reply } from '../chat-service';
import { ADD_NEEDS_WORDS } from '../command-parser';
import type { MessageRef } from '../domain';
import { errorNotice, notice } from '../views/notice';
import type { ConversationLog, DeliveryClaims, ReplyTargets, Surface } from './conversation-ports';
import { failureNotice, notAboutAnAction, withWarning } from './failure-words';
import type { Inbound } from './inbound';
import { type Intent, intentOf } from './intent';
import { type PlatformTraits, traitsOf } from './platform-traits';

/** How long a delivery id is remembered: Slack's and Teams' redeliveries come within minutes. */
export const DELIVERY_CLAIM_TTL_SECONDS = 24 * 60 * 60;

export interface ConversationDeps {
  service: ChatService;
  claims: DeliveryClaims;
  targets: ReplyTargets;
  log: ConversationLog;
}

/**
 * What became of the message: `ignored` (not for the bot, or a redelivery), `answered` with the Reply
 * shown (null when there was nothing to show), or `failed` with the words the person was shown.
 */
export type Handled =
  | { kind: 'ignored' }
  | { kind: 'answered'; reply: Reply | null }
  | { kind: 'failed'; message: string };

type Step = Intent | 'button' | 'import' | 'new-action';

function stepOf(inbound: Inbound): Step {
  const { what } = inbound;
  if (what.kind !== 'text') return what.kind;
  if (what.text.trim() === '' && !inbound.mentioned) return 'ignore';
  return intentOf(inbound.where, inbound.mentioned, what.text);
}

export async function handle(deps: ConversationDeps, inbound: Inbound, surface: Surface): Promise<Handled> {
  const step = stepOf(inbound);
  if (step === 'ignore') return { kind: 'ignored' };
  if (inbound.delivery !== null && !(await claimDelivery(deps, inbound.delivery))) return { kind: 'ignored' };
  const traits = traitsOf(inbound.actor.channel.platform);
  try {
    const reply = await act(deps, inbound, step, traits);
    if (reply) await show(reply, inbound, surface, traits);
    return { kind: 'answered', reply };
  } catch (error) {
    const view = failureNotice(error, {
      actor: inbound.actor,
      traits,
      log: deps.log,
      isCannotPost: surface.isCannotPost?.bind(surface),
    });
    try {
      await surface.showPrivately(view);
    } catch (answerError) {
      deps.log.error('Could not tell the user about the error either:', answerError);
    }
    return { kind: 'failed', message: view.text };
  }
}

/** True the first time a delivery is seen. Without the store there is no telling, so it is dropped. */
async function claimDelivery(deps: ConversationDeps, key: string): Promise<boolean> {
  try {
    const first = await deps.claims.claim(key, DELIVERY_CLAIM_TTL_SECONDS);
    if (!first) deps.log.debug(`Skipping ${key}: already handled`);
    return first;
  } catch (error) {
    deps.log.warn(`Dropping ${key}: cannot record it:`, error);
    return false;
  }
}

async function act(
  deps: ConversationDeps,
  inbound: Inbound,
  step: Exclude<Step, 'ignore'>,
  traits: PlatformTraits,
): Promise<Reply | null> {
  const { service } = deps;
  const { actor, what } = inbound;
  if (what.kind === 'button') return service.button(actor, what.id, what.value, what.input);
  if (what.kind === 'import') return service.importText(actor, await what.minutes());
  if (what.kind === 'new-action') return service.addFromForm(actor, what.form, what.source);
  // A mention with no words asks what the bot can do.
  const command = (): Promise<Reply> => service.command(actor, what.text.trim() === '' ? 'help' : what.text);
  if (step === 'command') return command();
  const answer = await answerFirst(service, inbound, await deps.targets.repliedTo(inbound), what.text);
  if (answer) return answer;
  if (step === 'reply-or-command') return command();
  // A thread about no action is people talking; a DM about none is said to be so.
  return inbound.where.kind === 'dm' ? { kind: 'ephemeral', view: notice(notAboutAnAction(traits)) } : null;
}

/** The answer to the first of the candidate messages that is about an action; null when none is. */
async function answerFirst(
  service: ChatService,
  inbound: Inbound,
  candidates: MessageRef[],
  text: string,
): Promise<Reply | null> {
  for (const parent of candidates) {
    const answer = await service.threadReply(inbound.actor, parent, text);
    if (answer) return answer;
  }
  return null;
}

/** Shows the Reply: privately, in place of a pressed private message, in the channel, or as a form. */
async function show(reply: Reply, inbound: Inbound, surface: Surface, traits: PlatformTraits): Promise<void> {
  switch (reply.kind) {
    case 'ephemeral': {
      const replaces = inbound.what.kind === 'button' && inbound.what.onPrivateMessage === true;
      return replaces ? surface.replaceOriginal(reply.view) : surface.showPrivately(reply.view);
    }
    case 'channel':
      // Where the bot may not post, the person sees what the channel would have seen, and why.
      if (!(await surface.postInChannel(reply.view))) {
        await surface.showPrivately(withWarning(reply.view, traits.cannotPostHere));
      }
      return;
    case 'import-form':
      if (!(await surface.openForm('import')) && traits.importHow) {
        await surface.showPrivately(notice(traits.importHow));
      }
      return;
    case 'add-form':
      if (!(await surface.openForm('add'))) await surface.showPrivately(errorNotice(ADD_NEEDS_WORDS));
      return;
    case 'document': {
      const shared = surface.shareDocument
        ? await surface.shareDocument(reply.document, reply.audience)
        : false;
      if (!shared) await surface.showPrivately(reply.fallback);
      return;
    }
    case 'none':
      return;
  }
}
