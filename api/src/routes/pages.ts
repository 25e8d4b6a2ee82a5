// Server-rendered pages: the API gathers their data, @toolrisk/web renders it.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  allIssues,
  classifyTool,
  hashDefinition,
  POLICY_FORMATS,
  POLICY_PROFILES,
  type PolicyProfile,
  parseJsonText,
  presentClassification as presentClassificationJson,
  RISK_FACTORS,
  RISK_LEVELS,
  readToolsDocument,
  recommendPolicy,
  renderPolicy,
  serverContextOf,
} from '@toolrisk/classifier';
import {
  type ClassifiedToolRow,
  catalogueSize,
  countListedServers,
  countOfShapes,
  countServersWithTools,
  countTools,
  getServer,
  getServerProvenance,
  getTool,
  getToolHistory,
  listServers,
  listServerTools,
  recentChanges,
  recentlyChangedServers,
  relatedTools,
  searchTools,
  serverToolCounts,
  serverToolsPage,
  similarTools,
  sitemapChunkStarts,
  sitemapCounts,
  sitemapServers,
  sitemapTools,
  type VerdictShapeCount,
  verdictShapeCounts,
} from '@toolrisk/db';
import {
  type ClassifyData,
  type PolicyView,
  renderClassifyPage,
  renderHomePage,
  renderNotFoundPage,
  renderRobots,
  renderSearchPage,
  renderServerListPage,
  renderServerPage,
  renderSitemap,
  renderSitemapIndex,
  renderToolPage,
  type ServerListQuery,
  SITEMAP_MAX_URLS,
  type SiteView,
  type ToolSummaryView,
} from '@toolrisk/web';
import type { FastifyReply } from 'fastify';
import { type Static, Type } from 'typebox';
import type { AppDeps } from '../app.js';
import type { CursorSigner } from '../http/cursor.js';
import { installFormParser, installPageHeaders } from '../http/page-headers.js';
import { bodyBytes, type CachedBody, etagOf, type ReadCache, sendCached } from '../http/read-cache.js';
import { TtlCache } from '../http/ttl-cache.js';
import {
  changeView,
  foundToolSummary,
  riskCountsOf,
  serverAbout,
  serverView,
  toolSummaryView,
} from '../page-views.js';
import { policyFile } from '../policies.js';
import { presentClassification } from '../present.js';
import { ServerParams, ToolParams } from '../schemas/catalogue.js';
import { toolPlainView } from '../tool-plain.js';
import { assetVersion } from './assets.js';

/** The formats a page shows the policy in: every format the API serves. */
type PageFormat = PolicyView['format'];
const PageFormatSchema = Type.Union(POLICY_FORMATS.map((format) => Type.Literal(format)));

const Profile = Type.Union(POLICY_PROFILES.map((profile) => Type.Literal(profile)));
const PolicyQuery = Type.Object({
  profile: Type.Optional(Profile),
  format: Type.Optional(PageFormatSchema),
});
const SearchQuerySchema = Type.Object({
  q: Type.String({ maxLength: 200, default: '' }),
  risk: Type.Union([Type.Literal(''), ...RISK_LEVELS.map((level) => Type.Literal(level))], { default: '' }),
  category: Type.Union(
    [Type.Literal(''), Type.Literal('Read'), Type.Literal('Write'), Type.Literal('Execute')],
    { default: '' },
  ),
  factor: Type.Union([Type.Literal(''), ...RISK_FACTORS.map((factor) => Type.Literal(factor))], {
    default: '',
  }),
  cursor: Type.Optional(Type.String({ maxLength: 1000 })),
});
const ServerListQuerySchema = Type.Object({
  q: Type.String({ maxLength: 200, default: '' }),
  risk: Type.Union([Type.Literal(''), ...RISK_LEVELS.map((level) => Type.Literal(level))], { default: '' }),
  sort: Type.Union([Type.Literal(''), Type.Literal('risk'), Type.Literal('changed'), Type.Literal('name')], {
    default: '',
  }),
  cursor: Type.Optional(Type.String({ maxLength: 1000 })),
});
const ServerPageQuery = Type.Object({
  profile: Type.Optional(Profile),
  format: Type.Optional(PageFormatSchema),
  cursor: Type.Optional(Type.String({ maxLength: 1000 })),
});

