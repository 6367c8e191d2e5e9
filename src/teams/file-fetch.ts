/**
 * Fetches a file attached to a Teams message, for `import`, without letting the message choose what the
 * server connects to. The URL comes from the activity, so left unchecked it could point the bot at
 * the machine it runs on or the network behind it and have the answer shown in the chat (server-side
 * request forgery). Two sources, by mode:
 *
 * - `bot-framework` (MicrosoftAppId set): https only, and only on the hosts Teams gives bots files from
 *   (TEAMS_FILE_HOSTS). The address each host resolves to is checked when the connection is made (a
 *   `lookup` on the request, so a name that resolves to a public address when checked and a private
 *   one when used cannot slip through): loopback, private, link-local and other non-public addresses
 *   are refused (address-ranges.ts).
 * - `loopback` (TEAMS_EMULATOR=on): http or https on a loopback host only, resolved the same way.
 *
 * Redirects are followed (at most 3), each one checked like the first URL. Every fetch is bounded in
 * time and size. The fetching itself, and the address checks, are src/net/guarded-fetch.ts, shared with
 * calendar feeds.
 */
import { isIP } from 'node:net';
import { isLoopbackHost } from '../net/address-ranges';
import {
  type FetchLimits,
  type FetchPolicy,
  FetchRefused,
  FetchTooLarge,
  FetchUnavailable,
  fetchGuarded,
} from '../net/guarded-fetch';

export type { FetchLimits };
/** The names this module has always thrown under; the classes are guarded-fetch's. */
export { FetchRefused as FileRefused, FetchTooLarge as FileTooLarge, FetchUnavailable as FileUnavailable };

export type FileSource = 'bot-framework' | 'loopback';

/**
 * The hosts Teams gives a bot files from. A file sent to the bot in a personal chat arrives as
 * `application/vnd.microsoft.teams.file.download.info` whose pre-authenticated `downloadUrl` is on the
 * sender's OneDrive for Business (`<tenant>-my.sharepoint.com`) or a SharePoint site
 * (`<tenant>.sharepoint.com`); attachments kept by the Bot Connector (pasted images and the like) are
 * under `smba.trafficmanager.net`. Microsoft documents bot file transfer only in the commercial cloud
 * (not GCC High, DoD or 21Vianet), so no sovereign-cloud host is listed. `*.` matches any subdomain.
 */
export const TEAMS_FILE_HOSTS: readonly string[] = ['*.sharepoint.com', 'smba.trafficmanager.net'];

function isTeamsFileHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return TEAMS_FILE_HOSTS.some((allowed) =>
    allowed.startsWith('*.') ? host.endsWith(allowed.slice(1)) : host === allowed,
  );
}

/** Why the source does not allow this URL, or null when it does (before its host is resolved). */
export function fileUrlProblem(url: URL, source: FileSource): string | null {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (source === 'loopback') {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return `${url.protocol} is not http or https`;
    return isLoopbackHost(host) ? null : `${host} is not a loopback address`;
  }
  if (url.protocol !== 'https:') return `${url.protocol} is not https`;
  if (isIP(host) !== 0) return `${host} is an IP address, not a host Teams keeps files on`;
  return isTeamsFileHost(host) ? null : `${host} is not a host Teams keeps files on`;
}

/** The source as a fetch policy: its URLs, and the addresses they may resolve to (public, or loopback). */
function policyOf(source: FileSource): FetchPolicy {
  return {
    urlProblem: (url) => fileUrlProblem(url, source),
    addresses: source === 'loopback' ? ['loopback'] : ['public'],
  };
}

/** The bytes at `address`; throws FileRefused, FileTooLarge or FileUnavailable. */
export function fetchFile(address: string, source: FileSource, limits: FetchLimits): Promise<Buffer> {
  return fetchGuarded(address, policyOf(source), limits);
}
