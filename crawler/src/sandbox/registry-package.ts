// A registry server's npm package as something to run: pinned spec, arguments from defaults, placeholder env.
import type { CrawlErrorCode } from '../errors.js';
import { npmPackageSpec, type PackageSpec } from './package-spec.js';

/** A package and how to start its server (values from registry data, run only inside the sandbox). */
export interface PackageTarget {
  spec: PackageSpec;
  args: string[];
  /** Declared variables with defaults or placeholders: never a real secret. */
  env: Record<string, string>;
}

/** Why a registry package entry cannot be introspected in the sandbox. */
export interface PackageRefusal {
  code: CrawlErrorCode;
  message: string;
}

/** The value a declared secret gets: recognisable in logs, useless anywhere. */
export const SECRET_PLACEHOLDER = 'toolrisk-placeholder-secret';

type Input = Record<string, unknown>;

function isInput(value: unknown): value is Input {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

// Per server.json's Input: a placeholder of the declared format, so a server that parses it does not stop there.
function placeholder(input: Input): string {
  if (input.isSecret === true) return SECRET_PLACEHOLDER;
  const choices = Array.isArray(input.choices) ? input.choices.filter((c) => typeof c === 'string') : [];
  if (choices[0] !== undefined) return choices[0];
  switch (input.format) {
    case 'number':
      return '1';
    case 'boolean':
      return 'false';
    case 'filepath':
      return '/tmp/toolrisk-placeholder';
    default:
      // A variable named for an address gets one a URL parser accepts (.invalid never resolves, RFC 2606).
      return /(?:URL|URI|ENDPOINT|HOST|BASE)$/i.test(text(input.name) ?? '')
        ? 'https://toolrisk-placeholder.invalid'
        : 'toolrisk-placeholder';
  }
}

// `{name}` in a value refers to the input's `variables` (server.json); each gets its default or a placeholder.
function substitute(value: string, input: Input): string {
  const variables = isInput(input.variables) ? input.variables : {};
  return value.replace(/\{([A-Za-z0-9_-]+)\}/g, (whole, name: string) => {
    const variable = variables[name];
    if (!isInput(variable)) return whole;
    return variable.isSecret !== true && typeof variable.default === 'string'
      ? variable.default
      : placeholder(variable);
  });
}

// A secret's declared default is still registry text, not a secret of ours: it is replaced all the same.
function inputValue(input: Input): string | undefined {
  if (input.isSecret === true) return input.isRequired === true ? SECRET_PLACEHOLDER : undefined;
  const given = text(input.value) ?? text(input.default);
  if (given !== undefined) return substitute(given, input);
  return input.isRequired === true ? placeholder(input) : undefined;
}

function argumentsOf(inputs: unknown): string[] {
  const args: string[] = [];
  for (const input of Array.isArray(inputs) ? inputs.filter(isInput) : []) {
    const value = inputValue(input);
    if (input.type === 'named') {
      const name = text(input.name);
      if (!name || value === undefined) continue;
      const flag = name.startsWith('-') ? name : `--${name}`;
      if (input.format === 'boolean') {
        if (value === 'true') args.push(flag);
      } else {
        args.push(flag, value);
      }
    } else if (value !== undefined) {
      args.push(value);
    }
  }
  return args;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

function environmentOf(inputs: unknown): Record<string, string> {
  const env: Record<string, string> = {};
  for (const input of Array.isArray(inputs) ? inputs.filter(isInput) : []) {
    const name = text(input.name);
    if (!name || !ENV_NAME.test(name)) continue;
    // A required secret gets the placeholder; an optional one stays unset so the server takes its no-key path.
    const value = inputValue(input);
    if (value !== undefined) env[name] = value.replaceAll('\0', '').slice(0, 4096);
  }
  return env;
}

/** The target for one registry package entry (npm over stdio), or why it has none. */
export function packageTargetFromRegistry(
  entry: Record<string, unknown>,
  serverVersion?: string,
): PackageTarget | PackageRefusal {
  const registryType = text(entry.registryType) ?? '';
  const transport = isInput(entry.transport) ? text(entry.transport.type) : undefined;
  if (registryType !== 'npm') {
    return {
      code: 'PACKAGE_UNSUPPORTED',
      message: `a ${registryType || 'untyped'} package is not an npm package`,
    };
  }
  if (transport !== undefined && transport !== 'stdio') {
    return { code: 'PACKAGE_UNSUPPORTED', message: `an npm package over ${transport} (only stdio is run)` };
  }
  const name = text(entry.identifier) ?? '';
  const spec = npmPackageSpec(name, text(entry.version) ?? serverVersion ?? '');
  if (typeof spec === 'string') return { code: 'PACKAGE_INVALID', message: spec };
  return { spec, args: argumentsOf(entry.packageArguments), env: environmentOf(entry.environmentVariables) };
}
