// Deciding the risk factors (taxonomy.md, "Risk factors") and the level each one raises a tool to.
import type { EvidenceSource, RiskFactor, RiskLevel } from '../types.js';
import type { CategoryDecision } from './category.js';
import type { EvidenceLog } from './evidence.js';
import type { ToolFacts } from './facts.js';
import { anyObject, isObject, nounHas, nounIs, readClassOf } from './objects.js';
import type { ParamHit } from './parameters.js';
import { type FoundVerb, HTTP_METHODS, verbIs } from './verbs.js';

/** Why a factor was added and the lowest level it puts the tool at. */
export interface FactorReason {
  factor: RiskFactor;
  level: RiskLevel;
  why: string;
}

/** The quote a rule cites: where in the definition it is, and the words. */
export interface Quote {
  source: EvidenceSource;
  quote: string;
  path?: string | undefined;
}

/**
 * The factors found so far, each with the strongest reason seen. A factor is only ever added together with its
 * quote and the id of the rule that added it, so no factor reaches a classification without evidence.
 */
export class FactorSet {
  readonly reasons = new Map<RiskFactor, FactorReason>();
  /** Level floors that come from the category itself (e.g. other Execute is High), with their reason. */
  readonly floors: { level: RiskLevel; why: string }[] = [];
  /** Where the factors' quotes were read (name, description, server…), for the confidence they deserve. */
  readonly sources = new Set<EvidenceSource>();

  constructor(private readonly log: EvidenceLog) {}

  /** Adds a factor (or keeps the stronger reason) and logs its quote; a factor at Low raises nothing by itself. */
  add(factor: RiskFactor, level: RiskLevel, why: string, rule: string, evidence: Quote): void {
    const existing = this.reasons.get(factor);
    if (existing !== undefined && rank(level) <= rank(existing.level)) return;
    this.reasons.set(factor, { factor, level, why });
    if (evidence.quote.trim() !== '') this.sources.add(evidence.source);
    this.log.add(evidence.source, evidence.quote, `${factor} (${level}): ${why}`, evidence.path, rule, true);
  }

  /** Raises the level without a factor (merging code, publishing, other Execute), citing what showed it. */
  floor(level: RiskLevel, why: string, rule: string, evidence?: Quote): void {
    this.floors.push({ level, why });
    if (evidence !== undefined)
      this.log.add(evidence.source, evidence.quote, `${level}: ${why}`, evidence.path, rule);
  }

  /** True when the factor was added. */
  has(factor: RiskFactor): boolean {
    return this.reasons.has(factor);
  }
}

/** Where a verb of the decision was read: the name, the title or the description. */
export function verbQuote(decision: CategoryDecision): Quote | undefined {
  const verb = decision.verb;
  if (verb === undefined) return undefined;
  const source = decision.basis === 'title' || decision.basis === 'description' ? decision.basis : 'name';
  return { source, quote: verb.word };
}

/** A verb that opens the description, quoted from it. */
function leadQuote(verb: { word: string } | undefined): Quote | undefined {
  return verb === undefined ? undefined : { source: 'description', quote: verb.word };
}

/** A parameter quoted by name, with its path in the schema. */
function paramQuote(hit: ParamHit): Quote {
  return { source: 'parameter', quote: hit.param.name, path: hit.param.path };
}

/** A name noun, or a word of the description's first sentence when the name did not have it. */
function nounQuote(facts: ToolFacts, noun: string): Quote {
  if (!facts.nouns.includes(noun)) return { source: 'description', quote: noun };
  return { source: 'name', quote: facts.compoundWords.get(noun) ?? noun };
}

/** Index of a level, Low = 0. */
export function rank(level: RiskLevel): number {
  return level === 'Low' ? 0 : level === 'Medium' ? 1 : level === 'High' ? 2 : 3;
}

const PROSE_FILLERS = new Set(['data', 'user', 'users', 'you', 'your']);

// Servers whose records are private by their nature: what their reads return is the user's private data
// (taxonomy: DB rows, payment and customer records, security telemetry, people data).
const PRIVATE_RECORD_SERVERS = ['database', 'payments', 'security', 'people'] as const;

/**
 * Adds `sensitive_read` for a read that returns a private-records server's records, not its metadata. LABELLING:
 * listings of ids, names and basic info are Low, bodies and details are Medium; a merchant's catalogue (products,
 * prices, coupons) is not customer data.
 */
function privateRecords(facts: ToolFacts, verb: string, set: FactorSet): void {
  if (!(verbIs('content', verb) || verbIs('search', verb) || verb === 'summarize' || verb === '')) return;
  const kind = PRIVATE_RECORD_SERVERS.find((candidate) => facts.server.kinds.has(candidate));
  if (kind === undefined) return;
  const head = headNouns(facts.nouns);
  const cls = readClassOf(head);
  // A payments server's "resources" or "objects" are its customers' and payments' records, not metadata.
  const anyRecord = kind === 'payments' && head.some((noun) => nounHas('genericRecords', noun));
  if (
    (cls === 'metadata' && !anyRecord) ||
    cls === 'public' ||
    head.some((noun) => nounHas('catalogue', noun))
  )
    return;
  // A security platform's hosts, accounts and incidents are its telemetry; their ids alone are metadata.
  const telemetry =
    kind === 'security' &&
    head.some((noun) => nounHas('securityRecords', noun)) &&
    !facts.nouns.some((noun) => noun === 'id' || noun === 'ids' || noun === 'basic' || noun === 'count');
  const detail =
    facts.nouns.find((noun) => nounHas('detailWords', noun)) ??
    facts.description.leadWords.find((word) => nounHas('detailWords', word));
  // A database engine's own server (not a service that only calls its data "a database") returns stored rows.
  const engine = kind === 'database' && facts.server.kindQuotes.get('database') !== 'database';
  const searchesRows =
    engine && ((verbIs('search', verb) && verb !== 'list') || readsStoredValues(facts, verb));
  // "payment" alone is said by any booking or shop; a payments server names what it is (billing, invoices…).
  const quote = facts.server.kindQuotes.get(kind) ?? '';
  if (kind === 'payments' && (quote === 'payment' || quote === 'payments' || quote === 'checkout')) return;
  if (kind !== 'payments' && detail === undefined && !searchesRows && !telemetry) return;
  if (kind === 'database' && !searchesRows) return;
  set.add(
    'sensitive_read',
    'Medium',
    `returns the records of a ${kind} server`,
    'read.sensitive.private-records-server',
    {
      source: 'server',
      quote,
    },
  );
}

