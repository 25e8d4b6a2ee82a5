// What every exported file says about itself and its tools: which toolrisk wrote it, under which profile, and why each tool got its rule.
import { CLASSIFIER_VERSION } from '../classify.js';
import type { ExportedDecision } from './decisions.js';
import type { StarterPolicy } from './model.js';

/** The server name used when the policy names none. */
export const UNNAMED_SERVER = 'server';

/** Text that fits on one comment line of any format: no line breaks or other control characters. */
export function commentSafe(text: string): string {
  // \p{Cc} and the Unicode line and paragraph separators end a line comment in one format or another.
  // A lone surrogate has no UTF-8 form: it becomes U+FFFD, so every file is well-formed text.
  return text.replace(/[\p{Cc}\u2028\u2029\u0085]+/gu, ' ').replace(/[\uD800-\uDFFF]/gu, '\uFFFD');
}

/** A name as a JSON string with every character a comment or a reader could lose escaped: C0 and C1 controls, line separators, lone surrogates. */
export function escapedName(name: string): string {
  return JSON.stringify(name).replace(
    /[\u007f-\u009f\u2028\u2029]/g,
    (char) => `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
  );
}

/** The comment line naming the server of one section of a stack file; unambiguous, so each server finds its own. */
export function serverLabel(name: string): string {
  return `server: ${escapedName(name)}`;
}

/** The header lines of an exported file, without comment markers. */
export function headerLines(policy: StarterPolicy, format: string, serverName: string): string[] {
  return [
    `toolrisk starter policy (classifier ${CLASSIFIER_VERSION}), format ${format}, profile ${policy.profile}`,
    `server: ${serverName}${policy.serverName === undefined ? ' (no server name was given; rename it to the name you configured)' : ''}`,
    'Default deny: a tool this file does not name is not allowed. Review before use; regenerate after the server changes.',
  ];
}

/** The comment lines about one tool's rule, without comment markers. */
export function decisionLines(exported: ExportedDecision, shownName: string): string[] {
  return [
    `${shownName}: ${exported.decision}; toolrisk's rule: ${exported.reason}`,
    ...exported.fallbacks.map((note) => `  ${note}`),
  ];
}

/** Lines prefixed with a line-comment marker, each made comment-safe. */
export function commented(lines: readonly string[], marker: string, indent = ''): string {
  return lines.map((line) => `${indent}${marker} ${commentSafe(line)}\n`).join('');
}
