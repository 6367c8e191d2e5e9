/**
 * Where the bot may send what it posts to Teams. Every call to the Bot Connector (a reply in the turn, a
 * proactive post, an update, opening a personal chat) goes to the `serviceUrl` of an activity, and
 * botbuilder makes each through a ConnectorFactory; the guard wraps that factory, so there is one door.
 *
 * - Verified mode (MicrosoftAppId set): the activity's token names its serviceUrl and botbuilder refuses
 *   an activity whose serviceUrl differs, so the URL is the channel's; nothing is added here.
 * - Emulator mode (TEAMS_EMULATOR=on): nobody vouches for the activity, so only loopback service URLs
 *   (127.0.0.0/8, ::1, `localhost`, as the Bot Framework Emulator uses) are called. A stored conversation
 *   reference from an earlier run with another serviceUrl is refused the same way.
 */
import { type ConnectorClient, ConnectorFactory } from 'botframework-connector';
import { isLoopbackHost } from '../net/address-ranges';
import type { TeamsMode } from './teams-settings';

/** Thrown instead of calling a service URL the mode does not allow. */
export class ServiceUrlRefused extends Error {
  constructor(readonly serviceUrl: string) {
    super(
      `Refusing to call Teams service URL ${serviceUrl}: with TEAMS_EMULATOR=on only loopback URLs are called`,
    );
    this.name = 'ServiceUrlRefused';
  }
}

/** True for an http(s) URL on a loopback host. */
export function isLoopbackUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHost(url.hostname);
}

/** True when `mode` lets the bot call this service URL. */
export function serviceUrlAllowed(mode: TeamsMode, serviceUrl: string): boolean {
  return mode === 'verified' || (mode === 'emulator' && isLoopbackUrl(serviceUrl));
}

class GuardedConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly mode: TeamsMode,
  ) {
    super();
  }

  override create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    if (!serviceUrlAllowed(this.mode, serviceUrl)) return Promise.reject(new ServiceUrlRefused(serviceUrl));
    return this.inner.create(serviceUrl, audience);
  }
}

/** The factory as it is in verified mode; wrapped so that it refuses what `mode` does not allow otherwise. */
export function guardConnectorFactory(factory: ConnectorFactory, mode: TeamsMode): ConnectorFactory {
  return mode === 'verified' ? factory : new GuardedConnectorFactory(factory, mode);
}