/**
 * A key-value or document store's read that returns what is stored at a key (`hget`: "get the value of a field",
 * `xrange`: "read entries") returns the database's rows (LABELLING: database rows are Medium); one that returns a
 * count, a length, a type or whether something exists returns metadata.
 */
function readsStoredValues(facts: ToolFacts, verb: string): boolean {
  if (!verbIs('content', verb) && verb !== '') return false;
  const words = facts.nounsAndLeadWords;
  return (
    words.some((word) => nounHas('storedValues', word)) &&
    !words.some((word) => nounHas('storedValueMetadata', word))
  );
}

/**
 * LABELLING: listings return titles, ids and metadata (Low) unless they say they return bodies, contents or
 * details, or list correspondence. A cluster's nodes and events are its status.
 */
function isListingOnly(facts: ToolFacts, verb: string, noun: string): boolean {
  if (facts.server.kinds.has('cloud') && nounHas('clusterStatus', noun)) return true;
  if (verb !== 'list' || [noun, ...facts.nouns].some((word) => nounHas('correspondence', word))) return false;
  const words = facts.nounsAndLeadWords;
  return !words.some((word) => nounHas('detailWords', word));
}

/** The nouns to read a class from; a tool about the caller's own account reads metadata. */
function ownOrHead(nouns: readonly string[]): readonly string[] {
  return nouns.some(
    (noun) =>
      nounIs('own', noun) && (noun !== 'current' || nouns.some((other) => nounIs('ownSubjects', other))),
  )
    ? ['self']
    : nouns;
}

/** The noun that names a secret, if any; `token` beside a ledger word is a crypto token, not a credential. */
function credentialNoun(nouns: readonly string[]): string | undefined {
  const ledger = nouns.some((noun) => nounHas('ledgerWords', noun));
  // `user_token_organization` reads an organisation; the secret has to be what the tool is about (its head).
  const head = headNouns(nouns);
  const about = head.at(-1);
  if (about !== undefined && !isObject('credential', about) && nounHas('qualifiedHeads', about))
    return undefined;
  return head.find((noun) => isObject('credential', noun) && !(ledger && nounHas('tokenWords', noun)));
}

const PREPOSITIONS = new Set(['for', 'by', 'of', 'in', 'from', 'with', 'on', 'to', 'per', 'at']);

/** The nouns up to the first preposition: `assignments_for_user` is about assignments, not the user. */
function headNouns(nouns: readonly string[]): readonly string[] {
  const cut = nouns.findIndex((noun) => PREPOSITIONS.has(noun));
  return cut > 0 ? nouns.slice(0, cut) : nouns;
}

function billingObject(facts: ToolFacts): string | undefined {
  return facts.server.kinds.has('payments') || facts.server.kinds.has('trading')
    ? facts.nouns.find((noun) => nounHas('billingObjects', noun))
    : undefined;
}

