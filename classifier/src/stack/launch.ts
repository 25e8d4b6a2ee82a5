// What a configured server runs: the package (npm, PyPI, OCI image) behind its command, or the URL it is reached at.
import type { LaunchIdentity } from './model.js';

/** The last path segment of a command, without a Windows `.cmd`/`.exe` ending. */
function programOf(command: string): string {
  const base = command.split(/[\\/]/).pop() ?? command;
  return base.replace(/\.(cmd|exe|bat)$/i, '').toLowerCase();
}

/** Flags of the package runners that take a value, so the value is not mistaken for the package. */
const VALUED_FLAGS = new Set([
  '-p',
  '--package',
  '--registry',
  '--cache',
  '--userconfig',
  '--from',
  '--with',
  '--python',
  '--index-url',
  '--spec',
  '-c',
  '--call',
]);

/** The first argument that is not a flag (or a flag's value); `--package X` names the package itself. */
function firstOperand(args: readonly string[]): { operand?: string; packageFlag?: string } {
  let packageFlag: string | undefined;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    if (arg === '--') return { operand: args[i + 1], packageFlag };
    if (
      (arg === '-p' || arg === '--package' || arg === '--from' || arg === '--spec') &&
      i + 1 < args.length
    ) {
      packageFlag = args[i + 1];
      i += 1;
      continue;
    }
    const inline = /^--(?:package|from|spec)=(.+)$/.exec(arg)?.[1];
    if (inline !== undefined) {
      packageFlag = inline;
      continue;
    }
    if (VALUED_FLAGS.has(arg)) {
      i += 1;
      continue;
    }
    if (arg.startsWith('-')) continue;
    return { operand: arg, packageFlag };
  }
  return { packageFlag };
}

/** `@scope/name@1.2.3` or `name@latest` → identifier and version (a dist-tag is no version). */
function npmSpec(spec: string): { identifier: string; version?: string } {
  const at = spec.lastIndexOf('@');
  if (at <= 0) return { identifier: spec };
  const version = spec.slice(at + 1);
  const identifier = spec.slice(0, at);
  return /^\d/.test(version) ? { identifier, version } : { identifier };
}

/** `name==1.2`, `name@1.2` or `name[extra]>=1` → identifier and exact version. */
function pypiSpec(spec: string): { identifier: string; version?: string } {
  const match = /^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?(?:(==|@)\s*([^\s,;]+))?/.exec(spec);
  if (!match?.[1]) return { identifier: spec };
  return match[3]
    ? { identifier: match[1].toLowerCase(), version: match[3] }
    : { identifier: match[1].toLowerCase() };
}

/** `ghcr.io/org/image:tag@sha256:…` → image and tag. */
function ociSpec(spec: string): { identifier: string; version?: string } {
  const withoutDigest = spec.split('@')[0] ?? spec;
  const colon = withoutDigest.lastIndexOf(':');
  const slash = withoutDigest.lastIndexOf('/');
  if (colon > slash) {
    const tag = withoutDigest.slice(colon + 1);
    return { identifier: withoutDigest.slice(0, colon), ...(tag === 'latest' ? {} : { version: tag }) };
  }
  return { identifier: withoutDigest };
}

/** Docker/Podman flags that take a value (so the image is found after them). */
const DOCKER_VALUED =
  /^(-e|--env|--env-file|-v|--volume|--name|--network|--net|-p|--publish|-w|--workdir|-u|--user|--mount|--entrypoint|--platform|--label|-l|--add-host|--cpus|-m|--memory|--pull|--cap-add|--cap-drop|--security-opt|--tmpfs|--device|--gpus|--hostname|--ipc|--pid|--restart|--ulimit|--dns)$/;

function dockerImage(args: readonly string[]): string | undefined {
  const run = args.indexOf('run');
  if (run === -1) return undefined;
  for (let i = run + 1; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    if (DOCKER_VALUED.test(arg)) {
      i += 1;
      continue;
    }
    if (arg.startsWith('-')) continue;
    return arg;
  }
  return undefined;
}

/** The identity of a stdio server from its command and arguments: the package a runner fetches, else the local command. */
export function identityOfCommand(command: string, args: readonly string[]): LaunchIdentity {
  const program = programOf(command);
  const local: LaunchIdentity = { kind: 'local', command: [command, ...args].join(' ') };
  let runnerArgs: readonly string[] | undefined;
  let registry: 'npm' | 'pypi' | undefined;
  if (program === 'npx' || program === 'bunx') [runnerArgs, registry] = [args, 'npm'];
  else if (
    (program === 'pnpm' || program === 'yarn' || program === 'bun') &&
    (args[0] === 'dlx' || args[0] === 'x')
  )
    [runnerArgs, registry] = [args.slice(1), 'npm'];
  else if (program === 'npm' && (args[0] === 'exec' || args[0] === 'x'))
    [runnerArgs, registry] = [args.slice(1), 'npm'];
  else if (program === 'uvx') [runnerArgs, registry] = [args, 'pypi'];
  else if (program === 'uv' && args[0] === 'tool' && args[1] === 'run')
    [runnerArgs, registry] = [args.slice(2), 'pypi'];
  else if (program === 'pipx' && args[0] === 'run') [runnerArgs, registry] = [args.slice(1), 'pypi'];
  if (runnerArgs !== undefined && registry !== undefined) {
    const { operand, packageFlag } = firstOperand(runnerArgs);
    const spec = packageFlag ?? operand;
    if (spec === undefined) return local;
    return { kind: registry, ...(registry === 'npm' ? npmSpec(spec) : pypiSpec(spec)) };
  }
  if (program === 'docker' || program === 'podman') {
    const image = dockerImage(args);
    return image === undefined ? local : { kind: 'oci', ...ociSpec(image) };
  }
  return local;
}
