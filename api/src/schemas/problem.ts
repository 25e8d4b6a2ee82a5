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
    errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
  },
  { additionalProperties: true },
);

/** A problem response as declared per status: the problem document under its own media type. */
export const ProblemResponse = {
  description: 'RFC 9457 problem details',
  content: { 'application/problem+json': { schema: ProblemSchema } },
};

/** The problem responses a route can answer, by status: `...problems(400, 404, 429)` in a response map. */
export function problems<const S extends number>(...statuses: S[]): Record<S, typeof ProblemResponse> {
  const map: Partial<Record<S, typeof ProblemResponse>> = {};
  for (const status of statuses) map[status] = ProblemResponse;
  return map as Record<S, typeof ProblemResponse>;
}