/** Reads the factors of a Read tool: what it returns and from whom. */
export function readFactors(facts: ToolFacts, decision: CategoryDecision, set: FactorSet): void {
  const verb = decision.verb?.lemma ?? '';
  const nouns = facts.nouns;
  const secret = credentialNoun(nouns);
  if (secret !== undefined || facts.description.returnsHeaders !== undefined) {
    const quote: Quote =
      secret !== undefined
        ? nounQuote(facts, secret)
        : { source: 'description', quote: facts.description.returnsHeaders?.quote ?? '' };
    set.add(
      'credentials',
      'High',
      `returns secrets or credentials ("${quote.quote}")`,
      'read.credentials',
      quote,
    );
  }
  const trading = facts.server.kinds.has('trading') || facts.server.kinds.has('payments');
  const record =
    nouns.find((noun) => nounHas('financialRecords', noun) || (trading && nounHas('accountRecords', noun))) ??
    billingObject(facts);
  if (record !== undefined) {
    const quote: Quote = { source: 'name', quote: record };
    set.add(
      'sensitive_read',
      'Medium',
      `returns financial records ("${record}")`,
      'read.financial-records',
      quote,
    );
  }
  const byVerb = verbQuote(decision);
  // A tool that "scrapes search results" or "crawls the site" returns what strangers wrote, whichever verb its name has.
  const scrapes: Quote | undefined =
    verbIs('scraping', verb) && byVerb !== undefined
      ? byVerb
      : leadQuote(facts.description.leadVerbs.find((lead) => verbIs('webScraping', lead.lemma)));
  if (scrapes !== undefined) {
    set.add(
      'untrusted_content',
      'Medium',
      `"${scrapes.quote}" returns third-party content`,
      'read.untrusted.verb',
      scrapes,
    );
  }
  // taxonomy: a page snapshot or screenshot carries whatever third parties put on the page.
  const captureNoun = nouns.find((noun) => nounHas('pageCaptures', noun));
  const capture: Quote | undefined =
    nounIs('pageCaptures', verb) && byVerb !== undefined
      ? byVerb
      : captureNoun !== undefined
        ? { source: 'name', quote: captureNoun }
        : undefined;
  if (capture !== undefined) {
    set.add(
      'untrusted_content',
      'Medium',
      `a page snapshot or screenshot carries third-party content`,
      'read.untrusted.page-capture',
      capture,
    );
  }
  // Searching code finds what others wrote in repositories the caller does not control.
  const codeNoun = nouns.at(-1) === 'code' ? 'code' : undefined;
  if (codeNoun !== undefined && verb === 'search' && byVerb !== undefined)
    set.add(
      'untrusted_content',
      'Medium',
      'code search returns code written by others',
      'read.untrusted.code-search',
      {
        source: 'name',
        quote: codeNoun,
      },
    );
  // On a server whose business is web search, what its searches return was written by strangers; a twin of
  // the same tool on another search server gets the same factor.
  const webSearch = facts.server.kindQuotes.get('websearch');
  if (webSearch !== undefined && (verbIs('search', verb) || verbIs('content', verb) || verb === '')) {
    set.add(
      'untrusted_content',
      'Medium',
      'returns web search results (a web search server)',
      'read.untrusted.web-search-server',
      {
        source: 'server',
        quote: webSearch,
      },
    );
  }
  // A fixed query of public objects, or of any object on a public-records server (a blockchain, market data),
  // returns public data.
  const publicData = anyObject('public', nouns) || facts.server.kinds.has('public');
  if (decision.queries !== undefined) {
    set.add(
      'sensitive_read',
      'Medium',
      'a read-only query still returns stored rows',
      'read.sensitive.query',
      decision.queries,
    );
  } else if (facts.params.freeQuery !== undefined) {
    set.add(
      'sensitive_read',
      'Medium',
      'a query returns stored data',
      'read.sensitive.query',
      paramQuote(facts.params.freeQuery),
    );
  } else if ((verb === 'query' || verb === 'download') && !publicData && byVerb !== undefined) {
    set.add(
      'sensitive_read',
      'Medium',
      `"${byVerb.quote}" returns stored data`,
      'read.sensitive.query',
      byVerb,
    );
  }
  if (facts.params.url !== undefined && (verb === 'fetch' || verb === 'get' || verb === 'read')) {
    const url = paramQuote(facts.params.url);
    set.add('untrusted_content', 'Medium', 'fetches the caller-chosen URL', 'read.untrusted.fetch-url', url);
    set.add('external_comm', 'Low', 'requests a caller-chosen URL', 'read.external.fetch-url', url);
  }
  const anyResource = facts.params.apiPath ?? facts.params.router ?? facts.params.httpMethod;
  if (
    (decision.basis === 'schema' || (facts.params.apiPath !== undefined && verb === 'get')) &&
    anyResource !== undefined
  ) {
    set.add(
      'sensitive_read',
      'Medium',
      'reads any resource of the API',
      'read.sensitive.any-resource',
      paramQuote(anyResource),
    );
  }
  // The name's nouns decide; the first sentence of the description speaks only when the name has none that matter.
  // Computing on, or inspecting, what the caller hands over returns a result about it, not stored or
  // third-party content (taxonomy: local computation is Low).
  if (
    verbIs('computing', verb) ||
    (verbIs('inspectingInput', verb) && facts.params.contentParam !== undefined)
  )
    return;
  // A server of public records (a public blockchain, market or weather data) returns public data (Low).
  if (facts.server.kinds.has('public') && !nouns.some((noun) => isObject('credential', noun))) return;
  privateRecords(facts, verb, set);
  const settings = facts.description.secretSettings;
  if (settings !== undefined)
    set.add(
      'sensitive_read',
      'Medium',
      'returns configuration that may hold secrets',
      'read.sensitive.settings',
      {
        source: 'description',
        quote: settings.quote,
      },
    );
  const fromName = readClassOf(ownOrHead(headNouns(nouns)));
  const fallback = fromName === undefined && (verbIs('content', verb) || verbIs('search', verb));
  const cls =
    fromName ??
    // "data" and "the user" in prose are the tool's own words for what it returns and who asks, not the data.
    (fallback
      ? readClassOf(facts.description.leadWords.filter((word) => !PROSE_FILLERS.has(word)))
      : undefined);
  applyReadClass(cls, verb, facts, set);
}

/** True when the tool's elements are a page's or a screen's: a browser server, or words that say so. */
function onPageOrScreen(facts: ToolFacts): boolean {
  if (facts.server.kinds.has('browser')) return true;
  return facts.nounsAndLeadWords.some((word) => nounHas('elementHosts', word));
}

function applyReadClass(
  cls: ReturnType<typeof readClassOf>,
  verb: string,
  facts: ToolFacts,
  set: FactorSet,
): void {
  if (cls === undefined) {
    const web = facts.description.web;
    if (web !== undefined && (verbIs('search', verb) || verbIs('content', verb) || verb === '')) {
      set.add('untrusted_content', 'Medium', 'returns web content', 'read.untrusted.web', {
        source: 'description',
        quote: web.quote,
      });
    }
    return;
  }
  const noun = facts.nounsAndLeadWords.find((word) => isObject(cls, word));
  if (noun === undefined) return;
  if (cls === 'untrusted' && nounHas('elements', noun) && !onPageOrScreen(facts)) return;
  if (
    cls === 'untrusted' ||
    (cls === 'web' && (verbIs('search', verb) || verbIs('content', verb)) && verb !== 'get')
  ) {
    set.add(
      'untrusted_content',
      'Medium',
      `returns third-party content ("${noun}")`,
      'read.untrusted.object',
      nounQuote(facts, noun),
    );
  } else if (cls === 'private' && isListingOnly(facts, verb, noun)) {
    return;
  } else if (cls === 'private' || (cls === 'file' && verbIs('content', verb))) {
    set.add(
      'sensitive_read',
      'Medium',
      `returns private data ("${noun}")`,
      'read.sensitive.object',
      nounQuote(facts, noun),
    );
  }
}

