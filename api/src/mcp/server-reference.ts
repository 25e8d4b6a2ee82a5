// What a check_server argument names when it is no catalogue id or registry name: a package, a launch command or a URL.
import { repositoryKey } from '@toolrisk/db';

/** The catalogue keys one reference can be looked up by, the most specific first. */
export interface ServerReference {
  /** Package identifiers (npm, PyPI, OCI) as registries list them. */
  packages: string[];
  /** Spellings of a remote's URL (with and without a trailing slash). */
  urls: string[];
  /** The repository a source-hosting URL points at (`github.com/owner/repo`). */
  repositoryKey: string | null;
}

/** Launchers whose first positional argument is the package they run (`npx -y pkg`, `uvx pkg`). */
const PACKAGE_RUNNERS = new Set(['npx', 'bunx', 'pnpx', 'uvx']);
/** Launchers spelled as two words (`pnpm dlx pkg`, `pipx run pkg`). */
const TWO_WORD_RUNNERS = new Set([
  'pnpm dlx',
  'yarn dlx',
  'npm exec',
  'bun x',
  'pipx run',
  'uv run',
  'uv tool',
  'docker run',
  'podman run',
]);
/** Runner flags that take the next word as their value (so it is no package). */
const FLAGS_WITH_VALUES = new Set([
  '-e',
  '--env',
  '--env-file',
  '-v',
  '--volume',
  '--mount',
  '--name',
  '-p',
  '--publish',
  '--network',
  '-w',
  '--workdir',
  '-u',
  '--user',
  '--from',
  '--python',
  '--with',
]);
/** Package pages whose path names the package: `npmjs.com/package/<name>`, `pypi.org/project/<name>`. */
const PACKAGE_PAGES: Record<string, RegExp> = {
  'npmjs.com': /^\/package\/((?:@[^/]+\/)?[^/]+)/,
  'pypi.org': /^\/project\/([^/]+)/,
};

/** The words of a command line: split on white space, with simple single or double quotes kept together. */
function wordsOf(command: string): string[] {
  return [...command.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map(
    (match) => match[1] ?? match[2] ?? match[3] ?? '',
  );
}

/** The package a launcher runs, or undefined when the command runs no package (`node ./server.js`). */
function packageOfCommand(words: readonly string[]): string | undefined {
  const program = (words[0] ?? '').split('/').pop() ?? '';
  let rest: readonly string[];
  if (PACKAGE_RUNNERS.has(program)) rest = words.slice(1);
  else if (TWO_WORD_RUNNERS.has(`${program} ${words[1] ?? ''}`)) rest = words.slice(2);
  else return undefined;
  for (let index = 0; index < rest.length; index += 1) {
    const word = rest[index] ?? '';
    if (word === 'run' && program === 'uv') continue; // `uv tool run pkg`
    if (word.startsWith('--package=')) return word.slice('--package='.length);
    if (word === '--package' || word === '-p') {
      if (program !== 'docker' && program !== 'podman') return rest[index + 1];
    }
    if (FLAGS_WITH_VALUES.has(word)) {
      index += 1;
      continue;
    }
    if (word.startsWith('-')) continue;
    return word;
  }
  return undefined;
}

/** A package spec without its version or tag: `@scope/name@1.2` → `@scope/name`, `name==1.0` → `name`. */
function withoutVersion(spec: string): string {
  const bare = spec.replace(/^npm:/, '');
  const at = bare.indexOf('@', 1);
  if (at > 0) return bare.slice(0, at);
  const pinned = bare.search(/[=<>~!]=|[<>]/);
  if (pinned > 0) return bare.slice(0, pinned);
  // An OCI tag (`ghcr.io/org/image:1.0`) follows the last path segment's colon.
  const slash = bare.lastIndexOf('/');
  const colon = bare.indexOf(':', slash + 1);
  return colon > 0 ? bare.slice(0, colon) : bare;
}

function urlReference(text: string): ServerReference {
  const url = new URL(text);
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  const trimmed = text.replace(/\/+$/, '');
  const packagePage = PACKAGE_PAGES[host]?.exec(url.pathname)?.[1];
  return {
    packages: packagePage ? [decodeURIComponent(packagePage)] : [],
    urls: [...new Set([text, trimmed, `${trimmed}/`])],
    repositoryKey: host === 'github.com' || host === 'gitlab.com' ? repositoryKey(text) : null,
  };
}

/** The keys a package, launch command or URL can be found by; each list is empty when the text names none. */
export function parseServerReference(text: string): ServerReference {
  const trimmed = text.trim();
  if (/^https?:\/\//i.test(trimmed) && URL.canParse(trimmed)) return urlReference(trimmed);
  const words = wordsOf(trimmed);
  const spec = words.length === 1 ? words[0] : packageOfCommand(words);
  const packages = spec === undefined || spec === '' ? [] : [...new Set([spec, withoutVersion(spec)])];
  return { packages, urls: [], repositoryKey: null };
}
