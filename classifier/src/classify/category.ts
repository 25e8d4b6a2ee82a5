// Deciding the category (taxonomy.md, "Category"): Execute > Write > Read, from name, schema, description, hints.
import type { Category } from '../types.js';
import type { EvidenceLog } from './evidence.js';
import type { Quote } from './factors.js';
import type { ToolFacts } from './facts.js';
import { anyObject, nounHas, nounIs } from './objects.js';
import { hasWord } from './tokens.js';
import { EXECUTABLE_NOUNS, type FoundVerb, HTTP_METHODS, type VerbKind, verbIs } from './verbs.js';

/** How an Execute tool runs things; the level rules read it. */
export type ExecuteKind =
  | 'code'
  | 'command'
  | 'query'
  | 'api'
  | 'router'
  | 'runnable'
  | 'tool'
  | 'scripts'
  | 'computer';

/** The decided category, what decided it (quoted in the rationale) and, for Execute, what it runs. */
export interface CategoryDecision {
  category: Category;
  /** Plain words for the rationale, e.g. `the name verb "delete"`. */
  decidedBy: string;
  basis: 'schema' | 'name' | 'title' | 'description' | 'annotation' | 'default';
  executeKind?: ExecuteKind;
  /** For a read-only query tool: the statement that its queries are read-only (they still return stored rows). */
  queries?: Quote;
  /** The verb that decided, when one did. */
  verb?: FoundVerb;
}

const POWER: Record<VerbKind, number> = {
  read: 0,
  write: 1,
  destroy: 1,
  send: 1,
  session: 1,
  publish: 1,
  privilege: 1,
  financial: 1,
  'maybe-execute': 1,
  execute: 2,
};

function strongest(verbs: readonly FoundVerb[]): FoundVerb | undefined {
  let best: FoundVerb | undefined;
  for (const verb of verbs) if (best === undefined || POWER[verb.kind] > POWER[best.kind]) best = verb;
  return best;
}

/** One step of the category precedence: the evidence it reads and how it decides, or passes to the next. */
interface CategoryStep {
  /** The rule id (also the prefix of the evidence it logs). */
  id: string;
  /** The taxonomy or LABELLING row the step implements. */
  implements: string;
  decide: (facts: ToolFacts, log: EvidenceLog) => CategoryDecision | undefined;
}

/**
 * The category precedence, strongest evidence first: the first step that decides wins. The schema and the
 * description's statement of what runs come before the name, which comes before the title, the actions a schema
 * offers, the description's own verbs, and last the author's annotations (taxonomy: hints are evidence, not truth).
 */
