/**
 * Calls to one conversation one after another, in the order they came, while other conversations' calls
 * run alongside. Both chat platforms limit sending per conversation (Slack about a message a second a
 * channel, Teams per conversation and per bot), and card updates to one conversation must land in order,
 * so the Slack and Teams messengers each send through lanes; what they do about a refusal (Slack's 429,
 * Teams' retriable statuses) is their own and stays in src/slack/slack-api.ts and src/teams/teams-retry.ts.
 * It lives outside both adapters (and outside src/app, the composition root that imports them) so that
 * neither adapter depends on the other or on what wires them.
 */

/** Runs calls for one conversation one after another, in the order they came; others run alongside. */
export class ConversationLanes {
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `call` once every earlier call for `conversation` has settled; a failure holds up nothing. */
  run<T>(conversation: string, call: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(conversation) ?? Promise.resolve();
    const result = previous.then(call);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(conversation, tail);
    void tail.then(() => {
      if (this.tails.get(conversation) === tail) this.tails.delete(conversation);
    });
    return result;
  }
}