/** Reads the factors of a Write or Execute tool: what it destroys, sends, spends or grants. */
export function changeFactors(facts: ToolFacts, decision: CategoryDecision, set: FactorSet): void {
  destructiveFactor(facts, decision, set);
  commFactor(facts, decision, set);
  const nouns = facts.nouns;
  const verb = decision.verb;
  // `create_refund`: the financial word can be the second of two adjacent name verbs, not the deciding one.
  // A card is money only where money is the subject: a payments server, or a credit, debit or payment card.
  const moneyServer = facts.server.kinds.has('payments') || facts.server.kinds.has('trading');
  const isMoney = (noun: string) =>
    !nounIs('ambiguousMoney', noun) ||
    moneyServer ||
    nouns.some(
      (other) =>
        nounIs('cardQualifiers', other) ||
        (other !== noun && isObject('financial', other) && !nounIs('ambiguousMoney', other)),
    );
  const financialNoun =
    nouns.find((noun) => isObject('financial', noun) && isMoney(noun)) ?? billingObject(facts);
  // `git_checkout_branch`, `transfer_repository`: checking out or transferring code moves no money.
  // The code may be named only by the description (`git_checkout`: "Switches branches") or a `branch_name` parameter.
  const codeWord = (word: string) => nounHas('codeObjects', word) || word === 'repository' || word === 'repo';
  const onCode =
    financialNoun === undefined &&
    (nouns.some(codeWord) || facts.description.leadWords.some(codeWord) || facts.params.branch !== undefined);
  const financialVerb = onCode
    ? undefined
    : verb?.kind === 'financial'
      ? verb
      : facts.verbs.find((found) => found.kind === 'financial');
  // A Write or Execute that takes an account's private key to sign what it sends spends from that account: a
  // transfer, a swap or a contract call that can move its funds (taxonomy: moves money, Critical).
  // The key must be said to sign or to send a transaction: an SSH key or a stored secret moves no money.
  const signingKey = facts.params.signingKey;
  const signs =
    signingKey !== undefined &&
    SIGNS_TRANSACTIONS.test(`${signingKey.param.description} ${facts.description.leadWords.join(' ')}`);
  if (signingKey !== undefined && signs && financialVerb === undefined && financialNoun === undefined) {
    set.add(
      'financial',
      'Critical',
      `signs with the account's private key, so it can move the account's funds ("${signingKey.param.name}")`,
      'change.financial.signing-key',
      paramQuote(signingKey),
    );
  }
  // `wallet_sign_transaction`: a transaction signed with the wallet's key can be broadcast by anyone, so it spends
  // what it spends (Critical); any other signature by the wallet (a message, typed data) speaks for its owner and can
  // authorise access or a permit (High, credentials).
  if (verb?.lemma === 'sign' && signingKey === undefined) {
    const words = facts.nounsAndLeadWords;
    const byVerb = verbQuote(decision) ?? { source: 'name', quote: verb.word };
    if (words.some((word) => word === 'transaction' || word === 'transactions' || word === 'tx'))
      set.add(
        'financial',
        'Critical',
        "signs a transaction with the wallet's key: once signed, it can be sent",
        'change.financial.signed-transaction',
        byVerb,
      );
    else if (
      words.some((word) => word === 'wallet' || word === 'wallets') ||
      facts.server.kinds.has('public')
    )
      set.add(
        'credentials',
        'High',
        "signs with the wallet's key: the signature speaks for its owner",
        'change.credentials.wallet-signature',
        byVerb,
      );
  }
  const payee = nouns.find((noun) => nounHas('payees', noun));
  if (payee !== undefined) {
    // LABELLING: registering where payments go is High `financial`; money moves later.
    set.add(
      'financial',
      'High',
      `registers where payments go, or decides a payment dispute ("${payee}")`,
      'change.financial.payee',
      {
        source: 'name',
        quote: payee,
      },
    );
  }
  // An `amount` or `currency` moves money only where money is the subject: a payments or trading server, or a
  // name about payments (a portfolio tracker's `amount` is a number of coins).
  const moneyParam =
    facts.server.kinds.has('payments') ||
    facts.server.kinds.has('trading') ||
    (facts.server.kinds.has('public') && facts.server.kindQuotes.get('public') !== 'weather') ||
    nouns.some((noun) => isObject('financial', noun) || nounHas('ledgerWords', noun))
      ? facts.params.money
      : undefined;
  if (financialVerb !== undefined || financialNoun !== undefined || moneyParam !== undefined) {
    const quote: Quote =
      financialVerb !== undefined
        ? { source: 'name', quote: financialVerb.word }
        : financialNoun !== undefined
          ? { source: 'name', quote: financialNoun }
          : moneyParam !== undefined
            ? paramQuote(moneyParam)
            : { source: 'name', quote: '' };
    // Cancelling an order or a trade changes a money decision already made, but moves and sets no amount.
    const withdraws =
      verb !== undefined &&
      verbIs('cancelling', verb.lemma) &&
      financialVerb === undefined &&
      nouns.some((noun) => nounHas('orders', noun));
    set.add(
      'financial',
      withdraws ? 'High' : 'Critical',
      withdraws
        ? `cancels a financial order ("${quote.quote}")`
        : `moves money or changes billing ("${quote.quote}")`,
      withdraws ? 'change.financial.cancel' : 'change.financial',
      quote,
    );
  } else {
    // A multi-action tool that can buy or pay as one of its operations spends money (taxonomy: moves money).
    const spends = actionIn(facts, SPENDING_ACTIONS);
    if (spends !== undefined)
      set.add(
        'financial',
        'Critical',
        `one of its actions spends money ("${spends.quote}")`,
        'change.financial.action',
        spends,
      );
  }
  if (
    credentialNoun(nouns) !== undefined ||
    (decision.executeKind === 'router' && facts.description.credentials !== undefined)
  ) {
    const secret = credentialNoun(nouns);
    const quote: Quote =
      secret !== undefined
        ? nounQuote(facts, secret)
        : { source: 'description', quote: facts.description.credentials?.quote ?? '' };
    set.add(
      'credentials',
      'Critical',
      `creates, changes or reveals credentials ("${quote.quote}")`,
      'change.credentials',
      quote,
    );
  }
  // A log in that hands back the token it obtained reveals a credential to the agent (LABELLING: a login that
  // returns token info is Critical `credentials`).
  const token = facts.description.returnsToken;
  if (token !== undefined && (verb?.lemma === 'login' || verb?.lemma === 'authenticate'))
    set.add(
      'credentials',
      'Critical',
      `logs in and returns the token it obtained ("${token.quote}")`,
      'change.credentials.login-token',
      { source: 'description', quote: token.quote },
    );
  privilegeFactor(facts, decision, set);
  infrastructureFactor(facts, decision, set);
  const bulkNoun = nouns.find((noun) => nounIs('bulkTokens', noun));
  const bulk: Quote | undefined =
    bulkNoun !== undefined
      ? { source: 'name', quote: bulkNoun }
      : facts.description.bulk !== undefined
        ? { source: 'description', quote: facts.description.bulk.quote }
        : undefined;
  if (bulk !== undefined)
    set.add('bulk', 'Medium', `acts on many items at once ("${bulk.quote}")`, 'change.bulk', bulk);
  const publishing = verbQuote(decision);
  if (
    verb?.kind === 'publish' &&
    publishing !== undefined &&
    (verb.lemma !== 'merge' || nouns.some((noun) => nounIs('codeObjects', noun)))
  ) {
    set.floor(
      'High',
      `"${verb.word}" releases or merges work others depend on`,
      'change.publish',
      publishing,
    );
  }
  const app = facts.nouns.find((noun) => nounHas('apps', noun)) ?? facts.params.appPackage?.param.name;
  if (verb?.lemma === 'install' && app !== undefined && publishing !== undefined)
    set.floor(
      'High',
      `installs an app, putting its code on the device ("${app}")`,
      'change.install-app',
      publishing,
    );
  if (verb?.lemma === 'download' && facts.params.localOutput !== undefined)
    set.add(
      'sensitive_read',
      'Medium',
      'downloads data to disk',
      'change.sensitive.download',
      paramQuote(facts.params.localOutput),
    );
}

