// The verb lexicon: what each action word in a tool name or description does to the world (taxonomy.md, "Category").
import { lookupWord, wordSets } from './tokens.js';

/** How a verb acts: reads, writes, destroys, sends, runs, or acts in a live browser session. */
export type VerbKind =
  | 'read'
  | 'write'
  | 'destroy'
  | 'send'
  | 'execute'
  | 'maybe-execute'
  | 'session'
  | 'publish'
  | 'privilege'
  | 'financial';

const KINDS: Record<VerbKind, string> = {
  read: 'get list search read fetch describe show find view classify categorize categorise lookup inspect count diff explain validate check verify analyze analyse lint query retrieve download export extract crawl scrape screenshot snapshot capture take open echo wait assert expect plan learn discover identify summarize summarise research calculate compute convert generate render translate parse preview estimate simulate think return detect filter subtract multiply divide recommend suggest compare measure monitor poll browse lookup scan test audit review load print peek tail grep locate resolve format map',
  write:
    'create add insert update set edit write save upload move rename close archive unarchive comment assign unassign approve reject mark toggle enable disable activate deactivate star unstar fork dismiss submit register advance start stop pause resume restart cancel abort terminate reprioritize reorder patch modify change replace append prepend configure import copy duplicate link attach tag label unsubscribe subscribe follow unfollow like react pin unpin lock unlock login logout commit push schedule book reserve clone init initialize restore revert rollback undo sync mute unmute transition record store remember memorize put report upsert rate vote confirm accept decline mention install provision scale reboot reply_draft draft annotate highlight favorite bookmark complete finish manage finalize finalise connect disconnect join leave request hide unhide style rotate switch ingest migrate cleanup clean refresh vacuum reindex compact defragment place log authenticate customize customise populate end reload reconnect ensure new serve unblock sign',
  destroy:
    'delete remove drop destroy purge wipe erase truncate kill trash uninstall overwrite clear reset empty prune unlink detach disassociate',
  send: 'send post reply forward email notify broadcast tweet dm sms message announce retweet',
  execute: 'execute exec eval evaluate spawn deploy dispatch interpret',
  'maybe-execute': 'run trigger launch call rerun retry apply build invoke',
  session:
    'navigate go click hover type press fill select drag drop scroll resize emulate handle focus tap swipe dblclick',
  publish: 'publish release merge',
  privilege: 'invite grant revoke share protect unprotect unshare kick ban promote demote restrict',
  financial: 'pay refund purchase buy charge transfer withdraw deposit checkout order payout',
};

const VERBS = new Map<string, VerbKind>();
for (const [kind, words] of Object.entries(KINDS) as [VerbKind, string][]) {
  for (const word of words.split(' ')) if (!VERBS.has(word)) VERBS.set(word, kind);
}

/** Verbs that are also common nouns: they count only as the first token, never later in a name. */
const NOUN_LIKE = new Set([
  'comment',
  'label',
  'tag',
  'record',
  'report',
  'message',
  'email',
  'post',
  'order',
  'map',
  'test',
  'audit',
  'review',
  'link',
  'like',
  'type',
  'drop',
  'call',
  'build',
  'change',
  'set',
  'check',
  'view',
  'plan',
  'query',
  'return',
  'rate',
  'vote',
  'book',
  'store',
  'sms',
  'dm',
  'tweet',
  'lock',
  'empty',
  'copy',
  'print',
  'draft',
  'format',
  'scan',
  'schedule',
  'transfer',
  'charge',
  'deposit',
  'order',
  'mention',
  'bookmark',
  'favorite',
  'run',
  'snapshot',
  'screenshot',
  'release',
  'trigger',
  'export',
  'import',
  'monitor',
  'template',
  'sync',
  'commit',
  'request',
  'style',
  'log',
  'end',
  'new',
]);

/** True when the verb is also a common noun (`store`, `post`, `run`): in a name it may be the thing, not the act. */
export function isNounLike(word: string): boolean {
  return NOUN_LIKE.has(word);
}

/** HTTP method words: in a name they usually mean "this is a raw API call" rather than a domain verb. */
export const HTTP_METHODS: ReadonlySet<string> = new Set(['get', 'post', 'put', 'patch', 'delete', 'head']);

