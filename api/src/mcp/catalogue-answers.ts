// The MCP tools that read the catalogue: check_server, check_tool, search_tools and get_policy, as structured answers.
import { type Category, effectiveAnnotations, RISK_LEVELS, type RiskLevel } from '@toolrisk/classifier';
import {
  type Database,
  getServer,
  getServerTool,
  getTool,
  listServerTools,
  type ServerRow,
  searchTools,
  serverIdOfRegistryName,
  serverIdOfRepositoryKey,
  serversOfIdentities,
} from '@toolrisk/db';
import type { Static } from 'typebox';
import { ApiError } from '../errors.js';
import { policyFile, starterPolicyOf } from '../policies.js';
import type { McpAnswer } from './answer.js';
import { parseServerReference } from './server-reference.js';
import type {
  CheckServerOutput,
  CheckToolOutput,
  GetPolicyOutput,
  McpToolArguments,
  SearchToolsOutput,
} from './tools.js';
import { byRiskiest, hasStoredVerdict, verdictsOf } from './verdicts.js';

/** The profile check_server recommends, as the API's policy routes default to. */
const DEFAULT_PROFILE = 'balanced';
/** Search results listed when no limit is asked for. */
const DEFAULT_SEARCH_LIMIT = 20;
const SEARCH_DESCRIPTION_CHARS = 300;
const CATEGORIES: readonly Category[] = ['Read', 'Write', 'Execute'];

/** The id of the server a package, launch command or URL names, if the catalogue holds one. */
async function serverIdOfReference(db: Database, text: string): Promise<string | undefined> {
  const reference = parseServerReference(text);
  const found = await serversOfIdentities(db, reference);
  // Most specific first: the spec as written (with its version), then bare, then a remote URL.
  for (const identifier of reference.packages) {
    const match = found.find((server) => server.by === 'package' && server.matched === identifier);
    if (match) return match.id;
  }
  const byRemote = found.find((server) => server.by === 'url');
  if (byRemote) return byRemote.id;
  return reference.repositoryKey === null ? undefined : serverIdOfRepositoryKey(db, reference.repositoryKey);
}

/**
 * A server by catalogue id, else MCP Registry name, else a package, launch command or URL it is published as;
 * SERVER_NOT_FOUND otherwise.
 */
export async function requireServer(db: Database, server: string): Promise<ServerRow> {
  const byId = await getServer(db, server);
  if (byId) return byId;
  const id = (await serverIdOfRegistryName(db, server)) ?? (await serverIdOfReference(db, server));
  const found = id === undefined ? undefined : await getServer(db, id);
  if (!found) {
    throw new ApiError(
      'SERVER_NOT_FOUND',
      `no catalogued server with id, registry name, package, command or URL "${server}"`,
    );
  }
  return found;
}

function nameOf(server: ServerRow): string {
  return server.registryName ?? server.id;
}

function briefOf(server: ServerRow): Static<typeof CheckServerOutput>['server'] {
  return {
    id: server.id,
    registryName: server.registryName,
    title: server.title,
    description: server.description,
    version: server.version,
    toolCount: server.toolCount,
    highestRisk: RISK_LEVELS.find((level) => level === server.highestRisk) ?? null,
    link: `/v1/servers/${encodeURIComponent(server.id)}`,
  };
}

/** Counts per risk level, every level present. */
export function countByRisk(risks: RiskLevel[]): Record<RiskLevel, number> {
  const counts: Record<RiskLevel, number> = { Low: 0, Medium: 0, High: 0, Critical: 0 };
  for (const risk of risks) counts[risk] += 1;
  return counts;
}

/** check_server: the server, its tools riskiest first with their policy actions, and the balanced starter policy. */
export async function checkServer(
  db: Database,
  args: McpToolArguments<'check_server'>,
): Promise<McpAnswer<typeof CheckServerOutput>> {
  const server = await requireServer(db, args.server);
  const rows = await listServerTools(db, server.id);
  const verdicts = verdictsOf(server, rows);
  const policy = starterPolicyOf(nameOf(server), rows, { profile: DEFAULT_PROFILE, pin: false });
  const actions = new Map(policy.tools.map((tool) => [tool.name, tool]));
  const ranked = rows
    .map((row, index) => ({ name: row.tool.name, verdict: verdicts[index] }))
    .flatMap((entry) => (entry.verdict ? [{ name: entry.name, verdict: entry.verdict }] : []))
    .sort(byRiskiest);
  const tools = ranked.map(({ name, verdict }) => ({
    name,
    category: verdict.category,
    risk: verdict.risk,
    factors: verdict.factors,
    confidence: verdict.confidence,
    rationale: verdict.rationale,
    action: actions.get(name)?.action ?? 'deny',
  }));
  const byRisk = countByRisk(tools.map((tool) => tool.risk));
  const riskiest = tools
    .slice(0, 3)
    .map((tool) => `${tool.name} (${tool.category}/${tool.risk})`)
    .join(', ');
  const counts = RISK_LEVELS.map((level) => `${byRisk[level]} ${level}`).join(', ');
  return {
    structured: {
      server: briefOf(server),
      byRisk,
      tools,
      policy: {
        profile: policy.profile,
        default: policy.default,
        tools: policy.tools.map((tool) => ({ name: tool.name, action: tool.action, reason: tool.reason })),
      },
    },
    summary:
      tools.length === 0
        ? `${server.id}: no current tools in the catalogue.`
        : `${server.id}: ${tools.length} tools (${counts}); riskiest: ${riskiest}. Starter policy (${policy.profile}) included.`,
  };
}

