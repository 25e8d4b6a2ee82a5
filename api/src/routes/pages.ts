// Server-rendered pages: the API gathers their data, @toolrisk/web renders it.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  allIssues,
  classifyTool,
  POLICY_PROFILES,
  type PolicyProfile,
  parseJsonText,
  RISK_LEVELS,
  readToolsDocument,
  recommendPolicy,
  renderPolicy,
  serverContextOf,
} from '@toolrisk/classifier';
import { type ClassifiedToolRow, getServer, getTool, getToolHistory, listServerTools } from '@toolrisk/db';
import {
  type ClassifyData,
  CONTENT_SECURITY_POLICY,
  type PolicyView,
  renderClassifyPage,
  renderHomePage,
  renderNotFoundPage,
  renderRobots,
  renderSearchPage,
  renderServerPage,
  renderSitemap,
  renderToolPage,
  type SiteView,
  type ToolSummaryView,
} from '@toolrisk/web';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { AppDeps } from '../app.js';
import { bodyBytes, type CachedBody, etagOf, type ReadCache, sendCached } from '../http/read-cache.js';
import { policyFile } from '../policies.js';
import { presentClassification } from '../present.js';
import {
  allServers,
  catalogueFigures,
  emptyRiskCounts,
  isRiskLevel,
  recentChanges,
  relatedTools,
  searchCatalogue,
  serverView,
  similarTools,
  sitemapEntries,
  toolSummary,
} from '../queries/pages.js';
import { ServerParams, ToolParams } from '../schemas/catalogue.js';
import { assetVersion } from './assets.js';

/** The formats the pages show today: the other policy formats are served by the API's `?format=`. */
type PageFormat = PolicyView['format'];

const Profile = Type.Union(POLICY_PROFILES.map((profile) => Type.Literal(profile)));
const PolicyQuery = Type.Object({
  profile: Type.Optional(Profile),
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('yaml')])),
});
const SearchQuerySchema = Type.Object({
  q: Type.String({ maxLength: 200, default: '' }),
  risk: Type.Union([Type.Literal(''), ...RISK_LEVELS.map((level) => Type.Literal(level))], { default: '' }),
  category: Type.Union(
    [Type.Literal(''), Type.Literal('Read'), Type.Literal('Write'), Type.Literal('Execute')],
    { default: '' },
  ),
});
const ClassifyBody = Type.Object({
  document: Type.String({ maxLength: 1_000_000 }),
  profile: Type.Optional(Profile),
});

const enc = encodeURIComponent;

/** The recommended policy of the given tools, rendered for a page by the same code (and cache) as the API's download. */
function policyView(
  rows: ClassifiedToolRow[],
  options: {
    profile: PolicyProfile;
    format: PageFormat;
    serverName: string;
    subject: string;
    apiPath: string;
    pagePath: string;
  },
): PolicyView | null {
  if (rows.length === 0) return null;
  const file = policyFile(options.serverName, rows, { ...options, pin: false }, options.subject);
  return {
    profile: options.profile,
    format: options.format,
    text: file.body,
    apiPath: `${options.apiPath}?format=${options.format}&profile=${options.profile}`,
    pagePath: options.pagePath,
  };
}

/**
 * Related and similar tools of a page change only when a crawl changes the catalogue, yet cost two of the page's
 * five queries: they are kept as long as the page itself may be cached (CATALOGUE_MAX_AGE_SECONDS, 60 s).
 */
const NEIGHBOURS_TTL_MS = 60_000;

/** A bounded map whose entries expire: the oldest entry goes when it is full. */
class TtlCache<T> {
  private readonly entries = new Map<string, { at: number; value: Promise<T> }>();
  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
  ) {}

  /** The cached value of `key`, or the loaded one (a failed load is not kept). */
  get(key: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    const value = load();
    this.entries.set(key, { at: now, value });
    value.catch(() => this.entries.delete(key));
    return value;
  }
}