// Tokens recur across tools, so each token's kind is computed once per flag. Bounded, so hostile names cannot grow
// it without limit; clearing it changes no result. `null` marks "not a verb".
const MEMO_LIMIT = 20_000;
const memo = [new Map<string, VerbKind | null>(), new Map<string, VerbKind | null>()] as const;

/** The kind of a verb token, or undefined when the token is not a known verb. */
export function verbKind(token: string, allowInflectedNounLike = true): VerbKind | undefined {
  const table = memo[allowInflectedNounLike ? 1 : 0];
  const known = table.get(token);
  if (known !== undefined) return known ?? undefined;
  const kind = computeVerbKind(token, allowInflectedNounLike);
  if (table.size >= MEMO_LIMIT) table.clear();
  table.set(token, kind ?? null);
  return kind;
}

function computeVerbKind(token: string, allowInflectedNounLike: boolean): VerbKind | undefined {
  const exact = VERBS.get(token);
  if (exact !== undefined) return exact;
  if (token.length > 4 && token.startsWith('un') && VERBS.has(token.slice(2))) return 'write';
  // Four letters are inflected only as the third person of a three-letter verb that is no noun ("Gets", "Adds";
  // "runs" and "tags" are the nouns).
  const stem3 = token.slice(0, 3);
  if (
    token.length < 4 ||
    (token.length === 4 && !(token.endsWith('s') && VERBS.has(stem3) && !NOUN_LIKE.has(stem3)))
  )
    return undefined;
  const inflected = token.length === 4 ? VERBS.get(token.slice(0, 3)) : lookupWord(VERBS, token);
  if (inflected === undefined || allowInflectedNounLike) return inflected;
  // "commits", "releases", "messages": a noun-like verb in an inflected form is the noun.
  const stem =
    token.endsWith('es') && VERBS.has(token.slice(0, -2)) ? token.slice(0, -2) : token.slice(0, -1);
  return NOUN_LIKE.has(stem) || NOUN_LIKE.has(token.slice(0, -1)) ? undefined : inflected;
}

/** A verb found in a token list: the word, its kind, and its index. */
export interface FoundVerb {
  /** The word as written (what evidence quotes). */
  word: string;
  /** Its base form in the lexicon (`retrieves` → `retrieve`): what rules compare. */
  lemma: string;
  kind: VerbKind;
  index: number;
  /** True when "and"/"or" joins it to the verb before (`create_or_update`, "Download and import"). */
  joined?: boolean;
}

const JOINERS = new Set(['and', 'or']);

/** The lexicon form of a verb token: itself when listed, else its simple singular / third-person stem. */
export function lemmaOf(word: string): string {
  if (VERBS.has(word) || word.length < 4) return word;
  if (word.endsWith('ies') && VERBS.has(`${word.slice(0, -3)}y`)) return `${word.slice(0, -3)}y`;
  if (word.endsWith('es') && VERBS.has(word.slice(0, -2))) return word.slice(0, -2);
  if (word.endsWith('s') && VERBS.has(word.slice(0, -1))) return word.slice(0, -1);
  return word;
}

function isBaseForm(word: string): boolean {
  return VERBS.has(word) || (word.length > 4 && word.startsWith('un') && VERBS.has(word.slice(2)));
}

// Words that are a verb only when they open a name (`request_review`); later they are the noun (`network_request`).
const OPENING_ONLY = new Set(['request']);
const NO_OPENERS: ReadonlySet<string> = new Set();
const PLACED = new Set(['order', 'orders', 'bet', 'bets', 'bid', 'bids', 'trade', 'trades']);

/** The first word of each camelCase part of a name written in several parts (`GroupsController_setDescription`). */
export function camelOpeners(name: string): ReadonlySet<string> {
  if (!/[a-z][A-Z]/.test(name)) return NO_OPENERS;
  const openers = new Set<string>();
  for (const part of name.split(/[_\-\s.:/]+/)) {
    const words = part
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .toLowerCase()
      .split(' ');
    const [first] = words;
    if (words.length >= 2 && first !== undefined && first !== '') openers.add(first);
  }
  return openers;
}