function destructiveFactor(facts: ToolFacts, decision: CategoryDecision, set: FactorSet): void {
  // `confirm_delete_application`: a destroying verb anywhere in the name's verb chain destroys (Execute > Write >
  // Read picks the category; the factor looks at every verb).
  const destroying =
    decision.verb?.kind === 'destroy' ? undefined : facts.verbs.find((found) => found.kind === 'destroy');
  const verb = decision.category === 'Write' && destroying !== undefined ? destroying : decision.verb;
  const nouns = facts.nouns;
  const trivial =
    nouns.length > 0 &&
    nouns.every(
      (noun) =>
        isObject('trivial', noun) || isObject('fragment', noun) || noun === 'dimension' || noun === 'group',
    );
  // `delete_doc_from_db`, `remove_file_from_repo`: what comes after "from" is where the item is, not what goes.
  const from = nouns.indexOf('from');
  const head = (from > 0 ? nouns[from - 1] : nouns.at(-1)) ?? '';
  // LABELLING: deleting part of a document's text (its content, lines, rows) is an edit.
  const partial = isObject('fragment', head) && nouns.length > 1;
  // Deleting everything is a bulk delete, unless what is wiped is the tool's own scratch state (its logs, cache,
  // history): taxonomy's "destruction of data at scale" is about the user's data.
  const ephemeral = nouns.some((noun) => nounHas('ephemeral', noun));
  const deletesAll = facts.description.deletesAll !== undefined && verb?.kind === 'destroy' && !ephemeral;
  const atScale =
    isObject('container', head) ||
    nouns.some((noun) => nounIs('bulkTokens', noun) && noun !== 'multiple') ||
    facts.description.bulk !== undefined ||
    deletesAll;
  if (deletesAll) {
    const quote = facts.description.deletesAll?.quote ?? '';
    set.add('bulk', 'Medium', `deletes everything ("${quote}")`, 'change.bulk.delete-all', {
      source: 'description',
      quote,
    });
  }
  let why: string | undefined;
  let rule = 'change.destructive.verb';
  let source: EvidenceSource = verbQuote(decision)?.source ?? 'name';
  let path: string | undefined;
  let quote = '';
  const declared = facts.hints.destructive === true && verb?.kind === 'destroy';
  if (verb?.kind === 'destroy' && ((!trivial && !partial) || declared)) {
    const weak = verb.lemma === 'clear' || verb.lemma === 'reset' || verb.lemma === 'empty';
    if (
      !weak ||
      declared ||
      facts.description.toDefault !== undefined ||
      facts.description.irreversible !== undefined ||
      nouns.includes('history') ||
      nouns.includes('all') ||
      facts.description.leadWords.includes('all')
    ) {
      why = `"${verb.word}" removes data`;
      quote = verb.word;
    }
  } else if (verb?.lemma === 'put' || (verb?.lemma === 'write' && nouns.some((noun) => noun === 'file'))) {
    why = `"${verb.word}" replaces the target wholesale`;
    quote = verb.word;
  } else if (verb !== undefined && replacesWholeFile(facts)) {
    // LABELLING: writing a file that replaces it wholesale is destructive (create_or_update_file, push_files).
    why = `"${verb.word}" writes a file's whole content, replacing what is there`;
    quote = verb.word;
    rule = 'change.destructive.replace-file';
  } else if (replacing(facts) !== undefined && !trivial) {
    const replaced = replacing(facts);
    why = `"${replaced?.quote ?? ''}" replaces what is there`;
    quote = replaced?.quote ?? '';
    source = replaced?.source ?? 'name';
    rule = 'change.destructive.replace';
  } else if (verb !== undefined && verbIs('fileWriting', verb.lemma) && writtenPath(facts) !== undefined) {
    // LABELLING: writing a file over a caller-chosen path replaces whatever is there.
    const written = writtenPath(facts);
    why = `"${verb.word}" writes a file to the path it is given, replacing any file there`;
    quote = written?.param.name ?? '';
    source = 'parameter';
    path = written?.param.path;
    rule = 'change.destructive.write-to-path';
  } else if (verb?.lemma === 'restore' && isObject('container', head)) {
    // Restoring a database or project from a backup overwrites its live contents.
    why = `"${verb.word}" overwrites the live ${head} with a backup`;
    quote = verb.word;
    rule = 'change.destructive.restore';
  } else if (
    (verb?.lemma === 'set' || verb?.lemma === 'write' || verb?.lemma === 'put') &&
    facts.params.keyValue !== undefined
  ) {
    why = `"${verb.word}" replaces the whole value of the key it is given`;
    quote = verb.word;
    rule = 'change.destructive.set-whole-value';
  } else if (verb?.lemma === 'set' && nounHas('wholeValues', head)) {
    // LABELLING: a set that replaces a key's or object's whole value with no version check.
    why = `"set" replaces the whole value of the ${head}`;
    quote = verb.word;
    rule = 'change.destructive.set-whole-value';
  } else if (facts.description.overwrites !== undefined && decision.category !== 'Read') {
    why = 'the description says it overwrites';
    source = 'description';
    quote = facts.description.overwrites.quote;
    rule = 'change.destructive.overwrites';
  } else if (facts.params.overwrite !== undefined) {
    why = `the option "${facts.params.overwrite.param.name}"`;
    source = 'parameter';
    quote = facts.params.overwrite.param.name;
    path = facts.params.overwrite.param.path;
    rule = 'change.destructive.overwrite-option';
  } else if (destructiveAction(facts) !== undefined) {
    const action = destructiveAction(facts);
    quote = action === undefined ? '' : `${action.param}: ${action.value}`;
    why = `the action "${action?.value ?? ''}"`;
    source = 'parameter';
    path = action?.path;
    rule = 'change.destructive.action';
  } else if (decision.category === 'Execute' && facts.description.deletes !== undefined) {
    quote = facts.description.deletes.quote;
    why = 'the description says it deletes';
    source = 'description';
    rule = 'change.destructive.execute-deletes';
  }
  if (why === undefined) return;
  const critical =
    (atScale && (verb?.kind === 'destroy' || decision.category === 'Execute')) ||
    rule === 'change.destructive.restore' ||
    wholeRelease(facts, verb);
  set.add(
    'destructive',
    critical ? 'Critical' : 'High',
    critical ? `${why}, at scale (a container or many items)` : why,
    critical ? `${rule}.at-scale` : rule,
    {
      source,
      quote,
      path,
    },
  );
}

