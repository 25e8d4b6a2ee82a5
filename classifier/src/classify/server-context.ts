// What a tool's server says about it: the shared name prefix, and the kind of system it fronts (database, cloud, …).
import type { ServerContext, ToolDefinition } from '../types.js';
import { tokenizeName, wordsOf } from './tokens.js';
import { verbKind } from './verbs.js';

/** The kinds of system a server can front; each changes how some tools are read. */
export type ServerKind =
  | 'browser'
  | 'cloud'
  | 'database'
  | 'payments'
  | 'messaging'
  | 'websearch'
  | 'filesystem'
  | 'network'
  | 'public'
  | 'security'
  | 'people'
  | 'trading'
  | 'identity';

/** Server-level facts shared by all of its tools, computed once per context. */
export interface ServerFacts {
  /** First name tokens shared by most tools (`browser`, `git`), stripped before reading the verb. */
  prefixes: ReadonlySet<string>;
  kinds: ReadonlySet<ServerKind>;
  /** Words of the server name and description that showed each kind. */
  kindQuotes: ReadonlyMap<ServerKind, string>;
  /** The server description's statement that it enforces read-only queries ("read-only access"). */
  enforcedReadOnly?: string;
  /** Sibling tool names that run free-form SQL or code, e.g. `execute_sql`. */
  executingSibling?: string;
}

const KIND_WORDS: [ServerKind, RegExp][] = [
  ['browser', /\b(browser|playwright|puppeteer|selenium|chrome|chromium|webdriver)\b/],
  [
    'cloud',
    /\b(azure|aws|gcp|google cloud|cloud|kubernetes|k8s|terraform|cloudflare|vercel|netlify|heroku|digitalocean|ec2|eks|aks|gke)\b/,
  ],
  [
    'database',
    /\b(vector (database|store|db)|postgres|postgresql|mysql|sqlite|sql|database|mongodb|mongo|redis|supabase|bigquery|snowflake|clickhouse|dynamodb|elasticsearch|neo4j)\b/,
  ],
  [
    'payments',
    /\b(stripe|payments?|billing|paypal|square|invoices?|checkout|braintree|adyen|trading account|brokerage|broker)\b/,
  ],
  [
    'identity',
    /\b(identity (provider|platform|management|and access)|single sign-on|sso|directory services?)\b/,
  ],
  [
    'trading',
    /\b(crypto(currency)? exchanges?|stock exchanges?|exchange accounts?|trading|brokerage|broker|spot market|futures market|order book)\b/,
  ],
  [
    'security',
    /\b(threat detection|detections|siem|edr|xdr|ndr|security operations|soc analysts?|incident response|threat hunting|attack (signal|surface))\b/,
  ],
  [
    'people',
    /\b(crm|prospects?|leads|contacts database|people data|candidates|patients|hr system|recruiting)\b/,
  ],
  [
    'public',
    /\b(blockchain|on-chain|bitcoin|ethereum|solana|ordinals|inscriptions?|runes|public ledger|market data|stock prices|stock market|weather|seismic|earthquakes?|open data|public data|public records)\b/,
  ],
  [
    'network',
    /\b(firewall|zero trust|secure access|network security|api gateway|load balancer|reverse proxy|vpn|sase|cdn|traffic (forwarding|policy|management))\b/,
  ],
  [
    'messaging',
    /\b(e-?mail|gmail|slack|discord|sms|twilio|telegram|whatsapp|outlook|sendgrid|mailgun|teams)\b/,
  ],
  ['websearch', /\b(web search|search engine|brave search|tavily|exa|serp|bing|duckduckgo|google search)\b/],
  ['filesystem', /\b(filesystem|file system|file operations|files and directories)\b/],
];
// A server that says its database access is read-only enforces it for every query tool it has (taxonomy: Read).
const READ_ONLY_SERVER =
  /\bread[- ]only (access|mode|database|connection|transactions?|quer(y|ies)|sql)\b|\bonly (select|read) (statements|queries)\b|\bsafe select queries\b/;
