// Stable, URL-safe server ids derived from names.

/** Lower-case words joined by dashes: `io.github.acme/Foo Server` → `io-github-acme-foo-server`. */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120);
  return slug === '' ? 'server' : slug;
}
