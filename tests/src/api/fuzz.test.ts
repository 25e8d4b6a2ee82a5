// Guarantee: no malformed request, however built, makes the API answer 5xx; every error is problem+json.
// The cases come from a fixed seed, so a failure names a case that reproduces on every run.
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/db.js';
import { seededRandom } from '../harness/prng.js';
import { type ApiWorld, openApiWorld, sampleDocument } from './world.js';

/** The seed of every generated case; change it to explore, never to make a failure go away. */
const FUZZ_SEED = 0x19_2026;
const CLASSIFY_CASES = 10_000;
const GET_CASES = 1_800;

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const int = (random: Random, max: number) => Math.floor(random() * max);

const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\u202e\u2066hidden',
  '<script>alert(1)</script>',
  "'; drop table tools; --",
  '%00',
  '../../etc/passwd',
  'NaN',
  'Infinity',
  '1e400',
  '-0',
  '__proto__',
  'constructor',
  '\\',
  '"',
  '\r\n',
  '\u00ff\u0100\uffff',
  '😀'.repeat(50),
];

function hostileString(random: Random): string {
  const roll = random();
  if (roll < 0.6) return pick(random, HOSTILE_STRINGS);
  if (roll < 0.8) return 'x'.repeat(int(random, 3) === 0 ? 70_000 + int(random, 400_000) : int(random, 600));
  return Array.from({ length: int(random, 40) }, () => String.fromCharCode(int(random, 0x10000))).join('');
}

function hostileValue(random: Random, depth = 0): unknown {
  switch (int(random, 11)) {
    case 0:
      return null;
    case 1:
      return pick(random, [0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 31]);
    case 2:
      return random() < 0.5;
    case 3:
      return depth > 3 ? [] : Array.from({ length: int(random, 4) }, () => hostileValue(random, depth + 1));
    case 4: {
      if (depth > 3) return {};
      const object: Record<string, unknown> = {};
      for (let index = 0; index < int(random, 4); index++)
        object[hostileString(random)] = hostileValue(random, depth + 1);
      return object;
    }
    case 5: {
      // Nesting near and past every depth limit (schema 40, body 64).
      const levels = 30 + int(random, 45);
      let value: unknown = 'leaf';
      for (let index = 0; index < levels; index++) value = random() < 0.5 ? [value] : { a: value };
      return value;
    }
    default:
      return hostileString(random);
  }
}

const TOOL_FIELDS = ['name', 'title', 'description', 'inputSchema', 'outputSchema', 'annotations', '_meta'];

function mutateTool(random: Random, tool: Record<string, unknown>): unknown {
  if (random() < 0.1) return hostileValue(random);
  const copy: Record<string, unknown> = { ...tool };
  for (let index = 0; index <= int(random, 3); index++) {
    const field = pick(random, TOOL_FIELDS);
    if (random() < 0.2) delete copy[field];
    else copy[field] = hostileValue(random);
  }
  if (random() < 0.2 && typeof copy.inputSchema === 'object' && copy.inputSchema !== null) {
    copy.inputSchema = { type: 'object', properties: { [hostileString(random)]: hostileValue(random) } };
  }
  return copy;
}