/** Page sizes: a search page, a servers page, a server's tools page, and the home page's sections. */
const SEARCH_PAGE_SIZE = 50;
const SERVER_LIST_PAGE_SIZE = 50;
const SERVER_TOOLS_PAGE_SIZE = 100;
const HOME_SECTION_SIZE = 12;
const SEARCH_SERVERS_SHOWN = 5;

/**
 * True totals are counts over the whole match, which cost more than the page itself on a big catalogue: each is kept
 * as long as a catalogue page may be cached (60 s), as the neighbours are. The totals without words (the home page's
 * figures, browsing by risk, category or factor) are sums over one tally of verdict shapes, read once per 60 s
 * (a second at a million tools) rather than one full count per filter and per home page refresh.
 */
const TOTALS_TTL_MS = 60_000;
/** A total is served up to twice its TTL while it is counted again behind it (no request waits for a recount). */
const TOTALS_STALE_MS = 2 * TOTALS_TTL_MS;

/** The similar tools a tool page shows. */
const SIMILAR_SHOWN = 6;
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
    fileName: file.filename,
    apiPath: `${options.apiPath}?format=${options.format}&profile=${options.profile}`,
    downloadPath: options.apiPath,
    pagePath: options.pagePath,
  };
}

/**
 * Related and similar tools of a page change only when a crawl changes the catalogue, yet cost two of the page's
 * five queries: they are kept as long as the page itself may be cached (CATALOGUE_MAX_AGE_SECONDS, 60 s).
 */
const NEIGHBOURS_TTL_MS = 60_000;

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
    // The classifier's one JSON shape, as the tool pages get it: OWASP ids per factor, effective annotations.
    tools: classified.map(({ tool, classification }) => ({
      name: tool.name,
      description: tool.description ?? null,
      classification: presentClassificationJson(classification, {
        definitionHash: hashDefinition(tool),
        annotations: tool.annotations,
      }),
    })),
    policyJson: renderPolicy(policy, 'json'),
    policyYaml: renderPolicy(policy, 'yaml'),
  };
}

/** The site's own pages in the sitemap: /, /search, /classify and /stacks. */
const SITE_PAGES = 4;

function sitemapData(
  servers: { id: string; lastSeenAt: Date }[],
  tools: { serverId: string; name: string; changedAt: Date }[],
  hasSitePages: boolean,
) {
  return {
    hasSitePages,
    servers: servers.map((row) => ({ id: row.id, lastSeenAt: row.lastSeenAt.toISOString() })),
    tools: tools.map((row) => ({ ...row, changedAt: row.changedAt.toISOString() })),
  };
}

/** The parameters that hold a value, so page links carry no empty `risk=`. */
function nonEmpty(params: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).filter(([, value]) => value !== ''));
}

function htmlEntry(page: { value: string }): CachedBody {
  const body = bodyBytes(page.value);
  return { body, etag: etagOf(body), headers: { 'content-type': 'text/html; charset=utf-8' } };
}

function sendHtml(reply: FastifyReply, page: { value: string }, status = 200) {
  return reply.code(status).type('text/html; charset=utf-8').send(page.value);
}

/** The HTML pages, sitemap.xml and robots.txt. */
export const pageRoutes: FastifyPluginAsyncTypebox<
  AppDeps & { readCache: ReadCache; cursors: CursorSigner }
