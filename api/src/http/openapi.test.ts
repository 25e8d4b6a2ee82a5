// Guarantees of the OpenAPI rewrite: literals become enums, named schemas become $refs (nested too), defaulted
// query parameters become optional, and nothing else changes.
import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { collapseLiterals, refineOpenApi } from './openapi.js';

describe('collapseLiterals', () => {
  it('turns an anyOf of one-value literals into one enum, keeping its default and description', () => {
    const schema = Type.Union([Type.Literal('a'), Type.Literal('b')], { default: 'a', description: 'd' });
    expect(collapseLiterals(JSON.parse(JSON.stringify(schema)))).toEqual({
      type: 'string',
      enum: ['a', 'b'],
      default: 'a',
      description: 'd',
    });
    expect(
      collapseLiterals({
        anyOf: [
          { type: 'string', enum: ['x'] },
          { type: 'string', enum: ['y'] },
        ],
      }),
    ).toEqual({
      type: 'string',
      enum: ['x', 'y'],
    });
  });

  it('leaves unions that are not all literals of one type alone, and spells a lone const as an enum', () => {
    const nullable = { anyOf: [{ type: 'string' }, { type: 'null' }] };
    expect(collapseLiterals(nullable)).toEqual(nullable);
    const mixed = {
      anyOf: [
        { type: 'string', const: 'a' },
        { type: 'integer', const: 1 },
      ],
    };
    expect(collapseLiterals(mixed)).toEqual({
      anyOf: [
        { type: 'string', enum: ['a'] },
        { type: 'integer', enum: [1] },
      ],
    });
    expect(collapseLiterals({ enum: ['p', 'q'] })).toEqual({ type: 'string', enum: ['p', 'q'] });
  });
});

describe('refineOpenApi', () => {
  const Inner = Type.Object({ level: Type.Union([Type.Literal('Low'), Type.Literal('High')]) });
  const Outer = Type.Object({ inner: Inner, list: Type.Array(Inner) });
  const document = {
    openapi: '3.1.0',
    paths: {
      '/x': {
        get: {
          parameters: [
            { in: 'query', name: 'limit', required: true, schema: { type: 'integer', default: 3 } },
            { in: 'query', name: 'q', required: true, schema: { type: 'string' } },
            { in: 'path', name: 'id', required: true, schema: { type: 'string', default: 'z' } },
            { in: 'query', name: 'risk', schema: { enum: ['Low', 'High'] }, description: 'Only' },
          ],
          responses: {
            200: {
              description: 'ok',
              content: { 'application/json': { schema: JSON.parse(JSON.stringify(Outer)) } },
            },
          },
        },
      },
    },
    components: { schemas: {} as Record<string, unknown>, securitySchemes: { key: { type: 'http' } } },
  };

  it('refers to named schemas, nested ones included, and emits each once under components', () => {
    const refined = refineOpenApi(document, { Outer, Inner });
    expect(refined.paths['/x'].get.responses[200].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/Outer',
    });
    const components = refined.components.schemas;
    expect(components.Outer).toEqual({
      type: 'object',
      required: ['inner', 'list'],
      properties: {
        inner: { $ref: '#/components/schemas/Inner' },
        list: { type: 'array', items: { $ref: '#/components/schemas/Inner' } },
      },
    });
    expect(components.Inner).toEqual({
      type: 'object',
      required: ['level'],
      properties: { level: { type: 'string', enum: ['Low', 'High'] } },
    });
    expect(refined.components.securitySchemes).toEqual({ key: { type: 'http' } });
  });

  it('makes a defaulted query parameter optional and says an enum matches in any case; path parameters stay', () => {
    const parameters = refineOpenApi(document, {}).paths['/x'].get.parameters;
    expect(parameters.map((parameter) => [parameter.name, parameter.required ?? false])).toEqual([
      ['limit', false],
      ['q', true],
      ['id', true],
      ['risk', false],
    ]);
    expect(parameters[3]?.description).toBe('Only (any letter case)');
    expect(parameters[3]?.schema).toEqual({ type: 'string', enum: ['Low', 'High'] });
  });
});
