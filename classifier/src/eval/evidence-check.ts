// Checking that a classification's evidence is what a reviewer can verify: every quote non-empty, found as whole
// words in the part of the definition it names, and every factor backed by at least one quote (taxonomy, "Rationale").
import { tokenizeName } from '../classify/tokens.js';
import type { Classification, ServerContext, ToolDefinition } from '../types.js';

/** One way a classification's evidence fails a reviewer. */
export interface EvidenceProblem {
  kind: 'empty-quote' | 'not-in-source' | 'cut-word' | 'factor-without-evidence';
  detail: string;
}

const WORD = /[\p{L}\p{N}]/u;

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** True when `quote` occurs in `text` with a word boundary at both ends (no word cut in two). */
function occursAsWords(text: string, quote: string): 'ok' | 'cut' | 'absent' {
  let at = text.indexOf(quote);
  if (at < 0) return 'absent';
  while (at >= 0) {
    const before = at === 0 ? '' : (text[at - 1] ?? '');
    const after = text[at + quote.length] ?? '';
    const startsWord = WORD.test(quote[0] ?? '');
    const endsWord = WORD.test(quote.at(-1) ?? '');
    if (!(startsWord && WORD.test(before)) && !(endsWord && WORD.test(after))) return 'ok';
    at = text.indexOf(quote, at + 1);
  }
  return 'cut';
}

function tokensContain(haystack: string[], needle: string[]): boolean {
  if (needle.length === 0) return false;
  for (let i = 0; i + needle.length <= haystack.length; i++) {
    if (needle.every((token, j) => haystack[i + j] === token)) return true;
  }
  return false;
}

function schemaNames(schema: unknown, out = new Set<string>(), depth = 0): Set<string> {
  if (depth > 10 || schema === null || typeof schema !== 'object') return out;
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' && value !== null && typeof value === 'object') {
      for (const name of Object.keys(value)) out.add(name.toLowerCase());
    }
    if (key === 'enum' && Array.isArray(value)) {
      for (const item of value) if (typeof item === 'string') out.add(item.toLowerCase());
    }
    schemaNames(value, out, depth + 1);
  }
  return out;
}

/** Lists every way the evidence of `classification` cannot be checked against `tool` and its server. */
export function checkEvidence(
  tool: ToolDefinition,
  classification: Classification,
  context?: ServerContext,
): EvidenceProblem[] {
  const problems: EvidenceProblem[] = [];
  const nameTokens = tokenizeName(tool.name);
  const titleTokens = tokenizeName(tool.title ?? '');
  const description = collapse(tool.description ?? '');
  const server = collapse([context?.name, context?.title, context?.description].filter(Boolean).join(' '));
  const params = schemaNames(tool.inputSchema);
  const siblings = new Set((context?.siblings ?? []).map((sibling) => sibling.name));
  for (const item of classification.evidence) {
    const quote = item.quote.trim();
    const where = `${item.source} "${item.quote}" (${item.effect})`;
    if (quote === '') {
      problems.push({ kind: 'empty-quote', detail: where });
      continue;
    }
    let found: 'ok' | 'cut' | 'absent';
    switch (item.source) {
      case 'name':
        found = tokensContain(nameTokens, tokenizeName(quote)) ? 'ok' : 'absent';
        break;
      case 'title':
        found = tokensContain(titleTokens, tokenizeName(quote)) ? 'ok' : 'absent';
        break;
      case 'description':
        found = occursAsWords(description, collapse(quote));
        break;
      case 'server':
        found = occursAsWords(server, collapse(quote));
        break;
      case 'sibling':
        found = siblings.has(quote) ? 'ok' : 'absent';
        break;
      case 'parameter': {
        const [name = '', value] = quote.toLowerCase().split(': ');
        found = params.has(name) && (value === undefined || params.has(value)) ? 'ok' : 'absent';
        break;
      }
      case 'annotation': {
        const [hint = ''] = quote.split(':');
        const annotations = tool.annotations ?? {};
        found = hint in annotations ? 'ok' : 'absent';
        break;
      }
    }
    if (found === 'absent') problems.push({ kind: 'not-in-source', detail: where });
    if (found === 'cut') problems.push({ kind: 'cut-word', detail: where });
  }
  for (const factor of classification.factors) {
    if (!classification.evidence.some((item) => item.effect.includes(factor)))
      problems.push({ kind: 'factor-without-evidence', detail: factor });
  }
  return problems;
}