/** A `replace` among the name's verbs or the description's opening verbs ("Upload and replace the favicon"). */
function replacing(facts: ToolFacts): Quote | undefined {
  // Replacing settings or an association edits named fields (LABELLING: Medium); replacing content destroys it.
  // Replacing text in a document is an edit of part of it (LABELLING: Medium).
  const head = facts.nouns.at(-1) ?? '';
  if (
    nounHas('configObjects', head) ||
    nounHas('associations', head) ||
    facts.nouns.some((noun) => isObject('fragment', noun))
  )
    return undefined;
  const named = facts.verbs.find((verb) => verb.lemma === 'replace');
  if (named !== undefined) return { source: 'name', quote: named.word };
  const described = facts.description.leadVerbs.find((verb) => verb.lemma === 'replace');
  return described === undefined ? undefined : { source: 'description', quote: described.word };
}

// Uninstalling a release or deleting "a resource" of any kind removes whatever it holds (a namespace, every
// object of an application): destruction at scale (LABELLING: cluster destruction).
function wholeRelease(facts: ToolFacts, verb: FoundVerb | undefined): boolean {
  if (verb?.kind !== 'destroy') return false;
  const head = facts.nouns.at(-1) ?? '';
  return (
    (facts.server.kinds.has('cloud') && (head === 'resource' || head === 'resources')) ||
    (facts.nouns.some((noun) => noun === 'helm' || noun === 'release' || noun === 'chart') &&
      verb.lemma === 'uninstall')
  );
}

/** The caller-chosen path a whole file is written at: a destination beside a content, or entries of both. */
function writtenPath(facts: ToolFacts): ParamHit | undefined {
  const { destinationPath, contentParam, fileData, fileEntries } = facts.params;
  if (destinationPath !== undefined && (contentParam !== undefined || fileData !== undefined))
    return destinationPath;
  return fileEntries;
}

/** True when the tool writes a file's full content over whatever is there (not an edit of part of it). */
function replacesWholeFile(facts: ToolFacts): boolean {
  if (!facts.nouns.some((noun) => noun === 'file' || noun === 'files')) return false;
  if (!facts.verbs.some((verb) => verbIs('fileReplacing', verb.lemma))) return false;
  // A file in a repository, on any branch the caller names (the rule); a local edit is not destructive
  // unless it says it overwrites.
  const whole = facts.params.contentParam !== undefined || facts.params.localFiles !== undefined;
  return whole && facts.params.branch !== undefined;
}

// Action values that destroy what they name (`drop` a constraint or table, `truncate` a table); `clear` and
// `reset` are left out, since as actions they mostly empty an input or a view.
const DESTROYING_ACTIONS: ReadonlySet<string> = new Set([
  'delete',
  'remove',
  'destroy',
  'drop',
  'purge',
  'truncate',
  'wipe',
  'erase',
]);

const SIGNS_TRANSACTIONS = /\bsign(s|ing|ed)?\b|\btransactions?\b/;

function destructiveAction(facts: ToolFacts): { param: string; value: string; path: string } | undefined {
  if (facts.nouns.some((noun) => isObject('trivial', noun))) return undefined;
  for (const action of facts.params.actions) {
    // "drop" beside "drag" is drag-and-drop, which destroys nothing.
    const dragging = action.tokens.some((tokens) => tokens[0] === 'drag');
    const index = action.tokens.findIndex(
      (tokens) => DESTROYING_ACTIONS.has(tokens[0] ?? '') && !(dragging && tokens[0] === 'drop'),
    );
    const value = action.param.enumValues[index];
    if (
      index >= 0 &&
      value !== undefined &&
      !action.tokens[index]?.some((token) => isObject('trivial', token))
    )
      return { param: action.param.name, value, path: action.param.path };
  }
  return undefined;
}

// Operations an action parameter can offer that spend money or send to people (`bulk_buy_leads`, `bulk_message`).
// `transfer`, `order` and `checkout` name files, sorting and branches as often; `post` is an HTTP method.
const SPENDING_ACTIONS: ReadonlySet<string> = new Set([
  'pay',
  'buy',
  'purchase',
  'refund',
  'charge',
  'payout',
]);
const SENDING_ACTIONS: ReadonlySet<string> = new Set([
  'send',
  'message',
  'email',
  'reply',
  'forward',
  'notify',
  'broadcast',
  'tweet',
  'sms',
  'dm',
]);

