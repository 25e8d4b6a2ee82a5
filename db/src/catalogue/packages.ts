// A server's packages normalised for server_packages: registry type, name, version, transport and install command.

/** One package row as the catalogue stores it (server_packages without its ids). */
export interface PackageEntry {
  registryType: string;
  identifier: string;
  packageKey: string;
  version: string | null;
  transport: string | null;
  installCommand: string | null;
}

/** The key that identifies a package across sources: `npm:@scope/name`, `pypi:name`, `oci:image`. */
export function packageKey(registryType: string, identifier: string): string {
  const type = registryType.toLowerCase();
  // npm and PyPI names are case-insensitive in practice (PyPI also folds `_` and `.` into `-`, PEP 503).
  const name = type === 'pypi' ? identifier.toLowerCase().replace(/[-_.]+/g, '-') : identifier.toLowerCase();
  return `${type}:${type === 'oci' ? name.replace(/:[^/:@]+$/, '') : name}`;
}

/**
 * Reads `server.json` packages (current or legacy spelling) into rows, one per registry type and identifier
 * (the first wins), skipping entries without both.
 */
export function packageEntriesOf(packages: readonly unknown[]): PackageEntry[] {
  const entries = new Map<string, PackageEntry>();
  for (const raw of packages) {
    if (!isObject(raw)) continue;
    const registryType = text(raw.registryType) ?? text(raw.registry_name);
    const identifier = text(raw.identifier) ?? text(raw.name);
    if (registryType === undefined || identifier === undefined) continue;
    const key = `${registryType}\u0000${identifier}`;
    if (entries.has(key)) continue;
    const version = text(raw.version) ?? null;
    const transport = isObject(raw.transport) ? (text(raw.transport.type) ?? null) : null;
    entries.set(key, {
      registryType,
      identifier,
      packageKey: packageKey(registryType, identifier),
      version,
      transport,
      installCommand: installCommandOf(registryType, identifier, version, transport),
    });
  }
  return [...entries.values()];
}

/** The command that starts a stdio package with its registry's usual runner, or null when there is none. */
export function installCommandOf(
  registryType: string,
  identifier: string,
  version: string | null,
  transport: string | null,
): string | null {
  if (transport !== null && transport !== 'stdio') return null;
  const pinned = version !== null && version !== '' && version !== 'latest' ? version : null;
  switch (registryType) {
    case 'npm':
      return `npx -y ${identifier}${pinned ? `@${pinned}` : ''}`;
    case 'pypi':
      return `uvx ${identifier}${pinned ? `==${pinned}` : ''}`;
    case 'oci':
      return `docker run -i --rm ${identifier}${pinned && !/:[^/]+$/.test(identifier) ? `:${pinned}` : ''}`;
    case 'nuget':
      return `dnx ${identifier}${pinned ? `@${pinned}` : ''} --yes`;
    default:
      return null;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
