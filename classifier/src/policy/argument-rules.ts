// Argument-level rules: the parameters a classification flagged (free-form SQL, money, paths, recipients, URLs) and the checks a gateway can run on them.
import type { Classification, Evidence } from '../types.js';
import type { ArgumentRule, ArgumentRuleKind, PolicyProfile } from './model.js';

/**
 * A read statement: starts with SELECT, WITH, EXPLAIN or SHOW and holds no `;` but a trailing one.
 * Spelled without flags or lookahead so RE2-based gateways accept it too. A pattern, not a parser.
 */
export const READ_SQL_PATTERN =
  '^\\s*([Ss][Ee][Ll][Ee][Cc][Tt]|[Ww][Ii][Tt][Hh]|[Ee][Xx][Pp][Ll][Aa][Ii][Nn]|[Ss][Hh][Oo][Ww])\\b[^;]*;?\\s*$';

/** The placeholder an operator replaces with the allowed root directory (a regex fragment). */
export const PATH_ROOT_PLACEHOLDER = '/REPLACE_WITH_ALLOWED_ROOT';
/** The placeholder an operator replaces with the allowed recipients. */
export const RECIPIENT_PLACEHOLDER = 'REPLACE_WITH_ALLOWED_RECIPIENT';
/** The placeholder an operator replaces with the allowed host (a regex fragment). */
export const URL_HOST_PLACEHOLDER = 'REPLACE_WITH_ALLOWED_HOST';

/** Caps per profile, in the tool's own unit (cents or whole units: the operator checks which). */
const AMOUNT_CAP: Record<PolicyProfile, number> = { strict: 10, balanced: 100, permissive: 1000 };

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** One top-level parameter as the rules see it. */
interface Parameter {
  name: string;
  types: string[];
  description: string;
  evidence: Evidence[];
}

/** The top-level parameters of an (untrusted) input schema, with the parameter evidence that names each. */
function readParameters(inputSchema: unknown, evidence: readonly Evidence[]): Parameter[] {
  const properties = isObject(inputSchema) && isObject(inputSchema.properties) ? inputSchema.properties : {};
  const byName = new Map<string, Parameter>();
  for (const [name, raw] of Object.entries(properties)) {
    const schema = isObject(raw) ? raw : {};
    const type = schema.type;
    const types =
      typeof type === 'string'
        ? [type]
        : Array.isArray(type)
          ? type.filter((t) => typeof t === 'string')
          : [];
    const description = typeof schema.description === 'string' ? schema.description : '';
    byName.set(name, { name, types, description, evidence: [] });
  }
  for (const item of evidence) {
    if (item.source !== 'parameter') continue;
    const name = parameterNameOf(item);
    const known = byName.get(name);
    if (known) known.evidence.push(item);
    else if (name !== '') byName.set(name, { name, types: [], description: '', evidence: [item] });
  }
  // A parameter whose name holds a dot cannot be addressed as `args.<name>`.
  return [...byName.values()].filter((parameter) => /^[^.]+$/.test(parameter.name));
}