/** The first action value whose verb (after a leading `bulk`, `batch`, …) is in the set, quoted as evidence. */
function actionIn(facts: ToolFacts, verbs: ReadonlySet<string>): Quote | undefined {
  for (const action of facts.params.actions) {
    const index = action.tokens.findIndex((tokens) => {
      const verb = nounHas('bulkTokens', tokens[0] ?? '') ? tokens[1] : tokens[0];
      return verbs.has(verb ?? '');
    });
    const value = action.param.enumValues[index];
    if (index >= 0 && value !== undefined)
      return { source: 'parameter', quote: `${action.param.name}: ${value}`, path: action.param.path };
  }
  return undefined;
}

function commFactor(facts: ToolFacts, decision: CategoryDecision, set: FactorSet): void {
  // A multi-action tool that can message people as one of its operations sends on the user's behalf.
  const sendsAction = actionIn(facts, SENDING_ACTIONS);
  if (sendsAction !== undefined)
    set.add(
      'external_comm',
      'High',
      `one of its actions sends a message ("${sendsAction.quote}")`,
      'change.external.action',
      sendsAction,
    );
  const verb = decision.verb;
  const { params } = facts;
  const messageObject = facts.nouns.some((noun) => isObject('message', noun));
  if (
    (verb?.kind === 'send' &&
      (verb.lemma !== 'post' || messageObject || params.url !== undefined) &&
      !(verb.lemma === 'forward' && facts.nouns.some((noun) => noun === 'port' || noun === 'ports'))) ||
    facts.description.sends !== undefined
  ) {
    const byVerb = verbQuote(decision);
    const quote: Quote =
      verb?.kind === 'send' && byVerb !== undefined
        ? byVerb
        : { source: 'description', quote: facts.description.sends?.quote ?? '' };
    set.add(
      'external_comm',
      'High',
      `sends on the user's behalf ("${quote.quote}")`,
      'change.external.sends',
      quote,
    );
  }
  // A webhook delivers data to whatever URL it is given, later and without asking (LABELLING: webhooks).
  const hookNoun = facts.nouns.find((noun) => nounHas('hooks', noun));
  if (hookNoun !== undefined && decision.category !== 'Read')
    set.add(
      'external_comm',
      'High',
      `a webhook posts data to the URL it is given ("${hookNoun}")`,
      'change.external.webhook',
      {
        source: 'name',
        quote: hookNoun,
      },
    );
  const via = facts.description.viaService;
  if (params.localFile !== undefined && via !== undefined) {
    const file = paramQuote(params.localFile);
    set.add(
      'external_comm',
      'High',
      `hands a local file to an outside service ("${via.quote}")`,
      'change.external.via-service',
      {
        source: 'description',
        quote: via.quote,
      },
    );
    set.add(
      'sensitive_read',
      'Medium',
      'reads a local file the caller names',
      'change.sensitive.local-file',
      file,
    );
  }
  const hit = params.recipients ?? params.webhook;
  if (hit !== undefined) {
    set.add(
      'external_comm',
      'High',
      `sends to a caller-chosen recipient ("${hit.param.name}")`,
      'change.external.recipient',
      paramQuote(hit),
    );
  }
  // A URL a Write stores (a link on a record, a redirect setting) is data; one it sends to, calls or fetches is
  // outbound HTTP (taxonomy: outbound HTTP with a caller-chosen URL).
  // `playwright_patch` with a `url`: a request of that HTTP method, on a browser server too, not a navigation.
  const httpRequest = verb !== undefined && verb.lemma !== 'get' && HTTP_METHODS.has(verb.lemma);
  const contacts =
    httpRequest ||
    verb?.kind === 'send' ||
    verb?.kind === 'maybe-execute' ||
    decision.category === 'Execute' ||
    facts.description.contactsUrl !== undefined;
  if (
    params.url !== undefined &&
    (contacts || verb?.kind === 'session' || facts.server.kinds.has('browser'))
  ) {
    const browsing =
      !httpRequest &&
      (verb?.kind === 'session' || decision.category === 'Read' || facts.server.kinds.has('browser'));
    const url = paramQuote(params.url);
    set.add(
      'external_comm',
      browsing ? 'Low' : 'High',
      browsing
        ? 'navigates to a caller-chosen URL'
        : 'sends a request to a caller-chosen URL (outbound HTTP)',
      browsing ? 'change.external.navigate' : 'change.external.outbound-http',
      url,
    );
    if (browsing)
      set.add('untrusted_content', 'Low', 'loads a caller-chosen page', 'change.untrusted.navigate', url);
  }
  if (
    params.localFiles !== undefined &&
    facts.server.kinds.has('browser') &&
    (verb?.lemma === 'upload' || verb?.lemma === 'drop')
  ) {
    const files = paramQuote(params.localFiles);
    set.add(
      'external_comm',
      'High',
      'hands local files to a web page',
      'change.external.upload-files',
      files,
    );
    set.add('sensitive_read', 'Medium', 'reads local files', 'change.sensitive.upload-files', files);
  }
  if (
    facts.server.kinds.has('messaging') &&
    (verb?.kind === 'send' || verb?.lemma === 'create') &&
    messageObject
  ) {
    const messageNoun = facts.nouns.find((noun) => isObject('message', noun)) ?? '';
    set.add('external_comm', 'High', 'posts a message on a messaging server', 'change.external.messaging', {
      source: 'name',
      quote: messageNoun,
    });
  }
}

/** Words that make a request one to join or be given access. */
const JOIN_WORDS: ReadonlySet<string> = new Set([
  'join',
  'joining',
  'access',
  'membership',
  'member',
  'members',
]);

