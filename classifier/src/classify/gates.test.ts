// The gate scans skip regexes only when no match is possible: each fast path is checked against the slow one.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/prng.js';
import { type DescriptionSignals, PHRASE_KEYS, readDescription } from './description.js';
import { everyGroup, GateScanner } from './gates.js';
import { findSuspicious } from './suspicious.js';
import { quoteOf, tokenizeName, wordsOf } from './tokens.js';

// Fragments of every phrase the patterns look for, glued with and without separators so that gates also land
// inside words, across punctuation and at the ends of the text.
const FRAGMENTS = [
  'read only',
  'read-only',
  'sql',
  'transaction',
  'does not',
  "doesn't",
  'modify',
  'never',
  'without',
  'modifying',
  'no side effects',
  'execute',
  'run',
  'runs',
  'arbitrary',
  'python',
  'code',
  'commands',
  'terminal',
  'repl',
  'shell',
  'session',
  'in a',
  'in the',
  'on the',
  'browser',
  'page',
  'current page',
  'console',
  'or element',
  'sandbox',
  'sandboxed',
  'isolated',
  'container',
  'overwrite',
  'overwrites',
  'replace',
  'replaces',
  'the entire',
  'file',
  'full',
  'complete',
  'update',
  'completely',
  'cannot',
  'be',
  'undone',
  'irreversibly',
  'permanently',
  'delete',
  'deletes',
  'remove',
  'destroy',
  'manage',
  'managing',
  'creating',
  'sending',
  'send',
  'an',
  'email',
  'messages',
  'post',
  'posts',
  'to',
  'slack',
  'returns',
  'with',
  'headers',
  'up',
  '25',
  'items',
  'bulk',
  'all matching',
  'mass',
  'allowed',
  'directories',
  'blocked',
  'allowlist',
  'deny-list',
  'firewall rules',
  'administrators',
  'access control',
  'permission',
  'role',
  'api keys',
  'secrets',
  'password',
  'credentials',
  'access token',
  'private key',
  'environment variables',
  'key vault',
  'the web',
  'websites',
  'internet',
  'search engine',
  'news articles',
  'vm',
  'clusters',
  'kubernetes',
  'dns',
  'load balancer',
  'servers',
  'query',
  'querying',
  'database',
  'document queries',
  'payments',
  'refund',
  'invoice',
  'billing',
  'subscription billing',
  'command router',
  'sub command',
  'subcommands',
  '<important>',
  '< system >',
  'ignore',
  'previous',
  'instructions',
  'do not',
  'tell',
  'the user',
  'keep this',
  'secret from',
  '~/.ssh',
  'id_rsa',
  '.ssh/',
  '/etc/passwd',
  '~/.aws',
  '.env',
  'read the',
  'mcp.json',
  'credentials file',
  'before using',
  'this tool',
  'you must',
  'read',
  'pass',
  'the contents of',
  'other tools',
  'conversation history',
  'include',
  'you should',
  'also',
  'tokens',
  'x',
  'my',
  '_',
  '.',
  ',',
  '\n',
  'tool',
];

function randomText(next: () => number): string {
  const parts: string[] = [];
  const count = 1 + Math.floor(next() * 14);
  for (let i = 0; i < count; i++) {
    parts.push(FRAGMENTS[Math.floor(next() * FRAGMENTS.length)] ?? '');
    const glue = next();
    parts.push(glue < 0.6 ? ' ' : glue < 0.8 ? '' : glue < 0.9 ? '_' : '. ');
  }
  return parts.join('');
}

// Every group present: the slow path that runs every pattern.
const ALL_GROUPS = everyGroup(128);

describe('gate scans', () => {
  it('find a group whenever one of its gates starts a word, and a * gate anywhere', () => {
    const groups = [['delet', 'deleting'], ['dele', 'not '], ['*sub command', '*<'], ['x']];
    const scanner = new GateScanner(groups);
    expect(scanner.scan('is deleting')).toEqual([0b11]);
    expect(scanner.scan('undeleting')).toEqual([0]);
    expect(scanner.scan('list_sub commands <b>')).toEqual([0b100]);
    expect(scanner.scan('cannot ')).toEqual([0]);
    expect(scanner.scan('do not x')).toEqual([0b1010]);
  });

  it('set groups past the 32nd in the next word, and add a scan to an earlier one', () => {
    const groups = Array.from({ length: 40 }, (_, index) => [`w${index}z`]);
    const scanner = new GateScanner(groups);
    expect(scanner.scan('w31z w32z w39z')).toEqual([(2 ** 31) | 0, 0b10000001]);
    expect(scanner.scan('w0z', scanner.scan('w33z'))).toEqual([1, 0b10]);
    expect(everyGroup(40)).toEqual([-1, 0xff]);
  });

  // Every phrase's quote (each pattern runs when its phrase is first read, so the order of reading is varied), and
  // the words and verbs that open the text.
  function phrasesOf(signals: DescriptionSignals, backwards = false): Record<string, unknown> {
    const phrases: Record<string, unknown> = {
      leadWords: signals.leadWords,
      leadVerbs: signals.leadVerbs,
    };
    for (const key of backwards ? [...PHRASE_KEYS].reverse() : PHRASE_KEYS)
      phrases[key] = Reflect.get(signals, key)?.quote;
    return phrases;
  }

  it('leave every description phrase as running all of its patterns would', () => {
    const next = seededRandom(20240611);
    for (let i = 0; i < 3000; i++) {
      const lower = randomText(next);
      expect(phrasesOf(readDescription(lower), i % 2 === 0), lower).toEqual(
        phrasesOf(readDescription(lower, ALL_GROUPS)),
      );
    }
  });

  it('leave every suspicious hit as running all of the patterns would', () => {
    const next = seededRandom(7);
    for (let i = 0; i < 3000; i++) {
      const text = randomText(next);
      expect(findSuspicious('', '', text, text), text).toEqual(
        findSuspicious('', '', text, text, ALL_GROUPS),
      );
    }
  });
});