const HANDS_OVER: ReadonlySet<string> = new Set([
  'provides',
  'provide',
  'returns',
  'gives',
  'offers',
  'delivers',
  'yields',
]);

// "Chain of Draft", "the log": after a preposition or an article, a word that doubles as a noun is the noun.
const NOUN_MARKERS: ReadonlySet<string> = new Set([
  'of',
  'the',
  'a',
  'an',
  'your',
  'its',
  'their',
  'each',
  'every',
]);

function firstVerbIndex(
  tokens: readonly string[],
  allowNounLike: boolean,
  prose: boolean,
  openers: ReadonlySet<string>,
): number {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    if (i > 0 && !prose && OPENING_ONLY.has(token) && !openers.has(token)) continue;
    // "place" acts only on what is placed with someone: an order, a bet, a bid; `place_details` is a place.
    if (token === 'place' && !tokens.slice(i + 1).some((later) => PLACED.has(later))) continue;
    // "Provides comments on …", "returns a report": a word that doubles as a noun after one that hands something
    // over is what is handed over.
    if (
      prose &&
      i > 0 &&
      (HANDS_OVER.has(tokens[i - 1] ?? '') || NOUN_MARKERS.has(tokens[i - 1] ?? '')) &&
      NOUN_LIKE.has(lemmaOf(token))
    )
      continue;
    const opens = i === 0 || openers.has(token);
    if ((allowNounLike || opens || !NOUN_LIKE.has(token)) && verbKind(token, prose) !== undefined) return i;
  }
  return -1;
}

/**
 * The first verb of a token list plus verbs joined to it by and/or or adjacency (`create_or_update`,
 * "List, create, close, or select"), so the caller can take the most powerful (taxonomy tie-break).
 * Words that double as nouns (`comment`, `run`, `post`) count as the verb only when no other verb is present.
 */
export function findVerbs(
  tokens: readonly string[],
  prose = false,
  /** Words that open a camelCase part of the name (`set` in `GroupsController_setDescription`): a verb's place. */
  openers: ReadonlySet<string> = NO_OPENERS,
): FoundVerb[] {
  let first = firstVerbIndex(tokens, false, prose, openers);
  // In prose any word may be the verb; in a name, a word that doubles as a noun is the verb only when it opens
  // the name (`rate_limit` rates nothing; `vm_label_values` labels nothing).
  if (first < 0 && prose) first = firstVerbIndex(tokens, true, prose, openers);
  if (first < 0) return [];
  const firstWord = tokens[first] ?? '';
  const found: FoundVerb[] = [
    { word: firstWord, lemma: lemmaOf(firstWord), kind: verbKind(firstWord, prose) ?? 'read', index: first },
  ];
  let last = first;
  for (let i = first + 1; i < tokens.length && found.length < 6; i++) {
    const word = tokens[i] ?? '';
    if (JOINERS.has(word)) continue;
    const afterJoiner = JOINERS.has(tokens[i - 1] ?? '');
    // Right after a verb in a name, only a verb's base form is a second verb: `list_deploys` lists deployments.
    const kind =
      afterJoiner || (prose && !NOUN_LIKE.has(lemmaOf(word))) || (!NOUN_LIKE.has(word) && isBaseForm(word))
        ? verbKind(word, prose || afterJoiner)
        : undefined;
    if (kind === undefined || !(i === last + 1 || afterJoiner)) break;
    if (word === 'place' && !tokens.slice(i + 1).some((later) => PLACED.has(later))) break;
    // `check_login_status`, `get_upload_url`: a second verb right after a read verb, with a noun after it,
    // describes that noun; the tool reads.
    if (!prose && !afterJoiner && found[0]?.kind === 'read' && kind !== 'read' && i < tokens.length - 1)
      break;
    const verb: FoundVerb = { word, lemma: lemmaOf(word), kind, index: i };
    if (afterJoiner) verb.joined = true;
    found.push(verb);
    last = i;
  }
  // `get_full_studies_and_save`: a verb joined by "and" later in a name is a second thing the tool does.
  if (!prose) {
    for (let i = last + 2; i < tokens.length && found.length < 6; i++) {
      const word = tokens[i] ?? '';
      const kind = tokens[i - 1] === 'and' && isBaseForm(word) ? verbKind(word, false) : undefined;
      if (kind !== undefined) found.push({ word, lemma: lemmaOf(word), kind, index: i, joined: true });
    }
  }
  // `API-post-search`: an HTTP method followed by a real verb names the route, not the operation.
  if (found.length > 1 && HTTP_METHODS.has(found[0]?.word ?? '')) found.shift();
  return found;
}

