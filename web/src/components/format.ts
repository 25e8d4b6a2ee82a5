// Formatting values for display: dates, percentages, counts and paths, all deterministic.

const enc = encodeURIComponent;

/** `2025-03-14` from an ISO timestamp (UTC), or the input when it is not a date. */
export function formatDate(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : iso;
}

/** `87%` from a fraction in [0,1]. */
export function formatPercent(fraction: number): string {
  return `${Math.round(Math.min(Math.max(fraction, 0), 1) * 100)}%`;
}

/** `1 tool`, `3 tools`. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? singular : pluralForm}`;
}

/**
 * A description as pages quote it, cleaned as Python cleans a docstring: line endings unified, tabs as two spaces,
 * the first line's indentation and the indentation common to the others removed, runs of spaces inside a line and
 * trailing spaces dropped, at most one blank line in a row, trimmed. Line breaks and relative indentation stay
 * (descriptions are shown with `white-space: pre-wrap`), so lists still read as lists.
 */
export function normaliseDescription(text: string): string {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, '  ')
    .split('\n')
    .map((line) => line.replace(/[ \u00a0]+$/, ''));
  const indents = lines.slice(1).flatMap((line) => (line === '' ? [] : [indentOf(line).length]));
  const common = indents.length > 0 ? Math.min(...indents) : 0;
  return lines
    .map((line, index) => {
      const body = index === 0 ? line.replace(/^[^\S\uFEFF]+/, '') : line.slice(common);
      const indent = indentOf(body);
      return indent + body.slice(indent.length).replace(/ {2,}/g, ' ');
    })
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^[^\S\uFEFF]+|[^\S\uFEFF]+$/g, '');
}

function indentOf(line: string): string {
  return /^ */.exec(line)?.[0] ?? '';
}

/** Cuts text to `max` characters at a word boundary, with an ellipsis. */
export function truncate(text: string, max: number): string {
  // Every whitespace run but a BOM, which \s and trim() count as space: it is a hidden character pages show.
  const flat = text.replace(/[^\S\uFEFF]+/g, ' ').replace(/^ | $/g, '');
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The page path of a server. */
export function serverPath(serverId: string): string {
  return `/servers/${enc(serverId)}`;
}

/** The page path of a tool. */
export function toolPath(serverId: string, name: string): string {
  return `/servers/${enc(serverId)}/tools/${enc(name)}`;
}