const SESSION_VERBS = new Set(['navigate', 'click', 'hover', 'screenshot']);
const EXEC_SIBLING = /^(execute|run|exec)_?(sql|query|command|code|script|shell)|^(sql|shell|terminal)$/;

const CACHE = new WeakMap<object, ServerFacts>();
const EMPTY: ServerFacts = {
  prefixes: new Set(),
  kinds: new Set(),
  kindQuotes: new Map(),
  enforcedReadOnly: undefined,
  executingSibling: undefined,
};

/** The server facts of a context; cached per context object so a 10,000-tool server is read once, not per tool. */
export function serverFactsOf(context: ServerContext | undefined): ServerFacts {
  if (context === undefined) return EMPTY;
  const cached = CACHE.get(context);
  if (cached !== undefined) return cached;
  const facts = computeFacts(context);
  CACHE.set(context, facts);
  return facts;
}

function computeFacts(context: ServerContext): ServerFacts {
  const siblings = Array.isArray(context.siblings) ? context.siblings.slice(0, 20_000) : [];
  const firstTokens = new Map<string, number>();
  let sessionCount = 0;
  let executingSibling: string | undefined;
  for (const sibling of siblings) {
    const name = nameOf(sibling);
    if (name === '') continue;
    const tokens = tokenizeName(name);
    const first = tokens[0];
    if (first !== undefined && tokens.length > 1) firstTokens.set(first, (firstTokens.get(first) ?? 0) + 1);
    if (tokens.some((token) => SESSION_VERBS.has(token))) sessionCount += 1;
    if (executingSibling === undefined && EXEC_SIBLING.test(tokens.join('_'))) executingSibling = name;
  }
  const prefixes = new Set<string>();
  for (const [token, count] of firstTokens) {
    if (siblings.length >= 3 && count >= siblings.length * 0.5 && verbKind(token) === undefined)
      prefixes.add(token);
  }
  const serverText = [context.name, context.title, context.description]
    .filter((part): part is string => typeof part === 'string')
    .join(' ')
    .slice(0, 600)
    .toLowerCase();
  for (const word of tokenizeName(typeof context.name === 'string' ? context.name : '')) {
    if (word.length > 2 && verbKind(word) === undefined) prefixes.add(word);
  }
  const kinds = new Set<ServerKind>();
  const kindQuotes = new Map<ServerKind, string>();
  for (const [kind, pattern] of KIND_WORDS) {
    const match = pattern.exec(serverText);
    if (match !== null) {
      kinds.add(kind);
      kindQuotes.set(kind, match[0]);
    }
  }
  if (sessionCount >= 2 && !kinds.has('browser')) {
    kinds.add('browser');
    kindQuotes.set('browser', 'sibling tools navigate/click');
  }
  const readOnly = READ_ONLY_SERVER.exec(serverText);
  // Every key is set, found or not, so the facts of every server share one shape.
  return { prefixes, kinds, kindQuotes, enforcedReadOnly: readOnly?.[0], executingSibling };
}

function nameOf(tool: ToolDefinition): string {
  return typeof tool?.name === 'string' ? tool.name : '';
}

/** A server as its callers know it: any of a name, title and description (untrusted; non-strings are ignored). */
export interface ServerIdentity {
  name?: unknown;
  title?: unknown;
  description?: unknown;
}

/**
 * The one server context every path classifies with (CLI, `POST /v1/classify`, pages, import, crawl, the eval), so
 * the eval measures exactly what the catalogue serves: the server's name, title and description, and its tools.
 */
export function serverContextOf(
  server: ServerIdentity | null | undefined,
  tools: readonly ToolDefinition[],
): ServerContext {
  const context: ServerContext = { siblings: tools };
  if (typeof server?.name === 'string' && server.name !== '') context.name = server.name;
  if (typeof server?.title === 'string' && server.title !== '') context.title = server.title;
  if (typeof server?.description === 'string' && server.description !== '')
    context.description = server.description;
  return context;
}

/** Words of a server description, for callers that need them. */
export function serverWords(context: ServerContext | undefined): string[] {
  return typeof context?.description === 'string'
    ? wordsOf(context.description.slice(0, 400).toLowerCase())
    : [];
}