/** check_tool: one tool's verdict with its evidence, and the action the balanced starter policy gives it. */
export async function checkTool(
  db: Database,
  args: McpToolArguments<'check_tool'>,
): Promise<McpAnswer<typeof CheckToolOutput>> {
  // The common call names the server by id: its row and the tool's come in one round trip (npm run bench -- mcp).
  const joined = await getServerTool(db, args.server, args.tool);
  const server = joined?.server ?? (await requireServer(db, args.server));
  const found = joined ?? (await getTool(db, server.id, args.tool));
  if (!found || found.tool.removedAt !== null)
    throw new ApiError('TOOL_NOT_FOUND', `server "${server.id}" has no tool "${args.tool}"`);
  // A stored verdict stands alone; one computed now needs the current siblings as its server context, and so does
  // the policy that reads it (the API's tool policy route answers from the same rows).
  const rows = hasStoredVerdict(found) ? [found] : await listServerTools(db, server.id);
  const index = rows.findIndex((candidate) => candidate.tool.name === found.tool.name);
  const row = rows[index];
  const verdict = verdictsOf(server, rows)[index];
  if (!row || !verdict)
    throw new ApiError('TOOL_NOT_FOUND', `server "${server.id}" has no tool "${args.tool}"`);
  const policy = starterPolicyOf(nameOf(server), rows, { profile: DEFAULT_PROFILE, pin: false });
  const toolPolicy = policy.tools.find((entry) => entry.name === row.tool.name);
  const action = toolPolicy?.action ?? 'deny';
  const reason = toolPolicy?.reason ?? 'not a current tool: denied by default';
  const factors = verdict.factors.length > 0 ? verdict.factors.join(', ') : 'no risk factors';
  return {
    structured: {
      server: briefOf(server),
      tool: {
        name: row.tool.name,
        title: row.tool.title,
        description: row.tool.description,
        definitionHash: row.tool.definitionHash,
        category: verdict.category,
        risk: verdict.risk,
        factors: verdict.factors,
        confidence: verdict.confidence,
        rationale: verdict.rationale,
        evidence: verdict.evidence,
        classifierVersion: verdict.classifierVersion,
        effectiveAnnotations: effectiveAnnotations(row.tool.annotations, verdict),
      },
      policy: { name: row.tool.name, action, reason },
    },
    summary: `${server.id}/${row.tool.name}: ${verdict.category}, ${verdict.risk} risk (${factors}), confidence ${verdict.confidence.toFixed(2)}; ${policy.profile} starter policy: ${action}.`,
  };
}

/** search_tools: current tools matching the words and filters, with their classifications. */
export async function searchCatalogueTools(
  db: Database,
  args: McpToolArguments<'search_tools'>,
): Promise<McpAnswer<typeof SearchToolsOutput>> {
  const limit = args.limit ?? DEFAULT_SEARCH_LIMIT;
  const page = await searchTools(db, { limit, q: args.query, risk: args.risk, category: args.category });
  const tools = page.tools.map(({ tool, classification }) => ({
    serverId: tool.serverId,
    name: tool.name,
    description:
      tool.description === null || tool.description.length <= SEARCH_DESCRIPTION_CHARS
        ? tool.description
        : `${tool.description.slice(0, SEARCH_DESCRIPTION_CHARS - 1)}…`,
    category: CATEGORIES.find((category) => category === classification?.category) ?? null,
    risk: RISK_LEVELS.find((level) => level === classification?.risk) ?? null,
    factors: classification?.factors ?? [],
    confidence: classification?.confidence ?? null,
  }));
  const listed = tools
    .slice(0, 5)
    .map((tool) => `${tool.serverId}/${tool.name} (${tool.risk ?? 'unclassified'})`)
    .join(', ');
  return {
    structured: { count: tools.length, hasMore: page.nextCursor !== undefined, tools },
    summary:
      tools.length === 0
        ? `No tools match "${args.query}".`
        : `${tools.length}${page.nextCursor ? '+' : ''} tools match "${args.query}": ${listed}${tools.length > 5 ? ', …' : ''}.`,
  };
}

/** get_policy: the server's starter policy file, as the API's policy route serves it. */
export async function getPolicy(
  db: Database,
  args: McpToolArguments<'get_policy'>,
): Promise<McpAnswer<typeof GetPolicyOutput>> {
  const server = await requireServer(db, args.server);
  const rows = await listServerTools(db, server.id);
  const request = {
    profile: args.profile ?? DEFAULT_PROFILE,
    format: args.format ?? 'json',
    pin: args.pin ?? false,
  };
  const file = policyFile(nameOf(server), rows, request, server.id);
  return {
    structured: {
      serverId: server.id,
      profile: request.profile,
      format: request.format,
      filename: file.filename,
      mediaType: file.contentType,
      content: file.body,
    },
    summary:
      `${request.profile} starter policy for ${server.id} (${rows.length} tools) as ${request.format}, ${file.filename}` +
      // Names the file could not write exactly (merged with others, or left out), so the agent can say so.
      file.notes.map((note) => `\n${note.message}`).join('') +
      ':',
    extraText: file.body,
  };
}
