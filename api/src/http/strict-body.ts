// Body validation without type coercion: a string where the schema wants an array is a 400, never `["string"]`.
import type { FastifyRequest, FastifySchemaValidationError } from 'fastify';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';

/** The error fastify's error handler reads: 400 with the issues in `validation`. */
class BodyValidationError extends Error {
  readonly statusCode = 400;
  readonly code = 'FST_ERR_VALIDATION';
  readonly validationContext = 'body';
  constructor(readonly validation: FastifySchemaValidationError[]) {
    super(validation.map((issue) => `body${issue.instancePath} ${issue.message}`).join(', '));
  }
}

/**
 * A route `preValidation` hook checking the body against this TypeBox schema exactly, before the app's AJV
 * (which coerces types for query strings) sees it: a body that passes here has nothing left to coerce.
 */
export function strictBody(schema: TSchema) {
  const validator = Compile(schema);
  return async (request: FastifyRequest) => {
    const data = request.body;
    if (validator.Check(data)) return;
    const validation = validator
      .Errors(data)
      .slice(0, 10)
      .map((issue) => ({
        keyword: issue.keyword,
        instancePath: issue.instancePath,
        schemaPath: issue.schemaPath,
        params: { ...issue.params },
        message: issue.message,
      }));
    throw new BodyValidationError(validation);
  };
}
