/**
 * The console for the composition root, in two steps like Teams, so reminders reach the console's DM
 * panes from a worker process while the page is served only where HTTP is:
 *
 *   const console = consoleParts(stores.consolePanes);               // every role, when enabled
 *   … new PlatformMessengers({ …, console: console.messenger }) … the core service …
 *   const served = await serveConsole(http, console, { service, … }); // web and all roles
 *   … served.close() before the HTTP server closes (it ends the open event streams)
 *
 * On the first start against a Redis, the demo channel is set up: the chair becomes its chair and a
 * welcome message in the channel says what to try.
 */
import type { Application } from 'express';
import type { ChatService } from '../core/chat-service';
import type { ConsolePaneFeed, ConsolePaneStore } from '../core/console-pane-store';
import type { Logger } from '../core/logger';
import { type ActionStore, NO_CHANGE } from '../core/ports';
import { text, type View } from '../core/view';
import { ConsoleAdapter } from './console-adapter';
import { ConsoleEvents } from './console-events';
import { ConsoleMessenger } from './console-messenger';
import { mountConsole } from './console-routes';
import { CONSOLE_CHANNEL, DEMO_CHAIR } from './demo';

export interface ConsoleParts {
  store: ConsolePaneStore;
  messenger: ConsoleMessenger;
}

export function consoleParts(store: ConsolePaneStore): ConsoleParts {
  return { store, messenger: new ConsoleMessenger(store) };
}

export interface ServeConsoleDeps {
  service: ChatService;
  /** The action store, to make the demo chair a chair. */
  actions: ActionStore;
  /** Every new and changed console message, from any process, for the browsers' event streams. */
  feed: ConsolePaneFeed;
  logger: Logger;
}

export interface ServedConsole {
  events: ConsoleEvents;
  /** Ends the browsers' event streams and the subscription. */
  close(): Promise<void>;
}

/** What the channel shows the first time: who is who, and what to type. */
export function welcomeView(): View {
  const lines = [
    'Welcome to the Arising console: a committee channel to try Arising without Slack or Teams.',
    'Pick who you are at the top: Chris chairs the committee, Priya and Sam own actions. Each has a direct-message pane where Arising reminds them.',
    'Try `add @Priya to send the July figures by Friday`, then press Done as Priya, or `settings reminders 0` and a due time a minute or two away to watch a reminder arrive. `help` shows every command; `import` takes pasted minutes.',
  ];
  return {
    text: lines.join('\n'),
    blocks: [
      { kind: 'header', text: 'Welcome to Arising' },
      ...lines.map((line) => ({ kind: 'section' as const, spans: [text(line)] })),
    ],
  };
}

/** Makes the chair a chair and posts the welcome, once per install; a failure is retried next start. */
async function setUpDemo(parts: ConsoleParts, actions: ActionStore): Promise<void> {
  if (!(await parts.store.claimSetup(CONSOLE_CHANNEL))) return;
  try {
    await actions.updateSettings(CONSOLE_CHANNEL, (settings) =>
      settings.chairs.includes(DEMO_CHAIR)
        ? NO_CHANGE
        : { ...settings, chairs: [...settings.chairs, DEMO_CHAIR] },
    );
    await parts.messenger.post({ kind: 'channel', channel: CONSOLE_CHANNEL }, welcomeView());
  } catch (error) {
    await parts.store.releaseSetup(CONSOLE_CHANNEL).catch(() => undefined);
    throw error;
  }
}

export async function serveConsole(
  http: Application,
  parts: ConsoleParts,
  deps: ServeConsoleDeps,
): Promise<ServedConsole> {
  const events = new ConsoleEvents(deps.feed);
  const adapter = new ConsoleAdapter({
    service: deps.service,
    store: parts.store,
    messenger: parts.messenger,
    channel: CONSOLE_CHANNEL,
    logger: deps.logger,
  });
  mountConsole(http, { adapter, store: parts.store, events });
  await setUpDemo(parts, deps.actions).catch((error: unknown) =>
    deps.logger.warn('Console: could not set up the demo channel (will try again at the next start):', error),
  );
  return { events, close: () => events.close() };
}
