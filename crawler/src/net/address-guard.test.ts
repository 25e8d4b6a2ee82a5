import { describe, expect, it } from 'vitest';
import { checkUrlAddress, isPrivateAddress } from './address-guard.js';

/** A small seeded generator (mulberry32), so the generated cases are the same on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Forbidden IPv4 blocks: [first octets fixed, how many of the 4 octets are fixed].
const FORBIDDEN_V4: [number[], string][] = [
  [[127], 'loopback'],
  [[10], 'private'],
  [[169, 254], 'link-local / cloud metadata'],
  [[192, 168], 'private'],
  [[172, 16], 'private'],
  [[100, 64], 'carrier-grade NAT'],
  [[0], 'this network'],
  [[224], 'multicast'],
  [[255, 255, 255, 255], 'broadcast'],
];

function randomForbiddenV4(random: () => number): number[] {
  const index = Math.floor(random() * FORBIDDEN_V4.length);
  const [prefix] = FORBIDDEN_V4[index] ?? [[127]];
  const octets = [...prefix];
  while (octets.length < 4) octets.push(Math.floor(random() * 256));
  return octets;
}

const hex16 = (high: number, low: number): string => ((high << 8) | low).toString(16);

/** Every way to spell an IPv4 address inside IPv6 (and as a URL host) that the guard must see through. */
function encodings(octets: number[]): string[] {
  const [a = 0, b = 0, c = 0, d = 0] = octets;
  const dotted = `${a}.${b}.${c}.${d}`;
  const hexPair = `${hex16(a, b)}:${hex16(c, d)}`;
  return [
    `::ffff:${dotted}`, // IPv4-mapped, dotted
    `::ffff:${hexPair}`, // IPv4-mapped, hex (what WHATWG URL normalises to)
    `0:0:0:0:0:ffff:${hexPair}`, // IPv4-mapped, uncompressed
    `::ffff:0:${hexPair}`, // IPv4-translated (RFC 6145)
    `::${dotted}`, // IPv4-compatible, deprecated
    `64:ff9b::${dotted}`, // NAT64 well-known prefix
    `64:ff9b::${hexPair}`,
    `2002:${hexPair}::1`, // 6to4
  ];
}

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1',
    '10.2.3.4',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '192.0.2.1',
    '198.18.0.1',
    '240.0.0.1',
    '::1',
    '::',
    'fe80::1',
    'fe80::1%eth0',
    'fc00::1',
    'fd12:3456::1',
    'ff02::1',
    '2001:db8::1',
    '2001::1', // Teredo hides its IPv4 endpoint
    '64:ff9b:1::1', // local-use NAT64
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:169.254.169.254',
    '::127.0.0.1',
    '::7f00:1',
    '[::ffff:7f00:1]',
    '127.1',
    'not-an-ip',
    '',
  ])('refuses %s', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each([
    '93.184.216.34',
    '172.32.0.1',
    '8.8.8.8',
    '2606:4700::1111',
    '::ffff:8.8.8.8',
    '::ffff:808:808',
    '64:ff9b::8.8.8.8',
    '2002:808:808::1',
  ])('allows %s', (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });

  it('refuses every generated IPv6 spelling of 2,000 forbidden IPv4 addresses (seeded)', () => {
    const random = seeded(20261201);
    const allowed: string[] = [];
    let checked = 0;
    for (let i = 0; i < 2000; i++) {
      for (const spelling of encodings(randomForbiddenV4(random))) {
        checked++;
        if (!isPrivateAddress(spelling)) allowed.push(spelling);
      }
    }
    expect(checked).toBe(16000);
    expect(allowed).toEqual([]);
  });

  it('allows the same spellings of public IPv4 addresses (the guard is not refusing everything)', () => {
    const publicV4 = [
      [8, 8, 8, 8],
      [93, 184, 216, 34],
      [1, 1, 1, 1],
    ];
    const refused = publicV4.flatMap(encodings).filter(isPrivateAddress);
    expect(refused).toEqual([]);
  });
});

describe('checkUrlAddress', () => {
  it.each([
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:7f00:1]/',
    'http://[::ffff:169.254.169.254]/latest/meta-data/',
    'http://[::127.0.0.1]/',
    'http://[0:0:0:0:0:ffff:7f00:1]:8080/mcp',
    'http://[64:ff9b::127.0.0.1]/',
    'http://[2002:7f00:1::]/',
    'http://2130706433/', // decimal 127.0.0.1
    'http://0x7f000001/',
    'http://0177.0.0.1/',
    'http://127.1/',
    'http://[::]/',
    'http://0.0.0.0:3000/',
  ])('refuses %s as ADDRESS_NOT_ALLOWED without resolving anything', async (url) => {
    const lookup = async (): Promise<string[]> => {
      throw new Error('an IP literal must not be looked up');
    };
    const check = await checkUrlAddress(url, { lookup });
    expect(check).toMatchObject({ ok: false, code: 'ADDRESS_NOT_ALLOWED' });
    expect(check.ok === false && check.reason).toMatch(/resolves to non-public address/);
  });

  it('refuses every generated URL spelling of forbidden addresses (seeded)', async () => {
    const random = seeded(7);
    const lookup = async (): Promise<string[]> => ['8.8.8.8'];
    const allowed: string[] = [];
    for (let i = 0; i < 300; i++) {
      for (const spelling of encodings(randomForbiddenV4(random))) {
        const url = `http://[${spelling}]:3000/mcp`;
        if ((await checkUrlAddress(url, { lookup })).ok) allowed.push(url);
      }
    }
    expect(allowed).toEqual([]);
  });

  it('refuses a host whose DNS answer is an IPv4-mapped loopback', async () => {
    const check = await checkUrlAddress('https://rebind.example', {
      lookup: async () => ['::ffff:127.0.0.1'],
    });
    expect(check).toEqual({
      ok: false,
      code: 'ADDRESS_NOT_ALLOWED',
      reason: 'rebind.example resolves to non-public address ::ffff:127.0.0.1',
    });
  });

  it('refuses a host when any of its addresses is private', async () => {
    const check = await checkUrlAddress('https://mixed.example', {
      lookup: async () => ['8.8.8.8', '10.0.0.1'],
    });
    expect(check).toMatchObject({ ok: false, code: 'ADDRESS_NOT_ALLOWED' });
  });

  it('allows a host whose every address is public', async () => {
    const check = await checkUrlAddress('https://public.example', {
      lookup: async () => ['8.8.8.8', '2606:4700::1111'],
    });
    expect(check).toEqual({ ok: true });
  });

  it('refuses non-http schemes even when private addresses are allowed', async () => {
    const check = await checkUrlAddress('file:///etc/passwd', { allowPrivateAddresses: true });
    expect(check).toMatchObject({ ok: false, code: 'ADDRESS_NOT_ALLOWED' });
  });

  it('reports an unresolvable host as CONNECT_FAILED, not as refused', async () => {
    const lookup = async () => {
      throw new Error('ENOTFOUND');
    };
    expect(await checkUrlAddress('https://nowhere.example', { lookup })).toMatchObject({
      ok: false,
      code: 'CONNECT_FAILED',
    });
  });

  it('allows loopback only when asked', async () => {
    expect(await checkUrlAddress('http://[::1]:8080/', { allowPrivateAddresses: true })).toEqual({
      ok: true,
    });
    expect((await checkUrlAddress('http://[::1]:8080/')).ok).toBe(false);
  });
});