const CATEGORY_PRECEDENCE: readonly CategoryStep[] = [
  {
    id: 'category.schema',
    implements: 'Execute: code, command, free-form query, raw API or sub-command parameters',
    decide: executeFromSchema,
  },
  {
    id: 'category.described-query',
    implements: 'LABELLING: a free-form query tool is Execute unless the server enforces read-only',
    decide: describedQuery,
  },
  { id: 'category.agent', implements: 'Execute: invoke an agent runtime with a prompt', decide: runsAgent },
  {
    id: 'category.name-verb',
    implements: 'Category: typical verbs of the name (tie-break Execute > Write > Read)',
    decide: (facts, log) => {
      const nameVerb = strongest(facts.verbs);
      if (nameVerb === undefined) return undefined;
      const restated = strongerRestatement(facts, nameVerb) ?? hiddenEffect(facts, nameVerb);
      if (restated !== undefined) return fromVerb(facts, restated, 'description', facts.nouns, log);
      return fromVerb(facts, nameVerb, 'name', facts.nouns, log);
    },
  },
  {
    id: 'category.title-verb',
    implements: 'Category: typical verbs of the title',
    decide: (facts, log) => {
      const titleVerb = strongest(facts.titleVerbs);
      return titleVerb === undefined ? undefined : fromVerb(facts, titleVerb, 'title', facts.nouns, log);
    },
  },
  {
    id: 'category.action',
    implements: 'Category: the operations an action parameter offers',
    decide: categoryFromActions,
  },
  {
    id: 'category.execute.description-runs-code',
    implements: 'Execute: runs code or shell commands',
    decide: (facts, log) => {
      const runs = facts.description.executesCode;
      if (runs === undefined) return undefined;
      log.add(
        'description',
        runs.quote,
        'Execute (runs code or commands)',
        undefined,
        'category.execute.description-runs-code',
      );
      return {
        category: 'Execute',
        decidedBy: `the description "${runs.quote}"`,
        basis: 'description',
        executeKind: 'command',
      };
    },
  },
  {
    id: 'category.description-verb',
    implements: "Category: typical verbs of the description's first sentence",
    decide: (facts, log) => {
      const leadVerb = strongest(facts.description.leadVerbs);
      if (leadVerb === undefined) return undefined;
      return fromVerb(facts, leadVerb, 'description', facts.nounsAndLeadWords, log);
    },
  },
  {
    id: 'category.write.page-action',
    implements: 'Write: navigate/click/type in a live browser session',
    decide: (facts, log) => {
      // Reached only when no verb spoke: on a browser server, "performs an action on a page element" acts in it.
      const acts = facts.description.pageAction;
      if (acts === undefined || !facts.server.kinds.has('browser')) return undefined;
      log.add(
        'description',
        acts.quote,
        'Write (acts in a live browser session)',
        undefined,
        'category.write.page-action',
      );
      return { category: 'Write', decidedBy: `the description "${acts.quote}"`, basis: 'description' };
    },
  },
  {
    id: 'category.write.required-output',
    implements:
      'LABELLING: a tool whose job includes saving to a caller-chosen path (the path is required) is a Write',
    decide: (facts, log) => {
      // Reached only when no verb spoke: a required place to put the result is what the tool is for.
      const output = facts.params.localOutput;
      if (output?.param.required !== true) return undefined;
      log.add(
        'parameter',
        output.param.rawName,
        'Write (saves its result where the caller says)',
        output.param.path,
        'category.write.required-output',
      );
      return {
        category: 'Write',
        decidedBy: `the required parameter "${output.param.rawName}" (where it saves its result)`,
        basis: 'schema',
      };
    },
  },
  {
    id: 'category.read.annotation',
    implements:
      'Annotations are evidence from an untrusted author: readOnlyHint breaks no tie but fills a gap',
    decide: (facts, log) => {
      if (facts.hints.readOnly !== true) return undefined;
      log.add(
        'annotation',
        'readOnlyHint: true',
        "Read (only the author's hint; nothing else shows an effect)",
        undefined,
        'category.read.annotation',
      );
      return { category: 'Read', decidedBy: 'the annotation readOnlyHint: true', basis: 'annotation' };
    },
  },
  {
    id: 'category.write.annotation',
    implements: 'Annotations are evidence from an untrusted author: destructiveHint fills a gap',
    decide: (facts, log) => {
      if (facts.hints.destructive !== true) return undefined;
      log.add(
        'annotation',
        'destructiveHint: true',
        "Write (only the author's hint)",
        undefined,
        'category.write.annotation',
      );
      return { category: 'Write', decidedBy: 'the annotation destructiveHint: true', basis: 'annotation' };
    },
  },
];

/** The ids of the category precedence, in order (for tests and documentation). */
export const CATEGORY_PRECEDENCE_IDS: readonly string[] = CATEGORY_PRECEDENCE.map((step) => step.id);

/** Decides the category by the precedence table; records the evidence that decided it. */
export function decideCategory(facts: ToolFacts, log: EvidenceLog): CategoryDecision {
  for (const step of CATEGORY_PRECEDENCE) {
    const decision = step.decide(facts, log);
    if (decision !== undefined) return decision;
  }
  return {
    category: 'Read',
    decidedBy: 'no verb in the name or description (default Read)',
    basis: 'default',
  };
}

/**
 * A description that restates the name's verb and joins a stronger one to it ("Download and import a model",
 * "Trigger and test workflow execution") says the tool does both: the taxonomy's tie-break takes the stronger.
 */