/** The parameter an evidence item points at: the last segment of its path, else its quote. */
function parameterNameOf(item: Evidence): string {
  if (item.path !== undefined) {
    const segments = item.path
      .split(/[./[\]'"$]+/)
      .filter((segment) => segment !== '' && segment !== 'properties');
    const last = segments.at(-1);
    if (last !== undefined) return last;
  }
  return item.quote.trim();
}

function accepts(parameter: Parameter, ...types: string[]): boolean {
  return parameter.types.length === 0 || parameter.types.some((type) => types.includes(type));
}

function mentions(parameter: Parameter, pattern: RegExp): boolean {
  return (
    pattern.test(parameter.name) ||
    pattern.test(parameter.description) ||
    parameter.evidence.some((item) => pattern.test(item.effect) || pattern.test(item.quote))
  );
}

/** Taxonomy "Execute": run_query/execute_sql with free-form SQL. */
function isFreeFormSql(parameter: Parameter, classification: Classification): boolean {
  if (!accepts(parameter, 'string')) return false;
  if (/sql/i.test(parameter.name)) return true;
  const queryLike = /^(query|statement|stmt|command)$/i.test(parameter.name);
  return queryLike && (mentions(parameter, /\bsql\b|select\b/i) || /\bsql\b/i.test(classification.rationale));
}

/** Taxonomy factor `financial`: an amount of money the caller chooses. */
function isMoneyAmount(parameter: Parameter, classification: Classification): boolean {
  if (!accepts(parameter, 'number', 'integer')) return false;
  if (!/amount|price|cost|total|budget|spend|fee|payment|sum$/i.test(parameter.name)) return false;
  return classification.factors.includes('financial') || mentions(parameter, /financial/i);
}

function isFilePath(parameter: Parameter): boolean {
  if (!accepts(parameter, 'string', 'array')) return false;
  return (
    /^(path|paths|file|files|filename|filepath|file_?path|dir|directory|folder|source|destination|target_?path|src|dest|cwd|root)$/i.test(
      parameter.name,
    ) || /(_|^)(path|file|dir|directory)$/i.test(parameter.name)
  );
}

function isRecipient(parameter: Parameter, classification: Classification): boolean {
  if (!accepts(parameter, 'string', 'array')) return false;
  if (!classification.factors.includes('external_comm')) return false;
  return /^(to|cc|bcc|recipients?|emails?|email_address|phone(_number)?|channel(_id)?|user_?id|chat_?id)$/i.test(
    parameter.name,
  );
}

function isOutboundUrl(parameter: Parameter, classification: Classification): boolean {
  if (!accepts(parameter, 'string')) return false;
  const sends = classification.factors.includes('external_comm') || classification.category !== 'Read';
  return sends && /(^|_)(url|uri|endpoint|webhook(_url)?|href)$/i.test(parameter.name);
}

function rule(
  kind: ArgumentRuleKind,
  parameter: Parameter,
  fields: Pick<ArgumentRule, 'conditions' | 'onFail' | 'isPlaceholder' | 'reason'>,
): ArgumentRule {
  return { name: `${kind}:${parameter.name}`, kind, parameter: parameter.name, ...fields };
}

/** The argument rules one tool's classification and input schema call for, at most one per parameter. */
export function recommendArgumentRules(
  classification: Classification,
  inputSchema: unknown,
  profile: PolicyProfile,
): ArgumentRule[] {
  const rules: ArgumentRule[] = [];
  for (const parameter of readParameters(inputSchema, classification.evidence)) {
    const path = `args.${parameter.name}`;
    if (isFreeFormSql(parameter, classification)) {
      rules.push(
        rule('sql_read_only', parameter, {
          conditions: [{ path, op: 'regex', value: READ_SQL_PATTERN }],
          onFail: 'require_approval',
          isPlaceholder: false,
          reason: `"${parameter.name}" is free-form SQL: a single SELECT/WITH/EXPLAIN/SHOW statement passes, anything else needs approval (a pattern, not a parser: keep the database connection read-only too)`,
        }),
      );
    } else if (isMoneyAmount(parameter, classification)) {
      const cap = AMOUNT_CAP[profile];
      rules.push(
        rule('amount_cap', parameter, {
          conditions: [{ path, op: 'lte', value: cap }],
          onFail: 'deny',
          isPlaceholder: true,
          reason: `"${parameter.name}" moves money (financial): at most ${cap} per call, in the tool's own unit; set your own cap`,
        }),
      );
    } else if (isRecipient(parameter, classification)) {
      rules.push(
        rule('recipient_allow_list', parameter, {
          conditions: [{ path, op: 'in', value: [RECIPIENT_PLACEHOLDER] }],
          onFail: 'deny',
          isPlaceholder: true,
          reason: `"${parameter.name}" chooses who receives content (external_comm): only allow-listed recipients; replace ${RECIPIENT_PLACEHOLDER}`,
        }),
      );
    } else if (isOutboundUrl(parameter, classification)) {
      rules.push(
        rule('url_allow_list', parameter, {
          conditions: [{ path, op: 'regex', value: `^https://${URL_HOST_PLACEHOLDER}([/?#]|$)` }],
          onFail: 'deny',
          isPlaceholder: true,
          reason: `"${parameter.name}" is a caller-chosen URL: only allow-listed hosts; replace ${URL_HOST_PLACEHOLDER} with an escaped host`,
        }),
      );
    } else if (isFilePath(parameter) && classification.risk !== 'Low') {
      rules.push(
        rule('path_roots', parameter, {
          // Segments must hold a character other than a dot, so `.` and `..` cannot climb out of the root.
          conditions: [{ path, op: 'regex', value: `^${PATH_ROOT_PLACEHOLDER}(/\\.{0,2}[^/.][^/]*)*/?$` }],
          onFail: 'deny',
          isPlaceholder: true,
          reason: `"${parameter.name}" is a file path: only paths under the allowed root, no "." or ".." segments; replace ${PATH_ROOT_PLACEHOLDER}`,
        }),
      );
    }
  }
  return rules;
}
