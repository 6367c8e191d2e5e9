/**
 * Every failure the person who acted is told about, worded once for all platforms. Before, Slack, Teams
 * and the console each had their own "something went wrong" and "not about an action".
 */
import type { Actor } from '../domain';
import { UnavailableError, UserError } from '../errors';
import { NotAPersonError } from '../owners';
import type { View } from '../view';
import { StaleButtonError } from '../views/button-value';
import { errorNotice, notice } from '../views/notice';
import type { ConversationLog } from './conversation-ports';
import type { PlatformTraits } from './platform-traits';

export const SOMETHING_WENT_WRONG =
  'Something went wrong on Arising’s side and it has been logged. Please try again in a moment; if it keeps happening, tell whoever looks after Arising.';

/** A message in a DM that answers no action: where replies go, and how to get help. */
export function notAboutAnAction(traits: PlatformTraits): string {
  return `This reply is not about an action I know. Reply in the thread of a reminder, or use \`${traits.helpCommand}\`.`;
}

/** The view with a warning line above it: what the channel would have seen, and why it did not. */
export function withWarning(view: View, note: string): View {
  return { text: `${note}\n${view.text}`, blocks: [...notice(`⚠️ ${note}`).blocks, ...view.blocks] };
}

/** A UserError's words on a platform: a name that should have been a mention gets that platform's fix. */
export function userErrorWords(error: UserError, traits: PlatformTraits): string {
  if (error instanceof NotAPersonError) return `${error.problem} ${traits.pickPerson(error.example)}`;
  if (error instanceof StaleButtonError) {
    return `${error.problem} ${error.remedy(`${traits.commandPrefix}${error.command}`.trim())}`;
  }
  return error.message;
}

/** A UserError as the notice shown to the person who acted, with its mentions when it has them. */
export function userErrorNotice(error: UserError, traits: PlatformTraits): View {
  if (error instanceof NotAPersonError || error instanceof StaleButtonError) {
    return errorNotice(userErrorWords(error, traits));
  }
  return errorNotice(error.message, error.spans);
}

export interface FailureContext {
  actor: Actor;
  traits: PlatformTraits;
  log: ConversationLog;
  /** The platform's test for "the bot may not post here" (see Surface.isCannotPost). */
  isCannotPost?: ((error: unknown) => boolean) | undefined;
}

/**
 * The words for a failure, logging what the person cannot act on: their own mistakes as the core worded
 * them, an unreachable store as "try again shortly", a channel the bot may not post in with how to let
 * it in, and anything else as "something went wrong", logged with who and where.
 */
export function describeFailure(error: unknown, ctx: FailureContext): string {
  if (error instanceof UserError) return userErrorWords(error, ctx.traits);
  if (error instanceof UnavailableError) {
    ctx.log.warn(`Store unavailable: ${error.message}`);
    return error.message;
  }
  const { actor } = ctx;
  const where = `${actor.channel.platform} ${actor.channel.team}/${actor.channel.channel}`;
  if (ctx.isCannotPost?.(error)) {
    ctx.log.warn(`Cannot post in ${where}:`, error);
    return ctx.traits.cannotPostHere;
  }
  ctx.log.error(`Unexpected error for ${actor.userId} in ${where}:`, error);
  return SOMETHING_WENT_WRONG;
}

/** The failure as the notice shown to the person who acted. */
export function failureNotice(error: unknown, ctx: FailureContext): View {
  if (error instanceof UserError) return userErrorNotice(error, ctx.traits);
  return errorNotice(describeFailure(error, ctx));
}
