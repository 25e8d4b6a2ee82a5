// Writes: classifying a submitted server in bulk (stored only with a key), and queueing servers for crawling.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { hasErrors } from '@toolrisk/classifier';
import {
  insertSubmission,
  keySourceRef,
  type StoreRight,
  snapshotOfDocument,
  storeSnapshotAsKey,
} from '@toolrisk/db';
import type { AppDeps } from '../app.js';
import { classifyReport, readSubmittedDocument } from '../classify-report.js';
import { ApiError } from '../errors.js';
import type { ClientIdentity } from '../http/auth.js';
import type { ReadCache } from '../http/read-cache.js';
import { strictBody } from '../http/strict-body.js';
import { limitDocument } from '../input/document-limits.js';
import { problems } from '../schemas/problem.js';
import { ClassifyBody, ClassifyQuery, SubmissionBody } from '../schemas/requests.js';
import { ClassifyReportSchema, SubmissionSchema } from '../schemas/responses.js';

/** POST /v1/classify and POST /v1/servers. */
export const classifyRoutes: FastifyPluginAsyncTypebox<
  AppDeps & { readCache: ReadCache; identity: ClientIdentity }
> = async (app, { db, readCache, identity }) => {
  app.post(
    '/v1/classify',
    {
      schema: {
        summary: 'Classify a server from its tools/list result; stored only with store=true and a key',
        tags: ['classification'],
        querystring: ClassifyQuery,
        body: ClassifyBody,
        response: { 200: ClassifyReportSchema, ...problems(400, 401, 403, 413, 415, 429) },
      },
      preValidation: [limitDocument, strictBody(ClassifyBody)],
    },
    async (request) => {
      const { store, ...options } = request.query;
      const key = store ? await identity.requireKey(request, 'classify:store') : null;
      const document = readSubmittedDocument(request.body);
      const { report, verdicts } = classifyReport(document, options);
      if (!key) return report;
      const server = document.server;
      if (!server || (server.id ?? server.package ?? server.name) === undefined) {
        throw new ApiError('DOCUMENT_INVALID', 'store=true needs server.id, server.package or server.name');
      }
      if (hasErrors(document)) {
        throw new ApiError(
          'DOCUMENT_INVALID',
          'store=true needs every tool to be classifiable; nothing stored',
        );
      }
      const snapshot = snapshotOfDocument(document, keySourceRef(key.id), 'api');
      // Classify once, store once: what this answer reports is what the catalogue keeps. The ownership check and
      // the write are one transaction, so no other writer can take the server between them.
      const result = await storeSnapshotAsKey(db, key.id, snapshot, verdicts);
      if (!result.isStored) {
        throw new ApiError(
          'SERVER_NOT_OWNED',
          `the API key "${key.name}" may not store server "${snapshot.id}": ${refusalOf(result.right.reason)}; nothing stored`,
          { serverId: snapshot.id },
        );
      }
      const { outcome } = result;
      // What this app wrote, its own reads must show at once: the TTL bounds only other processes' writes.
      readCache.invalidate();
      const { serverId, isChangedServer: _changed, ...counts } = outcome;
      return {
        ...report,
        stored: { serverId, ...counts, links: { server: `/v1/servers/${encodeURIComponent(serverId)}` } },
      };
    },
  );

  app.post(
    '/v1/servers',
    {
      schema: {
        summary: 'Submit a server (registry name, URL or package) for crawling',
        tags: ['classification'],
        security: [{ apiKey: [] }],
        body: SubmissionBody,
        response: { 202: SubmissionSchema, ...problems(400, 401, 403, 413, 415, 429) },
      },
      preValidation: strictBody(SubmissionBody),
    },
    async (request, reply) => {
      const key = await identity.requireKey(request, 'servers:submit');
      const { kind, value } = request.body;
      if (kind === 'url' && !/^https?:\/\//.test(value)) {
        throw new ApiError('VALIDATION_FAILED', 'a url submission needs an http(s) URL', {
          errors: [{ path: '/body/value', message: 'must be an http(s) URL' }],
        });
      }
      const row = await insertSubmission(db, { kind, value, apiKeyId: key.id });
      return reply.code(202).send({ ...row, createdAt: row.createdAt.toISOString() });
    },
  );
};

/** Why a key may not store a server, as the 403 says it. */
function refusalOf(reason: (StoreRight & { isAllowed: false })['reason']): string {
  switch (reason) {
    case 'catalogue':
      return 'it is a catalogue server (seeded, crawled from a registry or list, or imported by the operator)';
    case 'granted-to-other':
      return 'the operator granted it to another key';
    case 'other-owner':
      return 'another key stored or submitted it';
  }
}
