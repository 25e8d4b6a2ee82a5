// Checking a stack: client configuration files in, the servers, tools, toxic flows and the stack policy out; nothing stored.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { exportStackPolicy, POLICY_FORMAT_FILES, parseFormat, presentStackCheck } from '@toolrisk/classifier';
import { Type } from 'typebox';
import type { AppDeps } from '../app.js';
import { strictBody } from '../http/strict-body.js';
import { POLICY_NOTE_HEADER_SCHEMAS, policyNoteHeaders } from '../policies.js';
import { problems } from '../schemas/problem.js';
import { StackBody, StackCheckSchema, StackPolicyQuery, StackQuery } from '../schemas/stacks.js';
import { checkSentStack } from '../stacks/check.js';

const PolicyResponse = {
  description:
    "The stack's policy file (each server's starter policy with the flow-breaking rules), named in content-disposition",
  headers: POLICY_NOTE_HEADER_SCHEMAS,
  content: {
    'application/json': { schema: Type.Object({}, { additionalProperties: true }) },
    'application/yaml': { schema: Type.String() },
    'application/toml': { schema: Type.String() },
    'text/plain': { schema: Type.String() },
  },
};

/** POST /v1/stacks/check and POST /v1/stacks/policy. */
export const stackRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, { db }) => {
  app.post(
    '/v1/stacks/check',
    {
      schema: {
        summary:
          'Check a stack: the servers of MCP client configurations, their tools, and the toxic flows between them',
        tags: ['stacks'],
        querystring: StackQuery,
        body: StackBody,
        response: {
          200: {
            ...StackCheckSchema,
            description: 'The servers, tools and toxic flows of the stack, with the rules that break them',
          },
          ...problems(400, 413, 415, 429),
        },
      },
      preValidation: strictBody(StackBody),
    },
    async (request) => presentStackCheck(await checkSentStack(db, request.body.files, request.query.profile)),
  );

  app.post(
    '/v1/stacks/policy',
    {
      schema: {
        summary: "A checked stack's policy in any policy format, with the rules breaking its flows",
        tags: ['stacks'],
        querystring: StackPolicyQuery,
        body: StackBody,
        response: { 200: PolicyResponse, ...problems(400, 413, 415, 429) },
      },
      preValidation: strictBody(StackBody),
    },
    async (request, reply) => {
      const { format, profile } = request.query;
      const check = await checkSentStack(db, request.body.files, profile);
      const file = POLICY_FORMAT_FILES[parseFormat(String(format))];
      const exported = exportStackPolicy(check.policies, format);
      return reply
        .headers({
          'content-type': `${file.mediaType}; charset=utf-8`,
          'content-disposition': `attachment; filename="stack.${profile}.${file.suffix}"`,
          ...policyNoteHeaders(exported.notes),
        })
        .send(exported.text);
    },
  );
};
