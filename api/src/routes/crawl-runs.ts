// Crawl runs and their failures as JSON: what crawls and workers did, newest first, cursor-paged.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type CrawlRunSummary, getCrawlRun, listCrawlErrors, listCrawlRuns } from '@toolrisk/db';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { AppDeps } from '../app.js';
import { ApiError } from '../errors.js';
import type { CursorSigner } from '../http/cursor.js';
import { type ReadCache, sendCachedJson } from '../http/read-cache.js';
import { PageMetadataSchema } from '../schemas/catalogue.js';
import { problems } from '../schemas/problem.js';

const PageQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 30 }),
  cursor: Type.Optional(Type.String({ maxLength: 1000 })),
});

const RunParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });

const CountsSchema = Type.Object({
  serversSeen: Type.Integer(),
  serversNew: Type.Integer(),
  serversChanged: Type.Integer(),
  toolsNew: Type.Integer(),
  toolsChanged: Type.Integer(),
  toolsRemoved: Type.Integer(),
  errors: Type.Integer(),
});

const JobsSchema = Type.Object({
  queued: Type.Integer(),
  running: Type.Integer(),
  done: Type.Integer(),
  failed: Type.Integer(),
  failedByCode: Type.Record(Type.String(), Type.Integer()),
});

const RunSchema = Type.Object({
  id: Type.Integer(),
  kind: Type.String({ description: 'seed, import, registry, list, explicit, submission or classify' }),
  target: Type.Union([Type.String(), Type.Null()]),
  status: Type.String({ description: 'running, finished, failed or aborted (its process died)' }),
  counts: CountsSchema,
  startedAt: Type.String({ format: 'date-time' }),
  finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

const CrawlErrorSchema = Type.Object({
  id: Type.Integer(),
  runId: Type.Integer(),
  target: Type.String(),
  stage: Type.String(),
  code: Type.String({
    description: "one of the crawler's documented codes (ADDRESS_NOT_ALLOWED, TIMEOUT, ...)",
  }),
  message: Type.String(),
  at: Type.String({ format: 'date-time' }),
});

function presentRun(summary: CrawlRunSummary) {
  const { jobs: _jobs, ...run } = summary as CrawlRunSummary & { jobs?: unknown };
  return {
    ...run,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}

/**
 * GET /v1/crawl-runs, /v1/crawl-runs/{id} and /v1/crawl-runs/{id}/errors. Each answer is cached until the next write
 * to crawl runs, failures or jobs when the app hears every one (`crawlCache`), else read afresh; clients are told
 * no-store either way, since a running crawl's report changes as it goes.
 */
export const crawlRunRoutes: FastifyPluginAsyncTypebox<
  AppDeps & { cursors: CursorSigner; crawlCache: ReadCache | undefined }
> = async (app, { db, cursors, crawlCache }) => {
  /** The answer `load` gives, from the cache when there is one; undefined (nothing sent) when it finds nothing. */
  async function answer<T>(
    reply: FastifyReply,
    key: string,
    load: () => Promise<T | undefined>,
  ): Promise<T | FastifyReply | undefined> {
    reply.header('cache-control', 'no-store');
    return crawlCache ? sendCachedJson(crawlCache, reply, key, load) : load();
  }

  app.get(
    '/v1/crawl-runs',
    {
      schema: {
        summary: 'Crawl, import and queued runs, newest first, cursor-paged',
        tags: ['crawls'],
        querystring: PageQuery,
        response: {
          200: Type.Object(
            { runs: Type.Array(RunSchema), metadata: PageMetadataSchema },
            { description: 'A page of runs, newest first' },
          ),
          ...problems(400, 429),
        },
      },
    },
    async (request, reply) => {
      const { limit } = request.query;
      const cursor = cursors.open(request.query.cursor);
      return answer(reply, `crawl-runs\u0000${limit}\u0000${cursor ?? ''}`, async () => {
        const page = await listCrawlRuns(db, { limit, cursor });
        const nextCursor = cursors.sign(page.nextCursor);
        return {
          runs: page.runs.map(presentRun),
          metadata: { count: page.runs.length, ...(nextCursor ? { nextCursor } : {}) },
        };
      });
    },
  );

  app.get(
    '/v1/crawl-runs/:id',
    {
      schema: {
        summary: "One run, with its queued jobs' progress (queued, running, done, failed by code)",
        tags: ['crawls'],
        params: RunParams,
        response: {
          200: Type.Object(
            { ...RunSchema.properties, jobs: JobsSchema },
            { description: "The run with its queued jobs' progress" },
          ),
          ...problems(400, 404, 429),
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const sent = await answer(reply, `crawl-run\u0000${id}`, async () => {
        const run = await getCrawlRun(db, id);
        return run ? { ...presentRun(run), jobs: run.jobs } : undefined;
      });
      if (sent === undefined) throw new ApiError('RUN_NOT_FOUND', `no crawl run with id ${id}`);
      return sent;
    },
  );

  app.get(
    '/v1/crawl-runs/:id/errors',
    {
      schema: {
        summary: "A run's failures in the order they happened, cursor-paged",
        tags: ['crawls'],
        params: RunParams,
        querystring: PageQuery,
        response: {
          200: Type.Object(
            { errors: Type.Array(CrawlErrorSchema), metadata: PageMetadataSchema },
            { description: "A page of the run's failures, in the order they happened" },
          ),
          ...problems(400, 404, 429),
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { limit } = request.query;
      const cursor = cursors.open(request.query.cursor);
      const key = `crawl-run-errors\u0000${id}\u0000${limit}\u0000${cursor ?? ''}`;
      const sent = await answer(reply, key, async () => {
        const run = await getCrawlRun(db, id);
        if (!run) return undefined;
        const page = await listCrawlErrors(db, run.id, { limit, cursor });
        const nextCursor = cursors.sign(page.nextCursor);
        return {
          errors: page.errors.map((error) => ({ ...error, at: error.at.toISOString() })),
          metadata: { count: page.errors.length, ...(nextCursor ? { nextCursor } : {}) },
        };
      });
      if (sent === undefined) throw new ApiError('RUN_NOT_FOUND', `no crawl run with id ${id}`);
      return sent;
    },
  );
};
