// The JSON Schemas of both policy formats (TypeBox), their static types, and validation that names every problem.
import { type Static, type TSchema, Type } from 'typebox';
import { Compile } from 'typebox/compile';
import { ToolriskClassifierError } from '../errors.js';
import { CONDITION_OPS, RATE_WINDOWS } from './model.js';

const SCHEMA_BASE = 'https://toolrisk.dev/schemas';
const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/**
 * A map from tool name to `value`. Not `Type.Record`: its `^.*$` key pattern skips names holding a
 * newline, and a hostile tool name must not slip past validation.
 */
function toolMap<T extends TSchema>(value: T) {
  return Type.Unsafe<Record<string, Static<T>>>({ type: 'object', additionalProperties: value });
}

const ConditionOp = Type.Enum(CONDITION_OPS);
const RateWindow = Type.Enum(RATE_WINDOWS);
const ArgumentPath = Type.String({
  pattern: '^args(\\.[^.]+)+$',
  description: 'dotted path into the call: args.<name>',
});
const Reason = Type.String({ minLength: 1, maxLength: 2000 });
const Pin = Type.Object(
  { definition_sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }) },
  {
    additionalProperties: false,
    description: 'the reviewed definition; a call presenting another hash is refused',
  },
);
const HiddenTools = Type.Array(Type.String({ minLength: 1 }), { uniqueItems: true });

const GatewayCondition = Type.Object(
  {
    path: ArgumentPath,
    op: ConditionOp,
    value: Type.Optional(Type.Unknown()),
    negate: Type.Optional(
      Type.Boolean({ description: 'true: the condition holds when the comparison fails' }),
    ),
  },
  { additionalProperties: false },
);
const GatewayLimit = Type.Object(
  {
    counter: Type.String({ minLength: 1 }),
    window: RateWindow,
    max: Type.Integer({ minimum: 1 }),
    scope: Type.Union([Type.Literal('grant'), Type.Literal('global')]),
    on_deny: Type.Optional(Reason),
  },
  { additionalProperties: false },
);
const GatewayRequirement = Type.Object(
  {
    type: Type.Literal('approval'),
    unless: Type.Optional(
      Type.Array(GatewayCondition, { description: 'no approval needed when all of these hold' }),
    ),
    reason: Reason,
  },
  { additionalProperties: false },
);
const GatewayDenyIf = Type.Object(
  {
    conditions: Type.Array(GatewayCondition, { description: 'deny when all hold; empty: always deny' }),
    on_deny: Reason,
  },
  { additionalProperties: false },
);
const GatewayTool = Type.Object(
  {
    pin: Type.Optional(Pin),
    require: Type.Optional(Type.Array(GatewayRequirement)),
    deny_if: Type.Optional(Type.Array(GatewayDenyIf)),
    limits: Type.Optional(Type.Array(GatewayLimit)),
  },
  { additionalProperties: false },
);

/** JSON Schema of the hosted gateway JSON format. */
export const GatewayPolicySchema = Type.Object(
  {
    version: Type.Literal('1'),
    default: Type.Union([Type.Literal('deny'), Type.Literal('allow')]),
    hide: Type.Optional(HiddenTools),
    all_tools: Type.Optional(
      Type.Object({ limits: Type.Optional(Type.Array(GatewayLimit)) }, { additionalProperties: false }),
    ),
    tools: toolMap(GatewayTool),
  },
  {
    $schema: JSON_SCHEMA_DIALECT,
    $id: `${SCHEMA_BASE}/gateway-policy.schema.json`,
    title: 'toolrisk hosted gateway policy',
    additionalProperties: false,
  },
);
/** A parsed hosted gateway policy. */
export type GatewayPolicy = Static<typeof GatewayPolicySchema>;
/** One condition of the gateway format. */
export type GatewayCondition = Static<typeof GatewayCondition>;
/** One rate limit of the gateway format. */
export type GatewayLimit = Static<typeof GatewayLimit>;
/** One tool entry of the gateway format. */
export type GatewayTool = Static<typeof GatewayTool>;