/**
 * `verify_send_as: "Sends a verification email"`: a name that reads, described as sending, destroying or paying,
 * does what the description says (taxonomy tie-break: the most powerful).
 */
function hiddenEffect(facts: ToolFacts, nameVerb: FoundVerb): FoundVerb | undefined {
  if (nameVerb.kind !== 'read') return undefined;
  const [lead] = facts.description.leadVerbs;
  return lead !== undefined && HIDDEN_EFFECTS.has(lead.kind) ? lead : undefined;
}

const HIDDEN_EFFECTS: ReadonlySet<VerbKind> = new Set(['send', 'destroy', 'financial']);

/** True when the tool computes on numbers it is given ("Adds two numbers"; numeric `a` and `b`): taxonomy Read. */
function isArithmetic(facts: ToolFacts): boolean {
  if (/\b(two|the|given|of) numbers\b/.test(facts.description.leadWords.join(' '))) return true;
  const { params } = facts;
  return params.count >= 2 && params.numericCount === params.count;
}

function strongerRestatement(facts: ToolFacts, nameVerb: FoundVerb): FoundVerb | undefined {
  const [first, ...rest] = facts.description.leadVerbs;
  const words = facts.description.leadWords;
  const performsOperation = (verb: FoundVerb): boolean =>
    verb.kind === 'execute' &&
    words
      .slice(words.indexOf(verb.word) + 1, words.indexOf(verb.word) + 4)
      .some((word) => nounHas('operations', word));
  const joined = rest.filter((verb) => verb.joined === true && !performsOperation(verb));
  if (first === undefined || joined.length === 0) return undefined;
  const chain = [first, ...joined];
  if (!chain.some((verb) => facts.verbs.some((found) => found.word === verb.word))) return undefined;
  const stronger = strongest(chain);
  return stronger !== undefined && POWER[stronger.kind] > POWER[nameVerb.kind] ? stronger : undefined;
}

/** A tool that hands a free-form prompt to an agent or a computer-use model: it runs what the prompt decides. */
function runsAgent(facts: ToolFacts, log: EvidenceLog): CategoryDecision | undefined {
  const prompt = facts.params.agentPrompt;
  if (prompt === undefined) return undefined;
  const named = facts.nouns.find((noun) => nounIs('agentWords', noun));
  if (named === undefined) return undefined;
  log.add(
    'parameter',
    prompt.param.name,
    'Execute (a prompt for an agent to carry out)',
    prompt.param.path,
    'category.execute.agent-prompt',
  );
  return {
    category: 'Execute',
    decidedBy: `the parameter "${prompt.param.name}" of an agent ("${named}")`,
    basis: 'schema',
    executeKind: named === 'computer' ? 'computer' : 'runnable',
  };
}

/** The server's or the tool's statement that queries run read-only (taxonomy: such a query tool is Read). */
function enforcedReadOnly(facts: ToolFacts): Quote | undefined {
  const own = facts.description.enforcedReadOnly;
  if (own !== undefined) return { source: 'description', quote: own.quote };
  const server = facts.server.enforcedReadOnly;
  return server === undefined ? undefined : { source: 'server', quote: server };
}

/** Read, because the server enforces read-only queries: the evidence and the decision. */
function readBecauseEnforced(enforced: Quote, log: EvidenceLog): CategoryDecision {
  log.add(
    enforced.source,
    enforced.quote,
    'Read (the server enforces read-only queries)',
    undefined,
    'category.read.enforced-read-only',
  );
  return {
    category: 'Read',
    decidedBy: `the ${enforced.source} "${enforced.quote}" (enforced read-only query)`,
    basis: 'description',
    queries: enforced,
  };
}

/**
 * A tool whose description says it runs a query in a query language ("Execute an INSERT, UPDATE, or DELETE query",
 * "Executes an SQL SELECT query") and whose schema is absent or carries the query: a free-form query (LABELLING).
 */
