// Starter policies for catalogue servers and tools, rendered once per definition set and cached by hash.
import { createHash } from 'node:crypto';
import {
  classifyTool,
  exportPolicy,
  POLICY_FORMAT_FILES,
  type PolicyFormat,
  type PolicyInput,
  type PolicyMediaType,
  type PolicyNameNote,
  type PolicyProfile,
  recommendPolicy,
  type ServerContext,
  type StarterPolicy,
  serverContextOf,
} from '@toolrisk/classifier';
import type { ClassifiedToolRow } from '@toolrisk/db';
import { classificationOfRow, toolDefinitionOf } from '@toolrisk/db';
import { Type } from 'typebox';

/** How a policy is asked for: profile, file format, and whether to pin definition hashes. */
export interface PolicyRequest {
  profile: PolicyProfile;
  format: PolicyFormat;
  pin: boolean;
}

/** A rendered policy file: its text, media type, download name, and the names it could not write exactly. */
export interface PolicyFile {
  body: string;
  contentType: PolicyMediaType;
  filename: string;
  notes: PolicyNameNote[];
}

/** Rendered policies kept in memory; a definition set's policy never changes for one classifier version. */
const CACHE_LIMIT = 10_000;
const cache = new Map<string, { body: string; notes: PolicyNameNote[] }>();

/** The most header bytes the name notes take; clients and proxies refuse much larger header blocks. */
const NOTES_HEADER_BYTES = 6000;

/** JSON with every character past ASCII escaped, so it is a valid HTTP header value whatever the names hold. */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (char) => `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
  );
}

/** The OpenAPI description of policyNoteHeaders' headers, on every policy download. */
export const POLICY_NOTE_HEADER_SCHEMAS = {
  'toolrisk-policy-notes-count': {
    description:
      'Present when the format could not write some names exactly: how many were merged with another name (stricter rule) or left out',
    schema: Type.String({ pattern: '^[0-9]+$' }),
  },
  'toolrisk-policy-notes': {
    description:
      'As many of those notes as fit about 6 KB, as ASCII JSON: each with its code (POLICY_NAME_MERGED or POLICY_NAME_NOT_WRITTEN), the names and why',
    schema: Type.String(),
  },
};

/**
 * The response headers reporting the names a policy file could not write exactly (merged with others, or left
 * out): `toolrisk-policy-notes-count` and, as ASCII JSON, as many notes as fit `toolrisk-policy-notes`.
 */
export function policyNoteHeaders(notes: readonly PolicyNameNote[]): Record<string, string> {
  if (notes.length === 0) return {};
  const shown: PolicyNameNote[] = [];
  for (const note of notes) {
    if (asciiJson([...shown, note]).length > NOTES_HEADER_BYTES) break;
    shown.push(note);
  }
  return { 'toolrisk-policy-notes-count': String(notes.length), 'toolrisk-policy-notes': asciiJson(shown) };
}

function policyInput(row: ClassifiedToolRow, context: ServerContext): PolicyInput {
  const stored = row.classification ? classificationOfRow(row.classification) : null;
  const classification = stored ?? classifyTool(toolDefinitionOf(row.tool), context);
  return {
    name: row.tool.name,
    classification,
    definitionHash: row.tool.definitionHash,
    inputSchema: row.tool.inputSchema ?? undefined,
  };
}

/** The starter policy of these tools of one server: stored classifications, reclassified only when one does not read back. */
export function starterPolicyOf(
  serverName: string,
  rows: ClassifiedToolRow[],
  request: Omit<PolicyRequest, 'format'>,
): StarterPolicy {
  const context = serverContextOf(
    { name: serverName },
    rows.map((row) => toolDefinitionOf(row.tool)),
  );
  return recommendPolicy(
    rows.map((row) => policyInput(row, context)),
    { profile: request.profile, pin: request.pin, serverName },
  );
}

function safeFilename(text: string): string {
  return text.replace(/[^\w.-]+/g, '_').slice(0, 120) || 'policy';
}

/** Renders the starter policy of these tools of one server, from the cache when the same definitions were asked before. */
export function policyFile(
  serverName: string,
  rows: ClassifiedToolRow[],
  request: PolicyRequest,
  subject: string,
): PolicyFile {
  const identity = rows
    .map((row) => `${row.tool.name}\u0000${row.tool.definitionHash}\u0000${row.classification?.id ?? 'none'}`)
    .join('\u0001');
  const key = createHash('sha256')
    .update(
      `${serverName}\u0002${request.profile}\u0002${request.format}\u0002${request.pin}\u0002${identity}`,
    )
    .digest('base64url');
  let rendered = cache.get(key);
  if (rendered === undefined) {
    const exported = exportPolicy(starterPolicyOf(serverName, rows, request), request.format);
    rendered = { body: exported.text, notes: exported.notes };
    if (cache.size >= CACHE_LIMIT) {
      const oldest = cache.keys().next();
      if (!oldest.done) cache.delete(oldest.value);
    }
    cache.set(key, rendered);
  }
  return {
    body: rendered.body,
    notes: rendered.notes,
    contentType: POLICY_FORMAT_FILES[request.format].mediaType,
    filename: `${safeFilename(subject)}.${request.profile}.${POLICY_FORMAT_FILES[request.format].suffix}`,
  };
}
