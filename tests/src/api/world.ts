// The per-file world of the API suites: a seeded database on one engine, the app, keys, and OpenAPI response checks.
import { createHash, randomBytes } from 'node:crypto';
import { buildApp } from '@toolrisk/api';
import { loadConfig } from '@toolrisk/cli/testing';
import { apiKeys } from '@toolrisk/db/testing';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { seedSmallCatalogue } from '../harness/catalogue.js';
import { openTestDb, type TestDb } from '../harness/db.js';

/** A seeded catalogue served by a fresh app. */
export interface ApiWorld {
  db: TestDb;
  app: Awaited<ReturnType<typeof buildApp>>;
  /** Creates an API key with these scopes; returns the secret. */
  createKey: (scopes?: string[]) => Promise<string>;
  /** Asserts a response matches the schema /openapi.json declares for its route, status and content type. */
  checkAgainstOpenApi: (method: string, route: string, response: InjectedResponse) => Promise<void>;
  close: () => Promise<void>;
}

/** The parts of an injected response the OpenAPI check reads. */
export interface InjectedResponse {
  statusCode: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
}

/** Opens a seeded database on the engine and builds the app with the given environment. */
export async function openApiWorld(
  engine: 'pglite' | 'postgres',
  env: Record<string, string> = {},
): Promise<ApiWorld> {
  const db = await openTestDb(engine);
  await seedSmallCatalogue(db.db);
  const app = await buildApp({ config: loadConfig(env), db: db.db, ping: db.ping });
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addFormat('date-time', (text: string) => !Number.isNaN(Date.parse(text)));
  const compiled = new Map<string, ValidateFunction>();
  let openapi: OpenApi | undefined;
  return {
    db,
    app,
    createKey: async (scopes = ['classify:store', 'servers:submit']) => {
      const key = `trk_${randomBytes(24).toString('base64url')}`;
      await db.db.insert(apiKeys).values({
        name: `test-${randomBytes(3).toString('hex')}`,
        prefix: key.slice(0, 12),
        keyHash: createHash('sha256').update(key).digest('hex'),
        scopes,
      });
      return key;
    },
    checkAgainstOpenApi: async (method, route, response) => {
      openapi ??= (await app.inject('/openapi.json')).json<OpenApi>();
      const type = String(response.headers['content-type'] ?? '').split(';')[0] ?? '';
      const cacheKey = `${method} ${route} ${response.statusCode} ${type}`;
      let validate = compiled.get(cacheKey);
      if (!validate) {
        const declared = openapi.paths[route]?.[method.toLowerCase()]?.responses[String(response.statusCode)];
        const schema = declared?.content?.[type]?.schema;
        if (!schema) throw new Error(`/openapi.json declares no ${type} body for ${cacheKey}`);
        // The schema's `$ref`s point into the document's components: compiled with them beside it.
        validate = ajv.compile({ ...schema, components: openapi.components });
        compiled.set(cacheKey, validate);
      }
      const body: unknown = type.endsWith('json') ? JSON.parse(response.body) : response.body;
      if (!validate(body)) {
        throw new Error(`${cacheKey} does not match its schema: ${ajv.errorsText(validate.errors)}`);
      }
    },
    close: async () => {
      await app.close();
      await db.dispose();
    },
  };
}

interface OpenApi {
  components?: { schemas?: Record<string, object> };
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema?: object }> }> }>
  >;
}

/** A small valid tools/list document with a server block. */
export function sampleDocument(serverName = `io.example/${randomBytes(3).toString('hex')}`) {
  return {
    server: { name: serverName, description: 'A test server' },
    tools: [
      {
        name: 'read_file',
        description: 'Read a file from disk',
        inputSchema: { type: 'object', properties: { path: { type: 'string' } } },
      },
      {
        name: 'delete_repo',
        description: 'Delete a GitHub repository permanently',
        inputSchema: { type: 'object' },
      },
      {
        name: 'run_command',
        description: 'Run a shell command on the host',
        inputSchema: { type: 'object', properties: { command: { type: 'string' } } },
      },
    ],
  };
}
