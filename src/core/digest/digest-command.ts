/** `digest`: posts the overdue digest in the channel now, or says that nothing is overdue. */
import type { Reply } from '../chat-service';
import type { Actor } from '../domain';
import type { ServiceDeps } from '../service-deps';
import { notice } from '../views/notice';
import { postDigest } from './post-digest';

export async function digestCommand(deps: ServiceDeps, actor: Actor): Promise<Reply> {
  const posted = await postDigest(deps, actor.channel);
  if (!posted) return { kind: 'ephemeral', view: notice('Nothing is overdue here. 🎉') };
  if (!posted.message) {
    return { kind: 'ephemeral', view: posted.view };
  }
  return { kind: 'none' };
}