describe('suspicious scans of a title and a description', () => {
  // What the scan once read: the title, a newline and the description as one string.
  function joinedScan(title: string, text: string) {
    const joined = `${title}\n${text}`;
    return findSuspicious('', '', joined, joined.toLowerCase());
  }
  const EXTRAS = [
    '\u200b',
    '\u2028',
    '\u2014',
    '\udb40\udc41',
    'İ',
    `${'Q'.repeat(170)}`,
    `${'q'.repeat(170)}`,
    '',
  ];

  it('find what scanning the joined text finds, reading each part on its own', () => {
    const next = seededRandom(11);
    const part = () => {
      const extra = EXTRAS[Math.floor(next() * EXTRAS.length)] ?? '';
      return next() < 0.3 ? '' : `${randomText(next)}${next() < 0.5 ? extra : ''}${randomText(next)}`;
    };
    for (let i = 0; i < 2000; i++) {
      const title = part();
      const text = part();
      expect(
        findSuspicious(title, title.toLowerCase(), text, text.toLowerCase()),
        `${title}|${text}`,
      ).toEqual(joinedScan(title, text));
    }
  });
});

describe('base64 runs', () => {
  // The plain scan the skipping one replaced.
  function slowRun(text: string): string | undefined {
    const runs = text.match(/[A-Za-z0-9+/]+/g) ?? [];
    return runs.find((run) => run.length >= 160 && !/^[a-z]+$/.test(run));
  }

  it('report the first long non-word run, as a plain scan would', () => {
    const next = seededRandom(99);
    const alphabet = 'aaaaaaaaaaaaaaaaaaaaaAZ09+/ .-';
    for (let i = 0; i < 500; i++) {
      const length = Math.floor(next() * 700);
      let text = '';
      for (let j = 0; j < length; j++) text += alphabet[Math.floor(next() * alphabet.length)] ?? '';
      if (next() < 0.5)
        text += `${' '.repeat(Math.floor(next() * 3))}${'Q'.repeat(150 + Math.floor(next() * 20))}`;
      const hit = findSuspicious('', '', text, text.toLowerCase()).find(
        (found) => found.reason === 'long base64 blob',
      );
      const expected = slowRun(text);
      expect(hit?.quote, text).toBe(expected === undefined ? undefined : `${expected.slice(0, 40)}…`);
    }
  });
});

describe('tokenisers', () => {
  it('split names and prose as the regex versions did', () => {
    const next = seededRandom(3);
    for (let i = 0; i < 4000; i++) {
      // Half the names are ASCII, which take the one-pass split; the others may hold letters that lowercase oddly.
      const alphabet = i % 2 === 0 ? 'abcXYZ019_-. éİ' : 'aAbBCzZ09_-. ';
      let name = '';
      const length = Math.floor(next() * 30);
      for (let j = 0; j < length; j++) name += alphabet[Math.floor(next() * alphabet.length)] ?? '';
      const spaced = name
        .slice(0, 200)
        .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
        .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
      const expected = spaced
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter((token) => token.length > 0);
      expect(tokenizeName(name), name).toEqual(expected);
      const lower = name.toLowerCase();
      expect(wordsOf(lower, 5), lower).toEqual(
        [...lower.matchAll(/[a-z][a-z0-9]*/g)].map((m) => m[0]).slice(0, 5),
      );
      // A quote skips the whitespace regex only when the regex would leave it as it is.
      const quoted = name.replaceAll('_', ' ').replaceAll('-', '\t');
      const line = quoted.replace(/\s+/g, ' ').trim();
      const cut = line.lastIndexOf(' ', 12);
      expect(quoteOf(quoted, 12), quoted).toBe(
        line.length <= 12 ? line : cut > 0 ? line.slice(0, cut) : line.slice(0, 12),
      );
    }
  });
});
