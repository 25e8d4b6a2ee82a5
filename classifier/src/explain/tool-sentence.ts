// What a tool lets an agent do, in one plain sentence built from its verdict: the verb and nouns of its name, its required parameters, its category and factors (never its description's words).
import { gatherFacts } from '../classify/facts.js';
import { tokenizeName } from '../classify/tokens.js';
import { type FoundVerb, HTTP_METHODS } from '../classify/verbs.js';
import type { Classification, RiskFactor, ServerContext, ToolDefinition } from '../types.js';
import {
  capitalise,
  listOf,
  objectWord,
  PREPOSITIONS,
  readableWord,
  trimDangling,
  withArticle,
} from './english.js';

/** What the sentence builder read, beside the sentence: whether a verb was found, and where. */
export interface ToolSentence {
  /** One sentence, ending in a full stop. */
  text: string;
  /** `name` when the tool's name gave the verb, `description` when only its opening verb did, `none` when neither did. */
  verbFrom: 'name' | 'description' | 'none';
}

/**
 * Verbs whose base form is not what a reader says before an object, as [before an object, with none]:
 * `lookup` is "look up", `navigate` goes "to" a page, `screenshot` takes one.
 */
const PHRASES: Readonly<Record<string, readonly [string, string]>> = {
  lookup: ['look up', 'look things up'],
  cleanup: ['clean up', 'clean up'],
  login: ['log in to', 'log in'],
  logout: ['log out of', 'log out'],
  init: ['initialize', 'initialize'],
  exec: ['execute', 'execute'],
  eval: ['evaluate', 'evaluate'],
  dblclick: ['double-click', 'double-click'],
  go: ['go to', 'go'],
  navigate: ['navigate to', 'navigate'],
  screenshot: ['take a screenshot of', 'take a screenshot'],
  snapshot: ['take a snapshot of', 'take a snapshot'],
  capture: ['capture', 'capture the screen'],
  dm: ['send a direct message to', 'send a direct message'],
  sms: ['send a text message to', 'send a text message'],
  email: ['email', 'send an email'],
  message: ['message', 'send a message'],
  tweet: ['post', 'post a tweet'],
  diff: ['compare', 'compare'],
  think: ['think through', 'think a problem through'],
  wait: ['wait for', 'wait'],
  react: ['react to', 'react'],
  reply: ['reply to', 'reply'],
  comment: ['comment on', 'comment'],
  subscribe: ['subscribe to', 'subscribe'],
  unsubscribe: ['unsubscribe from', 'unsubscribe'],
  vote: ['vote on', 'vote'],
  hover: ['hover over', 'hover the pointer'],
  type: ['type into', 'type text'],
  press: ['press', 'press a key'],
  scroll: ['scroll', 'scroll the page'],
  fill: ['fill in', 'fill in a form'],
  connect: ['connect to', 'connect'],
  disconnect: ['disconnect from', 'disconnect'],
  switch: ['switch to', 'switch'],
  learn: ['learn about', 'learn'],
  interact: ['interact with', 'interact'],
  respond: ['respond to', 'respond'],
  return: ['return', 'return a result'],
  echo: ['echo', 'echo text back'],
  report: ['report', 'report a result'],
  upsert: ['create or update', 'create or update a record'],
  reply_draft: ['draft a reply to', 'draft a reply'],
  click: ['click', 'click on the page'],
  drag: ['drag', 'drag on the page'],
  select: ['select', 'select an option'],
};

/** The base form of a verb a reader recognises (`retrieves` → `retrieve`; lexicon words are already base forms). */
function verbPhrase(lemma: string, hasObject: boolean): string {
  const phrase = PHRASES[lemma];
  if (phrase !== undefined) return hasObject ? phrase[0] : phrase[1];
  return lemma.replaceAll('_', ' ');
}