> = async (app, { db, config, readCache, cursors }) => {
  const totals = new TtlCache<number>({ ttlMs: TOTALS_TTL_MS, staleMs: TOTALS_STALE_MS, maxEntries: 10_000 });
  const shapeTally = new TtlCache<VerdictShapeCount[]>({
    ttlMs: TOTALS_TTL_MS,
    staleMs: TOTALS_STALE_MS,
    maxEntries: 1,
  });
  const sizeTally = new TtlCache<{ servers: number; tools: number }>({
    ttlMs: TOTALS_TTL_MS,
    staleMs: TOTALS_STALE_MS,
    maxEntries: 1,
  });
  const shapes = () => shapeTally.get('shapes', () => verdictShapeCounts(db));
  /** The true total of a tool search: a sum over the shape tally when it has no words. */
  const toolTotalOf = async (filters: { q: string; risk?: string; category?: string; factor?: string }) =>
    filters.q.trim() === ''
      ? countOfShapes(await shapes(), filters)
      : totals.get(`tools\u0000${JSON.stringify(filters)}`, () => countTools(db, filters));
  /** The href of the same list's page at the signed cursor, or null when there is none. */
  const pageHref = (path: string, params: Record<string, string>, cursor: string | undefined) => {
    const signed = cursors.sign(cursor);
    if (signed === undefined) return null;
    return `${path}?${new URLSearchParams({ ...nonEmpty(params), cursor: signed })}`;
  };
  const firstHref = (path: string, params: Record<string, string>, cursor: string | undefined) => {
    if (cursor === undefined || cursor === '') return null;
    const query = new URLSearchParams(nonEmpty(params)).toString();
    return query === '' ? path : `${path}?${query}`;
  };
  const related = new TtlCache<ToolSummaryView[]>({ ttlMs: NEIGHBOURS_TTL_MS, maxEntries: 5_000 });
  // Keyed by verdict shape, not tool: every tool of one shape has the same candidates (a few hundred shapes).
  const similar = new TtlCache<ToolSummaryView[]>({
    ttlMs: NEIGHBOURS_TTL_MS,
    staleMs: NEIGHBOURS_TTL_MS * 2,
    maxEntries: 1_000,
  });
  const site: SiteView = { publicUrl: config.publicUrl, assetVersion: await assetVersion() };
  installPageHeaders(app);
  // The classify form posts urlencoded; this parser is scoped to the page plugin.
  installFormParser(app, 1_100_000);

  app.get('/', async (_request, reply) => {
    const cached = await readCache.get('page\u0000home', async () => htmlEntry(await renderHome()));
    if (!cached) throw new Error('the home page rendered nothing');
    return sendCached(reply, cached);
  });

  async function renderHome() {
    const [size, tally, recent, riskiest, changed, withTools] = await Promise.all([
      sizeTally.get('size', () => catalogueSize(db)),
      shapes(),
      recentChanges(db, { limit: 10 }),
      listServers(db, { limit: HOME_SECTION_SIZE, sort: 'risk' }),
      recentlyChangedServers(db, { limit: HOME_SECTION_SIZE }),
      totals.get('servers-with-tools', () => countServersWithTools(db)),
    ]);
    const byRisk: Record<string, number> = {};
    for (const shape of tally) byRisk[shape.risk] = (byRisk[shape.risk] ?? 0) + shape.n;
    return renderHomePage(site, {
      serverCount: size.servers,
      toolCount: size.tools,
      distribution: riskCountsOf(byRisk),
      recent: recent.map(changeView),
      riskiest: {
        servers: riskiest.servers.map(serverView),
        total: size.servers,
        moreHref: '/servers?sort=risk',
      },
      changed: {
        servers: changed.servers.map((row) => serverView(row.server)),
        total: withTools,
        moreHref: '/servers?sort=changed',
      },
    });
  }

  app.get('/search', { schema: { querystring: SearchQuerySchema } }, async (request, reply) => {
    const { cursor, ...query } = request.query;
    const filters = {
      q: query.q,
      risk: query.risk || undefined,
      category: query.category || undefined,
      factor: query.factor || undefined,
    };
    const opened = cursors.open(cursor);
    // Search pages share the read cache (by URL, as GET /v1/tools does): a ranked search over a million tools is
    // the dearest read a page makes, and readers repeat the same searches.
    const cached = await readCache.get(`page\u0000${request.url}`, async () =>
      htmlEntry(await renderSearch(query, filters, cursor, opened)),
    );
    if (!cached) throw new Error('the search page rendered nothing');
    return sendCached(reply, cached);
  });

  async function renderSearch(
    query: Omit<Static<typeof SearchQuerySchema>, 'cursor'>,
    filters: { q: string; risk?: string; category?: string; factor?: string },
    cursor: string | undefined,
    opened: string | undefined,
  ) {
    const hasWords = query.q.trim() !== '';
    const serverFilters = { q: query.q, risk: filters.risk, category: filters.category };
    const [page, toolTotal, found, serverTotal] = await Promise.all([
      searchTools(db, { ...filters, limit: SEARCH_PAGE_SIZE, cursor: opened }),
      toolTotalOf(filters),
      hasWords && !filters.factor
        ? listServers(db, { ...serverFilters, limit: SEARCH_SERVERS_SHOWN })
        : Promise.resolve({ servers: [], nextCursor: undefined }),
      hasWords && !filters.factor
        ? totals.get(`servers\u0000${JSON.stringify(serverFilters)}`, () =>
            countListedServers(db, serverFilters),
          )
        : Promise.resolve(0),
    ]);
    const params = { q: query.q, risk: query.risk, category: query.category, factor: query.factor };
    const serverParams = new URLSearchParams(nonEmpty({ q: query.q, risk: query.risk }));
    return renderSearchPage(site, {
      query,
      servers: {
        servers: found.servers.map(serverView),
        total: serverTotal,
        moreHref: `/servers?${serverParams}`,
      },
      tools: page.tools.map(foundToolSummary),
      paging: {
        total: toolTotal,
        nextHref: pageHref('/search', params, page.nextCursor),
        firstHref: firstHref('/search', params, cursor),
      },
    });
  }

  app.get('/servers', { schema: { querystring: ServerListQuerySchema } }, async (request, reply) => {
    const { cursor, ...query } = request.query;
    const opened = cursors.open(cursor);
    const params: Record<string, string> = { q: query.q, risk: query.risk, sort: query.sort };
    const listing = { q: query.q || undefined, risk: query.risk || undefined };
    const sort: ServerListQuery['sort'] = query.q !== '' ? query.sort : query.sort || 'risk';
    const page =
      sort === 'changed' && !listing.q && !listing.risk
        ? await recentlyChangedServers(db, { limit: SERVER_LIST_PAGE_SIZE, cursor: opened }).then((p) => ({
            servers: p.servers.map((row) => row.server),
            nextCursor: p.nextCursor,
          }))
        : await listServers(db, {
            ...listing,
            limit: SERVER_LIST_PAGE_SIZE,
            cursor: opened,
            sort:
              sort === 'risk' ? 'risk' : sort === 'name' ? 'name' : sort === 'changed' ? 'recent' : undefined,
          });
    const total = await totals.get(`servers\u0000${sort}\u0000${JSON.stringify(listing)}`, () =>
      sort === 'changed' && !listing.q && !listing.risk
        ? countServersWithTools(db)
        : countListedServers(db, listing),
    );
    return sendHtml(
      reply,
      renderServerListPage(site, {
        query,
        servers: page.servers.map(serverView),
        paging: {
          total,
          nextHref: pageHref('/servers', params, page.nextCursor),
          firstHref: firstHref('/servers', params, cursor),
        },
      }),
    );
  });

  app.get(
    '/servers/:id',
    { schema: { params: ServerParams, querystring: ServerPageQuery } },
    async (request, reply) => {
      const { profile = 'balanced', format = 'json', cursor } = request.query;
      const opened = cursors.open(cursor);
      // Rendered pages share the JSON API's read cache and its staleness bound (READ_CACHE_TTL_MS).
      const cached = await readCache.get(
        `page\u0000${request.params.id}\u0000${profile}\u0000${format}\u0000${cursor ?? ''}`,
        async () => {
          const page = await renderServerPageOf(request.params.id, profile, format, { cursor, opened });
          return page === undefined ? undefined : htmlEntry(page);
        },
      );
      if (!cached) return sendHtml(reply, renderNotFoundPage(site, 'No server has this id.'), 404);
      return sendCached(reply, cached);
    },
  );

  async function renderServerPageOf(
    id: string,
    profile: PolicyProfile,
    format: PageFormat,
    paging: { cursor: string | undefined; opened: string | undefined },
  ) {
    const server = await getServer(db, id);
    if (!server) return undefined;
    const [page, counts, history, rows, provenance] = await Promise.all([
      serverToolsPage(db, server.id, { limit: SERVER_TOOLS_PAGE_SIZE, cursor: paging.opened }),
      serverToolCounts(db, server.id),
      recentChanges(db, { limit: 15, serverId: server.id }),
      // The policy covers every tool of the server, whichever page of them is shown.
      server.toolCount > 0 ? listServerTools(db, server.id) : Promise.resolve([]),
      getServerProvenance(db, server.id),
    ]);
    const path = `/servers/${enc(server.id)}`;
    const policy = policyView(rows, {
      profile,
      format,
      serverName: server.registryName ?? server.id,
      subject: server.id,
      apiPath: `/v1${path}/policy`,
      pagePath: path,
    });
    const params: Record<string, string> =
      profile === 'balanced' && format === 'json' ? {} : { profile, format };
    return renderServerPage(site, {
      server: serverView(server),
      about: serverAbout(server, provenance.sources),
      tools: page.tools.map(toolSummaryView),
      paging: {
        total: Object.values(counts.byCategory).reduce((sum, n) => sum + n, 0),
        nextHref: pageHref(path, params, page.nextCursor),
        firstHref: firstHref(path, params, paging.cursor),
      },
      categoryCounts: counts.byCategory,
      distribution: riskCountsOf(counts.byRisk),
      canModify: counts.canModify,
      canDestroy: counts.canDestroy,
      policy,
      history: history.map(changeView),
    });
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

  /** The ranked tools of every server like a verdict, shared by every tool of its shape. */
  function similarOf(classification: ClassifiedToolRow['classification']): Promise<ToolSummaryView[]> {
    if (!classification) return Promise.resolve([]);
    const { category, risk, factors } = classification;
    const key = `${category}\u0000${risk}\u0000${[...factors].sort().join(',')}`;
    return similar.get(key, async () =>
      (await similarTools(db, { category, risk, factors })).map(toolSummaryView),
    );
  }

  async function renderToolPageOf(id: string, name: string, profile: PolicyProfile, format: PageFormat) {
    const server = await getServer(db, id);
    const row = server ? await getTool(db, server.id, name) : undefined;
    if (!server || !row) return undefined;
    const [history, relatedViews, similarViews, siblings] = await Promise.all([
      getToolHistory(db, row.tool.id),
      related.get(`${row.tool.id}\u0000${row.tool.definitionHash}`, async () =>
        (await relatedTools(db, row.tool, 8)).map(toolSummaryView),
      ),
      similarOf(row.classification),
      // The sentence reads the tool in its server's context, as the classifier did (server-prefixed names).
      listServerTools(db, server.id),
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
      classification: row.classification
        ? presentClassification(row.classification, row.tool.annotations)
        : null,
    };
    const versions = history.map((version) => ({ ...version, seenAt: version.seenAt.toISOString() }));
    const page = renderToolPage(site, {
      server: serverView(server),
      tool,
      policy,
      plain: toolPlainView(server, row, siblings, { profile, serverName: server.id }),
      related: relatedViews,
      similar: similarViews.filter((view) => view.serverId !== server.id).slice(0, SIMILAR_SHOWN),
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
    const xml = 'application/xml; charset=utf-8';
    const counts = await sitemapCounts(db);
    if (counts.servers + counts.tools + SITE_PAGES <= SITEMAP_MAX_URLS) {
      const [servers, tools] = await Promise.all([
        sitemapServers(db, { limit: SITEMAP_MAX_URLS }),
        sitemapTools(db, { limit: SITEMAP_MAX_URLS }),
      ]);
      return reply.type(xml).send(renderSitemap(site, sitemapData(servers, tools, true)));
    }
    // Past one file's 50,000 URLs: an index of files, each one keyset range of servers or tools.
    const starts = await sitemapChunkStarts(db, SITEMAP_MAX_URLS);
    const paths = [
      '/sitemaps/pages.xml',
      ...starts.servers.map((from) => `/sitemaps/servers.xml?from=${enc(from)}`),
      ...starts.tools.map((from) => `/sitemaps/tools.xml?from=${from}`),
    ];
    return reply.type(xml).send(renderSitemapIndex(site, { paths }));
  });

  app.get('/sitemaps/pages.xml', async (_request, reply) =>
    reply
      .type('application/xml; charset=utf-8')
      .send(renderSitemap(site, { hasSitePages: true, servers: [], tools: [] })),
  );

  app.get(
    '/sitemaps/servers.xml',
    { schema: { querystring: Type.Object({ from: Type.String({ minLength: 1, maxLength: 200 }) }) } },
    async (request, reply) => {
      const servers = await sitemapServers(db, { from: request.query.from, limit: SITEMAP_MAX_URLS });
      return reply
        .type('application/xml; charset=utf-8')
        .send(renderSitemap(site, sitemapData(servers, [], false)));
    },
  );

  app.get(
    '/sitemaps/tools.xml',
    { schema: { querystring: Type.Object({ from: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) }) } },
    async (request, reply) => {
      const tools = await sitemapTools(db, { from: request.query.from, limit: SITEMAP_MAX_URLS });
      return reply
        .type('application/xml; charset=utf-8')
        .send(renderSitemap(site, sitemapData([], tools, false)));
    },
  );

  app.get('/robots.txt', async (_request, reply) =>
    reply.type('text/plain; charset=utf-8').send(renderRobots(site)),
  );
};
