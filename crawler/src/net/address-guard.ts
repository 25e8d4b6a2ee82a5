// Refusing remote URLs whose host resolves to a private, link-local or loopback address (SSRF guard).
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/** Resolves a host name to every address it has. */
export type HostLookup = (host: string) => Promise<string[]>;

/** The system resolver, asking for every address (IPv4 and IPv6). */
export const systemLookup: HostLookup = async (host) => {
  const results = await lookup(host, { all: true, verbatim: true });
  return results.map((result) => result.address);
};

/** The verdict on one URL: allowed, or refused with the reason. */
export type AddressCheck =
  | { ok: true }
  | { ok: false; code: 'ADDRESS_NOT_ALLOWED' | 'CONNECT_FAILED'; reason: string };

const V4_BLOCKS: [string, number][] = [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved and broadcast
];

function v4ToNumber(address: string): number {
  return address.split('.').reduce((sum, part) => sum * 256 + Number(part), 0);
}

function isPrivateV4(address: string): boolean {
  const value = v4ToNumber(address);
  return V4_BLOCKS.some(([base, bits]) => {
    const size = 2 ** (32 - bits);
    const start = v4ToNumber(base);
    return value >= start && value < start + size;
  });
}

function isPrivateV6(address: string): boolean {
  const lower =
    address
      .toLowerCase()
      .replace(/^\[|\]$/g, '')
      .split('%')[0] ?? '';
  if (lower === '::' || lower === '::1') return true;
  // IPv4-mapped and NAT64 forms carry an IPv4 address that decides.
  const embedded = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower)?.[1];
  if (embedded !== undefined) return isPrivateV4(embedded);
  const first = Number.parseInt(lower.split(':')[0] || '0', 16);
  if ((first & 0xfe00) === 0xfc00) return true; // fc00::/7 unique local
  if ((first & 0xffc0) === 0xfe80) return true; // fe80::/10 link-local
  return (first & 0xff00) === 0xff00; // ff00::/8 multicast
}

/** True when the IP address is private, link-local, loopback, multicast or unspecified. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address.replace(/^\[|\]$/g, ''));
  if (family === 4) return isPrivateV4(address);
  if (family === 6) return isPrivateV6(address);
  return true; // not an address at all: refuse rather than guess
}

/** Checks that a URL is http(s) and that every address of its host is public (unless private ones are allowed). */
export async function checkUrlAddress(
  url: string,
  options: { allowPrivateAddresses?: boolean | undefined; lookup?: HostLookup | undefined } = {},
): Promise<AddressCheck> {
  if (!URL.canParse(url)) return { ok: false, code: 'ADDRESS_NOT_ALLOWED', reason: `not a URL: ${url}` };
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { ok: false, code: 'ADDRESS_NOT_ALLOWED', reason: `${parsed.protocol} URLs are not allowed` };
  }
  if (options.allowPrivateAddresses) return { ok: true };
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await (options.lookup ?? systemLookup)(host);
  } catch (error) {
    return {
      ok: false,
      code: 'CONNECT_FAILED',
      reason: `cannot resolve ${host}: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const refused = addresses.filter(isPrivateAddress);
  if (addresses.length === 0) return { ok: false, code: 'CONNECT_FAILED', reason: `${host} has no address` };
  if (refused.length > 0) {
    return {
      ok: false,
      code: 'ADDRESS_NOT_ALLOWED',
      reason: `${host} resolves to non-public address ${refused.join(', ')}`,
    };
  }
  return { ok: true };
}
