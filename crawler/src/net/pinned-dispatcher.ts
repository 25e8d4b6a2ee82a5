// Connections that reach only the addresses the guard approved: the address check happens inside the
// connection's own DNS lookup, so a name cannot resolve to a public address for the check and a private
// one for the connect (DNS rebinding).
import type { LookupAddress, LookupAllOptions, LookupOneOptions } from 'node:dns';
import { Agent } from 'undici';
import { type HostLookup, isPrivateAddress, systemLookup } from './address-guard.js';

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

const agents = new WeakMap<HostLookup, Agent>();

/** A fetch `dispatcher` whose every connection refuses non-public addresses, resolved with `lookup`. */
export function pinnedDispatcher(lookup: HostLookup = systemLookup): Agent {
  const known = agents.get(lookup);
  if (known) return known;
  const agent = new Agent({
    connect: {
      lookup: (hostname: string, options: LookupOneOptions | LookupAllOptions, callback: LookupCallback) => {
        lookup(hostname).then(
          (addresses) => answer(hostname, addresses, options, callback),
          (error: unknown) => callback(asErrno(error, 'ENOTFOUND'), ''),
        );
      },
    },
  });
  agents.set(lookup, agent);
  return agent;
}

function answer(
  hostname: string,
  addresses: string[],
  options: LookupOneOptions | LookupAllOptions,
  callback: LookupCallback,
): void {
  const refused = addresses.filter(isPrivateAddress);
  if (addresses.length === 0 || refused.length > 0) {
    const reason =
      addresses.length === 0
        ? `${hostname} has no address`
        : `${hostname} resolves to non-public address ${refused.join(', ')}`;
    callback(asErrno(new Error(reason), 'ADDRESS_NOT_ALLOWED'), '');
    return;
  }
  const entries = addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  const [first] = entries;
  if (options.all === true) callback(null, entries);
  else if (first) callback(null, first.address, first.family);
}

function asErrno(error: unknown, code: string): NodeJS.ErrnoException {
  const errno: NodeJS.ErrnoException = error instanceof Error ? error : new Error(String(error));
  errno.code ??= code;
  return errno;
}

/** The refusal's reason when a fetch failed because the pinned lookup refused an address; null otherwise. */
export function addressRefusal(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if ('code' in current && current.code === 'ADDRESS_NOT_ALLOWED') return current.message;
    current = current.cause;
  }
  return null;
}