function describedQuery(facts: ToolFacts, log: EvidenceLog): CategoryDecision | undefined {
  const runs = facts.description.runsQuery;
  if (runs === undefined) return undefined;
  if (facts.params.count > 0 && facts.params.freeQuery === undefined && facts.params.queryText === undefined)
    return undefined;
  const enforced = enforcedReadOnly(facts);
  if (enforced !== undefined) return readBecauseEnforced(enforced, log);
  log.add(
    'description',
    runs.quote,
    'Execute (runs a free-form query)',
    undefined,
    'category.execute.described-query',
  );
  return {
    category: 'Execute',
    decidedBy: `the description "${runs.quote}" (a free-form query)`,
    basis: 'description',
    executeKind: 'query',
  };
}

// "Runs a Lighthouse performance analysis on the page": what the description says is run, when it is an analysis.
const DESCRIBED_ANALYSES: ReadonlySet<string> = new Set([
  'analysis',
  'audit',
  'scan',
  'lint',
  'inspection',
  'benchmark',
  'diagnostic',
  'diagnostics',
]);
const ANALYSIS_ENDINGS = ['scan', 'check', 'audit', 'lint', 'analysis', 'inspection', 'diagnostics'];

/** `run_filescan`, `run_healthcheck`: one word that ends in an analysis is that analysis. */
function endsInAnalysis(noun: string): boolean {
  return ANALYSIS_ENDINGS.some((ending) => noun.length > ending.length + 2 && noun.endsWith(ending));
}

const MATH_EXPRESSION_NAMES: ReadonlySet<string> = new Set(['expression', 'expr', 'formula', 'equation']);
const MATH_WORDS = /\bmath|\barithmetic|\bequations?\b|\bcalculat|\bmatem[aá]tic/;
const CODE_WORDS: ReadonlySet<string> = new Set([
  'code',
  'script',
  'scripts',
  'python',
  'javascript',
  'function',
  'functions',
  'calls',
]);

/**
 * `calculate_expression(expression: "2 + 3*5")`: a calculator's math expression is local computation (taxonomy:
 * Read), not code to run, unless the description speaks of code, scripts or calls to functions.
 */
function isMathExpression(facts: ToolFacts, verb: FoundVerb | undefined): boolean {
  const param = facts.params.code?.param;
  if (param === undefined || !MATH_EXPRESSION_NAMES.has(param.name)) return false;
  const lead = facts.description.leadWords;
  if (lead.some((word) => CODE_WORDS.has(word))) return false;
  const computes = verb !== undefined && verbIs('computing', verb.lemma);
  return computes || MATH_WORDS.test(param.description) || MATH_WORDS.test(lead.join(' '));
}