/** Words that name something executable: running one of these runs code decided outside the tool. */
export const EXECUTABLE_NOUNS: ReadonlySet<string> = new Set(
  (
    'code script command cmd shell bash terminal sql query pipeline workflow job actor notebook lambda function ' +
    'agent process program macro playbook migration snippet expression javascript js python repl tool api ' +
    'endpoint request cell task test build action container image binary executable manifest playbook terraform kustomization project site bundle workload recipe'
  ).split(' '),
);

/** Roles a verb (its lemma) plays in particular rules, beside its kind: one table, each row a set of words. */
export type VerbRole =
  | 'inspecting'
  | 'output'
  | 'pageCapture'
  | 'actionRuns'
  | 'triggering'
  | 'deploying'
  | 'starting'
  | 'containerStarting'
  | 'arithmetic'
  | 'content'
  | 'search'
  | 'scraping'
  | 'infraChange'
  | 'computing'
  | 'inspectingInput'
  | 'cancelling'
  | 'switching'
  | 'fileReplacing'
  | 'fileWriting'
  | 'webScraping';

const VERB_ROLES: Record<VerbRole, string> = {
  /** Verbs that look at what they are given: a `code` parameter of `validate` or `lint` is checked, not run. */
  inspecting:
    'validate lint check analyze analyse explain format parse review audit explain test verify search find list get describe plan generate convert',
  /** Verbs that produce a file; with a caller-chosen local path they save it. */
  output: 'convert download export save generate render',
  /** Verbs that capture a page (LABELLING: screenshots are Read, even when saved on the side). */
  pageCapture: 'screenshot snapshot capture take',
  /** Verbs that in an action enum, run a job or agent. */
  actionRuns: 'run execute exec trigger rerun invoke dispatch deploy launch eval',
  /** Verbs that start a build or run by creating it. */
  triggering: 'create start queue submit retry restart rebuild',
  /** Verbs that deploy a workload. */
  deploying: 'create install upgrade apply start rollout',
  /** Verbs that start a named job, pipeline or workflow. */
  starting: 'start queue submit enqueue',
  /** Verbs that start a container or environment. */
  containerStarting: 'create start run launch initialize init spawn deploy',
  /** Verbs that compute on numbers (local pure computation is Read). */
  arithmetic: 'add subtract multiply divide sum',
  /** Verbs that return the content of what they name. */
  content: 'read get fetch open view download retrieve export show cat load extract query',
  /** Verbs that search or list. */
  search: 'search find lookup research crawl scrape browse list',
  /** Verbs that return content written by third parties. */
  scraping: 'crawl scrape extract research browse',
  /** Verbs that, opening a description, say the tool fetches from the web ("Scrapes the listings"). */
  webScraping: 'crawl scrape',
  /** Verbs that change running infrastructure. */
  infraChange:
    'stop restart scale reboot configure update set modify rollback undo revert pause resume suspend terminate resize deploy provision',
  /** Verbs that compute on, or inspect, what the caller hands over. */
  computing: 'calculate compute validate lint format parse convert estimate compare measure count',
  /** Verbs that analyse content: of what the caller hands over they return a result. */
  inspectingInput: 'analyze analyse summarize summarise translate review',
  /** Verbs that withdraw a decision already made (an order). */
  cancelling: 'cancel close abort withdraw',
  /** Verbs that switch something on or off. */
  switching: 'activate deactivate enable disable suspend unsuspend unlock',
  /** Verbs that write a file over what is there. */
  fileReplacing: 'update upsert push replace save put',
  /** Verbs that write a file to a path. */
  fileWriting: 'push put write upload copy',
};

const ROLE_SETS = wordSets(VERB_ROLES);

/** True when the verb (a lemma, or any token) plays the role. */
export function verbIs(role: VerbRole, word: string): boolean {
  return ROLE_SETS.get(role)?.has(word) === true;
}
