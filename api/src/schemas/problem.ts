// The problem+json response schema shared by every route's error statuses.
import { Type } from 'typebox';

/** RFC 9457 problem details with our stable code and the request id. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String(),
    detail: Type.String(),
    instance: Type.String(),
    requestId: Type.String(),
    errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
  },
  { additionalProperties: true },
);

/** The problem responses a route can answer, by status: `...problems(400, 404, 429)` in a response map. */
export function problems<const S extends number>(...statuses: S[]): Record<S, typeof ProblemSchema> {
  const map: Partial<Record<S, typeof ProblemSchema>> = {};
  for (const status of statuses) map[status] = ProblemSchema;
  return map as Record<S, typeof ProblemSchema>;
}
