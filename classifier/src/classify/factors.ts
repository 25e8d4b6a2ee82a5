// Deciding the risk factors (taxonomy.md, "Risk factors") and the level each one raises a tool to.
import type { RiskFactor, RiskLevel } from '../types.js';
import type { CategoryDecision } from './category.js';
import type { EvidenceLog } from './evidence.js';
import type { ToolFacts } from './facts.js';
import { anyObject, isObject, readClassOf } from './objects.js';
import { hasWord } from './tokens.js';

/** Why a factor was added and the lowest level it puts the tool at. */
export interface FactorReason {
  factor: RiskFactor;
  level: RiskLevel;
  why: string;
}

/** The factors found so far, each with the strongest reason seen. */
export class FactorSet {
  readonly reasons = new Map<RiskFactor, FactorReason>();
  /** Level floors that come from the category itself (e.g. other Execute is High), with their reason. */
  readonly floors: { level: RiskLevel; why: string }[] = [];

  /** Adds a factor (or keeps the stronger reason); a factor with level Low raises nothing by itself. */
  add(factor: RiskFactor, level: RiskLevel, why: string): void {
    const existing = this.reasons.get(factor);
    if (existing === undefined || rank(level) > rank(existing.level))
      this.reasons.set(factor, { factor, level, why });
  }

  /** Raises the level without a factor (merging code, publishing, other Execute). */
  floor(level: RiskLevel, why: string): void {
    this.floors.push({ level, why });
  }

  /** True when the factor was added. */
  has(factor: RiskFactor): boolean {
    return this.reasons.has(factor);
  }
}

/** Index of a level, Low = 0. */
export function rank(level: RiskLevel): number {
  return level === 'Low' ? 0 : level === 'Medium' ? 1 : level === 'High' ? 2 : 3;
}

const CONTENT_VERBS = new Set([
  'read',
  'get',
  'fetch',
  'open',
  'view',
  'download',
  'retrieve',
  'export',
  'show',
  'cat',
  'load',
  'extract',
  'query',
]);
const SEARCH_VERBS = new Set(['search', 'find', 'lookup', 'research', 'crawl', 'scrape', 'browse', 'list']);
const UNTRUSTED_VERBS = new Set(['crawl', 'scrape', 'extract', 'research', 'browse']);
const BULK_TOKENS = new Set(['bulk', 'batch', 'mass', 'all', 'multiple', 'many']);
const INFRA_CHANGE = new Set([
  'stop',
  'restart',
  'scale',
  'reboot',
  'configure',
  'update',
  'set',
  'modify',
  'rollback',
  'terminate',
  'resize',
  'deploy',
  'provision',
]);
const CODE_OBJECTS = new Set(['pr', 'branch', 'commit', 'package', 'release', 'version', 'workflow', 'tag']);
const CONFIG_OBJECTS = new Set([
  'config',
  'configuration',
  'setting',
  'settings',
  'policy',
  'rule',
  'preference',
]);
const ORG_OBJECTS = new Set([
  'org',
  'organization',
  'organisation',
  'account',
  'workspace',
  'tenant',
  'admin',
  'administrator',
  'role',
  'enterprise',
]);

// Billing words that are financial only on a server that fronts payments: a Stripe subscription is billing, a GitHub
// notification subscription is not.
const BILLING_OBJECTS = new Set(['subscription', 'plan']);
// What a read of payment data returns: a customer's or a business's billing records (taxonomy: private data).
// Balances and transactions are left out: on a public blockchain they are public.
const FINANCIAL_RECORDS = new Set(['payment', 'invoice', 'refund', 'charge', 'payout', 'billing']);

// Words that make `token` a unit of value (a crypto token's balance, symbol or contract), not a secret.
const LEDGER_WORDS = new Set([
  'balance',
  'price',
  'symbol',
  'supply',
  'holder',
  'contract',
  'address',
  'swap',
  'mint',
  'transfer',
  'account',
  'pair',
  'pool',
]);

/** The noun that names a secret, if any; `token` beside a ledger word is a crypto token, not a credential. */
function credentialNoun(nouns: readonly string[]): string | undefined {
  const ledger = nouns.some((noun) => hasWord(LEDGER_WORDS, noun));
  return nouns.find((noun) => isObject('credential', noun) && !(ledger && hasWord(TOKEN_WORDS, noun)));
}

const TOKEN_WORDS = new Set(['token']);

function billingObject(facts: ToolFacts): string | undefined {
  return facts.server.kinds.has('payments')
    ? facts.nouns.find((noun) => hasWord(BILLING_OBJECTS, noun))
    : undefined;
}

