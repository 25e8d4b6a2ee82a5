// Normalising a listed link into a repository key, so the same server listed twice is one entry (SOURCES.md §4).

/** `github.com/owner/repo` (lower-case, no `.git`), with the subpath of a monorepo kept; other hosts host/path. */
export function repositoryKey(href: string): string | null {
  // A malformed link like `https://github.com/x/mcp_polygon))` carries the closing parentheses.
  const cleaned = href.trim().replace(/\)+$/, '');
  if (!URL.canParse(cleaned)) return null;
  const url = new URL(cleaned);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  const parts = url.pathname
    .split('/')
    .filter((part) => part !== '')
    .map((part) => decodeURIComponent(part));
  if (host === 'github.com') {
    const [owner, repo, kind, _branch, ...subpath] = parts;
    if (owner === undefined || repo === undefined) return null;
    const base = `github.com/${owner}/${repo.replace(/\.git$/i, '')}`;
    const isTree = kind === 'tree' || kind === 'blob';
    return (isTree && subpath.length > 0 ? `${base}/${subpath.join('/')}` : base).toLowerCase();
  }
  const path = parts.join('/').replace(/\.git$/i, '');
  return (path === '' ? host : `${host}/${path}`).toLowerCase();
}

/** The normalised key of a `server.json` repository (`url` plus `subfolder`), or undefined when it names none. */
export function keyOfRepository(repository: Record<string, unknown> | undefined): string | undefined {
  const url = repository?.url;
  if (typeof url !== 'string') return undefined;
  const subfolder =
    typeof repository?.subfolder === 'string' ? repository.subfolder.replace(/^\/+|\/+$/g, '') : '';
  const key = repositoryKey(url);
  if (key === null) return undefined;
  return subfolder === '' || key.endsWith(`/${subfolder.toLowerCase()}`)
    ? key
    : `${key}/${subfolder.toLowerCase()}`;
}