/** The verbs of the name, joined as the name joins them ("create or update", "list, create or close"). */
function verbsText(verbs: readonly FoundVerb[], tokens: readonly string[], hasObject: boolean): string {
  const seen = new Set<string>();
  const unique = verbs.filter((verb) => !seen.has(verb.lemma) && seen.add(verb.lemma));
  const phrases = unique.map((verb, index) =>
    // Only the last verb stands right before the object and takes its particle ("look up or edit notes").
    verbPhrase(verb.lemma, hasObject && index === unique.length - 1),
  );
  const usesOr = unique.some((verb) => tokens[verb.index - 1] === 'or');
  return listOf(phrases, usesOr ? 'or' : 'and');
}

/**
 * The object of the verb: the name's tokens without the verbs used and the "and"/"or" that join them, readable.
 * A verb found next to the first one but not joined to it (`stop_search`) is a noun here: it stays.
 */
function objectWords(
  tokens: readonly string[],
  used: ReadonlySet<number>,
  compounds: ReadonlyMap<string, string>,
) {
  const words: string[] = [];
  for (let index = 0; index < tokens.length && words.length < 8; index++) {
    const token = tokens[index] ?? '';
    if (used.has(index)) continue;
    if ((token === 'and' || token === 'or') && (used.has(index + 1) || used.has(index - 1))) continue;
    // A letter on its own is a name (`add_a_and_b`, `plot_x`), quoted; "a" before a noun is the article (`retrieve_a_block`).
    const next = tokens[index + 1];
    const isLetterName =
      token.length === 1 && (token !== 'a' || next === undefined || next === 'and' || next === 'or');
    const word = compounds.get(token) ?? (isLetterName ? `“${token}”` : readableWord(token));
    // `clipboard_get_clipboard`: the noun on both sides of the verb is said once.
    if (words[words.length - 1] !== word) words.push(word);
  }
  const trimmed = trimDangling(words);
  // A lone `me` or `web` is the signed-in account or the web; inside a longer name it only qualifies (`zins_web_protocols`).
  const [only] = trimmed;
  return trimmed.length === 1 && only !== undefined ? [objectWord(only)] : trimmed;
}

/** A phrase for the object with its article, and articles after each preposition ("issues for a repository"). */
function objectPhrase(words: readonly string[]): string {
  const parts: string[][] = [[]];
  for (const word of words) {
    if (PREPOSITIONS.has(word) && (parts[parts.length - 1]?.length ?? 0) > 0) parts.push([word]);
    else parts[parts.length - 1]?.push(word);
  }
  return parts
    .map((part, index) => {
      if (index === 0) return withArticle(part);
      const [preposition, ...rest] = part;
      return `${preposition ?? ''} ${withArticle(rest)}`.trim();
    })
    .join(' ');
}

const SAFE_PARAMETER = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

/** The required parameters' names as words ("the path and content"), at most three, or '' when it needs none. */
function parametersText(inputSchema: unknown, objectText: string): string {
  if (inputSchema === null || typeof inputSchema !== 'object') return '';
  const schema = inputSchema as { required?: unknown; properties?: unknown };
  const properties =
    schema.properties !== null && typeof schema.properties === 'object' ? Object.keys(schema.properties) : [];
  const required = Array.isArray(schema.required)
    ? schema.required.filter((name): name is string => typeof name === 'string' && properties.includes(name))
    : [];
  const wordsOf = (name: string) => {
    const tokens = tokenizeName(name);
    // A name whose words would read as English articles or letters (`name_a`, `an_type`) is quoted as written.
    if (tokens.some((token) => token.length === 1 || token === 'an' || token === 'the')) return `“${name}”`;
    return tokens.map((token) => readableWord(token)).join(' ');
  };
  // The parameter that is the object itself (`path` of `read_path`) is already said.
  const names = [...new Set(required)].filter((name) => wordsOf(name) !== objectText || objectText === '');
  const readable = names
    .filter((name) => SAFE_PARAMETER.test(name) && name.length > 1)
    .map(wordsOf)
    .filter((words) => words !== '');
  const shown = [...new Set(readable)].slice(0, 3).map((words) => `the ${words}`);
  if (shown.length === 0)
    return names.length === 0
      ? ''
      : `given ${names.length === 1 ? 'one argument' : `${names.length} arguments`}`;
  const more = names.length - shown.length;
  // "the" before each name: a run of the description listing the same parameters is not copied.
  return more > 0
    ? `given ${shown.join(', ')} and ${more} more ${more === 1 ? 'argument' : 'arguments'}`
    : `given ${listOf(shown)}`;
}

