// The stack page: GET shows the form, POST checks the configuration the page's script stripped of secrets, and the
// stack policy downloads from the same stripped text. Nothing is stored.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  exportStackPolicy,
  MAX_CONFIG_BYTES,
  MCP_CLIENTS,
  POLICY_FORMAT_FILES,
  POLICY_FORMATS,
  POLICY_PROFILES,
  presentStackCheck,
} from '@toolrisk/classifier';
import { renderStackPage, type SiteView, type StackPageData } from '@toolrisk/web';
import { Type } from 'typebox';
import type { AppDeps } from '../app.js';
import { installFormParser, installPageHeaders } from '../http/page-headers.js';
import { policyNoteHeaders } from '../policies.js';
import { checkSentStack } from '../stacks/check.js';
import { assetVersion } from './assets.js';

const Profile = Type.Union(POLICY_PROFILES.map((profile) => Type.Literal(profile)));
const Client = Type.Union([Type.Literal(''), ...MCP_CLIENTS.map((client) => Type.Literal(client))]);

/**
 * The form: the stripped text (a little over the configuration limit, so an oversized file is answered on the page
 * with CONFIG_TOO_LARGE instead of a bare 400), the file name the script chose, the client and the profile.
 */
const StackForm = Type.Object({
  config: Type.String({ maxLength: MAX_CONFIG_BYTES + 1 }),
  file: Type.String({ maxLength: 500, default: '' }),
  client: Type.Optional(Client),
  profile: Type.Optional(Profile),
});
const PolicyForm = Type.Object({
  ...StackForm.properties,
  format: Type.Optional(Type.Union(POLICY_FORMATS.map((format) => Type.Literal(format)))),
});

/** urlencoded, each byte of the configuration can take three (`%XX`): room for one a third over its limit, answered on the page. */
const FORM_BODY_LIMIT_BYTES = 4 * MAX_CONFIG_BYTES;

/** The file name the check reads the text under: the script's choice, else the chosen client's usual file. */
function fileOf(form: { file: string; client?: string | undefined }): string {
  if (form.file !== '') return form.file;
  return form.client === 'codex' ? 'config.toml' : 'mcp.json';
}

/** GET and POST /stacks, POST /stacks/policy. */
export const stackPageRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, { db, config }) => {
  const site: SiteView = { publicUrl: config.publicUrl, assetVersion: await assetVersion() };
  installPageHeaders(app);
  installFormParser(app, FORM_BODY_LIMIT_BYTES);
  const check = (form: { config: string; file: string; client?: string | undefined }, profile: string) => {
    const client = MCP_CLIENTS.find((known) => known === form.client);
    return checkSentStack(
      db,
      [{ name: fileOf(form), text: form.config, ...(client ? { client } : {}) }],
      profile,
    );
  };

  app.get('/stacks', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(renderStackPage(site, null).value),
  );

  app.post(
    '/stacks',
    { schema: { body: StackForm }, bodyLimit: FORM_BODY_LIMIT_BYTES },
    async (request, reply) => {
      const form = request.body;
      const profile = form.profile ?? 'balanced';
      const base: Omit<StackPageData, 'check' | 'notice'> = {
        config: form.config,
        file: fileOf(form),
        client: form.client ?? '',
        profile,
      };
      reply.header('cache-control', 'no-store');
      if (form.config.trim() === '') {
        const notice =
          'Nothing was checked: no configuration arrived. The page sends only what its script stripped of secrets, so it needs JavaScript; npx toolrisk scan checks the same files offline.';
        return reply
          .code(422)
          .type('text/html; charset=utf-8')
          .send(renderStackPage(site, { ...base, check: null, notice }).value);
      }
      const result = presentStackCheck(await check(form, profile));
      return reply
        .type('text/html; charset=utf-8')
        .send(renderStackPage(site, { ...base, check: result, notice: null }).value);
    },
  );

  app.post(
    '/stacks/policy',
    { schema: { body: PolicyForm }, bodyLimit: FORM_BODY_LIMIT_BYTES },
    async (request, reply) => {
      const form = request.body;
      const profile = form.profile ?? 'balanced';
      const format = form.format ?? 'json';
      const file = POLICY_FORMAT_FILES[format];
      const result = await check(form, profile);
      const exported = exportStackPolicy(result.policies, format);
      return reply
        .headers({
          'cache-control': 'no-store',
          'content-type': `${file.mediaType}; charset=utf-8`,
          'content-disposition': `attachment; filename="stack.${profile}.${file.suffix}"`,
          ...policyNoteHeaders(exported.notes),
        })
        .send(exported.text);
    },
  );
};
