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

/** Cuts text to `max` characters at a word boundary, with an ellipsis. */
export function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
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