const InterceptCondition = Type.Object(
  { path: ArgumentPath, op: ConditionOp, value: Type.Optional(Type.Unknown()) },
  { additionalProperties: false },
);
const InterceptRule = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    action: Type.Optional(
      Type.Union([Type.Literal('evaluate'), Type.Literal('deny'), Type.Literal('require_approval')], {
        description:
          'evaluate (default): deny unless all conditions hold; deny / require_approval: unless all hold, or always when there are none',
      }),
    ),
    conditions: Type.Optional(Type.Array(InterceptCondition)),
    rate_limit: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,8}/(minute|hour|day)$' })),
    approval_timeout: Type.Optional(Type.String({ pattern: '^[1-9][0-9]*(s|m|h)$' })),
    on_deny: Type.Optional(Reason),
  },
  { additionalProperties: false },
);
const InterceptTool = Type.Object(
  { pin: Type.Optional(Pin), rules: Type.Array(InterceptRule) },
  { additionalProperties: false },
);

/** JSON Schema of the Intercept-style YAML format (as parsed to JSON). */
export const InterceptPolicySchema = Type.Object(
  {
    version: Type.Literal('1'),
    default: Type.Union([Type.Literal('allow'), Type.Literal('deny')]),
    hide: Type.Optional(HiddenTools),
    tools: toolMap(InterceptTool),
  },
  {
    $schema: JSON_SCHEMA_DIALECT,
    $id: `${SCHEMA_BASE}/intercept-policy.schema.json`,
    title: 'toolrisk Intercept-style policy',
    additionalProperties: false,
  },
);
/** A parsed Intercept-style policy. */
export type InterceptPolicy = Static<typeof InterceptPolicySchema>;
/** One rule of the Intercept-style format. */
export type InterceptRule = Static<typeof InterceptRule>;
/** One condition of the Intercept-style format. */
export type InterceptCondition = Static<typeof InterceptCondition>;

const gatewayValidator = Compile(GatewayPolicySchema);
const interceptValidator = Compile(InterceptPolicySchema);

/** Every schema problem of a value, as `instancePath message` lines; empty when it is valid. */
function schemaProblems(
  validator: { Errors: (value: unknown) => { instancePath: string; message: string }[] },
  value: unknown,
): string[] {
  return validator.Errors(value).map((error) => `${error.instancePath || '/'} ${error.message}`);
}

function assertValid<T>(
  check: (value: unknown) => value is T,
  problems: () => string[],
  value: unknown,
  what: string,
): T {
  if (check(value)) return value;
  const list = problems();
  throw new ToolriskClassifierError('POLICY_INVALID', `invalid ${what}: ${list.slice(0, 10).join('; ')}`, {
    context: { problems: list },
  });
}

/** Returns `value` as a GatewayPolicy, or throws POLICY_INVALID naming every problem by JSON pointer. */
export function parseGatewayPolicy(value: unknown): GatewayPolicy {
  return assertValid(
    (v): v is GatewayPolicy => gatewayValidator.Check(v),
    () => schemaProblems(gatewayValidator, value),
    value,
    'gateway policy',
  );
}

/** Returns `value` as an InterceptPolicy, or throws POLICY_INVALID naming every problem by JSON pointer. */
export function parseInterceptPolicy(value: unknown): InterceptPolicy {
  return assertValid(
    (v): v is InterceptPolicy => interceptValidator.Check(v),
    () => schemaProblems(interceptValidator, value),
    value,
    'Intercept-style policy',
  );
}

/** Runs a validation of our own output; a failure is a bug, reported as POLICY_INVALID saying so. */
export function assertGenerated<T>(validate: () => T): T {
  try {
    return validate();
  } catch (error) {
    if (!(error instanceof ToolriskClassifierError)) throw error;
    throw new ToolriskClassifierError(
      'POLICY_INVALID',
      `toolrisk generated a policy its own schema rejects (a bug): ${error.message}`,
      {
        cause: error,
        context: error.context,
      },
    );
  }
}

/** The shipped schema files (classifier/schemas/) and the TypeBox schema each must equal. */
export const POLICY_SCHEMA_FILES = {
  'gateway-policy.schema.json': GatewayPolicySchema,
  'intercept-policy.schema.json': InterceptPolicySchema,
} as const;
