/**
 * Which kind of address an IP is, for the guards on what the service may connect to when a message names
 * the place: a Bot Connector service URL in emulator mode must be loopback (teams/service-url-guard.ts),
 * and a file fetched for a Teams import or a channel's calendar feed must be public (guarded-fetch.ts), so
 * a message cannot point the bot at the machine it runs on or the network behind it (server-side request
 * forgery).
 *
 * node:net's BlockList matches an IPv4 rule against the IPv4-mapped IPv6 form too (::ffff:127.0.0.1),
 * so that disguise is covered.
 */
import { BlockList, isIP } from 'node:net';

export type AddressKind = 'loopback' | 'non-public' | 'public';

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** Ranges that are not on the public internet (IANA special-purpose registries), loopback aside. */
const NON_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network": 0.0.0.0 reaches the local host on Linux
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['169.254.0.0', 16], // link-local, including cloud metadata at 169.254.169.254
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved and broadcast
] as const) {
  NON_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['64:ff9b::', 96], // NAT64: could reach any IPv4 address, private ones included
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['2002::', 16], // 6to4, likewise
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  NON_PUBLIC.addSubnet(network, prefix, 'ipv6');
}

/** The kind of an IP address; anything that is not an IP address counts as non-public. */
export function addressKind(address: string): AddressKind {
  const ip = address.replace(/^\[|\]$/g, '');
  const family = isIP(ip);
  if (family === 0) return 'non-public';
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (LOOPBACK.check(ip, type)) return 'loopback';
  return NON_PUBLIC.check(ip, type) ? 'non-public' : 'public';
}

/** True for a loopback IP literal or the name `localhost` (as the Bot Framework Emulator sends it). */
export function isLoopbackHost(hostname: string): boolean {
  return hostname.toLowerCase() === 'localhost' || addressKind(hostname) === 'loopback';
}