function executeFromSchema(facts: ToolFacts, log: EvidenceLog): CategoryDecision | undefined {
  const { params, description } = facts;
  const verb = strongest(facts.verbs) ?? strongest(facts.description.leadVerbs);
  const inspecting = verb !== undefined && verb.kind === 'read' && verbIs('inspecting', verb.lemma);
  const run = (kind: ExecuteKind, quote: string, path: string, why: string): CategoryDecision => {
    log.add('parameter', quote, `Execute (${why})`, path, `category.execute.${kind}-parameter`);
    return {
      category: 'Execute',
      decidedBy: `the parameter "${quote}" (${why})`,
      basis: 'schema',
      executeKind: kind,
    };
  };
  if (description.negatedEffect !== undefined && (verb === undefined || verb.kind === 'read'))
    return undefined;
  if (params.code !== undefined && !inspecting && !isMathExpression(facts, verb))
    return run('code', params.code.param.name, params.code.param.path, 'code to run');
  if (params.command !== undefined && !inspecting)
    return run('command', params.command.param.name, params.command.param.path, 'a command to run');
  if (
    params.freeQuery !== undefined &&
    !(verb !== undefined && verbIs('inspecting', verb.lemma) && verb.lemma !== 'get')
  ) {
    const enforced = enforcedReadOnly(facts);
    if (enforced !== undefined) return readBecauseEnforced(enforced, log);
    return run('query', params.freeQuery.param.name, params.freeQuery.param.path, 'a free-form query');
  }
  if (params.apiPath !== undefined && params.url === undefined) {
    const methodVerb = facts.verbs.find((found) => HTTP_METHODS.has(found.word));
    if (methodVerb?.word === 'get' || (methodVerb === undefined && verb?.kind === 'read')) return undefined;
    return run(
      'api',
      params.apiPath.param.name,
      params.apiPath.param.path,
      'a raw API call with a caller-chosen path',
    );
  }
  // An HTTP method from an enum, or any method of a remote API named in free text beside its parameters.
  const method = params.httpMethod ?? params.remoteMethod;
  if (method !== undefined)
    return run(
      'api',
      method.param.name,
      method.param.path,
      method === params.httpMethod ? 'a caller-chosen HTTP method' : 'a caller-chosen method of a remote API',
    );
  if (params.router !== undefined) {
    if (description.manages === undefined) {
      log.add(
        'parameter',
        params.router.param.name,
        'Read (a sub-command router whose description names no changes)',
        params.router.param.path,
        'category.read.router',
      );
      return undefined;
    }
    log.add(
      'description',
      description.manages.quote,
      'Execute (sub-commands that change state)',
      undefined,
      'category.execute.router',
    );
    return run(
      'router',
      params.router.param.name,
      params.router.param.path,
      'a sub-command chosen by the caller',
    );
  }
  if (params.toolName !== undefined && verb?.kind === 'maybe-execute') {
    return run(
      'tool',
      params.toolName.param.name,
      params.toolName.param.path,
      'calls a tool the caller names',
    );
  }
  return undefined;
}

function fromVerb(
  facts: ToolFacts,
  verb: FoundVerb,
  basis: 'name' | 'title' | 'description',
  nouns: readonly string[],
  log: EvidenceLog,
): CategoryDecision {
  const source = basis === 'name' ? 'name' : basis;
  const decided = (category: Category, why: string, executeKind?: ExecuteKind): CategoryDecision => {
    log.add(
      source,
      verb.word,
      `${category} (${why})`,
      undefined,
      `category.${category.toLowerCase()}.${basis}-verb`,
    );
    const decision: CategoryDecision = {
      category,
      decidedBy: `the ${basis === 'name' ? 'name' : basis} verb "${verb.word}" (${why})`,
      basis,
      verb,
    };
    if (executeKind !== undefined) decision.executeKind = executeKind;
    return decision;
  };
  const negated = facts.description.negatedEffect;
  if (verb.kind === 'execute' || verb.kind === 'maybe-execute') {
    if (verb.lemma === 'build' && nouns.some((noun) => nounHas('buildable', noun)))
      return decided('Execute', 'builds a project, running its build scripts', 'scripts');
    if (negated !== undefined && facts.params.code === undefined) {
      log.add(
        'description',
        negated.quote,
        'Read (the description says it does not act)',
        undefined,
        'category.read.negated',
      );
      return { category: 'Read', decidedBy: `the description "${negated.quote}"`, basis: 'description' };
    }
    // The same rule as for a query parameter: a server that enforces read-only queries makes the tool Read.
    const enforced = enforcedReadOnly(facts);
    if (enforced !== undefined && facts.params.code === undefined) return readBecauseEnforced(enforced, log);
    // "Call a read-only function on a contract": the call reads.
    const readCall = facts.description.readOnlyCall;
    if (readCall !== undefined && facts.params.code === undefined) {
      log.add(
        'description',
        readCall.quote,
        'Read (calls a read-only function)',
        undefined,
        'category.read.read-only-call',
      );
      return { category: 'Read', decidedBy: `the description "${readCall.quote}"`, basis: 'description' };
    }
    if (nounIs('analyses', nouns.at(-1) ?? ''))
      return decided('Read', 'runs a fixed analysis and returns it');
    // "Apply mental models to analyze problems": applying a way of thinking changes nothing (taxonomy: thinking
    // step by step is Read); applying a manifest, a patch or a change does.
    if (verb.lemma === 'apply' && nouns.some((noun) => nounHas('waysOfThinking', noun)))
      return decided('Read', 'applies a way of thinking and returns its result');
    const runnable =
      nouns.some((noun) => hasWord(EXECUTABLE_NOUNS, noun)) ||
      actionTokensHave(facts, EXECUTABLE_NOUNS) ||
      describedObjectRuns(facts, verb);
    if (verb.kind === 'execute' || runnable)
      return decided(
        'Execute',
        runnable ? 'runs a named job, workflow or program' : 'runs what the caller gives it',
        // The name's own nouns: "Execute led_control command" in a description names a device command, not a shell.
        facts.description.executesCode || facts.nouns.some((noun) => nounHas('codeLanguages', noun))
          ? 'code'
          : 'runnable',
      );
    if (facts.description.executesCode !== undefined)
      return decided('Execute', 'the description says it runs code or commands', 'command');
    if (facts.description.leadVerbs.some((lead) => lead.kind === 'execute'))
      return decided('Execute', 'the description says it executes what the caller gives it');
    if (
      facts.hints.readOnly === true ||
      nouns.some((noun) => nounIs('analyses', noun) || endsInAnalysis(noun)) ||
      facts.description.leadWords.slice(0, 8).some((word) => DESCRIBED_ANALYSES.has(word))
    )
      return decided('Read', 'runs a fixed analysis and returns it');
    return decided('Write', 'starts a fixed operation');
  }
  if (verb.kind === 'read') return readVerb(facts, verb, nouns, decided);
  const started = startsRunnable(facts, verb, nouns);
  if (started !== undefined)
    return decided(
      'Execute',
      started,
      started.startsWith('installs') || started.startsWith('builds') ? 'scripts' : 'runnable',
    );
  if (verbIs('arithmetic', verb.lemma) && isArithmetic(facts))
    return decided('Read', 'local pure computation on numbers');
  const fromActions = categoryFromActions(facts, log);
  if (fromActions?.category === 'Execute') return fromActions;
  if (facts.description.executesCode !== undefined && basis !== 'name')
    return decided('Execute', 'runs code or commands', 'command');
  return decided('Write', "changes state or sends on the user's behalf");
}