/** Reads the factors of a Read tool: what it returns and from whom. */
export function readFactors(
  facts: ToolFacts,
  decision: CategoryDecision,
  set: FactorSet,
  log: EvidenceLog,
): void {
  const verb = decision.verb?.word ?? '';
  const nouns = facts.nouns;
  const secret = credentialNoun(nouns);
  if (secret !== undefined || facts.description.returnsHeaders !== undefined) {
    const quote = secret ?? facts.description.returnsHeaders?.quote ?? '';
    set.add('credentials', 'High', `returns secrets or credentials ("${quote}")`);
    log.add('name', quote, 'credentials (returns secrets)');
  }
  const record = nouns.find((noun) => hasWord(FINANCIAL_RECORDS, noun)) ?? billingObject(facts);
  if (record !== undefined) {
    set.add('sensitive_read', 'Medium', `returns financial records ("${record}")`);
    log.add('name', record, 'sensitive_read (financial records)');
  }
  if (UNTRUSTED_VERBS.has(verb)) {
    set.add('untrusted_content', 'Medium', `"${verb}" returns third-party content`);
    log.add('name', verb, 'untrusted_content');
  }
  const publicData = anyObject('public', nouns);
  if (((verb === 'query' || verb === 'download') && !publicData) || facts.params.freeQuery !== undefined) {
    set.add('sensitive_read', 'Medium', `"${verb}" returns stored data`);
  }
  if (facts.params.url !== undefined && (verb === 'fetch' || verb === 'get' || verb === 'read')) {
    set.add(
      'untrusted_content',
      'Medium',
      `fetches the caller-chosen URL ("${facts.params.url.param.name}")`,
    );
    set.add('external_comm', 'Low', 'requests a caller-chosen URL');
    log.add(
      'parameter',
      facts.params.url.param.name,
      'untrusted_content (fetches a URL)',
      facts.params.url.param.path,
    );
  }
  if (decision.basis === 'schema' || (facts.params.apiPath !== undefined && verb === 'get')) {
    set.add('sensitive_read', 'Medium', 'reads any resource of the API');
  }
  // The name's nouns decide; the first sentence of the description speaks only when the name has none that matter.
  const fromName = readClassOf(nouns);
  const fallback = fromName === undefined && (CONTENT_VERBS.has(verb) || SEARCH_VERBS.has(verb));
  const cls =
    fromName ??
    (fallback ? readClassOf(facts.description.leadWords.filter((word) => word !== 'data')) : undefined);
  applyReadClass(cls, verb, facts, set, log);
}

function applyReadClass(
  cls: ReturnType<typeof readClassOf>,
  verb: string,
  facts: ToolFacts,
  set: FactorSet,
  log: EvidenceLog,
): void {
  if (cls === undefined) {
    if (facts.description.web !== undefined && (verb === 'search' || verb === 'get' || verb === '')) {
      set.add('untrusted_content', 'Medium', `returns web content ("${facts.description.web.quote}")`);
      log.add('description', facts.description.web.quote, 'untrusted_content');
    }
    return;
  }
  const noun = [...facts.nouns, ...facts.description.leadWords].find((word) => isObject(cls, word)) ?? cls;
  if (
    cls === 'untrusted' ||
    (cls === 'web' && (SEARCH_VERBS.has(verb) || CONTENT_VERBS.has(verb)) && verb !== 'get')
  ) {
    set.add('untrusted_content', 'Medium', `returns third-party content ("${noun}")`);
    log.add('name', noun, 'untrusted_content (third-party content)');
  } else if (cls === 'private' || (cls === 'file' && CONTENT_VERBS.has(verb))) {
    set.add('sensitive_read', 'Medium', `returns private data ("${noun}")`);
    log.add('name', noun, 'sensitive_read (private data)');
  }
}