/** A classify body: a mutated document, a different shape, or corrupted JSON text. */
function classifyCase(random: Random, key: string): InjectOptions {
  const document = sampleDocument(
    random() < 0.5 ? `io.example/fuzz-${int(random, 50)}` : hostileString(random),
  );
  const tools: unknown[] = document.tools.map((tool) => (random() < 0.5 ? mutateTool(random, tool) : tool));
  if (random() < 0.05)
    for (let index = 0; index < 2000 + int(random, 3); index++) tools.push({ name: `t${index}` });
  const server =
    random() < 0.3
      ? {
          ...document.server,
          [pick(random, ['id', 'name', 'title', 'description', 'package', 'version'])]: hostileValue(random),
        }
      : document.server;
  const shapes: unknown[] = [
    { server, tools },
    { tools },
    { result: { tools } },
    tools,
    { jsonrpc: '2.0', id: 1, result: { tools, nextCursor: hostileValue(random) } },
    hostileValue(random),
  ];
  let text = JSON.stringify(pick(random, shapes)) ?? 'null';
  let payload: string | Buffer = text;
  const corruption = random();
  if (corruption < 0.08) text = text.slice(0, int(random, text.length));
  else if (corruption < 0.14) {
    const at = int(random, text.length);
    text = `${text.slice(0, at)}${pick(random, ['"', ',', '}', ']', '\\', '\u0000', '\\u0000', '\\ud800', '{'])}${text.slice(at)}`;
  }
  payload = text;
  if (corruption > 0.95) payload = Buffer.concat([Buffer.from(text), Buffer.from([0xc3, 0x28, 0xff, 0xfe])]);
  const store = random() < 0.04;
  const query = store
    ? `?store=true&profile=${pick(random, ['strict', 'balanced', 'lax'])}`
    : random() < 0.1
      ? `?${pick(random, ['format=toml', 'pin=2', 'store=maybe', 'profile=%00'])}`
      : '';
  const headers: Record<string, string> = {
    'content-type': pick(random, [
      'application/json',
      'application/json',
      'application/json; charset=utf-8',
      'application/json; charset=latin1',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]),
  };
  if (store)
    headers.authorization =
      random() < 0.8
        ? `Bearer ${key}`
        : `Bearer ${hostileString(random).replace(/[^\x21-\x7e]/g, 'x') || 'x'}`;
  if (random() < 0.03)
    headers['content-encoding'] = pick(random, ['gzip', 'br', 'deflate', 'xz', 'identity, gzip']);
  return { method: 'POST', url: `/v1/classify${query}`, headers, payload };
}

/** Percent-encodes any string, lone surrogates included (as the bytes a careless client would send). */
function encodeAny(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return [...Buffer.from(text)].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
  }
}

const ENCODED_HOSTILE = [
  '%00',
  'a%00b',
  '%ZZ',
  '%',
  '%ed%a0%80',
  '%c3%28',
  '..%2f..%2fetc',
  '%2e%2e',
  '%25',
  'a'.repeat(201),
  'n'.repeat(257),
  'x'.repeat(1500),
  '%E2%80%AE',
  '%F0%9F%98%80',
  'NaN',
  '-1',
  '',
];

function pathSegment(random: Random, ids: readonly string[]): string {
  return random() < 0.35 ? encodeURIComponent(pick(random, ids)) : pick(random, ENCODED_HOSTILE);
}

const CURSOR_VALUES = (random: Random): string => {
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return pick(random, [
    b64(['NaN', 'x']),
    b64(['1e400']),
    b64(['0000-01-01', '1']),
    b64([hostileString(random).slice(0, 100), hostileString(random).slice(0, 100)]),
    `${b64(['a', 'b'])}.AAAAAAAAAAAAAAAAAAAAAA`,
    '.',
    'not-ours',
    'x'.repeat(1200),
  ]);
};

const QUERY_KEYS = [
  'limit',
  'cursor',
  'q',
  'risk',
  'category',
  'sort',
  'factor',
  'since',
  'profile',
  'format',
  'pin',
];

function queryValue(random: Random, key: string): string {
  if (key === 'cursor') return encodeURIComponent(CURSOR_VALUES(random));
  if (key === 'since') {
    return encodeURIComponent(
      pick(random, [
        '0000-01-01T00:00:00Z',
        '9999-12-31T23:59:59Z',
        '1969-12-31T23:59:59Z',
        '2024-02-30T00:00:00Z',
        'yesterday',
        '+275760-09-13T00:00:00Z',
      ]),
    );
  }
  if (key === 'limit')
    return pick(random, [
      'Infinity',
      '1e400',
      '-0',
      '0',
      '101',
      '1.5',
      '0x10',
      ' 5',
      '5',
      '[]',
      '99999999999999999999',
    ]);
  return random() < 0.5 ? pick(random, ENCODED_HOSTILE) : encodeAny(hostileString(random).slice(0, 300));
}

