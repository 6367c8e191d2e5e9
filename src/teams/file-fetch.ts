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
 * time and size.
 */
import { type LookupAddress, type LookupAllOptions, type LookupOptions, lookup } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { addressKind, isLoopbackHost } from './address-ranges';

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

export interface FetchLimits {
  maxBytes: number;
  timeoutMs: number;
  /** Resolves host names (node:dns lookup by default); tests give one that answers as a hostile DNS would. */
  resolve?: typeof lookup;
}

/** The URL is not one the source allows, or its host resolved to an address it does not allow. */
export class FileRefused extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'FileRefused';
  }
}

/** The file is larger than FetchLimits.maxBytes. */
export class FileTooLarge extends Error {
  constructor() {
    super('the file is too large');
    this.name = 'FileTooLarge';
  }
}

/** The file could not be fetched (no answer in time, an error status, a broken connection). */
export class FileUnavailable extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'FileUnavailable';
  }
}

const MAX_REDIRECTS = 3;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

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

/**
 * A lookup that resolves as usual, then refuses the connection when any address found is not of the
 * kind the source allows (public for `bot-framework`, loopback for `loopback`).
 */
function guardedLookup(source: FileSource, resolve: typeof lookup): LookupFunction {
  const wanted = source === 'loopback' ? 'loopback' : 'public';
  return (hostname, options: LookupOptions, callback) => {
    const all: LookupAllOptions = { ...options, all: true };
    resolve(hostname, all, (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const refused = addresses.find((a) => addressKind(a.address) !== wanted);
      const first = addresses[0];
      if (refused || !first) {
        const why = refused
          ? `${hostname} resolves to ${refused.address}, which is not ${wanted}`
          : 'no address';
        return callback(new FileRefused(why), '', 0);
      }
      if (options.all) return callback(null, addresses);
      return callback(null, first.address, first.family);
    });
  };
}

function get(url: URL, lookupFn: LookupFunction, signal: AbortSignal): Promise<IncomingMessage> {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    // agent false: a fresh connection, so the lookup (and its check) runs for every request.
    const req = request(url, { method: 'GET', lookup: lookupFn, signal, agent: false }, resolve);
    req.on('error', reject);
    req.end();
  });
}

async function readCapped(response: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    throw new FileTooLarge();
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of response) {
    const bytes = chunk as Buffer;
    total += bytes.length;
    if (total > maxBytes) {
      response.destroy();
      throw new FileTooLarge();
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

/** The bytes at `address`; throws FileRefused, FileTooLarge or FileUnavailable. */
export async function fetchFile(address: string, source: FileSource, limits: FetchLimits): Promise<Buffer> {
  if (!URL.canParse(address)) throw new FileRefused('not a URL');
  let url = new URL(address);
  const lookupFn = guardedLookup(source, limits.resolve ?? lookup);
  const signal = AbortSignal.timeout(limits.timeoutMs);
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const problem = fileUrlProblem(url, source);
    if (problem) throw new FileRefused(problem);
    let response: IncomingMessage;
    try {
      response = await get(url, lookupFn, signal);
    } catch (error) {
      if (error instanceof FileRefused) throw error;
      throw new FileUnavailable(error instanceof Error ? error.message : String(error));
    }
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (REDIRECTS.has(status) && location) {
      response.resume();
      if (!URL.canParse(location, url.href)) throw new FileUnavailable(`a redirect to ${location}`);
      url = new URL(location, url);
      continue;
    }
    if (status < 200 || status >= 300) {
      response.resume();
      throw new FileUnavailable(`the server answered ${status}`);
    }
    try {
      return await readCapped(response, limits.maxBytes);
    } catch (error) {
      if (error instanceof FileTooLarge) throw error;
      throw new FileUnavailable(error instanceof Error ? error.message : String(error));
    }
  }
  throw new FileUnavailable(`more than ${MAX_REDIRECTS} redirects`);
}