/** Reads the factors of a Write or Execute tool: what it destroys, sends, spends or grants. */
export function changeFactors(
  facts: ToolFacts,
  decision: CategoryDecision,
  set: FactorSet,
  log: EvidenceLog,
): void {
  destructiveFactor(facts, decision, set, log);
  commFactor(facts, decision, set, log);
  const nouns = facts.nouns;
  const verb = decision.verb;
  // `create_refund`: the financial word can be the second of two adjacent name verbs, not the deciding one.
  const financialVerb =
    verb?.kind === 'financial' ? verb : facts.verbs.find((found) => found.kind === 'financial');
  const financialNoun = nouns.find((noun) => isObject('financial', noun)) ?? billingObject(facts);
  if (financialVerb !== undefined || financialNoun !== undefined || facts.params.money !== undefined) {
    const quote = financialVerb?.word ?? financialNoun ?? facts.params.money?.param.name ?? '';
    set.add('financial', 'Critical', `moves money or changes billing ("${quote}")`);
    log.add(
      facts.params.money !== undefined && financialVerb === undefined ? 'parameter' : 'name',
      quote,
      'financial (Critical)',
    );
  }
  if (
    credentialNoun(nouns) !== undefined ||
    (decision.executeKind === 'router' && facts.description.credentials !== undefined)
  ) {
    const quote = credentialNoun(nouns) ?? facts.description.credentials?.quote ?? '';
    set.add('credentials', 'Critical', `creates, changes or reveals credentials ("${quote}")`);
    log.add('name', quote, 'credentials (Critical)');
  }
  privilegeFactor(facts, decision, set, log);
  infrastructureFactor(facts, decision, set, log);
  if (nouns.some((noun) => BULK_TOKENS.has(noun)) || facts.description.bulk !== undefined) {
    const quote = nouns.find((noun) => BULK_TOKENS.has(noun)) ?? facts.description.bulk?.quote ?? '';
    set.add('bulk', 'Medium', `acts on many items at once ("${quote}")`);
    log.add('name', quote, 'bulk');
  }
  if (verb?.kind === 'publish' && (verb.word !== 'merge' || nouns.some((noun) => CODE_OBJECTS.has(noun)))) {
    set.floor('High', `"${verb.word}" releases or merges work others depend on`);
    log.add('name', verb.word, 'High (merges or publishes)');
  }
  if (verb?.word === 'download' && facts.params.localOutput !== undefined)
    set.add('sensitive_read', 'Medium', 'downloads data to disk');
}

function destructiveFactor(
  facts: ToolFacts,
  decision: CategoryDecision,
  set: FactorSet,
  log: EvidenceLog,
): void {
  const verb = decision.verb;
  const nouns = facts.nouns;
  const trivial =
    nouns.length > 0 &&
    nouns.every(
      (noun) =>
        isObject('trivial', noun) || isObject('fragment', noun) || noun === 'dimension' || noun === 'group',
    );
  const head = nouns.at(-1) ?? '';
  const atScale =
    isObject('container', head) ||
    nouns.some((noun) => BULK_TOKENS.has(noun) && noun !== 'multiple') ||
    facts.description.bulk !== undefined;
  let why: string | undefined;
  let source: 'name' | 'description' | 'parameter' = 'name';
  let quote = '';
  if (verb?.kind === 'destroy' && !trivial) {
    const weak = verb.word === 'clear' || verb.word === 'reset' || verb.word === 'empty';
    if (
      !weak ||
      facts.description.irreversible !== undefined ||
      nouns.includes('history') ||
      nouns.includes('all') ||
      facts.description.leadWords.includes('all')
    ) {
      why = `"${verb.word}" removes data`;
      quote = verb.word;
    }
  } else if (verb?.word === 'put' || (verb?.word === 'write' && nouns.some((noun) => noun === 'file'))) {
    why = `"${verb.word}" replaces the target wholesale`;
    quote = verb.word;
  } else if (facts.description.overwrites !== undefined && decision.category !== 'Read') {
    why = `the description "${facts.description.overwrites.quote}"`;
    source = 'description';
    quote = facts.description.overwrites.quote;
  } else if (facts.params.overwrite !== undefined) {
    why = `the option "${facts.params.overwrite.param.name}"`;
    source = 'parameter';
    quote = facts.params.overwrite.param.name;
  } else if (destructiveAction(facts) !== undefined) {
    quote = destructiveAction(facts) ?? '';
    why = `the action "${quote}"`;
    source = 'parameter';
  } else if (decision.category === 'Execute' && facts.description.deletes !== undefined) {
    quote = facts.description.deletes.quote;
    why = `the description "${quote}"`;
    source = 'description';
  }
  if (why === undefined) return;
  const critical = atScale && (verb?.kind === 'destroy' || decision.category === 'Execute');
  set.add('destructive', critical ? 'Critical' : 'High', critical ? `${why} at scale` : why);
  log.add(
    source,
    quote,
    critical ? 'destructive (Critical: a container or many items)' : 'destructive (High)',
  );
}

function destructiveAction(facts: ToolFacts): string | undefined {
  if (facts.nouns.some((noun) => isObject('trivial', noun))) return undefined;
  for (const action of facts.params.actions) {
    const index = action.tokens.findIndex(
      (tokens) => tokens[0] === 'delete' || tokens[0] === 'remove' || tokens[0] === 'destroy',
    );
    if (index >= 0 && !action.tokens[index]?.some((token) => isObject('trivial', token)))
      return action.param.enumValues[index];
  }
  return undefined;
}