/** A GET of a route, with hostile path segments and query values. */
function getCase(random: Random, ids: readonly string[], tools: readonly string[]): string {
  const id = () => pathSegment(random, ids);
  const name = () =>
    random() < 0.35 ? encodeURIComponent(pick(random, tools)) : pick(random, ENCODED_HOSTILE);
  const path = pick(random, [
    () => '/v1/servers',
    () => `/v1/servers/${id()}`,
    () => `/v1/servers/${id()}/tools`,
    () => `/v1/servers/${id()}/tools/${name()}`,
    () => `/v1/servers/${id()}/policy`,
    () => `/v1/servers/${id()}/tools/${name()}/policy`,
    () => '/v1/tools',
    () => '/v1/stats',
    () => '/v1/changes',
    () => '/search',
    () => `/servers/${id()}`,
    () => `/servers/${id()}/tools/${name()}`,
    () => `/assets/${pick(random, ENCODED_HOSTILE)}`,
    () => `/${pick(random, ENCODED_HOSTILE)}`,
  ])();
  const pairs = Array.from({ length: int(random, 4) }, () => {
    const key = random() < 0.9 ? pick(random, QUERY_KEYS) : pick(random, ENCODED_HOSTILE);
    return `${key}=${queryValue(random, key)}`;
  });
  return pairs.length > 0 ? `${path}?${pairs.join('&')}` : path;
}

interface Failure {
  request: string;
  status: number;
  type: string;
  body: string;
}

/** Pages answer a person: their own not-found page is HTML by design (the JSON API and every other error is problem+json). */
function isPageNotFound(request: string, status: number, type: string): boolean {
  return status === 404 && type.startsWith('text/html') && / GET \/servers\//.test(request);
}

function check(
  failures: Failure[],
  request: string,
  response: { statusCode: number; headers: Record<string, unknown>; body: string },
) {
  const type = String(response.headers['content-type'] ?? '');
  const status = response.statusCode;
  const isProblem = type.startsWith('application/problem+json');
  if (status >= 500 || (status >= 400 && !isProblem && !isPageNotFound(request, status, type))) {
    failures.push({ request: request.slice(0, 300), status, type, body: response.body.slice(0, 300) });
  }
}

describe.each(ENGINES)(`API fuzz on %s (seed ${FUZZ_SEED})`, (engine) => {
  let world: ApiWorld;
  let ids: string[] = [];
  let toolNames: string[] = [];
  beforeAll(async () => {
    world = await openApiWorld(engine, { TOOLRISK_RATE_LIMIT_PER_MINUTE: '1000000' });
    const servers = (await world.app.inject('/v1/servers?limit=100')).json<{ servers: { id: string }[] }>();
    ids = servers.servers.map((server) => server.id);
    const tools = (await world.app.inject('/v1/tools?limit=100')).json<{ tools: { name: string }[] }>();
    toolNames = tools.tools.map((tool) => tool.name);
  });
  afterAll(async () => world?.close());

  it(`answers ${GET_CASES} generated GET query and path cases below 500, every error as problem+json`, async () => {
    const random = seededRandom(FUZZ_SEED);
    const failures: Failure[] = [];
    const statuses = new Map<number, number>();
    for (let index = 0; index < GET_CASES; index++) {
      const url = getCase(random, ids, toolNames);
      const response = await world.app.inject(url);
      statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
      check(failures, `#${index} GET ${url}`, response);
    }
    expect(failures.slice(0, 5)).toEqual([]);
    // The cases reach handlers as well as the guards: some succeed, most are refused.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(50);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(500);
  });

  it.runIf(engine === ENGINES[0])(
    `answers ${CLASSIFY_CASES} generated malformed POST /v1/classify bodies below 500, every error as problem+json`,
    async () => {
      const random = seededRandom(FUZZ_SEED + 1);
      const key = await world.createKey(['classify:store']);
      const failures: Failure[] = [];
      const statuses = new Map<number, number>();
      for (let index = 0; index < CLASSIFY_CASES; index++) {
        const request = classifyCase(random, key);
        const response = await world.app.inject(request);
        statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
        check(failures, `#${index} ${request.url} ${String(request.payload).slice(0, 200)}`, response);
      }
      expect(failures.slice(0, 5)).toEqual([]);
      expect(statuses.get(400) ?? 0).toBeGreaterThan(1000);
      expect(statuses.get(200) ?? 0).toBeGreaterThan(100);
    },
  );
});
