// The address policy against generated spellings of forbidden addresses: every IPv6 form that carries an IPv4
// address (mapped, compatible, translated, NAT64, 6to4), bare and inside URLs, seeded so a failure replays.
import { checkUrlAddress, isPrivateAddress } from '@toolrisk/crawler/testing';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../harness/prng.js';

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

describe('the address policy on generated spellings', () => {
  it('refuses every generated IPv6 spelling of 2,000 forbidden IPv4 addresses (seeded)', () => {
    const random = seededRandom(20261201);
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

  it('refuses every generated URL spelling of forbidden addresses (seeded)', async () => {
    const random = seededRandom(7);
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
});