function commFactor(facts: ToolFacts, decision: CategoryDecision, set: FactorSet, log: EvidenceLog): void {
  const verb = decision.verb;
  const { params } = facts;
  const messageObject = facts.nouns.some((noun) => isObject('message', noun));
  if (
    (verb?.kind === 'send' && (verb.word !== 'post' || messageObject || params.url !== undefined)) ||
    facts.description.sends !== undefined
  ) {
    const quote = verb?.kind === 'send' ? verb.word : (facts.description.sends?.quote ?? '');
    set.add('external_comm', 'High', `sends on the user's behalf ("${quote}")`);
    log.add(verb?.kind === 'send' ? 'name' : 'description', quote, 'external_comm (High: sends)');
  }
  const hit = params.recipients ?? params.webhook;
  if (hit !== undefined) {
    set.add('external_comm', 'High', `sends to a caller-chosen recipient ("${hit.param.name}")`);
    log.add('parameter', hit.param.name, 'external_comm (High)', hit.param.path);
  }
  if (params.url !== undefined) {
    const browsing =
      verb?.kind === 'session' || decision.category === 'Read' || facts.server.kinds.has('browser');
    set.add(
      'external_comm',
      browsing ? 'Low' : 'High',
      `contacts a caller-chosen URL ("${params.url.param.name}")`,
    );
    if (browsing) set.add('untrusted_content', 'Low', 'loads a caller-chosen page');
    log.add(
      'parameter',
      params.url.param.name,
      browsing ? 'external_comm (navigation)' : 'external_comm (High: outbound HTTP)',
      params.url.param.path,
    );
  }
  if (
    params.localFiles !== undefined &&
    facts.server.kinds.has('browser') &&
    (verb?.word === 'upload' || verb?.word === 'drop')
  ) {
    set.add('external_comm', 'High', `hands local files to a web page ("${params.localFiles.param.name}")`);
    set.add('sensitive_read', 'Medium', 'reads local files');
    log.add(
      'parameter',
      params.localFiles.param.name,
      'external_comm (High: uploads local files)',
      params.localFiles.param.path,
    );
  }
  if (
    facts.server.kinds.has('messaging') &&
    (verb?.kind === 'send' || verb?.word === 'create') &&
    messageObject
  ) {
    set.add('external_comm', 'High', 'posts a message on a messaging server');
  }
}

function privilegeFactor(
  facts: ToolFacts,
  decision: CategoryDecision,
  set: FactorSet,
  log: EvidenceLog,
): void {
  const verb = decision.verb;
  const privilegeNoun = facts.nouns.find((noun) => isObject('privilege', noun));
  const org = facts.nouns.some((noun) => hasWord(ORG_OBJECTS, noun));
  if (verb?.kind === 'privilege' || privilegeNoun !== undefined) {
    const quote = verb?.kind === 'privilege' ? verb.word : (privilegeNoun ?? '');
    set.add('privilege', org ? 'Critical' : 'High', `changes who can access what ("${quote}")`);
    log.add('name', quote, org ? 'privilege (Critical: organisation level)' : 'privilege (High)');
  } else if (
    facts.description.accessControl !== undefined &&
    (decision.executeKind === 'router' || facts.nouns.some((noun) => hasWord(CONFIG_OBJECTS, noun)))
  ) {
    const quote = facts.description.accessControl.quote;
    set.add('privilege', 'Critical', `changes access controls ("${quote}")`);
    log.add('description', quote, 'privilege (Critical: access controls)');
  }
  if (
    decision.category === 'Execute' &&
    facts.nouns.length === 0 &&
    facts.description.querying !== undefined
  ) {
    set.add('sensitive_read', 'Medium', `queries stored data ("${facts.description.querying.quote}")`);
  }
}

function infrastructureFactor(
  facts: ToolFacts,
  decision: CategoryDecision,
  set: FactorSet,
  log: EvidenceLog,
): void {
  const verb = decision.verb?.word ?? '';
  const infraNoun = facts.nouns.find((noun) => isObject('infrastructure', noun));
  const cloud = facts.server.kinds.has('cloud');
  if (
    infraNoun === undefined &&
    !(cloud && facts.description.infrastructure !== undefined) &&
    verb !== 'deploy' &&
    verb !== 'provision'
  )
    return;
  const changes = INFRA_CHANGE.has(verb);
  set.add(
    'infrastructure',
    changes ? 'High' : 'Medium',
    `acts on infrastructure ("${infraNoun ?? verb ?? ''}")`,
  );
  log.add(
    infraNoun !== undefined ? 'name' : 'server',
    infraNoun ?? facts.server.kindQuotes.get('cloud') ?? verb,
    changes ? 'infrastructure (High: changes running infrastructure)' : 'infrastructure',
  );
}