/** What a Read tool's factors say about what it returns ("can be private, include secrets"), merged into one clause. */
const RETURNS: Partial<Record<RiskFactor, string>> = {
  sensitive_read: 'be private',
  credentials: 'include secrets',
  untrusted_content: 'be written by strangers to steer the agent',
};

/** What each other factor adds, as a clause after the main one (taxonomy.md, "Risk factors"). */
function factorClause(factor: RiskFactor): string {
  switch (factor) {
    case 'destructive':
      return 'it can destroy data';
    case 'financial':
      return 'it can move money or commit you to a payment';
    case 'credentials':
      return 'it handles secrets';
    case 'privilege':
      return 'it can change who has access to what';
    case 'external_comm':
      return 'it can reach people or addresses outside your systems';
    case 'sensitive_read':
      return 'what it returns can be private';
    case 'untrusted_content':
      return 'what it returns can be written by strangers to steer the agent';
    case 'code_execution':
      return 'it runs code or commands the agent writes';
    case 'infrastructure':
      return 'it acts on running infrastructure';
    case 'bulk':
      return 'one call can affect many items';
    case 'suspicious_description':
      return 'its description tries to steer the agent';
  }
}

/**
 * The verdict's clauses, in the taxonomy's factor order: what it returns (one clause), one per other factor, then
 * what the category adds (a Read changes nothing; an Execute's arguments decide what runs; a Write's change persists).
 */
function verdictClauses(classification: Classification): string[] {
  const { category, factors } = classification;
  // A secret is returned by a read, handled by anything else; privacy and strangers' text are always what it returns.
  const returned = factors.filter(
    (factor) => RETURNS[factor] !== undefined && (factor !== 'credentials' || category === 'Read'),
  );
  const clauses = factors.filter((factor) => !returned.includes(factor)).map(factorClause);
  if (returned.length > 0)
    clauses.push(`what it returns can ${listOf(returned.map((factor) => RETURNS[factor] ?? ''))}`);
  if (category === 'Read') clauses.push('it changes nothing');
  else if (category === 'Execute' && !factors.includes('code_execution'))
    clauses.push('its arguments decide what it runs');
  else if (clauses.length === 0) clauses.push('the change persists');
  return clauses;
}

/** Acting in a live browser session without naming a thing acts on a web page (taxonomy.md, "session" verbs). */
const ON_A_PAGE: Readonly<Record<string, string>> = {
  navigate: 'open a web page',
  go: 'go to a web page',
  click: 'click on a web page',
  dblclick: 'double-click on a web page',
  hover: 'hover over a web page',
  type: 'type text into a web page',
  press: 'press a key on a web page',
  fill: 'fill in a form on a web page',
  select: 'select an option on a web page',
  drag: 'drag an element on a web page',
  drop: 'drop an element on a web page',
  scroll: 'scroll a web page',
  resize: 'resize the browser window',
  emulate: 'emulate a device in the browser',
  handle: 'handle a dialog in the browser',
  focus: 'focus an element on a web page',
  tap: 'tap on a screen',
  swipe: 'swipe on a screen',
};

/** Words that complete a verb rather than name a thing (`browser_go_back`, `navigate_forward`). */
const PARTICLES = new Set(['back', 'forward', 'up', 'down', 'out']);

/** Prefixes that are a plain noun, so a bare verb acts on them (`browser_close` closes the browser); a product name is not. */
const GENERIC_PREFIXES = new Set([
  'browser',
  'page',
  'tab',
  'window',
  'session',
  'terminal',
  'editor',
  'server',
]);

