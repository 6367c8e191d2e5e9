/**
 * An HTTP GET of a URL that a user or a message chose (a Teams file, a channel's calendar feed), made so
 * that the URL cannot choose what the server connects to (server-side request forgery), and bounded:
 *
 * - the URL, and each redirect's (at most 3), must pass the caller's check (scheme, hosts);
 * - the address a host resolves to is checked when the connection is made (a `lookup` on the request, so
 *   a name that resolves to a public address when checked and a private one when used cannot slip
 *   through), and an IP literal, which Node connects to without a lookup, is checked before; only the
 *   kinds of address the caller allows (address-ranges.ts) are connected to;
 * - the whole fetch, body included, has one time limit, and the body a size cap checked as it streams.
 */
import { type LookupAddress, type LookupAllOptions, type LookupOptions, lookup } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { type AddressKind, addressKind } from './address-ranges';

/** What a caller lets a fetch reach. */
export interface FetchPolicy {
  /** Why the URL may not be fetched (before its host is resolved), or null when it may. */
  urlProblem(url: URL): string | null;
  /** The kinds of address a host may resolve to. */
  addresses: readonly AddressKind[];
}

export interface FetchLimits {
  maxBytes: number;
  timeoutMs: number;
  /** Resolves host names (node:dns lookup by default); tests give one that answers as a hostile DNS would. */
  resolve?: typeof lookup;
  /** Request headers (an Accept, a User-Agent). */
  headers?: Record<string, string>;
}

/** The URL is not one the policy allows, or its host resolved to an address it does not allow. */
export class FetchRefused extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'FetchRefused';
  }
}

/** The body is larger than FetchLimits.maxBytes. */
export class FetchTooLarge extends Error {
  constructor() {
    super('the file is too large');
    this.name = 'FetchTooLarge';
  }
}

/** Why a fetch found nothing: no answer in time, an error status, or a broken connection or redirect. */
export type UnavailableKind = 'timeout' | 'status' | 'connection';

/** The URL could not be fetched; `kind` (and `status`) say why, for an answer that names it. */
export class FetchUnavailable extends Error {
  constructor(
    reason: string,
    readonly kind: UnavailableKind = 'connection',
    readonly status: number | null = null,
  ) {
    super(reason);
    this.name = 'FetchUnavailable';
  }
}

export const MAX_REDIRECTS = 3;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** A lookup that resolves as usual, then refuses the connection when any address found is not allowed. */
function guardedLookup(allowed: readonly AddressKind[], resolve: typeof lookup): LookupFunction {
  return (hostname, options: LookupOptions, callback) => {
    const all: LookupAllOptions = { ...options, all: true };
    resolve(hostname, all, (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const refused = addresses.find((a) => !allowed.includes(addressKind(a.address)));
      const first = addresses[0];
      if (refused || !first) {
        const why = refused
          ? `${hostname} resolves to ${refused.address}, ${notAllowed(allowed)}`
          : 'no address';
        return callback(new FetchRefused(why), '', 0);
      }
      if (options.all) return callback(null, addresses);
      return callback(null, first.address, first.family);
    });
  };
}

function notAllowed(allowed: readonly AddressKind[]): string {
  return allowed.length === 1 && allowed[0] === 'loopback' ? 'which is not loopback' : 'which is not public';
}

/** Why the URL's host, when an IP literal, is not allowed (Node connects to those without a lookup). */
function literalProblem(url: URL, allowed: readonly AddressKind[]): string | null {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) === 0 || allowed.includes(addressKind(host))) return null;
  return `${host} is an address, ${notAllowed(allowed)}`;
}

function get(url: URL, lookupFn: LookupFunction, signal: AbortSignal, limits: FetchLimits) {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<IncomingMessage>((resolve, reject) => {
    // agent false: a fresh connection, so the lookup (and its check) runs for every request.
    const options = { method: 'GET', lookup: lookupFn, signal, agent: false, headers: limits.headers ?? {} };
    const req = request(url, options, resolve);
    req.on('error', reject);
    req.end();
  });
}

async function readCapped(response: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    throw new FetchTooLarge();
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of response) {
    const bytes = chunk as Buffer;
    total += bytes.length;
    if (total > maxBytes) {
      response.destroy();
      throw new FetchTooLarge();
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

/** What a failed request or read becomes: the time limit, or a broken connection. */
function unavailable(error: unknown, signal: AbortSignal): FetchUnavailable {
  if (signal.aborted) return new FetchUnavailable('no answer in time', 'timeout');
  return new FetchUnavailable(error instanceof Error ? error.message : String(error));
}

/** The body at `address`; throws FetchRefused, FetchTooLarge or FetchUnavailable. */
export async function fetchGuarded(
  address: string,
  policy: FetchPolicy,
  limits: FetchLimits,
): Promise<Buffer> {
  if (!URL.canParse(address)) throw new FetchRefused('not a URL');
  let url = new URL(address);
  const lookupFn = guardedLookup(policy.addresses, limits.resolve ?? lookup);
  const signal = AbortSignal.timeout(limits.timeoutMs);
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const problem = policy.urlProblem(url) ?? literalProblem(url, policy.addresses);
    if (problem) throw new FetchRefused(problem);
    let response: IncomingMessage;
    try {
      response = await get(url, lookupFn, signal, limits);
    } catch (error) {
      if (error instanceof FetchRefused) throw error;
      throw unavailable(error, signal);
    }
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (REDIRECTS.has(status) && location) {
      response.resume();
      if (!URL.canParse(location, url.href)) throw new FetchUnavailable(`a redirect to ${location}`);
      url = new URL(location, url);
      continue;
    }
    if (status < 200 || status >= 300) {
      response.resume();
      throw new FetchUnavailable(`the server answered ${status}`, 'status', status);
    }
    try {
      return await readCapped(response, limits.maxBytes);
    } catch (error) {
      if (error instanceof FetchTooLarge) throw error;
      throw unavailable(error, signal);
    }
  }
  throw new FetchUnavailable(`more than ${MAX_REDIRECTS} redirects`);
}
