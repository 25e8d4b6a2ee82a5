// Gathering everything the decision rules read from one tool definition and its server, once.
import type { ServerContext, ToolDefinition } from '../types.js';
import { type AnnotationHints, readHints } from './annotations.js';
import { DESCRIPTION_SCAN_CHARS, type DescriptionSignals, readDescription } from './description.js';
import { type ParamSignals, readParams } from './parameters.js';
import { walkSchema } from './schema-signals.js';
import { type ServerFacts, serverFactsOf } from './server-context.js';
import { findSuspicious, type SuspiciousHit } from './suspicious.js';
import { tokenizeName } from './tokens.js';
import { type FoundVerb, findVerbs } from './verbs.js';

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
];

/** Joins two-word names into one noun so the head noun is read right (`get_pull_request` is about a PR). */
export function joinCompounds(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const word = tokens[i] ?? '';
    const next = tokens[i + 1];
    const compound = COMPOUNDS.find(([a, b]) => a === word && b === next);
    if (compound !== undefined) {
      out.push(compound[2]);
      i += 1;
    } else {
      out.push(word);
    }
  }
  return out;
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

/** Reads every signal of a definition; never throws on odd shapes (non-string fields are treated as absent). */
export function gatherFacts(tool: ToolDefinition, context: ServerContext | undefined): ToolFacts {
  const name = typeof tool.name === 'string' ? tool.name : '';
  const server = serverFactsOf(context);
  const stripped = stripPrefix(joinCompounds(tokenizeName(name)), server);
  const verbs = findVerbs(stripped.tokens);
  const verbIndexes = new Set(verbs.map((verb) => verb.index));
  const nouns = stripped.tokens.filter((_, index) => !verbIndexes.has(index));
  const title = typeof tool.title === 'string' ? tool.title : '';
  const text = typeof tool.description === 'string' ? tool.description : '';
  const lower = text.slice(0, DESCRIPTION_SCAN_CHARS).toLowerCase();
  const walk = walkSchema(tool.inputSchema);
  const description = readDescription(lower);
  const facts: ToolFacts = {
    name,
    tokens: stripped.tokens,
    verbs,
    nouns,
    titleVerbs: title === '' ? [] : findVerbs(tokenizeName(title)),
    hasDescription: text.trim().length > 0,
    description,
    params: readParams(walk, / command router|sub ?commands?\b/.test(lower)),
    schemaTruncated: walk.truncated,
    schemaInvalid: walk.invalid,
    hints: readHints(tool.annotations),
    server,
    suspicious: findSuspicious(`${title}\n${text}`, `${title}\n${text}`.toLowerCase()),
  };
  if (stripped.prefix !== undefined) facts.prefix = stripped.prefix;
  return facts;
}