function privilegeFactor(facts: ToolFacts, decision: CategoryDecision, set: FactorSet): void {
  const verb = decision.verb;
  const privilegeNoun = facts.nouns.find((noun) => isObject('privilege', noun));
  // LABELLING: membership, roles or permissions of a whole organisation, account or workspace are Critical; the
  // scope is often only in the description ("Invite a user to the organization").
  const membership = verb?.kind === 'privilege' || facts.nouns.some((noun) => nounHas('membership', noun));
  // An identity provider's policies, roles and memberships govern sign-in for the whole organisation.
  const identity =
    facts.server.kinds.has('identity') && facts.nouns.some((noun) => nounHas('identityObjects', noun));
  const org =
    identity ||
    facts.nouns.some((noun) => nounHas('orgObjects', noun)) ||
    (membership && facts.description.leadWords.some((word) => nounHas('orgScopes', word)));
  // On an identity provider, switching an application or a user on or off changes who can sign in.
  const signIn =
    facts.server.kinds.has('identity') &&
    verb !== undefined &&
    verbIs('switching', verb.lemma) &&
    facts.nouns.some((noun) => nounHas('signInSubjects', noun));
  if (signIn && verb !== undefined) {
    set.add('privilege', 'High', `changes who can sign in ("${verb.word}")`, 'change.privilege.sign-in', {
      source: verbQuote(decision)?.source ?? 'name',
      quote: verb.word,
    });
  }
  // `add_user_to_org`, `remove_user_from_project`: a person put into or taken out of an organisation (Critical) or
  // of one project, team or channel (High: its sharing changes).
  const nouns = facts.nouns;
  const movesPerson =
    (verb?.kind === 'write' || verb?.kind === 'destroy') &&
    (nouns.includes('to') || nouns.includes('from')) &&
    nouns.some((noun) => nounHas('membership', noun));
  const orgScope = movesPerson ? nouns.find((noun) => nounHas('orgScopes', noun)) : undefined;
  const scope = orgScope ?? (movesPerson ? nouns.find((noun) => nounHas('memberScopes', noun)) : undefined);
  if (scope !== undefined && privilegeNoun === undefined && verb?.kind !== 'privilege') {
    const quote: Quote = { source: 'name', quote: facts.compoundWords.get(scope) ?? scope };
    if (orgScope !== undefined)
      set.add(
        'privilege',
        'Critical',
        `changes who belongs to a whole organisation ("${scope}")`,
        'change.privilege.organisation',
        quote,
      );
    else set.add('privilege', 'High', `changes who can access the ${scope}`, 'change.privilege', quote);
  }
  // `approve_group_request`: "approve pending join requests" lets someone into the group or organisation.
  const admits =
    (verb?.lemma === 'approve' || verb?.lemma === 'accept') &&
    nouns.some((noun) => noun === 'request' || noun === 'requests') &&
    facts.nounsAndLeadWords.some((word) => JOIN_WORDS.has(word));
  if (admits && scope === undefined && privilegeNoun === undefined && verb !== undefined) {
    const orgWord = facts.nounsAndLeadWords.find((word) => nounHas('orgScopes', word));
    const quote: Quote = { source: verbQuote(decision)?.source ?? 'name', quote: verb.word };
    if (orgWord !== undefined)
      set.add(
        'privilege',
        'Critical',
        `lets someone into a whole organisation ("${orgWord}")`,
        'change.privilege.organisation',
        quote,
      );
    else
      set.add(
        'privilege',
        'High',
        'lets someone join what the request is for',
        'change.privilege.admit',
        quote,
      );
  }
  if (verb?.kind === 'privilege' || privilegeNoun !== undefined) {
    const byVerb = verbQuote(decision);
    const quote: Quote =
      verb?.kind === 'privilege' && byVerb !== undefined
        ? byVerb
        : { source: 'name', quote: privilegeNoun ?? '' };
    set.add(
      'privilege',
      org ? 'Critical' : 'High',
      org
        ? `changes who can access a whole organisation ("${quote.quote}")`
        : `changes who can access what ("${quote.quote}")`,
      org ? 'change.privilege.organisation' : 'change.privilege',
      quote,
    );
  } else if (
    facts.description.accessControl !== undefined &&
    (decision.executeKind === 'router' || facts.nouns.some((noun) => nounHas('configObjects', noun)))
  ) {
    const quote = facts.description.accessControl.quote;
    set.add('privilege', 'Critical', 'changes access controls', 'change.privilege.access-controls', {
      source: 'description',
      quote,
    });
  }
  if (
    decision.category === 'Execute' &&
    facts.nouns.length === 0 &&
    facts.description.querying !== undefined
  ) {
    set.add('sensitive_read', 'Medium', 'queries stored data', 'change.sensitive.querying', {
      source: 'description',
      quote: facts.description.querying.quote,
    });
  }
}

function infrastructureFactor(facts: ToolFacts, decision: CategoryDecision, set: FactorSet): void {
  const verb = decision.verb?.lemma ?? '';
  // On a server that fronts network security or traffic (a firewall, a zero-trust gateway), its rules, policies,
  // segments and locations are infrastructure too.
  const network = facts.server.kinds.has('network');
  const infraNoun = facts.nouns.find(
    (noun) => isObject('infrastructure', noun) || (network && nounHas('networkObjects', noun)),
  );
  const cloud = facts.server.kinds.has('cloud') || facts.server.kinds.has('network');
  if (
    infraNoun === undefined &&
    !(cloud && facts.description.infrastructure !== undefined) &&
    verb !== 'deploy' &&
    verb !== 'provision'
  )
    return;
  const editsField = nounHas('metadataFields', facts.nouns.at(-1) ?? '');
  // A new rule or policy on a network-security server changes what its enforcement lets through at once.
  const enforces =
    network && infraNoun !== undefined && nounHas('networkObjects', infraNoun) && verb === 'create';
  const changes =
    !editsField &&
    (enforces ||
      verbIs('infraChange', verb) ||
      facts.verbs.some((found) => verbIs('infraChange', found.lemma)));
  const cloudQuote = facts.description.infrastructure?.quote;
  const quote: Quote =
    infraNoun !== undefined
      ? { source: 'name', quote: infraNoun }
      : (verb === 'deploy' || verb === 'provision') && verbQuote(decision) !== undefined
        ? (verbQuote(decision) ?? { source: 'name', quote: verb })
        : { source: 'description', quote: cloudQuote ?? '' };
  set.add(
    'infrastructure',
    changes ? 'High' : 'Medium',
    changes
      ? `changes running infrastructure ("${quote.quote}")`
      : `acts on infrastructure ("${quote.quote}")`,
    changes ? 'change.infrastructure.running' : 'change.infrastructure',
    quote,
  );
}
