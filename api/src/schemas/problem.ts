// The problem+json response schema shared by every route's error statuses.
import { Type } from 'typebox';
import { API_ERROR_STATUS } from '../errors.js';

/** RFC 9457 problem details with our stable code and the request id. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String({ description: `One of: ${Object.keys(API_ERROR_STATUS).join(', ')}.` }),
    detail: Type.String(),
    instance: Type.String(),
    requestId: Type.String(),
    outcome: Type.Optional(
      Type.Union([Type.Literal('not-applied'), Type.Literal('unknown')], {
        description:
          'On a 503 to a write: `not-applied` when nothing was written (retry it), `unknown` when the database stopped answering after the write was sent (read it back before retrying)',
      }),
    ),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          path: Type.String({
            description: 'Where: `/querystring/limit`, `/params/id`, `/body/tools/3/name`',
          }),
          message: Type.String(),
          allowed: Type.Optional(
            Type.Array(Type.String(), {
              description: 'The values the field takes, when it takes one of a list',
            }),
          ),
        }),
      ),
    ),
  },
  { additionalProperties: true, description: 'RFC 9457 problem details with a stable `code`' },
);

/** A problem response as declared per status: the problem document under its own media type. */
interface ProblemResponse {
  description: string;
  content: { 'application/problem+json': { schema: typeof ProblemSchema } };
}

/** The response of one error status, described by the codes it can carry (`400: VALIDATION_FAILED, ...`). */
function problemResponse(status: number): ProblemResponse {
  const codes = Object.entries(API_ERROR_STATUS).flatMap(([code, of]) => (of === status ? [code] : []));
  return {
    description: `Problem details; \`code\` is ${codes.length > 0 ? codes.join(', ') : 'INTERNAL'}`,
    content: { 'application/problem+json': { schema: ProblemSchema } },
  };
}

/** The problem responses a route can answer, by status: `...problems(400, 404, 429)` in a response map. */
export function problems<const S extends number>(...statuses: S[]): Record<S, ProblemResponse> {
  const map: Partial<Record<S, ProblemResponse>> = {};
  for (const status of statuses) map[status] = problemResponse(status);
  return map as Record<S, ProblemResponse>;
}