function readVerb(
  facts: ToolFacts,
  verb: FoundVerb,
  nouns: readonly string[],
  decided: (category: Category, why: string, kind?: ExecuteKind) => CategoryDecision,
): CategoryDecision {
  if (verbIs('output', verb.lemma) && facts.params.localOutput !== undefined)
    return decided('Write', 'saves to a caller-chosen local path');
  // LABELLING: saving to a local folder or path, even one the caller does not choose, leaves a file behind (Write).
  if ((verbIs('output', verb.lemma) || verb.lemma === 'load') && facts.description.savesLocally !== undefined)
    return decided('Write', 'saves its result to a local folder');
  // "Convert a file via the X API": the local file is handed to an outside service.
  if (facts.params.localFile !== undefined && facts.description.viaService !== undefined)
    return decided('Write', 'sends a local file to an outside service');
  // LABELLING: a tool whose job includes saving to a caller-chosen local path (the path is required) is a Write.
  if (facts.params.localOutput?.param.required === true && !verbIs('pageCapture', verb.lemma))
    return decided('Write', 'saves its result to a required local path');
  if (verb.lemma === 'resolve' && nouns.some((noun) => nounHas('resolvable', noun)))
    return decided('Write', 'changes the state of a thread or issue');
  if (
    (verb.lemma === 'format' || verb.lemma === 'convert') &&
    nouns.some((noun) => nounHas('documentParts', noun))
  )
    return decided('Write', `${verb.lemma === 'format' ? 'formats' : 'converts'} part of a stored document`);
  if (facts.description.executesCode !== undefined && facts.verbs.length === 0)
    return decided('Execute', 'runs code or commands', 'command');
  return decided('Read', 'returns information');
}

