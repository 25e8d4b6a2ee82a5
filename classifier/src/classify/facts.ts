// Gathering everything the decision rules read from one tool definition and its server, once.
import type { ServerContext, ToolDefinition } from '../types.js';
import { type AnnotationHints, readHints } from './annotations.js';
import {
  DESCRIPTION_GATES,
  DESCRIPTION_SCAN_CHARS,
  type DescriptionSignals,
  readDescription,
} from './description.js';
import { GateScanner } from './gates.js';
import { type ParamSignals, readParams } from './parameters.js';
import { walkSchema } from './schema-signals.js';
import { type ServerFacts, serverFactsOf } from './server-context.js';
import { findSuspicious, SUSPICIOUS_GATES, type SuspiciousHit } from './suspicious.js';
import { tokenizeName } from './tokens.js';
import { camelOpeners, type FoundVerb, findVerbs, isNounLike, type VerbKind } from './verbs.js';

/** Everything known about one tool, read once and shared by the category, risk and rationale rules. */
export interface ToolFacts {
  name: string;
  /** Name tokens after the server prefix is stripped. */
  tokens: string[];
  /** The prefix that was stripped, if any. */
  prefix?: string;
  verbs: FoundVerb[];
  /** Name tokens that are not the found verbs, with compounds joined (`pull request` → `pr`). */
  nouns: string[];
  /** The nouns, then the first sentence's words: what several rules read the tool's object from, joined once. */
  nounsAndLeadWords: readonly string[];
  /** The words of the name each joined compound stands for (`pr` → `pull request`), for quoting. */
  compoundWords: ReadonlyMap<string, string>;
  titleVerbs: FoundVerb[];
  hasDescription: boolean;
  description: DescriptionSignals;
  params: ParamSignals;
  schemaTruncated: boolean;
  schemaInvalid: boolean;
  hints: AnnotationHints;
  server: ServerFacts;
  suspicious: SuspiciousHit[];
}

const COMPOUNDS: [string, string, string][] = [
  ['pull', 'request', 'pr'],
  ['merge', 'request', 'pr'],
  ['data', 'source', 'source'],
  ['api', 'key', 'apikey'],
  ['private', 'key', 'secret'],
  ['access', 'key', 'secret'],
  ['ssh', 'key', 'secret'],
  ['key', 'vault', 'keyvault'],
  ['best', 'practices', 'docs'],
  ['environment', 'variables', 'envvars'],
  ['environment', 'variable', 'envvars'],
  ['env', 'vars', 'envvars'],
  ['env', 'var', 'envvars'],
  ['bank', 'account', 'payee'],
  ['provisioning', 'key', 'secret'],
  ['signing', 'key', 'secret'],
  ['encryption', 'key', 'secret'],
  ['deploy', 'key', 'secret'],
  ['source', 'code', 'source_code'],
  ['raw', 'source', 'source_code'],
  // A file's source is its code; a page's source is the HTML third parties wrote.
  ['file', 'source', 'source_code'],
  ['page', 'source', 'html'],
];

// One pass over the lowercased text finds the gates of both the description phrases and the suspicious patterns.
const TEXT_GATES = new GateScanner([...DESCRIPTION_GATES, ...SUSPICIOUS_GATES]);

const COMPOUND_STARTS = new Set(COMPOUNDS.map(([first]) => first));

/** Joins two-word names into one noun so the head noun is read right (`get_pull_request` is about a PR). */
export function joinCompounds(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const word = tokens[i] ?? '';
    const next = tokens[i + 1];
    const compound = COMPOUND_STARTS.has(word)
      ? COMPOUNDS.find(([a, b]) => a === word && b === next)
      : undefined;
    if (compound !== undefined) {
      out.push(compound[2]);
      i += 1;
    } else {
      out.push(word);
    }
  }
  return out;
}

const NO_COMPOUNDS: ReadonlyMap<string, string> = new Map();

/** Which joined compounds occur in the name, and the words they were written as. */
function compoundWordsOf(tokens: readonly string[]): ReadonlyMap<string, string> {
  let found: Map<string, string> | undefined;
  for (let i = 0; i + 1 < tokens.length; i++) {
    const word = tokens[i] ?? '';
    if (!COMPOUND_STARTS.has(word)) continue;
    const compound = COMPOUNDS.find(([a, b]) => a === word && b === tokens[i + 1]);
    if (compound === undefined) continue;
    found ??= new Map();
    found.set(compound[2], `${compound[0]} ${compound[1]}`);
  }
  return found ?? NO_COMPOUNDS;
}

function stripPrefix(tokens: string[], server: ServerFacts): { tokens: string[]; prefix?: string } {
  const first = tokens[0];
  if (
    tokens.length > 1 &&
    first !== undefined &&
    (server.prefixes.has(first) || first === 'api' || first === 'mcp')
  ) {
    return { tokens: tokens.slice(1), prefix: first };
  }
  return { tokens };
}