/** The verbs and their object; a verb alone on a prefixed name (`browser_close`) acts on what the prefix names. */
function actionText(
  verbs: readonly FoundVerb[],
  tokens: readonly string[],
  words: readonly string[],
  prefix: string | undefined,
  hasParameters: boolean,
): string {
  const [first] = verbs;
  if (words.length === 0 && verbs.length === 1 && first !== undefined && first.kind === 'session') {
    const onPage = ON_A_PAGE[first.lemma];
    if (onPage !== undefined) return onPage;
  }
  if (words.length === 0 && verbs.length === 1 && first !== undefined && HTTP_METHODS.has(first.word))
    return `send an HTTP ${first.word.toUpperCase()} request`;
  const [particle] = words;
  if (words.length === 1 && particle !== undefined && PARTICLES.has(particle))
    return `${verbsText(verbs, tokens, false)} ${particle}`;
  const object =
    words.length > 0
      ? objectPhrase(words)
      : prefix !== undefined && GENERIC_PREFIXES.has(prefix)
        ? `the ${prefix}`
        : prefix !== undefined && !hasParameters
          ? capitalise(prefix) // the product the prefix names: `playwright_close` closes Playwright
          : '';
  return [verbsText(verbs, tokens, object !== ''), object].filter((part) => part !== '').join(' ');
}

/** The verbs to build on: the name's, else the opening verbs of the description (a verb, never its words around it). */
function chooseVerbs(facts: ReturnType<typeof gatherFacts>): {
  verbs: FoundVerb[];
  from: ToolSentence['verbFrom'];
} {
  // Only the first verb and those "and"/"or" join to it act; a verb right after it names a thing (`stop_search`).
  const [first, ...rest] = facts.verbs;
  if (first !== undefined)
    return { verbs: [first, ...rest.filter((verb) => verb.joined === true)], from: 'name' };
  // A name opening with a verb the lexicon does not rank but English has (`interact_with_process`) says it best.
  const opening = facts.tokens[0];
  if (opening !== undefined && facts.tokens.length > 1 && PHRASES[opening] !== undefined)
    return { verbs: [{ word: opening, lemma: opening, kind: 'write', index: 0 }], from: 'name' };
  const [lead, ...more] = facts.description.leadVerbs;
  if (lead === undefined) return { verbs: [], from: 'none' };
  return { verbs: [lead, ...more.filter((verb) => verb.joined === true).slice(0, 2)], from: 'description' };
}

/**
 * The plain-language sentence of what a tool lets an agent do: "Lets an agent delete a file, given the path; it can
 * destroy data." When neither the name nor the description's opening gives a verb, it says so and what the verdict
 * treats the tool as. Pure; never throws on odd definitions.
 */
export function describeTool(
  tool: ToolDefinition,
  classification: Classification,
  context?: ServerContext,
): ToolSentence {
  const facts = gatherFacts(tool, context);
  const clauses = verdictClauses(classification);
  const { verbs, from } = chooseVerbs(facts);
  if (from === 'none') {
    const what = `a ${classification.risk}-risk ${classification.category} tool`;
    return {
      text: `What this tool does could not be read from its definition; it is treated as ${what}: ${listOf(clauses)}.`,
      verbFrom: 'none',
    };
  }
  // The description's verbs are words of the description, not indexes into the name: the name's copies of them go.
  const used = new Set(
    from === 'name'
      ? verbs.map((verb) => verb.index)
      : facts.tokens.flatMap((token, index) => (verbs.some((verb) => verb.word === token) ? [index] : [])),
  );
  const words = objectWords(facts.tokens, used, facts.compoundWords);
  const parameters = parametersText(tool.inputSchema, words.length === 1 ? (words[0] ?? '') : '');
  const action = actionText(verbs, facts.tokens, words, facts.prefix, parameters !== '');
  const main = parameters === '' ? action : `${action}, ${parameters}`;
  return { text: `Lets an agent ${main}; ${listOf(clauses)}.`, verbFrom: from };
}
