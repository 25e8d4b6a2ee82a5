// Static assets of the pages (CSS, the small script), read once at start and served with year-long cache headers.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ASSET_FILES, ASSETS_DIR } from '@toolrisk/web';
import { Type } from 'typebox';
import type { AppDeps } from '../app.js';
import { ApiError } from '../errors.js';

const TYPES: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
};

interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

let loaded: Promise<Map<string, Asset>> | undefined;

/** Reads every asset once per process (they ship with the code and never change while it runs). */
function loadAssets(): Promise<Map<string, Asset>> {
  loaded ??= Promise.all(
    ASSET_FILES.map(async (name): Promise<[string, Asset]> => {
      const body = await readFile(join(ASSETS_DIR, name));
      const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
      const type = TYPES[name.split('.').pop() ?? ''] ?? 'application/octet-stream';
      return [name, { body, type, etag: `"${hash}"` }];
    }),
  ).then((entries) => new Map(entries));
  return loaded;
}

/** A short hash of all assets: pages append it to asset URLs, so a changed asset gets a new URL. */
export async function assetVersion(): Promise<string> {
  const assets = await loadAssets();
  const hash = createHash('sha256');
  for (const asset of assets.values()) hash.update(asset.etag);
  return hash.digest('hex').slice(0, 10);
}

/** GET /assets/{file}: only the listed files, immutable for a year (URLs carry the version). */
export const assetRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app) => {
  const assets = await loadAssets();
  app.get(
    '/assets/:file',
    { schema: { params: Type.Object({ file: Type.String({ maxLength: 100 }) }) } },
    async (request, reply) => {
      const asset = assets.get(request.params.file);
      if (!asset) throw new ApiError('NOT_FOUND', `no asset "${request.params.file}"`);
      reply.header('cache-control', 'public, max-age=31536000, immutable');
      reply.header('etag', asset.etag);
      reply.header('x-content-type-options', 'nosniff');
      if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send();
      return reply.type(asset.type).send(asset.body);
    },
  );
};