/** Classifies a pasted tools/list document (nothing is stored) and recommends its server policy. */
function classifyDocument(input: string, profile: PolicyProfile): ClassifyData {
  const empty = { input, profile, tools: [], policyJson: null, policyYaml: null };
  const parsed = parseJsonText(input);
  if (!parsed.ok) return { ...empty, issues: [{ severity: 'error', path: '$', message: parsed.message }] };
  const document = readToolsDocument(parsed.value, { maxTools: 500 });
  const issues = allIssues(document);
  if (document.issues.some((issue) => issue.severity === 'error')) return { ...empty, issues };
  const definitions = document.entries.flatMap((entry) =>
    entry.tool && !entry.issues.some((issue) => issue.severity === 'error') ? [entry.tool] : [],
  );
  const context = serverContextOf(document.server, definitions);
  const classified = definitions.map((tool) => ({ tool, classification: classifyTool(tool, context) }));
  if (classified.length === 0) return { ...empty, issues };
  const policy = recommendPolicy(
    classified.map(({ tool, classification }) => ({
      name: tool.name,
      classification,
      inputSchema: tool.inputSchema,
    })),
    { profile, ...(context.name ? { serverName: context.name } : {}) },
  );
  return {
    input,
    profile,
    issues,
    tools: classified.map(({ tool, classification }) => ({
      name: tool.name,
      description: tool.description ?? null,
      classification,
    })),
    policyJson: renderPolicy(policy, 'json'),
    policyYaml: renderPolicy(policy, 'yaml'),
  };
}

function htmlEntry(page: { value: string }): CachedBody {
  const body = bodyBytes(page.value);
  return { body, etag: etagOf(body), headers: { 'content-type': 'text/html; charset=utf-8' } };
}

function sendHtml(reply: FastifyReply, page: { value: string }, status = 200) {
  return reply.code(status).type('text/html; charset=utf-8').send(page.value);
}