/** Why a Write verb on these nouns starts something that runs (a deployment, a CI build, a job), if it does. */
function startsRunnable(facts: ToolFacts, verb: FoundVerb, nouns: readonly string[]): string | undefined {
  const lemma = verb.lemma;
  // A chart is a Helm chart only on a cluster server or beside "helm"; elsewhere it is a picture of data.
  const workload = nouns.find((noun) => nounHas('workloads', noun));
  const isHelmChart = facts.server.kinds.has('cloud') || nouns.includes('helm');
  if (verbIs('deploying', lemma) && workload !== undefined && (workload !== 'chart' || isHelmChart))
    return 'deploys a workload that runs a caller-chosen image';
  if (verbIs('triggering', lemma) && nounHas('triggeredByCreation', nouns.at(-1) ?? ''))
    return 'creating a build or run triggers it';
  if (verbIs('starting', lemma) && nouns.some((noun) => nounHas('startableRunnables', noun)))
    return 'starts a job, pipeline or workflow';
  if (
    lemma === 'install' &&
    (nouns.some((noun) => nounHas('packages', noun)) || facts.params.packageManager !== undefined)
  )
    return 'installs packages, which runs their install scripts';
  if (lemma === 'build' && nouns.some((noun) => nounHas('buildable', noun)))
    return 'builds a project, running its build scripts';
  // A dev container or compose project starts from the project's own config, running its build and
  // lifecycle scripts.
  if (verbIs('containerStarting', lemma) && nouns.some((noun) => nounHas('projectEnvironments', noun)))
    return "builds and starts the project's environment, running its build scripts";
  if (verbIs('containerStarting', lemma) && facts.params.image !== undefined)
    return `runs the container image in "${facts.params.image.param.name}"`;
  if (lemma === 'apply' && facts.params.manifest !== undefined)
    return `applies the manifest in "${facts.params.manifest.param.name}"`;
  return undefined;
}

// "Run a binary directly", "Execute a deployed Convex function": when the description opens with the name's own
// verb, the next few words name what it runs.
function describedObjectRuns(facts: ToolFacts, verb: FoundVerb): boolean {
  const words = facts.description.leadWords;
  const at = words.indexOf(verb.word);
  if (at < 0 || at > 3) return false;
  return words.slice(at + 1, at + 5).some((word) => hasWord(EXECUTABLE_NOUNS, word));
}

function actionTokensHave(facts: ToolFacts, words: ReadonlySet<string>): boolean {
  return facts.params.actions.some((action) =>
    action.tokens.some((tokens) => tokens.some((token) => hasWord(words, token))),
  );
}

function categoryFromActions(facts: ToolFacts, log: EvidenceLog): CategoryDecision | undefined {
  let best: CategoryDecision | undefined;
  for (const action of facts.params.actions) {
    for (const [index, tokens] of action.tokens.entries()) {
      const value = action.param.enumValues[index] ?? '';
      if (tokens.some((token) => verbIs('actionRuns', token))) {
        log.add(
          'parameter',
          `${action.param.name}: ${value}`,
          'Execute (an action that runs a job or agent)',
          action.param.path,
          'category.execute.action',
        );
        return {
          category: 'Execute',
          decidedBy: `the action "${value}" of parameter "${action.param.name}"`,
          basis: 'schema',
          executeKind: 'runnable',
        };
      }
      if (
        best === undefined &&
        tokens.some((token) => anyObject('metadata', [token]) === false && isWriteWord(token))
      ) {
        best = {
          category: 'Write',
          decidedBy: `the action "${value}" of parameter "${action.param.name}"`,
          basis: 'schema',
        };
      }
    }
  }
  return best;
}

const WRITE_WORDS = new Set([
  'create',
  'update',
  'delete',
  'remove',
  'add',
  'set',
  'write',
  'edit',
  'move',
  'rename',
  'activate',
  'deactivate',
  'close',
  'archive',
  'submit',
  'send',
  'post',
  'put',
  'patch',
  'cancel',
]);

function isWriteWord(token: string): boolean {
  return WRITE_WORDS.has(token);
}
