// The one address policy of every outbound connection: a remote URL is refused unless each address its
// host resolves to is public unicast (SSRF guard), however the address is spelt.
import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

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

// IPv6 ranges whose last 32 bits are an IPv4 address that the packet ends up at: IPv4-mapped
// (::ffff:0:0/96), IPv4-translated (::ffff:0:0:0/96, RFC 6145), NAT64 well-known prefix (64:ff9b::/96,
// RFC 6052). The embedded IPv4 address decides.
const V6_EMBEDDING_V4_LAST_32 = new Set(['ipv4Mapped', 'rfc6145']);

/** The IPv4 address an IPv6 address carries to its destination, if it carries one. */
function embeddedV4(address: ipaddr.IPv6): ipaddr.IPv4 | undefined {
  const bytes = address.toByteArray();
  const last32 = (): ipaddr.IPv4 => new ipaddr.IPv4(bytes.slice(12, 16));
  if (V6_EMBEDDING_V4_LAST_32.has(address.range())) return last32();
  // NAT64 (64:ff9b::/96); ipaddr.js names it rfc6052 together with the local-use 64:ff9b:1::/48.
  if (address.match(ipaddr.IPv6.parse('64:ff9b::'), 96)) return last32();
  // IPv4-compatible (::/96, deprecated by RFC 4291 but still routed by some stacks): ::a.b.c.d.
  // ::/128 and ::1 are ranges of their own (unspecified, loopback) and stay IPv6.
  if (bytes.slice(0, 12).every((byte) => byte === 0) && address.range() === 'unicast') return last32();
  // 6to4 (2002::/16, RFC 3056): the relay forwards to the IPv4 address in bits 16..47.
  if (address.range() === '6to4') return new ipaddr.IPv4(bytes.slice(2, 6));
  return undefined;
}

/** True when the address is public unicast: not private, loopback, link-local, unique-local, multicast, reserved, or any other special range. */
export function isPublicAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').split('%')[0] ?? '';
  if (!ipaddr.isValid(bare)) return false;
  // ipaddr.js reads IPv4 shorthands ("127.1", "0x7f.1") as inet_aton does, so they cannot slip past.
  const parsed = ipaddr.parse(bare);
  if (!(parsed instanceof ipaddr.IPv6)) return parsed.range() === 'unicast';
  const v6 = parsed;
  const v4 = embeddedV4(v6);
  if (v4 !== undefined) return v4.range() === 'unicast';
  // Teredo (2001::/32) hides its IPv4 endpoint; an unknown destination is refused.
  return v6.range() === 'unicast';
}

/** True when the IP address is not public unicast (or is not an IP address at all: refuse rather than guess). */
export function isPrivateAddress(address: string): boolean {
  return !isPublicAddress(address);
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
  // WHATWG URL parsing has normalised every IPv4 spelling (decimal, hex, octal, short) to dotted quad
  // and every IPv6 literal to its compressed hex form, so an IP literal is recognised here as such.
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = ipaddr.isValid(host) ? [host] : await (options.lookup ?? systemLookup)(host);
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
