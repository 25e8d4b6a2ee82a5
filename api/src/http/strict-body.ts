// Body validation without type coercion: a string where the schema wants an array is a 400, never `["string"]`.
import type { FastifySchemaValidationError } from 'fastify';
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

/** A route `validatorCompiler` checking the body against this TypeBox schema exactly (the app's AJV coerces). */
export function strictBody(schema: TSchema) {
  const validator = Compile(schema);
  return () => (data: unknown) => {
    if (validator.Check(data)) return { value: data };
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
    return { error: new BodyValidationError(validation) };
  };
}
