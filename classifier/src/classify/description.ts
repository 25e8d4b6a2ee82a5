// Phrases of a tool description that change its category or level, including negations ("does not modify", "read-only").

import { type GateMask, GateScanner, hasGroup } from './gates.js';
import { wordsOf } from './tokens.js';
import { type FoundVerb, findVerbs } from './verbs.js';

/** The prose scanned for phrases: enough for any real description, bounded for hostile ones. */
export const DESCRIPTION_SCAN_CHARS = 2000;

const SUMMARY_CHARS = 300;

/** A phrase of the description that matched, and the signal it carries. */
export interface PhraseHit {
  /** The phrase with some context either side, on one line. */
  readonly quote: string;
}

// Most phrase hits are never quoted (only those that decide something reach the evidence), so the quote is cut
// on first read.
class LazyPhraseHit implements PhraseHit {
  private cut: string | undefined;
  constructor(
    private readonly text: string,
    private readonly index: number,
    private readonly length: number,
  ) {}

  get quote(): string {
    this.cut ??= around(this.text, this.index, this.length);
    return this.cut;
  }
}

/** Description phrases by signal. */
export interface DescriptionSignals {
  /** The verbs that open the description ("List, create, close, or select …"). */
  leadVerbs: FoundVerb[];
  /** First-sentence words (for nouns when the name has none). */
  leadWords: string[];
  enforcedReadOnly?: PhraseHit;
  /** "Execute an INSERT, UPDATE, or DELETE query", "Executes an SQL SELECT query": runs a query in a language. */
  runsQuery?: PhraseHit;
  /** "including its environment variables", "connection settings", "database connection information": configuration that may hold secrets. */
  secretSettings?: PhraseHit;
  /** "get access token", "obtain an access token", "exchange the code for an access token": the call hands back a token. */
  returnsToken?: PhraseHit;
  /** "sends a POST to the URL", "fetches the URL": the tool contacts the URL it is given. */
  contactsUrl?: PhraseHit;
  /** "via the Convert.Guru API", "using an external service": work done by a third party. */
  viaService?: PhraseHit;
  /** "Download video to the user's Downloads folder", "loads the prompts into the active directory": leaves a file behind. */
  savesLocally?: PhraseHit;
  /** "Reset the synonyms to their default": drops what was stored. */
  toDefault?: PhraseHit;
  /** "Call a read-only function": a call that only reads. */
  readOnlyCall?: PhraseHit;
  /** "Run a SELECT query", "read-only queries": reads asked for, not enforced. */
  readOnlyQuery?: PhraseHit;
  negatedEffect?: PhraseHit;
  executesCode?: PhraseHit;
  browserPage?: PhraseHit;
  /** "Performs an action on a web page element": acting in the page (a click, typing), not reading it. */
  pageAction?: PhraseHit;
  sandboxed?: PhraseHit;
  overwrites?: PhraseHit;
  irreversible?: PhraseHit;
  deletes?: PhraseHit;
  /** "Deletes all …", "wipe everything": deleting everything is a bulk delete (taxonomy). */
  deletesAll?: PhraseHit;
  manages?: PhraseHit;
  sends?: PhraseHit;
  returnsHeaders?: PhraseHit;
  bulk?: PhraseHit;
  accessControl?: PhraseHit;
  credentials?: PhraseHit;
  web?: PhraseHit;
  infrastructure?: PhraseHit;
  querying?: PhraseHit;
  /** "command router", "sub-commands": a `command` parameter that picks one of the tool's own operations. */
  subCommands?: PhraseHit;
}

type PhraseKey = Exclude<keyof DescriptionSignals, 'leadVerbs' | 'leadWords'>;