/** The HTML pages, sitemap.xml and robots.txt. */
export const pageRoutes: FastifyPluginAsyncTypebox<AppDeps & { readCache: ReadCache }> = async (
  app,
  { db, config, readCache },
) => {
  const neighbours = new TtlCache<{ related: ToolSummaryView[]; similar: ToolSummaryView[] }>(
    NEIGHBOURS_TTL_MS,
    5_000,
  );
  const site: SiteView = { publicUrl: config.publicUrl, assetVersion: await assetVersion() };
  app.addHook('onSend', async (_request, reply, payload) => {
    if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) {
      reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
      reply.header('x-content-type-options', 'nosniff');
      reply.header('referrer-policy', 'strict-origin-when-cross-origin');
    }
    return payload;
  });
  // The classify form posts urlencoded; this parser is scoped to the page plugin.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 1_100_000 },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(typeof body === 'string' ? body : body.toString())));
    },
  );

  app.get('/', async (_request, reply) => {
    const [figures, recent, servers] = await Promise.all([
      catalogueFigures(db),
      recentChanges(db, { limit: 10 }),
      allServers(db),
    ]);
    return sendHtml(reply, renderHomePage(site, { ...figures, recent, servers }));
  });

  app.get('/search', { schema: { querystring: SearchQuerySchema } }, async (request, reply) => {
    const data = await searchCatalogue(db, request.query);
    return sendHtml(reply, renderSearchPage(site, data));
  });

  app.get(
    '/servers/:id',
    { schema: { params: ServerParams, querystring: PolicyQuery } },
    async (request, reply) => {
      const { profile = 'balanced', format = 'json' } = request.query;
      // Rendered pages share the JSON API's read cache and its staleness bound (READ_CACHE_TTL_MS).
      const cached = await readCache.get(
        `page\u0000${request.params.id}\u0000${profile}\u0000${format}`,
        async () => {
          const page = await renderServerPageOf(request.params.id, profile, format);
          return page === undefined ? undefined : htmlEntry(page);
        },
      );
      if (!cached) return sendHtml(reply, renderNotFoundPage(site, 'No server has this id.'), 404);
      return sendCached(reply, cached);
    },
  );

  async function renderServerPageOf(id: string, profile: PolicyProfile, format: PageFormat) {
    const server = await getServer(db, id);
    if (!server) return undefined;
    const [rows, history] = await Promise.all([
      listServerTools(db, server.id),
      recentChanges(db, { limit: 15, serverId: server.id }),
    ]);
    const distribution = emptyRiskCounts();
    for (const row of rows)
      if (isRiskLevel(row.classification?.risk)) distribution[row.classification.risk]++;
    const path = `/servers/${enc(server.id)}`;
    const policy = policyView(rows, {
      profile,
      format,
      serverName: server.registryName ?? server.id,
      subject: server.id,
      apiPath: `/v1${path}/policy`,
      pagePath: path,
    });
    const page = renderServerPage(site, {
      server: serverView(server),
      tools: rows.map((row) => toolSummary(row, server.title)),
      distribution,
      canModify: rows.filter((row) => row.classification && row.classification.category !== 'Read').length,
      canDestroy: rows.filter((row) => row.classification?.factors.includes('destructive')).length,
      policy,
      history,
    });
    return page;
  }

  app.get(
    '/servers/:id/tools/:name',
    { schema: { params: ToolParams, querystring: PolicyQuery } },
    async (request, reply) => {
      const { id, name } = request.params;
      const { profile = 'balanced', format = 'json' } = request.query;
      const key = `page\u0000${id}\u0000${name}\u0000${profile}\u0000${format}`;
      const cached = await readCache.get(key, async () => {
        const page = await renderToolPageOf(id, name, profile, format);
        return page === undefined ? undefined : htmlEntry(page);
      });
      if (!cached) return sendHtml(reply, renderNotFoundPage(site, 'No tool has this name.'), 404);
      return sendCached(reply, cached);
    },
  );

  async function renderToolPageOf(id: string, name: string, profile: PolicyProfile, format: PageFormat) {
    const server = await getServer(db, id);
    const row = server ? await getTool(db, server.id, name) : undefined;
    if (!server || !row) return undefined;
    const [history, { related, similar }] = await Promise.all([
      getToolHistory(db, row.tool.id),
      neighbours.get(`${row.tool.id}\u0000${row.tool.definitionHash}`, async () => ({
        related: await relatedTools(db, row.tool, 8),
        similar: row.classification ? await similarTools(db, row.tool, row.classification, 6) : [],
      })),
    ]);
    const path = `/servers/${enc(server.id)}/tools/${enc(row.tool.name)}`;
    const policy = policyView([row], {
      profile,
      format,
      serverName: server.id,
      subject: `${server.id}.${row.tool.name}`,
      apiPath: `/v1${path}/policy`,
      pagePath: path,
    });
    const tool = {
      ...row.tool,
      changedAt: row.tool.changedAt.toISOString(),
      removedAt: row.tool.removedAt?.toISOString() ?? null,
      classification: row.classification ? presentClassification(row.classification) : null,
    };
    const versions = history.map((version) => ({ ...version, seenAt: version.seenAt.toISOString() }));
    const page = renderToolPage(site, {
      server: serverView(server),
      tool,
      policy,
      related,
      similar,
      history: versions,
    });
    return page;
  }

  app.get('/classify', async (_request, reply) => sendHtml(reply, renderClassifyPage(site, null)));

  app.post('/classify', { schema: { body: ClassifyBody } }, async (request, reply) => {
    const data = classifyDocument(request.body.document, request.body.profile ?? 'balanced');
    reply.header('cache-control', 'no-store');
    const isRejected = data.tools.length === 0 && data.issues.some((issue) => issue.severity === 'error');
    return sendHtml(reply, renderClassifyPage(site, data), isRejected ? 422 : 200);
  });

  app.get('/sitemap.xml', async (_request, reply) => {
    const entries = await sitemapEntries(db);
    return reply.type('application/xml; charset=utf-8').send(renderSitemap(site, entries));
  });

  app.get('/robots.txt', async (_request, reply) =>
    reply.type('text/plain; charset=utf-8').send(renderRobots(site)),
  );
};
