// Starter policies for catalogue servers and tools, rendered once per definition set and cached by hash.
import { createHash } from 'node:crypto';
import {
  classifyTool,
  POLICY_FORMAT_FILES,
  type PolicyFormat,
  type PolicyInput,
  type PolicyMediaType,
  type PolicyProfile,
  recommendPolicy,
  renderPolicy,
  type ServerContext,
  type StarterPolicy,
  serverContextOf,
} from '@toolrisk/classifier';
import type { ClassifiedToolRow } from '@toolrisk/db';
import { classificationOfRow, toolDefinitionOf } from '@toolrisk/db';

/** How a policy is asked for: profile, file format, and whether to pin definition hashes. */
export interface PolicyRequest {
  profile: PolicyProfile;
  format: PolicyFormat;
  pin: boolean;
}

/** A rendered policy file: its text, media type and download name. */
export interface PolicyFile {
  body: string;
  contentType: PolicyMediaType;
  filename: string;
}

/** Rendered policies kept in memory; a definition set's policy never changes for one classifier version. */
const CACHE_LIMIT = 10_000;
const cache = new Map<string, string>();

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
  let body = cache.get(key);
  if (body === undefined) {
    body = renderPolicy(starterPolicyOf(serverName, rows, request), request.format);
    if (cache.size >= CACHE_LIMIT) {
      const oldest = cache.keys().next();
      if (!oldest.done) cache.delete(oldest.value);
    }
    cache.set(key, body);
  }
  return {
    body,
    contentType: POLICY_FORMAT_FILES[request.format].mediaType,
    filename: `${safeFilename(subject)}.${request.profile}.${POLICY_FORMAT_FILES[request.format].suffix}`,
  };
}