// Each pattern is precompiled once; order does not matter. Patterns run on lowercased text.
// Each pattern has gates (gates.ts): the regex runs only when one is present (one gate scan is far cheaper than
// running every regex). Every match of a pattern contains one of its gates where the gate starts a word (or
// anywhere, for `*` gates). `overwrites` is the exception: it counts only when "overwrit" or "replac" occurs
// anywhere in the text, so `readDescription` checks that too.
const PATTERNS: [PhraseKey, string[], RegExp][] = [
  [
    'enforcedReadOnly',
    ['read only', 'read-only', 'only select', 'only read', 'rejects writes', 'writes are rejected'],
    /\bread[- ]only ((sql|cypher|graphql|sparql) )?(quer|transaction|mode|connection)|\bread only transaction|\bonly (select|read) (statements|queries) are allowed|\brejects writes\b|\bwrites are rejected\b/,
  ],
  [
    'runsQuery',
    ['execut', 'run'],
    /\b(execut|run)(e|es|s|ing)? (an? |the |any )?(arbitrary |raw |custom |write |read-only |(sql|cypher|graphql|sparql|insert|update|delete|select|ddl|dml|create|drop|alter)(,? (or |and )?| ))+(quer(y|ies)|statements?|commands?)\b/,
  ],
  [
    'returnsToken',
    ['token'],
    /\b((gets?|getting|obtains?|obtaining|returns?|receives?|exchanges?|issues?|yields?) (a |an |the |new |your )?|(code|credentials?) for (an? |the )?)((access|session|auth|bearer|refresh|api|jwt|id) )?tokens?\b/,
  ],
  [
    'secretSettings',
    [
      'environment variables',
      'env vars',
      'connection string',
      'connection settings',
      'connection parameters',
      'connection details',
      'database connection info',
      'env',
    ],
    /\b(environment variables|env vars|connection (strings?|settings|parameters|details)|database connection info(rmation)?)\b|(^|[\s(`'"])\.env\b/,
  ],
  [
    'contactsUrl',
    ['url', 'endpoint', 'webhook', 'address'],
    /\b(sends?|posts?|fetch(es)?|calls?|requests?|notif(y|ies)|deliver(s|ed)?|pings?)\b[^.]{0,40}\b(the |a |this |given )?(url|endpoint|webhook|address)\b/,
  ],
  [
    'viaService',
    ['via', 'using an external', 'third-party'],
    /\bvia (the )?[\w.-]+ api\b|\busing an external (service|api)\b|\bthird-party (service|api)\b/,
  ],
  [
    'savesLocally',
    ['folder', 'directory', 'disk', 'path', 'file system', 'filesystem', '*~/', 'and save', 'and saves'],
    /\band (then )?saves? (it|them|the result|the file)\b|\b(save[sd]?|saving|download(s|ed|ing)?|write?s?|writing|stores?|storing|exports?|exporting|loads?|loading|cop(y|ies|ying))\b[^.]{0,80}\b(to|into|onto) ([\w'-]+ ){0,4}(folder|directory|disk|path|file ?system)\b|\b(save[sd]?|download(s|ed)?) to ~\/|\breturns? the (local )?path (to|of) the (downloaded|saved|written) file/,
  ],
  [
    'toDefault',
    ['to its default', 'to their default', 'to the default', 'to defaults'],
    /\bto (its|their|the) defaults?\b|\bto defaults\b/,
  ],
  [
    'readOnlyCall',
    ['read-only', 'read only', 'view function'],
    /\bread[- ]only (function|method|call|contract call|view)s?\b|\bview functions?\b/,
  ],
  [
    'readOnlyQuery',
    ['select', 'read-only', 'read only', 'only read'],
    /\b(select|read[- ]only) (quer|statement|sql)|\bonly (select|read)\b/,
  ],
  [
    'negatedEffect',
    ['does not', "doesn't", 'do not', 'never', 'will not', "won't", 'without', 'no side'],
    /\b(does not|doesn't|do not|never|will not|won't) (modify|change|write|delete|drive|execute|run|alter|mutate|create|send|make any changes)\b|\bwithout (modifying|making any changes|side effects)|\bno side effects\b/,
  ],
  [
    'executesCode',
    ['execut', 'run', 'evaluat', 'terminal', 'repl', 'shell'],
    /\b(execut|run|evaluat)\w*(?: (?:the|a|an|given|provided|user|custom|your|some|of|in|raw))* (arbitrary|any|shell|bash|terminal|javascript|js|python|typescript|code|commands?|scripts?)\b|\b(terminal|repl|shell) (process|session|command)|\bin a (terminal|shell|repl)\b|\bterminal or repl\b/,
  ],
  [
    'browserPage',
    ['the browser', 'the page', 'the current page', 'browser console', 'page or element'],
    /\b(in|on) the (browser|page|current page)|\bbrowser console\b|\bon (the )?page or element\b|\bin the page context\b/,
  ],
  [
    'pageAction',
    ['action', 'interaction'],
    /\b(actions?|interactions?) on (a |an |the )?(web ?page|page|element|ui element|web element)s?\b/,
  ],
  ['sandboxed', ['sandbox', 'isolated'], /\bsandbox(ed)?\b|\bisolated (container|environment)\b/],
  [
    'overwrites',
    [
      'overwrit',
      'replac',
      'full update',
      'full replace',
      'complete update',
      'complete replace',
      'completely replac',
    ],
    /\boverwrit\w*|\breplaces? (all|the entire|the whole|entire) (the )?(content|contents|file|document|page|body)|\b(full|complete) (update|replace)|\bcompletely replac/,
  ],
  [
    'irreversible',
    ['undone', 'recovered', 'reversed', 'irreversibl', 'permanently'],
    /\b(cannot|can't|can not) be (undone|recovered|reversed)|\birreversibl|\bpermanently\b/,
  ],
  [
    'deletesAll',
    ['delet', 'remov', 'clear', 'purge', 'wipe', 'erase'],
    /\b(delete|deletes|deleting|remove|removes|removing|clear|clears|clearing|purge|purges|wipe|wipes|erase|erases) (all|every|everything)\b/,
  ],
  ['deletes', ['delet', 'remov', 'destroy'], /\bdelet(e|es|ing)\b|\bremov(e|es|ing)\b|\bdestroy/],
  [
    'manages',
    [
      'manag',
      'creating',
      'updating',
      'deleting',
      'sending',
      'appending',
      'writing',
      'deploying',
      'provisioning',
      'configuring',
      'modifying',
    ],
    /\b(managing|manage|creating|updating|deleting|sending|appending|writing|deploying|provisioning|configuring|modifying)\b/,
  ],
  [
    'sends',
    ['send', 'post'],
    /\b(send|sends|sending) (an? )?(e-?mail|sms|messages?|notifications?|texts?)|\bpost(s|ing)? (to|on) (slack|twitter|x|social|a channel)/,
  ],
  ['returnsHeaders', ['headers'], /\b(returns?|including|with)\b[^.]{0,40}\bheaders\b/],
  [
    'bulk',
    ['up to', 'bulk', 'all matching', 'mass '],
    /\bup to \d+ (items|records|rows|messages|files)\b|\bin bulk\b|\bbulk (delete|update|operation)|\ball matching\b|\bmass (delete|update)/,
  ],
  [
    'accessControl',
    ['allowed', 'blocked', 'allow', 'deny', 'firewall', 'administrator', 'access control', 'permission'],
    /\ballowed ?directories|\bblocked ?commands|\ballow-?list|\bdeny-?list|\bfirewall rules|\badministrators?\b|\baccess control|\bpermissions? (role|level)/,
  ],
  [
    'credentials',
    [
      'api key',
      'secret',
      'password',
      'credential',
      'token',
      'private key',
      'environment variables',
      'key vault',
    ],
    /\b(api keys?|secrets?|passwords?|credentials?|access tokens?|private keys?|environment variables|key vault)\b/,
  ],
  [
    'web',
    ['web', 'internet', 'search engine', 'news'],
    /\b(the web|web search|websites?|web pages?|internet|search engine|news articles?|web content|webpage)\b/,
  ],
  [
    'infrastructure',
    [
      'virtual machine',
      'vm',
      'cluster',
      'kubernetes',
      'container',
      'deployment',
      'dns',
      'load balancer',
      'infrastructure',
      'cloud resources',
      'server',
    ],
    /\b(virtual machines?|vms?|clusters?|kubernetes|containers?|deployments?|dns|load balancers?|infrastructure|cloud resources|servers?)\b/,
  ],
  [
    'querying',
    ['query', 'queries', 'querying'],
    /\bquery(ing)?\b[^.]{0,30}\b(database|data|documents|rows|records|tables)\b|\bdocument queries\b/,
  ],
  ['subCommands', ['command router', '*sub command', '*subcommand'], / command router|sub ?commands?\b/],
];

/** The gate groups of the phrases, in order: bit i of a gate mask stands for `DESCRIPTION_GATES[i]`. */
export const DESCRIPTION_GATES: readonly (readonly string[])[] = PATTERNS.map(([, gates]) => gates);
const GATES = new GateScanner(DESCRIPTION_GATES);
// The patterns' keys and regexes in two flat arrays, read by index (no tuple per pattern read).
const PATTERN_KEYS: readonly PhraseKey[] = PATTERNS.map(([key]) => key);
const PATTERN_REGEXES: readonly RegExp[] = PATTERNS.map(([, , pattern]) => pattern);
const OVERWRITES = PATTERN_KEYS.indexOf('overwrites');
const MANAGES = PATTERN_KEYS.indexOf('manages');
const SENDS = PATTERN_KEYS.indexOf('sends');

/** Every phrase signal of a description, in pattern order. */
export const PHRASE_KEYS: readonly string[] = PATTERN_KEYS;

/** The phrase `index` of the patterns in the text, if its gates let it run and it matches. */
function findPhrase(lower: string, present: GateMask, index: number): PhraseHit | undefined {
  if (!hasGroup(present, index)) return undefined;
  if (index === OVERWRITES && !lower.includes('overwrit') && !lower.includes('replac')) return undefined;
  // What a multi-purpose tool manages is stated up front; later mentions are usage advice. Every match of
  // its pattern contains one of its gates, so the summary needs no gate check of its own.
  const match = (PATTERN_REGEXES[index] as RegExp).exec(
    index === MANAGES ? lower.slice(0, SUMMARY_CHARS) : lower,
  );
  if (match === null) return undefined;
  // "AVOID actions like 'Send an email to Paul'": a sending the sentence warns against is not what the tool does.
  if (index === SENDS && warnedAgainst(lower, match.index)) return undefined;
  return new LazyPhraseHit(lower, match.index, match[0].length);
}

/**
 * The signals of one description. A rule reads only a few of the phrases for a given tool (most of the patterns
 * whose gates let them run are never asked about: measured on the shipped catalogue, over half), so each phrase's
 * pattern runs when a rule first reads it, and its answer is kept. Every pattern is a pure function of the text,
 * so the order the rules read them in changes nothing. Each phrase is a getter on the prototype (defined below
 * from the pattern table), so every signal object has one shape.
 */
class PhraseSignals {
  readonly leadVerbs: FoundVerb[];
  readonly leadWords: string[];
  // One slot per pattern: undefined until read, then the hit or null.
  private readonly found: (PhraseHit | null | undefined)[];

  constructor(
    private readonly lower: string,
    private readonly present: GateMask,
  ) {
    this.leadWords = wordsOf(firstSentence(lower), 40);
    this.leadVerbs = leadVerbsOf(this.leadWords);
    const found: (PhraseHit | null | undefined)[] = [];
    for (let i = 0; i < PATTERN_KEYS.length; i++) found.push(undefined);
    this.found = found;
  }

  phrase(index: number): PhraseHit | undefined {
    const known = this.found[index];
    if (known !== undefined) return known ?? undefined;
    const hit = findPhrase(this.lower, this.present, index);
    this.found[index] = hit ?? null;
    return hit;
  }
}

PATTERN_KEYS.forEach((key, index) => {
  Object.defineProperty(PhraseSignals.prototype, key, {
    get(this: PhraseSignals): PhraseHit | undefined {
      return this.phrase(index);
    },
    enumerable: true,
  });
});

/**
 * Reads the signals of a description; `lower` is the already-lowercased, bounded text and `present` the mask of
 * `DESCRIPTION_GATES` found in it, when the caller has scanned for them already (the signals keep it: the caller
 * must not change it afterwards).
 */
export function readDescription(lower: string, present: GateMask = GATES.scan(lower)): DescriptionSignals {
  // The getters stand for the phrase keys the interface lists (one per pattern, PATTERNS is typed by them).
  return new PhraseSignals(lower, present) as unknown as DescriptionSignals;
}

const WARNING = /\b(avoid|do not|don't|never)\b/;

/** True when the sentence holding the match, before it, warns against it ("avoid …", "do not …"). */
function warnedAgainst(lower: string, index: number): boolean {
  const from = Math.max(0, index - 200);
  // "i.e." and "e.g." end no sentence.
  const before = lower.slice(from, index).replace(/\b(i\.e|e\.g)\./g, 'ie,');
  const sentenceStart = Math.max(before.lastIndexOf('. '), before.lastIndexOf('\n'));
  return WARNING.test(sentenceStart >= 0 ? before.slice(sentenceStart + 1) : before);
}

const SKIP_LEAD = new Set([
  'this',
  'tool',
  'the',
  'a',
  'an',
  'use',
  'it',
  'that',
  'helps',
  'you',
  'to',
  'can',
  'will',
  'allows',
  'lets',
  'used',
  'is',
  'for',
  'and',
  'notion',
  'primary',
  'mandatory',
]);

function leadVerbsOf(words: readonly string[]): FoundVerb[] {
  let start = 0;
  while (start < words.length && start < 8 && SKIP_LEAD.has(words[start] ?? '')) start += 1;
  const verbs = findVerbs(words.slice(start, start + 12), true);
  return verbs.filter((verb) => verb.index <= 3);
}

function firstSentence(lower: string): string {
  const trimmed = lower.trimStart().slice(0, 300);
  const end = trimmed.search(/[.!?\n](\s|$)/);
  return end > 0 ? trimmed.slice(0, end) : trimmed;
}

// The match with a little context either side, widened to whole words so the quote can be found in the text as is.
function around(text: string, index: number, length: number): string {
  let start = Math.max(0, index - 20);
  let end = Math.min(text.length, index + length + 20);
  while (start > 0 && isWordChar(text.charCodeAt(start - 1)) && start > index - 40) start -= 1;
  while (end < text.length && isWordChar(text.charCodeAt(end)) && end < index + length + 40) end += 1;
  // Still inside a (very long) word: drop the partial word rather than cut it.
  if (start > 0 && isWordChar(text.charCodeAt(start - 1))) {
    const space = text.indexOf(' ', start);
    start = space >= 0 && space < index ? space + 1 : index;
  }
  if (end < text.length && isWordChar(text.charCodeAt(end))) {
    const space = text.lastIndexOf(' ', end);
    end = Math.max(space, index + length);
  }
  return text.slice(start, end).replace(/\s+/g, ' ').trim();
}

function isWordChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || code > 127
  );
}