const RUN_TOKENS = new Set([
  'run',
  'runs',
  'execute',
  'exec',
  'eval',
  'evaluate',
  'repl',
  'interpret',
  'interpreter',
  'sandbox',
  'invoke',
]);
const RUN_WORDS =
  /\b(run|runs|running|execute|executes|executing|execution|evaluate|evaluates|eval|interpret|interprets|repl|sandbox)\b/;

// A query language named by the tool itself: its `query` parameter is then written in it.
const QUERY_LANGUAGE_WORDS =
  /\b(sql|cypher|graphql|sparql|mongo(db)? (query|aggregat\w*)|aggregation pipeline|query dsl|kql|promql|logql|hql|sqlite|postgres(ql)?|mysql)\b/;

/** Verb kinds that start something running: a noun-like name opener never yields to or from them without a prefix. */
const RUNS_SOMETHING: ReadonlySet<VerbKind> = new Set(['execute', 'maybe-execute']);

/** True when the tool's name or description speaks of running code (so a bare `code` parameter is code to run). */
function isAboutRunning(tokens: readonly string[], lowerDescription: string): boolean {
  return tokens.some((token) => RUN_TOKENS.has(token)) || RUN_WORDS.test(lowerDescription);
}

/** Reads every signal of a definition; never throws on odd shapes (non-string fields are treated as absent). */
export function gatherFacts(tool: ToolDefinition, context: ServerContext | undefined): ToolFacts {
  const name = typeof tool.name === 'string' ? tool.name : '';
  const server = serverFactsOf(context);
  const nameTokens = tokenizeName(name);
  const stripped = stripPrefix(joinCompounds(nameTokens), server);
  const found = findVerbs(stripped.tokens, false, camelOpeners(name.slice(0, 200)));
  const title = typeof tool.title === 'string' ? tool.title : '';
  const titleLower = title.toLowerCase();
  const text = typeof tool.description === 'string' ? tool.description : '';
  const lowerText = text.toLowerCase();
  // Slice before lowering (lowercasing can change lengths, `İ` → `i̇`) unless the slice would keep everything.
  const lower =
    text.length <= DESCRIPTION_SCAN_CHARS ? lowerText : text.slice(0, DESCRIPTION_SCAN_CHARS).toLowerCase();
  const walk = walkSchema(tool.inputSchema);
  const present = TEXT_GATES.scan(lower);
  const description = readDescription(lower, present);
  // A word that doubles as a noun (store, log, type, tag) and opens the name is the noun when the description
  // opens with a verb of another kind: `app-store-similar` on a server whose tools share the prefix `app` ("Get
  // similar apps"), `type-analysis` ("Analyzes Python types"), `tag_list` ("List tags"). Without a stripped
  // prefix the description must open with that verb, and neither verb may run something: "Run accessibility
  // tests" under `check_accessibility`, or "Restart and run all cells" under `run_all_cells`, keep the name's verb.
  const lead = description.leadVerbs[0];
  const opener = found[0];
  const nounOpener =
    opener !== undefined &&
    opener.index === 0 &&
    isNounLike(opener.word) &&
    lead !== undefined &&
    lead.kind !== opener.kind &&
    (stripped.prefix !== undefined ||
      (lead.index === 0 && !RUNS_SOMETHING.has(lead.kind) && !RUNS_SOMETHING.has(opener.kind)));
  const verbs = nounOpener ? [] : found;
  const nouns = stripped.tokens.filter((_, index) => !verbs.some((verb) => verb.index === index));
  // The suspicious scan reads the title and the whole description; no gate contains a newline, so the masks of
  // the parts add up to the mask of the joined text. Within the bound and without a title, the description's own
  // mask serves as it is (nothing writes to it after this).
  const suspiciousGates =
    text.length > DESCRIPTION_SCAN_CHARS
      ? TEXT_GATES.scan(lowerText)
      : title === ''
        ? present
        : present.slice();
  if (title !== '') TEXT_GATES.scan(titleLower, suspiciousGates);
  const facts: ToolFacts = {
    name,
    tokens: stripped.tokens,
    prefix: stripped.prefix,
    verbs,
    nouns,
    nounsAndLeadWords: nouns.concat(description.leadWords),
    compoundWords: compoundWordsOf(nameTokens),
    titleVerbs: title === '' ? [] : findVerbs(tokenizeName(title)),
    hasDescription: text.trim().length > 0,
    description,
    params: readParams(
      walk,
      description.subCommands !== undefined,
      () => isAboutRunning(stripped.tokens, lower),
      () => QUERY_LANGUAGE_WORDS.test(`${stripped.tokens.join(' ')} ${lower}`),
    ),
    schemaTruncated: walk.truncated,
    schemaInvalid: walk.invalid,
    hints: readHints(tool.annotations),
    server,
    // Lowercasing each part is the same as lowercasing the joined text: the newline is neither cased nor
    // case-ignorable, so no final-sigma context crosses it.
    suspicious: findSuspicious(title, titleLower, text, lowerText, suspiciousGates, DESCRIPTION_GATES.length),
  };
  return facts;
}
